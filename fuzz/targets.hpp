#pragma once
// The fuzzed entry points: each takes arbitrary bytes and reads them as a user's file would be
// read. A user error (input::InputError, UserError) is the right answer to bad bytes; anything
// else that escapes (another exception, a crash, a sanitizer report, a hang) is a bug. The
// libFuzzer targets call these, and so does the regression test, which replays every input
// the fuzzers ever found (tests/fuzz_regressions/<target>/).
#include <cstddef>
#include <cstdint>

namespace tonus::fuzz {

// A scenario: read, then planned on the default model (joint ranges, lift planning).
void scenario(const std::uint8_t* data, std::size_t size);
// A model file: read, then built for its reference subject.
void model(const std::uint8_t* data, std::size_t size);
// A sweep file beside a fixed small base scenario: read, its cases drawn, the first few checked.
void sweep(const std::uint8_t* data, std::size_t size);
// A results folder, packed as "=== <file name>\n<contents>" sections: read back as a run.
void runRecord(const std::uint8_t* data, std::size_t size);

// The targets by name, for the seed maker and the regression test.
using Target = void (*)(const std::uint8_t*, std::size_t);
inline constexpr struct {
  const char* name;
  Target run;
} kTargets[] = {{"scenario", &scenario}, {"model", &model}, {"sweep", &sweep}, {"run_record", &runRecord}};

}  // namespace tonus::fuzz
