#pragma once
// Writing a folder as a whole, never leaving it half-written and never replacing what Tonus
// did not write: the target is checked first (io/tonus_folder.hpp); files are written into a
// hidden staging folder beside it (`.NAME.partial-PID`), which takes the target's place only
// when everything is written. An earlier Tonus result there is swapped out in one atomic
// rename (Linux renameat2 RENAME_EXCHANGE) and then removed.
#include <filesystem>
#include <functional>
#include <string>

#include "results/tonus_folder.hpp"

namespace tonus::results {

struct FolderRequest {
  std::string command;           // e.g. "tonus run", recorded in the manifest
  std::string option = "--out";  // how the user named the folder, for messages
  Inputs inputs;                 // what the command reads: never inside the folder's reach
};

// Checks `target`, removes stale staging folders of earlier killed writes to it, calls
// write(staging), lists the files in the staging folder's manifest and puts it in place.
// If write throws, the staging folder is removed and `target` is left as it was.
void writeDirectoryAtomically(const std::filesystem::path& target, const FolderRequest& request,
                              const std::function<void(const std::filesystem::path&)>& write);

// A single file the same way: checked (new, or Tonus's own), written under a hidden name beside
// it, renamed into place, and added to the manifest of the Tonus folder around it, if any.
void writeFileAtomically(const std::filesystem::path& target, const Inputs& inputs, const std::string& option,
                         const std::function<void(const std::filesystem::path&)>& write);

// A folder for files a command adds one by one (charts): created with an empty manifest when
// new, so that it counts as Tonus's; an existing folder is left as it is.
void ensureOutputFolder(const std::filesystem::path& folder, const std::string& command);

// Staging folders and files of `target` left by writers that are no longer running, removed.
void removeStaleStaging(const std::filesystem::path& target);

}  // namespace tonus::results
