// The bank's thread teams wait passively unless the user chose a policy: a program that calls
// restartWithPassiveOpenMpWaitUnlessChosen must reach its next line with libgomp set up that
// way. libgomp says how it was set up in omp_display_env's verbose text (GOMP_SPINCOUNT 0 is
// the passive policy), so this program reads that text back.
// Usage: test_openmp_wait_policy EXPECTED   (PASSIVE or ACTIVE); exit 0 when libgomp agrees.
#include <omp.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "core/openmp_wait_policy.hpp"

namespace {

// The verbose environment libgomp prints to stderr, captured through a temporary file.
std::string openMpEnvironmentText() {
  char path[] = "/tmp/tonus_omp_env_XXXXXX";
  const int file = mkstemp(path);
  if (file < 0) return {};
  std::fflush(stderr);
  const int saved = dup(2);
  dup2(file, 2);
  omp_display_env(1);
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  close(file);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  unlink(path);
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  tonus::restartWithPassiveOpenMpWaitUnlessChosen(argv);
  if (argc != 2) {
    std::cerr << "usage: test_openmp_wait_policy PASSIVE|ACTIVE\n";
    return 2;
  }
  const std::string expected = argv[1];
  const std::string text = openMpEnvironmentText();
  // libgomp shows an unset policy as PASSIVE too, so the spin count tells them apart.
  const bool passive = text.find("OMP_WAIT_POLICY = 'PASSIVE'") != std::string::npos &&
                       text.find("GOMP_SPINCOUNT = '0'") != std::string::npos;
  const bool active = text.find("OMP_WAIT_POLICY = 'ACTIVE'") != std::string::npos;
  const bool agrees = expected == "PASSIVE" ? passive : expected == "ACTIVE" && active;
  if (!agrees) std::cerr << "expected " << expected << ", libgomp says:\n" << text;
  return agrees ? 0 : 1;
}
