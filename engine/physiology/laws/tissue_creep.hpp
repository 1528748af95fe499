#pragma once
// Creep of a joint's passive tissues (disc, ligaments, capsule) under sustained bending.
// Solomonow and colleagues (e.g. Solomonow et al. 2003, Spine 28:1835) loaded the feline lumbar
// spine in static or cyclic flexion: the tissues crept over minutes, their receptors' reflex
// drive to multifidus faded and then rebounded as spasms, and recovery took far longer than
// the loading. Tonus keeps one creep state per joint, in units of its passive strain
// s = |passive moment| / reference moment, rising toward s with tau_load and recovering
// with the slower tau_recover (ASSUMPTION on the time constants, docs/physiology.md).
#include "physiology/laws/relaxation.hpp"

namespace tonus::physiology::law {

struct CreepParameters {
  double loading_time;   // tau_load [s]
  double recovery_time;  // tau_recover [s]
};

inline double creepStep(const CreepParameters& p, double creep, double strain, double dt) {
  const double tau = strain > creep ? p.loading_time : p.recovery_time;
  return relax(creep, strain, 1.0 / tau, dt);
}

}  // namespace tonus::physiology::law
