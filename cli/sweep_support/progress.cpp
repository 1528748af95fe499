#include "sweep_support/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace tonus::cli {
namespace {

std::string durationText(double seconds) {
  char text[32];
  const long s = std::lround(seconds);
  if (s >= 3600) std::snprintf(text, sizeof text, "%ldh%02ldm", s / 3600, s / 60 % 60);
  else if (s >= 60) std::snprintf(text, sizeof text, "%ldm%02lds", s / 60, s % 60);
  else std::snprintf(text, sizeof text, "%lds", s);
  return text;
}

}  // namespace

SweepProgress::SweepProgress(int total, int already, bool quiet)
    : total_(total), already_(already), quiet_(quiet), terminal_(::isatty(::fileno(stderr)) != 0),
      started_(std::chrono::steady_clock::now()), last_drawn_(started_) {}

void SweepProgress::caseDone() {
  ++done_;
  if (quiet_) return;
  const auto now = std::chrono::steady_clock::now();
  const int tenth = 10 * (already_ + done_) / std::max(1, total_);
  // A terminal is redrawn at most ten times a second; a log gets a line per tenth.
  if (terminal_ ? now - last_drawn_ >= std::chrono::milliseconds(100) : tenth > last_tenth_) {
    last_drawn_ = now;
    last_tenth_ = tenth;
    draw();
  }
}

void SweepProgress::draw() {
  const int finished = already_ + done_;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  const double rate = done_ > 0 && elapsed > 0.0 ? done_ / elapsed : 0.0;
  std::string left;
  if (rate > 0.0) left.append("~").append(durationText((total_ - finished) / rate)).append(" left");
  const double fraction = total_ > 0 ? static_cast<double>(finished) / total_ : 1.0;
  if (terminal_) {
    const int width = 30, filled = static_cast<int>(fraction * width);
    std::fprintf(stderr, "\r[%s%s] %d/%d cases %5.1f%%  %.2f cases/s  %-16s", std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), '.').c_str(), finished, total_, 100 * fraction, rate,
                 left.c_str());
  } else {
    std::fprintf(stderr, "tonus sweep: %d/%d cases (%.0f%%), %.2f cases/s, %s\n", finished, total_, 100 * fraction, rate,
                 left.empty() ? "" : left.c_str());
  }
  std::fflush(stderr);
}

void SweepProgress::finish() {
  if (quiet_ || done_ == 0) return;
  if (terminal_) {
    draw();
    std::fputc('\n', stderr);
  } else if (10 * (already_ + done_) / std::max(1, total_) > last_tenth_) {
    draw();
  }
}

}  // namespace tonus::cli
