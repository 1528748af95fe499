#pragma once
// User errors (bad model, scenario, parameter or command line) versus internal bugs.
// Everything derived from UserError is reported with its message and exit code 2;
// internal invariants use assert() and are never shown to users as "your input is wrong".
#include <stdexcept>
#include <string>

namespace tonus {

inline constexpr int kUserErrorExitCode = 2;

class UserError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A musculotendon parameter outside its physical range, found when a MuscleBank is built.
class ParameterError : public UserError {
 public:
  using UserError::UserError;
};

// Thrown by a command that has already told the user what went wrong: exit with this code.
struct ExitCode {
  int code;
};

}  // namespace tonus
