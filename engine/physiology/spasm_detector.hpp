#pragma once
// Spasm episodes: a muscle's involuntary tone stays at or above the threshold for at least
// spasm_min_duration, and for at least spasm_persist of that time the muscle's voluntary
// demand was below the tone (recruitment held it at its floor): the tone outlasted the work
// that might have explained it. Episodes are reported once they end (or the run does).
#include <Eigen/Core>
#include <vector>

#include "physiology/parameters.hpp"

namespace tonus::physiology {

struct SpasmEpisode {
  int fascicle = 0;
  double start = 0.0, end = 0.0;  // [s]
  double peak_tone = 0.0;
};

class SpasmDetector {
 public:
  SpasmDetector(int fascicles, const Parameters& parameters);
  // Over [time, time + dt): each fascicle's tone, recruited activation and floor.
  void observe(double time, double dt, const Eigen::ArrayXd& tone, const Eigen::VectorXd& activation,
               const Eigen::VectorXd& floor);
  void finish(double end_time);
  const std::vector<SpasmEpisode>& episodes() const { return episodes_; }

 private:
  struct Track {
    bool above = false;
    double start = 0.0, held_by_floor = 0.0, peak = 0.0;
  };
  void close(int fascicle, double end_time);

  double threshold_, min_duration_, persist_;
  std::vector<Track> tracks_;
  std::vector<SpasmEpisode> episodes_;
};

}  // namespace tonus::physiology
