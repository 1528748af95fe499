#include "core/openmp_wait_policy.hpp"

#include <unistd.h>

#include <cstdlib>

namespace tonus {

void restartWithPassiveOpenMpWaitUnlessChosen(char** argv) {
  // The user's own choice wins, and after the restart the variable is set, so this runs once.
  if (std::getenv("OMP_WAIT_POLICY") != nullptr) return;
  if (setenv("OMP_WAIT_POLICY", "PASSIVE", 1) != 0) return;
  execv("/proc/self/exe", argv);
  // The restart failed (no /proc): go on with the policy this process already has.
  unsetenv("OMP_WAIT_POLICY");
}

}  // namespace tonus
