// Results directories are never left half-written: a failed write leaves the previous
// result untouched and no staging directory behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "io/output_directory.hpp"

namespace tonus::io {
namespace {

namespace fs = std::filesystem;

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

TEST(OutputDirectory, WritesThenReplacesAtomically) {
  const fs::path root = freshDir("replace");
  const fs::path target = root / "results";
  writeDirectoryAtomically(target, [](const fs::path& d) { std::ofstream(d / "a.txt") << "first"; });
  EXPECT_EQ(readAll(target / "a.txt"), "first");
  writeDirectoryAtomically(target, [](const fs::path& d) { std::ofstream(d / "b.txt") << "second"; });
  EXPECT_FALSE(fs::exists(target / "a.txt")) << "the old result is replaced, not merged";
  EXPECT_EQ(readAll(target / "b.txt"), "second");
  EXPECT_EQ(std::distance(fs::directory_iterator(root), fs::directory_iterator{}), 1) << "no staging left";
  fs::remove_all(root);
}

TEST(OutputDirectory, FailedWriteLeavesPreviousResultAndNoDebris) {
  const fs::path root = freshDir("fail");
  const fs::path target = root / "results";
  writeDirectoryAtomically(target, [](const fs::path& d) { std::ofstream(d / "a.txt") << "good"; });
  EXPECT_THROW(writeDirectoryAtomically(target,
                                        [](const fs::path& d) {
                                          std::ofstream(d / "a.txt") << "half";
                                          throw std::runtime_error("simulated failure mid-write");
                                        }),
               std::runtime_error);
  EXPECT_EQ(readAll(target / "a.txt"), "good");
  EXPECT_EQ(std::distance(fs::directory_iterator(root), fs::directory_iterator{}), 1) << "no staging left";
  fs::remove_all(root);
}

}  // namespace
}  // namespace tonus::io
