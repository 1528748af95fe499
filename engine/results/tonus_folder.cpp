#include "results/tonus_folder.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>

#include "core/errors.hpp"
#include "core/version.hpp"
#include "input/text_file.hpp"

namespace tonus::results {
namespace {

namespace fs = std::filesystem;

// How many unexpected entries a refusal names before "and N more".
constexpr std::size_t kNamed = 3;

// The relative paths a folder's manifest lists; nothing when it has none.
std::optional<std::set<std::string>> readManifest(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(folder / kManifestName, ec))) return std::nullopt;
  const std::optional<std::string> text = input::readTextFile(folder / kManifestName);
  if (!text) return std::nullopt;
  std::set<std::string> listed;
  std::size_t start = 0;
  while (start < text->size()) {
    std::size_t end = text->find('\n', start);
    if (end == std::string::npos) end = text->size();
    const std::string line = text->substr(start, end - start);
    if (!line.empty() && line[0] != '#') listed.insert(line);
    start = end + 1;
  }
  return listed;
}

// Every folder on the way to a listed file counts as listed too.
std::set<std::string> foldersOf(const std::set<std::string>& files) {
  std::set<std::string> folders;
  for (const std::string& f : files) {
    for (fs::path p = fs::path(f).parent_path(); !p.empty(); p = p.parent_path()) folders.insert(p.generic_string());
  }
  return folders;
}

// Entries below `dir` that the manifest of `top` does not account for, as paths relative to
// `report_root`; a folder with a manifest of its own is checked against that one.
void findStrangers(const fs::path& top, const std::set<std::string>& files, const std::set<std::string>& folders,
                   const fs::path& dir, const fs::path& report_root, std::vector<std::string>& strangers) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  if (ec) throw UserError(dir.string() + ": cannot look inside it (" + ec.message() + ")");
  for (; it != end; it.increment(ec)) {
    if (ec) throw UserError(dir.string() + ": cannot look inside it (" + ec.message() + ")");
    const fs::path path = it->path();
    const std::string relative = path.lexically_relative(top).generic_string();
    const std::string shown = path.lexically_relative(report_root).generic_string();
    const fs::file_status status = it->symlink_status(ec);
    if (fs::is_directory(status)) {
      if (const auto own = readManifest(path)) {
        findStrangers(path, *own, foldersOf(*own), path, report_root, strangers);
      } else if (folders.count(relative)) {
        findStrangers(top, files, folders, path, report_root, strangers);
      } else {
        strangers.push_back(shown + "/");
      }
    } else if (!(fs::is_regular_file(status) && (relative == kManifestName || files.count(relative)))) {
      strangers.push_back(shown);
    }
  }
}

std::string listed(const std::vector<std::string>& names) {
  std::vector<std::string> sorted = names;
  std::sort(sorted.begin(), sorted.end());
  std::string out;
  for (std::size_t i = 0; i < sorted.size() && i < kNamed; ++i) out += (i ? ", " : "") + sorted[i];
  if (sorted.size() > kNamed) out += " and " + std::to_string(sorted.size() - kNamed) + " more";
  return out;
}

// Regular files below `dir` (relative to `top`), leaving out folders that have their own manifest.
void filesBelow(const fs::path& top, const fs::path& dir, std::vector<std::string>& out) {
  for (const auto& entry : fs::directory_iterator(dir)) {
    const fs::file_status status = entry.symlink_status();
    if (fs::is_directory(status)) {
      if (!fs::exists(entry.path() / kManifestName)) filesBelow(top, entry.path(), out);
    } else if (fs::is_regular_file(status)) {
      const std::string relative = entry.path().lexically_relative(top).generic_string();
      if (relative != kManifestName) out.push_back(relative);
    }
  }
}

// The nearest folder at or above `dir` that holds a manifest.
std::optional<fs::path> enclosingTonusFolder(const fs::path& dir) {
  for (fs::path p = dir; !p.empty(); p = p.parent_path()) {
    std::error_code ec;
    if (fs::is_regular_file(fs::symlink_status(p / kManifestName, ec))) return p;
    if (p == p.root_path()) break;
  }
  return std::nullopt;
}

std::uint32_t bigEndian(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

}  // namespace

fs::path resolvedPath(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) absolute = path;
  fs::path resolved = fs::weakly_canonical(absolute, ec);
  if (ec) resolved = absolute.lexically_normal();
  // "a/b/" and "a/b" are the same folder.
  if (resolved.has_parent_path() && resolved.filename().empty()) resolved = resolved.parent_path();
  return resolved;
}

bool isSameOrAbove(const fs::path& outer, const fs::path& inner) {
  auto i = inner.begin();
  for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
    if (o->empty()) continue;
    if (i == inner.end() || *o != *i) return false;
  }
  return true;
}

bool isTonusFolder(const fs::path& folder) { return readManifest(folder).has_value(); }

bool isTonusPicture(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::array<unsigned char, 8> signature{};
  if (!in.read(reinterpret_cast<char*>(signature.data()), 8)) return false;
  constexpr std::array<unsigned char, 8> kPng = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (signature != kPng) return false;
  // Chunks before the image data: length, type, data, CRC. The mark is a tEXt chunk.
  const std::string key = kPictureMarkKey, value = kPictureMarkValue;
  for (int chunk = 0; chunk < 64; ++chunk) {
    std::array<unsigned char, 8> head{};
    if (!in.read(reinterpret_cast<char*>(head.data()), 8)) return false;
    const std::uint32_t length = bigEndian(head.data());
    const std::string type(reinterpret_cast<const char*>(head.data() + 4), 4);
    if (type == "IDAT" || type == "IEND" || length > (1u << 20)) return false;
    std::string data(length, '\0');
    if (!in.read(data.data(), length)) return false;
    in.ignore(4);
    if (type == "tEXt" && data.size() > key.size() && data.compare(0, key.size() + 1, key + '\0') == 0 &&
        data.compare(key.size() + 1, value.size(), value) == 0) {
      return true;
    }
  }
  return false;
}

