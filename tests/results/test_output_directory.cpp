// The user's files are sacred: Tonus writes a folder whole or not at all, replaces only a
// folder (or file) it wrote itself and that holds nothing else, and never the working folder,
// a folder above it or above an input. Refusals name the path and say what to do.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "core/errors.hpp"
#include "results/output_directory.hpp"

namespace tonus::results {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

fs::path freshDir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("tonus_test_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string readAll(const fs::path& p) {
  std::ifstream f(p);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

void writeText(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

const FolderRequest kRun{"tonus run (test)", "--out", {}};

// The message of the UserError `act` throws, or "" when it throws none.
template <class Act>
std::string refusal(Act&& act) {
  try {
    act();
  } catch (const UserError& e) {
    return e.what();
  }
  return "";
}

std::size_t entriesIn(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}));
}

TEST(OutputDirectory, WritesThenReplacesAtomicallyWithAManifest) {
  const fs::path root = freshDir("replace");
  const fs::path target = root / "results";
  writeDirectoryAtomically(target, kRun, [](const fs::path& d) {
    writeText(d / "a.txt", "first");
    fs::create_directory(d / "pictures");
    writeText(d / "pictures" / "p.png", "x");
  });
  EXPECT_EQ(readAll(target / "a.txt"), "first");
  const std::string manifest = readAll(target / kManifestName);
  EXPECT_THAT(manifest, HasSubstr("\na.txt\n"));
  EXPECT_THAT(manifest, HasSubstr("\npictures/p.png\n"));
  EXPECT_THAT(manifest, HasSubstr("tonus run (test)"));
  writeDirectoryAtomically(target, kRun, [](const fs::path& d) { writeText(d / "b.txt", "second"); });
  EXPECT_FALSE(fs::exists(target / "a.txt")) << "the old result is replaced, not merged";
  EXPECT_EQ(readAll(target / "b.txt"), "second");
  EXPECT_EQ(entriesIn(root), 1u) << "no staging left";
  fs::remove_all(root);
}

TEST(OutputDirectory, FailedWriteLeavesPreviousResultAndNoDebris) {
  const fs::path root = freshDir("fail");
  const fs::path target = root / "results";
  writeDirectoryAtomically(target, kRun, [](const fs::path& d) { writeText(d / "a.txt", "good"); });
  EXPECT_THROW(writeDirectoryAtomically(target, kRun,
                                        [](const fs::path& d) {
                                          writeText(d / "a.txt", "half");
                                          throw std::runtime_error("simulated failure mid-write");
                                        }),
               std::runtime_error);
  EXPECT_EQ(readAll(target / "a.txt"), "good");
  EXPECT_EQ(entriesIn(root), 1u) << "no staging left";
  fs::remove_all(root);
}

TEST(OutputDirectory, RefusesAFolderTheUserOwnsAndLeavesItWhole) {
  const fs::path root = freshDir("user");
  const fs::path mine = root / "mine";
  fs::create_directories(mine / "sub");
  writeText(mine / "notes.txt", "my notes");
  writeText(mine / "sub" / "data.csv", "1,2");
  bool wrote = false;
  const std::string why = refusal([&] { writeDirectoryAtomically(mine, kRun, [&](const fs::path&) { wrote = true; }); });
  EXPECT_THAT(why, HasSubstr("--out " + mine.string()));
  EXPECT_THAT(why, HasSubstr("not written by Tonus"));
  EXPECT_THAT(why, HasSubstr("Choose a new or empty folder"));
  EXPECT_FALSE(wrote) << "refused before any work";
  EXPECT_EQ(readAll(mine / "notes.txt"), "my notes");
  EXPECT_EQ(readAll(mine / "sub" / "data.csv"), "1,2");
  EXPECT_EQ(entriesIn(root), 1u) << "no staging left";
  fs::remove_all(root);
}

