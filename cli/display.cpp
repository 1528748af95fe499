#include "display.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "interrupt.hpp"

namespace tonus::cli {
namespace {

std::vector<std::string> g_arguments;

}  // namespace

void rememberCommandLine(int argc, char** argv) { g_arguments.assign(argv, argv + argc); }

void ensureDisplay() {
  const char* display = std::getenv("DISPLAY");
  if (display && *display) return;
  if (std::getenv("TONUS_UNDER_XVFB")) throw UserError("no X display, even under xvfb-run");
  ::setenv("TONUS_UNDER_XVFB", "1", 1);
  // The same executable (its real path: /proc/self would name xvfb-run's shell) and arguments.
  char exe[4096];
  const ssize_t length = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (length <= 0) throw UserError("could not find the tonus executable to run it under xvfb-run");
  exe[length] = '\0';
  std::vector<std::string> args = {"xvfb-run", "-a", "-s", "-screen 0 1920x1200x24", exe};
  args.insert(args.end(), g_arguments.begin() + 1, g_arguments.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t child = ::fork();
  if (child == 0) {
    // A process group of its own, so Ctrl-C and SIGTERM reach it (and the Xvfb it starts)
    // only through this process, which passes them on.
    ::setpgid(0, 0);
    ::execvp("xvfb-run", argv.data());
    ::_exit(127);
  }
  if (child < 0) throw UserError("could not start xvfb-run");
  ::setpgid(child, child);
  forwardInterruptsTo(child);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) throw UserError("could not start xvfb-run");
  }
  forwardInterruptsTo(0);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
  if (code == 127) {
    throw UserError("drawing needs an X display: none is set and xvfb-run is not installed (scripts/setup installs it)");
  }
  throw ExitCode{code};
}

}  // namespace tonus::cli
