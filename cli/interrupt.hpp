#pragma once
// Ctrl-C and SIGTERM. The first asks the command to stop: it throws Interrupted at its next
// checkpoint (between samples of a run, between cases of a sweep, between frames of a movie),
// so every staging folder is removed on the way out and nothing half-written is left. A
// second signal ends the process at once (a later write of the same output cleans up).
namespace tonus::cli {

struct Interrupted {
  int signal;
};

void installInterruptHandlers();
bool interruptRequested();
// Throws Interrupted once a signal has arrived.
void stopIfInterrupted();
// The signal that arrived (SIGINT, SIGTERM, SIGHUP), or 0.
int interruptSignal();

}  // namespace tonus::cli
