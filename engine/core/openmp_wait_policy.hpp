#pragma once
// How OpenMP's idle threads wait. libgomp's default spins for a while at every barrier; when
// another process holds a core, the spinning thread takes the time the thread it waits for
// needs, and a team of two runs over twice as slow as one thread (docs/performance.md, "A busy
// core"). A passive policy sleeps instead. libgomp reads OMP_WAIT_POLICY once, as it loads,
// before `main`, so a program can only choose it for itself by starting again.
namespace tonus {

// Where OMP_WAIT_POLICY is unset: sets it to PASSIVE and restarts this program with the same
// arguments (execv of /proc/self/exe), so it never returns. Where the user has set it (to
// anything), or the restart fails, returns and changes nothing.
void restartWithPassiveOpenMpWaitUnlessChosen(char** argv);

}  // namespace tonus