bool isTonusLesson(const fs::path& file) {
  // The mark sits in the page's head, within its first kilobyte.
  std::ifstream in(file, std::ios::binary);
  std::string head(1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head.rfind("<!doctype html>", 0) == 0 && head.find(kLessonMark) != std::string::npos;
}

bool isTonusOpenSimFile(const fs::path& file) {
  // The mark sits in the model's first comment, or in the motion's header.
  std::ifstream in(file, std::ios::binary);
  std::string head(1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  const bool model = head.rfind("<?xml", 0) == 0, motion = head.rfind("Coordinates\n", 0) == 0;
  return (model || motion) && head.find(kOpenSimMark) != std::string::npos;
}

void checkFolderTarget(const fs::path& folder, const Inputs& inputs, const std::string& option) {
  const std::string shown = option.empty() ? folder.string() : option + " " + folder.string();
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(folder, ec);
  if (!fs::exists(status)) return;  // a new folder
  if (fs::is_symlink(status)) {
    throw UserError(shown + ": is a symbolic link; Tonus does not replace links. Give the folder's own path, or a new folder");
  }
  if (!fs::is_directory(status)) {
    throw UserError(shown + ": is a file, not a folder; Tonus will not replace it. Choose a new folder name");
  }
  const fs::path target = resolvedPath(folder);
  const fs::path here = resolvedPath(fs::current_path(ec));
  if (isSameOrAbove(target, here)) {
    throw UserError(shown + ": is the working folder or a folder above it; writing there would replace everything in "
                    "it. Choose a new folder, such as results/NAME");
  }
  for (const fs::path& input : inputs) {
    if (isSameOrAbove(target, resolvedPath(input))) {
      throw UserError(shown + ": holds " + input.string() + ", which this command reads; writing there would replace "
                      "it. Choose another folder");
    }
  }
  if (fs::is_empty(folder, ec)) return;
  const std::optional<std::set<std::string>> files = readManifest(folder);
  if (!files) {
    throw UserError(shown + ": exists, is not empty, and was not written by Tonus (it has no " +
                    std::string(kManifestName) + "); Tonus replaces only folders it wrote. Choose a new or empty "
                    "folder, or move its contents elsewhere");
  }
  std::vector<std::string> strangers;
  findStrangers(folder, *files, foldersOf(*files), folder, folder, strangers);
  if (!strangers.empty()) {
    throw UserError(shown + ": holds files Tonus did not write (" + listed(strangers) +
                    "), which replacing the folder would delete. Move them out, or choose another folder");
  }
}

void checkFileTarget(const fs::path& file, const Inputs& inputs, const std::string& option) {
  const std::string shown = option.empty() ? file.string() : option + " " + file.string();
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(file, ec);
  if (!fs::exists(status)) return;  // a new file
  if (fs::is_symlink(status)) throw UserError(shown + ": is a symbolic link; Tonus does not write through links. Choose another name");
  if (fs::is_directory(status)) throw UserError(shown + ": is a folder; give the name of a file to write");
  if (!fs::is_regular_file(status)) throw UserError(shown + ": is not a regular file; choose another name");
  const fs::path target = resolvedPath(file);
  for (const fs::path& input : inputs) {
    if (target == resolvedPath(input)) throw UserError(shown + ": is a file this command reads; choose another name");
  }
  if (const auto folder = enclosingTonusFolder(target.parent_path())) {
    const auto files = readManifest(*folder);
    if (files && files->count(target.lexically_relative(*folder).generic_string())) return;
  }
  if (isTonusPicture(file) || isTonusLesson(file) || isTonusOpenSimFile(file)) return;
  throw UserError(shown + ": exists and Tonus did not write it; Tonus overwrites only its own files. Choose another "
                  "name, or remove the file yourself");
}

void writeManifest(const fs::path& folder, const std::string& command) {
  std::vector<std::string> files;
  filesBelow(folder, folder, files);
  std::sort(files.begin(), files.end());
  std::ofstream out(folder / kManifestName);
  out << "# Written by tonus " << version() << " (" << command << ").\n"
      << "# Tonus replaces this folder only while it holds nothing but the files listed here:\n"
      << "# keep your own files elsewhere.\n";
  for (const std::string& f : files) out << f << '\n';
  if (!out) throw UserError("could not write '" + (folder / kManifestName).string() + "'");
}

void recordWritten(const fs::path& file) {
  const fs::path target = resolvedPath(file);
  const auto folder = enclosingTonusFolder(target.parent_path());
  if (!folder) return;
  const std::string relative = target.lexically_relative(*folder).generic_string();
  const auto files = readManifest(*folder);
  if (!files || files->count(relative)) return;
  std::ofstream out(*folder / kManifestName, std::ios::app);
  out << relative << '\n';
  if (!out) throw UserError("could not write '" + (*folder / kManifestName).string() + "'");
}

}  // namespace tonus::results
