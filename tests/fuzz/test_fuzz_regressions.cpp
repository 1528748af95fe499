// Every input a fuzzer ever found (tests/fuzz_regressions/<target>/), replayed through the same
// entry points (fuzz/targets.hpp): each must end cleanly or in a user error. A crash fails the
// test binary; an exception of another kind fails the test naming the file.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/errors.hpp"
#include "input/text_file.hpp"
#include "targets.hpp"

namespace tonus::fuzz {
namespace {

namespace fs = std::filesystem;

TEST(FuzzRegressions, EveryFoundInputEndsCleanlyOrInAUserError) {
  int replayed = 0;
  for (const auto& target : kTargets) {
    const fs::path dir = fs::path(TONUS_SOURCE_DIR) / "tests" / "fuzz_regressions" / target.name;
    ASSERT_TRUE(fs::is_directory(dir)) << dir;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (!entry.is_regular_file() || entry.path().filename().string().front() == '.' ||
          entry.path().extension() == ".md") {
        continue;
      }
      SCOPED_TRACE(entry.path().string());
      const std::string bytes = input::readInputFile(entry.path());
      try {
        target.run(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      } catch (const UserError&) {
        // The right answer to bad bytes.
      } catch (const std::exception& e) {
        ADD_FAILURE() << "escaped with " << e.what();
      }
      ++replayed;
    }
  }
  RecordProperty("replayed", replayed);
}

TEST(FuzzRegressions, TheTargetsAcceptTheProjectsOwnFiles) {
  // The seeds: a library scenario and the default model go through without any error at all.
  const std::string scenario = input::readInputFile(fs::path(TONUS_SOURCE_DIR) / "scenarios" / "lifting-stoop.yaml");
  EXPECT_NO_THROW(kTargets[0].run(reinterpret_cast<const std::uint8_t*>(scenario.data()), scenario.size()));
  const std::string model = input::readInputFile(fs::path(TONUS_SOURCE_DIR) / "models" / "spine.yaml");
  EXPECT_NO_THROW(kTargets[1].run(reinterpret_cast<const std::uint8_t*>(model.data()), model.size()));
}

}  // namespace
}  // namespace tonus::fuzz