TEST(OutputDirectory, RefusesATonusFolderTheUserAddedFilesTo) {
  const fs::path root = freshDir("added");
  const fs::path target = root / "results";
  writeDirectoryAtomically(target, kRun, [](const fs::path& d) { writeText(d / "summary.json", "{}"); });
  writeText(target / "notes.txt", "mine");
  fs::create_directory(target / "extra");
  const std::string why = refusal([&] { writeDirectoryAtomically(target, kRun, [](const fs::path&) {}); });
  EXPECT_THAT(why, HasSubstr("holds files Tonus did not write (extra/, notes.txt)"));
  EXPECT_EQ(readAll(target / "notes.txt"), "mine");
  EXPECT_TRUE(fs::exists(target / "summary.json"));
  fs::remove_all(root);
}

TEST(OutputDirectory, AcceptsANestedTonusFolderWithItsOwnManifest) {
  // A ParaView export inside a run's results answers for itself.
  const fs::path root = freshDir("nested");
  const fs::path target = root / "results";
  writeDirectoryAtomically(target, kRun, [](const fs::path& d) { writeText(d / "summary.json", "{}"); });
  writeDirectoryAtomically(target / "paraview", {"tonus export-vtk", "--out", {target}},
                           [](const fs::path& d) { writeText(d / "run.pvd", "<x/>"); });
  EXPECT_EQ(refusal([&] { checkFolderTarget(target, {}, "--out"); }), "");
  writeText(target / "paraview" / "mine.txt", "mine");
  EXPECT_THAT(refusal([&] { checkFolderTarget(target, {}, "--out"); }), HasSubstr("paraview/mine.txt"));
  fs::remove_all(root);
}

TEST(OutputDirectory, RefusesAFileASymlinkAndAFolderHoldingAnInput) {
  const fs::path root = freshDir("kinds");
  writeText(root / "file.txt", "keep");
  EXPECT_THAT(refusal([&] { checkFolderTarget(root / "file.txt", {}, "--out"); }), HasSubstr("is a file, not a folder"));
  fs::create_directory(root / "real");
  fs::create_directory_symlink(root / "real", root / "link");
  EXPECT_THAT(refusal([&] { checkFolderTarget(root / "link", {}, "--out"); }), HasSubstr("symbolic link"));
  fs::create_directories(root / "project" / "scenarios");
  writeText(root / "project" / "scenarios" / "s.yaml", "name: s");
  EXPECT_THAT(refusal([&] { checkFolderTarget(root / "project", {root / "project" / "scenarios" / "s.yaml"}, "--out"); }),
              HasSubstr("which this command reads"));
  EXPECT_EQ(readAll(root / "file.txt"), "keep");
  fs::remove_all(root);
}

TEST(OutputDirectory, RefusesTheWorkingFolderAndEveryFolderAboveIt) {
  const fs::path root = freshDir("cwd");
  fs::create_directories(root / "work");
  const fs::path before = fs::current_path();
  fs::current_path(root / "work");
  // Even empty, the working folder is refused: replacing it would pull it from under the shell.
  EXPECT_THAT(refusal([&] { checkFolderTarget(".", {}, "--out"); }), HasSubstr("working folder"));
  EXPECT_THAT(refusal([&] { checkFolderTarget("..", {}, "--out"); }), HasSubstr("working folder"));
  EXPECT_THAT(refusal([&] { checkFolderTarget(root, {}, "--out"); }), HasSubstr("working folder"));
  EXPECT_EQ(refusal([&] { checkFolderTarget("results", {}, "--out"); }), "") << "a new folder below is fine";
  fs::current_path(before);
  fs::remove_all(root);
}

TEST(OutputDirectory, AnEmptyFolderIsFine) {
  const fs::path root = freshDir("empty");
  fs::create_directory(root / "out");
  writeDirectoryAtomically(root / "out", kRun, [](const fs::path& d) { writeText(d / "a.txt", "x"); });
  EXPECT_EQ(readAll(root / "out" / "a.txt"), "x");
  fs::remove_all(root);
}

