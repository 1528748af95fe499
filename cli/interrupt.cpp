#include "interrupt.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>

namespace tonus::cli {
namespace {

std::atomic<int> g_signal{0};

extern "C" void onInterrupt(int signal) {
  if (g_signal.exchange(signal) != 0) ::_exit(128 + signal);  // the second: stop now
}

}  // namespace

void installInterruptHandlers() {
  struct sigaction action {};
  action.sa_handler = onInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a wait for a child returns to pass the signal on
  for (int signal : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(signal, &action, nullptr);
}

bool interruptRequested() { return g_signal.load() != 0; }

void stopIfInterrupted() {
  if (const int signal = g_signal.load(); signal != 0) throw Interrupted{signal};
}

int interruptSignal() { return g_signal.load(); }

}  // namespace tonus::cli
