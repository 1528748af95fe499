#pragma once
// Intra-abdominal pressure (IAP): how high it is, and the push it gives. The pressurised
// abdomen pushes the diaphragm (thorax) and the pelvic floor (pelvis) apart, which unloads the
// spine and helps the extensors (docs/model.md, "Intra-abdominal pressure").
#include <array>

#include "body/kinematics.hpp"
#include "body/loads.hpp"

namespace tonus::sim {

// Only the rise a muscular effort makes pushes the spine's ends apart: the resting pressure of
// quiet standing (20 mmHg at the bladder, Cobb et al. 2005) is mostly the weight of the viscera,
// which the segments' masses already carry, and it falls towards the diaphragm.
// The pressure rises in proportion to the effort: linearly with lifting force up to maximal
// efforts (Cresswell & Thorstensson 1994, r = 0.92), with Mairiaux et al. 1984's slope on the
// L4/L5 moment of static lifts (their intercept, -1.1 kPa with its decimal point inferred, is
// left out: it would let the pressure help only above 14 N m, and a law through zero keeps the
// pressure's share of an effort the same at every effort).
struct AbdominalPressureLaw {
  double per_moment = 0.079;  // [kPa per N m] of L4/L5 extensor moment
  double offset = 0.0;        // [kPa]
  double ceiling = 26.6;      // [kPa] a Valsalva manoeuvre's mean (Harman et al. 1988)
};

// The effort's pressure [kPa] for the extensor moment the muscles must make at L4/L5 [N m].
inline double abdominalPressure(const AbdominalPressureLaw& law, double extensor_moment) {
  const double p = law.per_moment * extensor_moment + law.offset;
  return p <= 0.0 ? 0.0 : p < law.ceiling ? p : law.ceiling;
}

// The pressure's push on the diaphragm and on the pelvic floor [N], along the line between them.
std::array<body::PointLoad, 2> abdominalPush(const body::SpineModel& model, const body::Kinematics& kin,
                                             double pressure_kPa);

}  // namespace tonus::sim
