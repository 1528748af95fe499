#pragma once
// The subject's state beyond the body's size: an input of the physiology, which a scenario
// sets (docs/scenarios.md `condition:`, docs/physiology.md for what each does).
#include <string>

namespace tonus::physiology {

struct Condition {
  double dehydration_percent = 0.0;   // body-mass loss [%]
  std::string electrolytes = "normal";  // normal | low_sodium | low_potassium | low_calcium | low_magnesium
  double stress = 0.2;                // 0 calm .. 1 very anxious
  double core_strength = 1.0;         // multiplier on trunk-muscle strength
  double ambient_temperature_c = 22.0;
};

}  // namespace tonus::physiology
