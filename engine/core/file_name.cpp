#include "core/file_name.hpp"

namespace tonus {

std::optional<std::string> whyNotPlainFileName(const std::string& name) {
  if (name.find_first_not_of(" \t") == std::string::npos) return "must not be empty";
  if (name.find_first_of("/\\") != std::string::npos) return "must be a plain name without '/' or '\\'";
  if (name.find("..") != std::string::npos || name == ".") return "must not be '.' or contain '..'";
  for (const unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) return "must not contain control characters such as a tab or a new line";
  }
  if (name.size() > 120) return "must be at most 120 bytes long";
  return std::nullopt;
}

}  // namespace tonus
