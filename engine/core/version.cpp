#include "core/version.hpp"

namespace tonus {
std::string_view version() { return TONUS_VERSION; }
}  // namespace tonus
