#pragma once
// Pain and reflex tone: Johansson & Sojka's vicious-cycle hypothesis (1991, Med Hypotheses
// 35:196). Metabolites and strained tissue excite small-fibre (group III/IV) afferents; these
// raise the fusimotor (gamma) drive to the muscle spindles; more sensitive spindles raise the
// muscle's involuntary activation (tone), which makes more metabolites and squeezes the vessels.
// Every law here is a hypothesis with assumed constants (docs/physiology.md says how weak the
// evidence is, and describes the alternative, Lund et al. 1991's pain adaptation).
#include <algorithm>
#include <cmath>

namespace tonus::physiology::law {

// Hill curve x^h / (x^h + 1) for x >= 0 (whole exponents without a pow call: it runs per
// fascicle per step and in the risk search).
inline double hill(double x, double exponent) {
  if (x <= 0.0) return 0.0;
  double p;
  if (exponent == 2.0) p = x * x;
  else if (exponent == 3.0) p = x * x * x;
  else p = std::pow(x, exponent);
  return p / (p + 1.0);
}

struct AfferentParameters {
  double metabolite_half;  // metabolite index that excites half the afferents
  double metabolite_exponent;
  double strain_half;      // joint creep (in strain units) that excites half of its share
  double strain_weight;    // the largest share of afferent drive tissue strain can give
};

// Afferent drive in [0, 1] from the muscle's metabolites, the creep of the joints it spans, and
// a stretch-injury drive; independent sources combined as 1 - prod(1 - x).
inline double afferentDrive(const AfferentParameters& p, double metabolites, double creep, double injury) {
  const double chemical = hill(metabolites / p.metabolite_half, p.metabolite_exponent);
  const double mechanical = p.strain_weight * hill(creep / p.strain_half, 2.0);
  return 1.0 - (1.0 - chemical) * (1.0 - mechanical) * (1.0 - std::clamp(injury, 0.0, 1.0));
}

struct ToneParameters {
  double resting;        // tone of a relaxed muscle at normal gain [fraction of max]
  double span;           // the most the reflex loop can add [fraction of max]
  double gain_half;      // excess fusimotor gain (gamma - 1, length-weighted) giving half the span
  double exponent;       // steepness of the loop's recruitment of motor units
  double pain_coupling;  // J: fusimotor gain rise per unit afferent drive (vicious cycle)
  double length_gain;    // spindle sensitivity rise per unit fibre stretch beyond standing
  double supported_share;  // share of the loop's tone left in a muscle at rest on a support
};

// Fusimotor gain the muscle settles to: 1 is normal; excitability (stress, hydration,
// electrolytes) and reliefs scale it; in the vicious cycle, afferent drive raises it.
inline double fusimotorTarget(const ToneParameters& p, double excitability, double relief, double afferent,
                              bool vicious_cycle) {
  return excitability * relief * (1.0 + (vicious_cycle ? p.pain_coupling * afferent : 0.0));
}

// Involuntary activation the spindle loop holds at gain gamma and fibre stretch (fibre length
// relative to upright standing, the length the spindles are set for): a stretched muscle's
// spindles fire more, 1 + length_gain (stretch - 1), the stretch clamped to [0.7, 1.3]. The
// resting part is postural: lying on a surface, relaxed trunk muscles fall silent, and the loop
// keeps only a share of its tone (`supported`). It is a fraction of the muscle's fresh units:
// the loop recruits only from units that can still fire.
inline double toneTarget(const ToneParameters& p, double gamma, double relative_length, bool supported = false) {
  const double stretch = 1.0 + p.length_gain * (std::clamp(relative_length, 0.7, 1.3) - 1.0);
  const double excess = std::max(0.0, gamma * stretch - 1.0);
  const double loop = p.span * hill(excess / p.gain_half, p.exponent);
  return supported ? p.supported_share * loop : p.resting * gamma + loop;
}

struct BurstParameters {
  double threshold;  // lengthening velocity below which spindles give no phasic burst [lopt/s]
  double gain;       // burst activation per lopt/s above it, at normal gain
  double limit;      // the largest burst [fraction of max]
};

// Phasic stretch-reflex activation for a fibre lengthening at `velocity` [lopt/s].
inline double burstTarget(const BurstParameters& p, double gamma, double velocity) {
  return std::min(p.limit, p.gain * gamma * std::max(0.0, velocity - p.threshold));
}

}  // namespace tonus::physiology::law
