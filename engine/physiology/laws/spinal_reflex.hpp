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
};

// What one loop adds to the motor pool for a stretch and velocity reported `delay` ago. Both
// signs count: a shortening, unloaded muscle's spindles fall silent and withdraw the drive
// they gave (the agonists' shut-off after a sudden release, Radebold et al. 2000 (A)).
inline double spindleDrive(const SpindleLoop& loop, double threshold, double stretch, double velocity) {
  const double beyond = velocity > threshold ? velocity - threshold : velocity < -threshold ? velocity + threshold : 0.0;
  return loop.length_gain * stretch + loop.velocity_gain * beyond;
}

// The change of excitation at fusimotor gain gamma from both loops' delayed reports, within
// [-limit, limit] (the caller keeps the total within the muscle's bounds).
inline double reflexExcitation(const SpinalReflexParameters& p, double gamma, double short_stretch,
                               double short_velocity, double long_stretch, double long_velocity) {
  const double drive = spindleDrive(p.short_latency, p.velocity_threshold, short_stretch, short_velocity) +
                       spindleDrive(p.long_latency, p.velocity_threshold, long_stretch, long_velocity);
  return std::clamp(gamma * drive, -p.limit, p.limit);
}

}  // namespace tonus::physiology::law
