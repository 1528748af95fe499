#include "physiology/spasm_detector.hpp"

#include <algorithm>

namespace tonus::physiology {

SpasmDetector::SpasmDetector(int fascicles, const Parameters& p)
    : threshold_(p.spasm_threshold), min_duration_(p.spasm_min_duration), persist_(p.spasm_persist),
      tracks_(static_cast<std::size_t>(fascicles)) {}

void SpasmDetector::observe(double time, double dt, const Eigen::ArrayXd& tone, const Eigen::VectorXd& activation,
                            const Eigen::VectorXd& floor) {
  for (std::size_t f = 0; f < tracks_.size(); ++f) {
    Track& t = tracks_[f];
    const auto i = static_cast<Eigen::Index>(f);
    if (tone[i] >= threshold_) {
      if (!t.above) t = Track{true, time, 0.0, 0.0};
      t.peak = std::max(t.peak, tone[i]);
      // Held at the floor: nothing voluntary asked for more than the tone gives.
      if (activation[i] <= floor[i] + 1e-6) t.held_by_floor += dt;
    } else if (t.above) {
      close(static_cast<int>(f), time);
    }
  }
}

void SpasmDetector::finish(double end_time) {
  for (std::size_t f = 0; f < tracks_.size(); ++f) {
    if (tracks_[f].above) close(static_cast<int>(f), end_time);
  }
  std::sort(episodes_.begin(), episodes_.end(), [](const SpasmEpisode& a, const SpasmEpisode& b) {
    return a.start != b.start ? a.start < b.start : a.fascicle < b.fascicle;
  });
}

void SpasmDetector::close(int fascicle, double end_time) {
  Track& t = tracks_[static_cast<std::size_t>(fascicle)];
  if (end_time - t.start >= min_duration_ && t.held_by_floor >= persist_) {
    episodes_.push_back({fascicle, t.start, end_time, t.peak});
  }
  t.above = false;
}

}  // namespace tonus::physiology
