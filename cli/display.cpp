#include "display.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "interrupt.hpp"

namespace tonus::cli {
namespace {

std::vector<std::string> g_arguments;

// Passes a signal on to the tonus that xvfb-run started (this executable, in the child's process
// group), and to nothing else there: Xvfb must outlive it so that it can finish drawing what it
// has and clean up. False when that tonus is not running yet.
bool signalTonusUnder(pid_t group, const std::string& exe, int signal) {
  bool found = false;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(name));
    if (::getpgid(pid) != group) continue;
    std::error_code link_ec;
    if (std::filesystem::read_symlink(entry.path() / "exe", link_ec).string() != exe) continue;
    found = ::kill(pid, signal) == 0 || found;
  }
  return found;
}

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
  // Our own X authority file: xvfb-run would otherwise make and remove a temporary folder for
  // it, and that removal fails now and then when the drawing is interrupted (exit 5).
  char folder[] = "/tmp/tonus-xauth.XXXXXX";
  if (!::mkdtemp(folder)) throw UserError("could not make a temporary folder for xvfb-run's X authority");
  const std::filesystem::path auth = std::filesystem::path(folder) / "Xauthority";
  { std::FILE* f = std::fopen(auth.c_str(), "w"); if (f) std::fclose(f); }
  const auto removeFolder = [&] {
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
  };
  std::vector<std::string> args = {"xvfb-run", "-a", "-f", auth.string(), "-s", "-screen 0 1920x1200x24", exe};
  args.insert(args.end(), g_arguments.begin() + 1, g_arguments.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t child = ::fork();
  if (child == 0) {
    // A process group of its own, so Ctrl-C and SIGTERM reach it only through this process,
    // which passes them on to the tonus in it (not to Xvfb).
    ::setpgid(0, 0);
    ::execvp("xvfb-run", argv.data());
    ::_exit(127);
  }
  if (child < 0) {
    removeFolder();
    throw UserError("could not start xvfb-run");
  }
  ::setpgid(child, child);
  // Wait; once interrupted, keep passing the signal on until the tonus under xvfb-run has it
  // (it may still be starting), polling rather than blocking meanwhile.
  int status = 0;
  bool passed_on = false;
  while (true) {
    const bool polling = interruptRequested() && !passed_on;
    const pid_t done = ::waitpid(child, &status, polling ? WNOHANG : 0);
    if (done == child) break;
    if (done < 0 && errno != EINTR) {
      removeFolder();
      throw UserError("could not start xvfb-run");
    }
    if (interruptRequested() && !passed_on) {
      passed_on = signalTonusUnder(child, exe, interruptSignal());
      if (!passed_on) ::usleep(20000);
    }
  }
  removeFolder();
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
  if (code == 127) {
    throw UserError("drawing needs an X display: none is set and xvfb-run is not installed (scripts/setup installs it)");
  }
  throw ExitCode{code};
}

}  // namespace tonus::cli
