#pragma once
// A sweep's progress on stderr: on a terminal a bar redrawn in place with the rate and the time
// left; otherwise (a log file, a batch job) one line per tenth of the sweep.
#include <chrono>

namespace tonus::cli {

class SweepProgress {
 public:
  // `total` cases, of which `already` were finished by an earlier (resumed) run.
  SweepProgress(int total, int already, bool quiet);
  void caseDone();
  void finish();

 private:
  void draw();
  int total_, already_, done_ = 0, last_tenth_ = -1;
  bool quiet_, terminal_;
  std::chrono::steady_clock::time_point started_, last_drawn_;
};

}  // namespace tonus::cli
