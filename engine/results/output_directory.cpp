#include "results/output_directory.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include "core/errors.hpp"

namespace tonus::results {
namespace {

namespace fs = std::filesystem;

// `.NAME.partial-PID` (and `.NAME.previous-PID`, from before the exchange rename), beside NAME.
std::string stagingPrefix(const fs::path& target, const char* kind) {
  std::string prefix = ".";
  prefix += target.filename().string();
  prefix += '.';
  prefix += kind;
  prefix += '-';
  return prefix;
}

// True while `pid` is a running tonus (a concurrent write to the same target).
bool tonusIsRunning(long pid) {
  if (pid <= 0 || pid == ::getpid()) return pid == ::getpid();
  if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return false;
  std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
  std::string name;
  std::getline(comm, name);
  return name == "tonus";
}

// Puts `staging` where `target` is: exchanged with an existing folder in one rename (the old
// one, now at `staging`, is then removed), or simply renamed when there is none.
void putInPlace(const fs::path& staging, const fs::path& target) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(target, ec))) {
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
      fs::remove_all(staging, ec);
      return;
    }
    // File systems without the exchange: move the old result aside, then the new one in.
    const fs::path previous = target.parent_path() / (stagingPrefix(target, "previous") + std::to_string(::getpid()));
    fs::rename(target, previous, ec);
    if (ec) throw UserError("cannot replace '" + target.string() + "': " + ec.message());
    fs::rename(staging, target, ec);
    if (ec) {
      std::error_code back;
      fs::rename(previous, target, back);
      throw UserError("cannot replace '" + target.string() + "': " + ec.message());
    }
    fs::remove_all(previous, ec);
    return;
  }
  fs::rename(staging, target, ec);
  if (ec) throw UserError("cannot write '" + target.string() + "': " + ec.message());
}

// True inside a folder being written (`.NAME.partial-PID`): its manifest is written whole at
// the end, so files added there need no bookkeeping of their own.
bool insideStaging(const fs::path& path) {
  for (const fs::path& part : path.parent_path()) {
    const std::string name = part.string();
    if (!name.empty() && name[0] == '.' && name.find(".partial-") != std::string::npos) return true;
  }
  return false;
}

}  // namespace

void removeStaleStaging(const fs::path& target) {
  const fs::path absolute = resolvedPath(target);
  std::error_code ec;
  fs::directory_iterator it(absolute.parent_path(), ec), end;
  if (ec) return;
  for (; it != end; it.increment(ec)) {
    if (ec) return;
    const std::string name = it->path().filename().string();
    for (const char* kind : {"partial", "previous"}) {
      const std::string prefix = stagingPrefix(absolute, kind);
      if (name.compare(0, prefix.size(), prefix) != 0) continue;
      const std::string digits = name.substr(prefix.size());
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
      // Only Tonus's own staging: a folder holding a manifest (or a single file's staging
      // copy), whose writer has gone.
      const fs::file_status status = it->symlink_status(ec);
      const bool staged_folder = fs::is_directory(status) && isTonusFolder(it->path());
      const bool staged_file = fs::is_regular_file(status) && std::string(kind) == "partial";
      if (!staged_folder && !staged_file) continue;
      if (tonusIsRunning(std::stol(digits))) continue;
      fs::remove_all(it->path(), ec);
    }
  }
}

void writeDirectoryAtomically(const fs::path& target, const FolderRequest& request,
                              const std::function<void(const fs::path&)>& write) {
  checkFolderTarget(target, request.inputs, request.option);
  const fs::path absolute = resolvedPath(target);
  const fs::path parent = absolute.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw UserError("cannot create the folder '" + parent.string() + "': " + ec.message());
  removeStaleStaging(absolute);
  const fs::path staging = parent / (stagingPrefix(absolute, "partial") + std::to_string(::getpid()));
  fs::remove_all(staging, ec);
  fs::create_directory(staging, ec);
  if (ec) throw UserError("cannot write to '" + parent.string() + "': " + ec.message());
  try {
    // Marked from the start, so a staging folder left by a killed run is known as Tonus's.
    std::ofstream(staging / kManifestName) << "# Being written by tonus (process " << ::getpid() << ").\n";
    write(staging);
    writeManifest(staging, request.command);
    putInPlace(staging, absolute);
  } catch (...) {
    fs::remove_all(staging, ec);
    throw;
  }
}

void writeFileAtomically(const fs::path& target, const Inputs& inputs, const std::string& option,
                         const std::function<void(const fs::path&)>& write) {
  checkFileTarget(target, inputs, option);
  const fs::path absolute = resolvedPath(target);
  std::error_code ec;
  if (!fs::is_directory(absolute.parent_path(), ec)) {
    throw UserError((option.empty() ? "" : option + " ") + target.string() + ": the folder " +
                    absolute.parent_path().string() + " does not exist; create it first");
  }
  const bool bookkeeping = !insideStaging(absolute);
  if (bookkeeping) removeStaleStaging(absolute);
  const fs::path staging = absolute.parent_path() / (stagingPrefix(absolute, "partial") + std::to_string(::getpid()));
  try {
    write(staging);
    if (!fs::is_regular_file(staging, ec)) throw UserError("could not write '" + target.string() + "'");
    fs::rename(staging, absolute, ec);
    if (ec) throw UserError("cannot write '" + target.string() + "': " + ec.message());
  } catch (...) {
    fs::remove(staging, ec);
    throw;
  }
  if (bookkeeping) recordWritten(absolute);
}

void ensureOutputFolder(const fs::path& folder, const std::string& command) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(folder, ec))) return;
  fs::create_directories(folder, ec);
  if (ec) throw UserError("cannot create the folder '" + folder.string() + "': " + ec.message());
  writeManifest(folder, command);
}

}  // namespace tonus::results
