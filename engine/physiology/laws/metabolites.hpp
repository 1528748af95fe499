#pragma once
// A metabolite index per muscle: the acid and potassium load that working muscle releases and
// blood flow washes out (Sjogaard 1991; Juel 1986: docs/physiology.md).
//   dm/dt = P effort - (Q / tau) m,    effort = activation / capacity,
// production in proportion to effort (a fatigued muscle works its remaining, less efficient
// units harder: ASSUMPTION), clearance in proportion to flow Q (relative to rest), with
// tau ln 2 the recovery half-time at resting flow. The index's unit is set by the parameters:
// m = 1 is the steady level of a fresh muscle holding `reference_activation` of its maximum.
#include "physiology/laws/relaxation.hpp"

namespace tonus::physiology::law {

struct MetaboliteParameters {
  double clearance_time;  // tau [s] at resting flow
  double production;      // P [1/s] per unit effort
};

inline double metaboliteSteadyState(const MetaboliteParameters& p, double effort, double flow) {
  return p.production * effort * p.clearance_time / flow;
}

inline double metaboliteStep(const MetaboliteParameters& p, double index, double effort, double flow, double dt) {
  return relax(index, metaboliteSteadyState(p, effort, flow), flow / p.clearance_time, dt);
}

}  // namespace tonus::physiology::law
