#pragma once
// VTK renders only with an X display. Commands that draw call ensureDisplay(): with no DISPLAY
// it runs the same command line again under `xvfb-run -a` (a virtual display), and the
// original process waits for it and exits with its status.
namespace tonus::cli {

void rememberCommandLine(int argc, char** argv);
void ensureDisplay();

}  // namespace tonus::cli
