#pragma once
// Writing a results directory without ever leaving it half-written: files are written into
// a sibling staging directory, which replaces the target only when everything succeeded.
#include <filesystem>
#include <functional>

namespace tonus::io {

// Calls write(staging_dir) and then atomically renames the staging directory to `target`
// (replacing an earlier result there). If write throws, the staging directory is removed
// and `target` is left as it was.
void writeDirectoryAtomically(const std::filesystem::path& target,
                              const std::function<void(const std::filesystem::path&)>& write);

}  // namespace tonus::io
