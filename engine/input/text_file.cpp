#include "input/text_file.hpp"

#include <fstream>
#include <sstream>

#include "input/yaml_reader.hpp"

namespace tonus::input {

std::optional<std::string> readTextFile(const std::filesystem::path& path) {
  // A folder opens like a file on Linux and fails only when read: refuse it first.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return std::nullopt;
  try {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return text.str();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string readInputFile(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) throw InputError(path.string() + ": file not found", {path.string(), 0, 0, ""});
  if (std::filesystem::is_directory(status)) {
    throw InputError(path.string() + ": is a folder; give a file", {path.string(), 0, 0, ""});
  }
  std::optional<std::string> text = readTextFile(path);
  if (!text) throw InputError(path.string() + ": cannot read the file", {path.string(), 0, 0, ""});
  return std::move(*text);
}

}  // namespace tonus::input
