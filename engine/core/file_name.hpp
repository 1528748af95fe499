#pragma once
// A name that becomes one file or folder name (a scenario's name names results/<name> and its
// ParaView series): not empty, no path separator, no "..", no control character, at most 120
// bytes. Letters of any script are fine.
#include <optional>
#include <string>

namespace tonus {

// Why `name` is not a plain file name (a rule to show the user), or nothing when it is one.
std::optional<std::string> whyNotPlainFileName(const std::string& name);

}  // namespace tonus
