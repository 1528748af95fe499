#pragma once
// What Tonus may replace. Every folder Tonus writes holds a manifest, `.tonus-output`, that
// lists the files it wrote there (a folder inside with a manifest of its own answers for
// itself). A folder is replaced only while it holds nothing but those files; a file is
// overwritten only when a manifest lists it or, for a picture, when it carries Tonus's mark.
// Everything else is refused with a UserError that names the path, says why and what to do.
#include <filesystem>
#include <string>
#include <vector>

namespace tonus::results {

inline constexpr const char* kManifestName = ".tonus-output";
// The PNG text chunk (key, value prefix) that marks a picture Tonus drew.
inline constexpr const char* kPictureMarkKey = "Software";
inline constexpr const char* kPictureMarkValue = "Tonus";

// What a command reads: its output must not be one of these, nor a folder above one.
using Inputs = std::vector<std::filesystem::path>;

// A folder the command will create or replace as a whole. `option` is how the user named it
// (e.g. "--out"), for the message.
void checkFolderTarget(const std::filesystem::path& folder, const Inputs& inputs, const std::string& option);
// A single file the command will write: new, or one Tonus wrote before.
void checkFileTarget(const std::filesystem::path& file, const Inputs& inputs, const std::string& option);

// Lists every file now in `folder` as Tonus's (called once a whole folder has been written).
void writeManifest(const std::filesystem::path& folder, const std::string& command);
// Adds a file Tonus has just written to the manifest of the Tonus folder around it, if any.
void recordWritten(const std::filesystem::path& file);
bool isTonusFolder(const std::filesystem::path& folder);
// True when the file is a PNG that carries Tonus's mark.
bool isTonusPicture(const std::filesystem::path& file);
// The mark of a lesson page (`tonus export-web`), in its head, and whether a file carries it.
inline constexpr const char* kLessonMark = "<meta name=\"generator\" content=\"Tonus export-web\">";
bool isTonusLesson(const std::filesystem::path& file);
// The mark of an OpenSim model or motion (`tonus export-osim`), in its first lines, and whether
// a file carries it.
inline constexpr const char* kOpenSimMark = "Tonus export-osim";
bool isTonusOpenSimFile(const std::filesystem::path& file);

// `path` made absolute, with links and dot segments resolved as far as it exists.
std::filesystem::path resolvedPath(const std::filesystem::path& path);
// True when `outer` is `inner` or a folder above it (both resolved).
bool isSameOrAbove(const std::filesystem::path& outer, const std::filesystem::path& inner);

}  // namespace tonus::results