TEST(OutputDirectory, StaleStagingOfAKilledRunIsRemovedOnTheNextWrite) {
  const fs::path root = freshDir("stale");
  // Beyond Linux's largest process number: no process runs under it.
  const std::string dead = "4194399";
  const fs::path stale = root / (".results.partial-" + dead);
  fs::create_directories(stale);
  writeText(stale / kManifestName, "# Being written by tonus\n");
  writeText(stale / "timeseries.csv", "half");
  // A folder of the same shape without Tonus's manifest is somebody else's: it stays.
  const fs::path look_alike = root / (".results.partial-" + std::to_string(std::stoi(dead) + 1));
  fs::create_directories(look_alike);
  writeDirectoryAtomically(root / "results", kRun, [](const fs::path& d) { writeText(d / "a.txt", "x"); });
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(look_alike));
  fs::remove_all(root);
}

TEST(OutputFile, OverwritesOnlyItsOwnFiles) {
  const fs::path root = freshDir("files");
  writeText(root / "mine.png", "a user's picture");
  EXPECT_THAT(refusal([&] { checkFileTarget(root / "mine.png", {}, "--out"); }), HasSubstr("Tonus did not write it"));
  EXPECT_EQ(refusal([&] { checkFileTarget(root / "new.png", {}, "--out"); }), "");
  EXPECT_THAT(refusal([&] { checkFileTarget(root, {}, "--out"); }), HasSubstr("is a folder"));
  // A file Tonus wrote into its folder is listed there, and may be written again.
  writeDirectoryAtomically(root / "results", kRun, [](const fs::path& d) { writeText(d / "summary.json", "{}"); });
  writeFileAtomically(root / "results" / "picture.png", {}, "--out",
                      [](const fs::path& f) { writeText(f, "first"); });
  EXPECT_THAT(readAll(root / "results" / kManifestName), HasSubstr("\npicture.png\n"));
  writeFileAtomically(root / "results" / "picture.png", {}, "--out",
                      [](const fs::path& f) { writeText(f, "second"); });
  EXPECT_EQ(readAll(root / "results" / "picture.png"), "second");
  EXPECT_EQ(refusal([&] { checkFolderTarget(root / "results", {}, "--out"); }), "") << "the picture counts as Tonus's";
  // An input is never a target, even one Tonus wrote.
  EXPECT_THAT(refusal([&] { checkFileTarget(root / "results" / "summary.json", {root / "results" / "summary.json"}, "--out"); }),
              HasSubstr("reads"));
  fs::remove_all(root);
}

TEST(OutputFile, KnowsAPictureByTonusMark) {
  const fs::path root = freshDir("png");
  // A minimal PNG head: signature, then a tEXt chunk "Software\0Tonus 0.1" before any image data.
  const auto png = [&](const std::string& text) {
    std::string bytes = "\x89PNG\r\n\x1a\n";
    const std::string chunk = "tEXt" + text;
    const auto n = static_cast<std::uint32_t>(text.size());
    bytes += std::string{static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8), static_cast<char>(n)};
    bytes += chunk + std::string(4, '\0');
    bytes += std::string("\0\0\0\0IEND", 8);
    return bytes;
  };
  writeText(root / "tonus.png", png(std::string("Software\0Tonus 0.1.0", 20)));
  writeText(root / "other.png", png(std::string("Software\0GIMP 2.10", 18)));
  EXPECT_TRUE(isTonusPicture(root / "tonus.png"));
  EXPECT_FALSE(isTonusPicture(root / "other.png"));
  EXPECT_EQ(refusal([&] { checkFileTarget(root / "tonus.png", {}, "--out"); }), "");
  EXPECT_THAT(refusal([&] { checkFileTarget(root / "other.png", {}, "--out"); }), HasSubstr("Tonus did not write it"));
  fs::remove_all(root);
}

}  // namespace
}  // namespace tonus::results
