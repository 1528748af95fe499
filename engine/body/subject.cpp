#include "body/subject.hpp"

#include <cmath>

namespace tonus::body {

Scaling scalingFor(const ModelSpec& spec, const Subject& subject) {
  Scaling s;
  s.length = subject.height / spec.reference_height;
  // Force-generating cross-section grows with (mass / reference mass)^body_mass_exponent (the
  // model file's; 1.0 in the default model); the sex ratio applies relative to the reference
  // subject's sex.
  const double sex_ratio = subject.sex == spec.reference_sex ? 1.0
                           : subject.sex == Sex::Female    ? spec.female_strength_ratio
                                                           : 1.0 / spec.female_strength_ratio;
  s.strength = std::pow(subject.mass / spec.reference_mass, spec.strength_mass_exponent) * sex_ratio;
  return s;
}

}  // namespace tonus::body
