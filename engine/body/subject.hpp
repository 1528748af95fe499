#pragma once
// Who is being simulated. The model file's geometry belongs to its reference subject and is
// scaled to this one (docs/model.md, "Scaling").
#include "body/model_spec.hpp"

namespace tonus::body {

struct Subject {
  Sex sex = Sex::Male;
  double height = 1.75;      // [m]
  double mass = 75.0;        // [kg]
  double age_years = 40.0;   // recorded; not used by the mechanics
};

// Multipliers from the reference subject to this one.
struct Scaling {
  double length = 1.0;    // height / reference height
  double strength = 1.0;  // (mass / reference mass)^exponent x sex ratio
};
Scaling scalingFor(const ModelSpec& spec, const Subject& subject);

}  // namespace tonus::body
