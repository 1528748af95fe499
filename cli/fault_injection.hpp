#pragma once
// Fault injection for the tests that kill or interrupt a command (tests/cli, tests/sweep): an
// environment variable names the moment (the N-th sample written, the N-th case stored), so
// the test hits the same moment whatever the machine's speed. Unset, nothing happens.
//   TONUS_FAULT_KILL_AFTER_SAMPLES / TONUS_FAULT_INTERRUPT_AFTER_SAMPLES   (tonus run)
//   TONUS_FAULT_BUG_AFTER_SAMPLES                                          (tonus run)
//   TONUS_FAULT_KILL_AFTER_STORED / TONUS_FAULT_INTERRUPT_AFTER_STORED     (tonus sweep)
// KILL sends SIGKILL (as `kill -9`), INTERRUPT sends SIGINT (as Ctrl-C), BUG throws what an
// internal error would (a std::logic_error), to check that it is reported as a bug.
#include <csignal>
#include <cstdlib>
#include <stdexcept>

namespace tonus::cli {

class FaultInjection {
 public:
  FaultInjection(const char* kill_variable, const char* interrupt_variable, const char* bug_variable = nullptr)
      : kill_after_(read(kill_variable)), interrupt_after_(read(interrupt_variable)),
        bug_after_(bug_variable ? read(bug_variable) : -1) {}
  // Counts one event; signals this process (or throws) when the count reaches a chosen moment.
  void count() {
    ++events_;
    if (events_ == kill_after_) std::raise(SIGKILL);
    if (events_ == interrupt_after_) std::raise(SIGINT);
    if (events_ == bug_after_) throw std::logic_error("a fault injected for the tests");
  }

 private:
  static long read(const char* variable) {
    const char* value = std::getenv(variable);
    if (!value) return -1;
    char* end = nullptr;
    const long n = std::strtol(value, &end, 10);
    return end != value && *end == '\0' && n > 0 ? n : -1;
  }
  long kill_after_, interrupt_after_, bug_after_, events_ = 0;
};

}  // namespace tonus::cli
