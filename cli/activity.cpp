#include "activity.hpp"

namespace tonus::cli {
namespace {

std::string g_activity = "reading the command line";

}  // namespace

void setActivity(std::string what) { g_activity = std::move(what); }
const std::string& activity() { return g_activity; }

}  // namespace tonus::cli
