#pragma once
// The spinal stretch reflex of one muscle during a sudden event (forward dynamics only). Its
// spindles report the fibre's stretch beyond the length they are set for (the length before
// the event) and its lengthening velocity; the motor pool receives that report after the loop's
// delay, through two loops: a short-latency (monosynaptic) one, 30-50 ms, and a long-latency
// (polysynaptic) one, 50-80 ms (textbook ranges quoted by Miller et al. 2010, Clin Biomech
// 25:541 (S); measured paraspinal onsets 48-79 ms, docs/forward.md). The drive scales with the
// fusimotor gain gamma the physiology's tone loop uses (1 normal), so stress, electrolytes and
// afferent drive from metabolites and strain modulate it. No trunk reflex gain has been
// measured as excitation per stretch: the gains are ASSUMPTIONS (docs/forward.md).
#include <algorithm>

namespace tonus::physiology::law {

struct SpindleLoop {
  double delay;          // [s] from stretch to the motor pool's response
  double length_gain;    // excitation per optimal length of stretch beyond the set length
  double velocity_gain;  // excitation per optimal length per second of lengthening
};

struct SpinalReflexParameters {
  SpindleLoop short_latency;
  SpindleLoop long_latency;
  double velocity_threshold;  // [lopt/s] spindles ignore slower lengthening (postural sway)
  double limit;               // the largest change of excitation [fraction of max]
  // The share of a muscle's command its spindles support, and so the most their silence can
  // take away: a spindle's firing cannot fall below zero, so a shortening muscle loses at most
  // the spindles' tonic support, while a stretched one gains up to `limit` (ASSUMPTION).
  double withdrawal_share;
};

// What one loop adds to the motor pool for a stretch and velocity reported `delay` ago. Both
// signs count: a shortening, unloaded muscle's spindles slow and withdraw the drive they gave
// (the agonists' shut-off after a sudden release, Radebold et al. 2000 (A)); reflexExcitation
// bounds how much.
inline double spindleDrive(const SpindleLoop& loop, double threshold, double stretch, double velocity) {
  const double beyond = velocity > threshold ? velocity - threshold : velocity < -threshold ? velocity + threshold : 0.0;
  return loop.length_gain * stretch + loop.velocity_gain * beyond;
}

// The change of excitation at fusimotor gain gamma from both loops' delayed reports, for a
// muscle whose command (its excitation before the reflexes) is `command`: at most `limit` up,
// and down at most the spindles' share of the command (the caller keeps the total within the
// muscle's bounds).
inline double reflexExcitation(const SpinalReflexParameters& p, double gamma, double short_stretch,
                               double short_velocity, double long_stretch, double long_velocity, double command) {
  const double drive = spindleDrive(p.short_latency, p.velocity_threshold, short_stretch, short_velocity) +
                       spindleDrive(p.long_latency, p.velocity_threshold, long_stretch, long_velocity);
  const double most_withdrawn = std::min(p.limit, p.withdrawal_share * std::max(command, 0.0));
  return std::clamp(gamma * drive, -most_withdrawn, p.limit);
}

}  // namespace tonus::physiology::law
