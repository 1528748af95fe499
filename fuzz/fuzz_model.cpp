// libFuzzer target: see targets.hpp. A user error is fine; anything else is a finding.
#include "core/errors.hpp"
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    tonus::fuzz::model(data, size);
  } catch (const tonus::UserError&) {
    // The right answer to bad bytes.
  }
  return 0;
}
