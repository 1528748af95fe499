#include "io/output_directory.hpp"

#include <unistd.h>

#include <string>

#include "core/errors.hpp"

namespace tonus::io {

void writeDirectoryAtomically(const std::filesystem::path& target,
                              const std::function<void(const std::filesystem::path&)>& write) {
  namespace fs = std::filesystem;
  const fs::path absolute = fs::absolute(target).lexically_normal();
  const fs::path parent = absolute.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw UserError("cannot create output directory '" + parent.string() + "': " + ec.message());
  const fs::path staging = parent / ("." + absolute.filename().string() + ".partial-" + std::to_string(::getpid()));
  fs::remove_all(staging);
  fs::create_directory(staging, ec);
  if (ec) throw UserError("cannot write to '" + parent.string() + "': " + ec.message());
  try {
    write(staging);
  } catch (...) {
    fs::remove_all(staging, ec);
    throw;
  }
  // Swap in the finished directory; an earlier result is only removed once the new one exists.
  const fs::path previous = parent / ("." + absolute.filename().string() + ".previous-" + std::to_string(::getpid()));
  const bool had_previous = fs::exists(absolute);
  if (had_previous) fs::rename(absolute, previous);
  fs::rename(staging, absolute);
  if (had_previous) fs::remove_all(previous, ec);
}

}  // namespace tonus::io
