#pragma once
// What a picture colours the muscles and discs by, with fixed scales so pictures of different
// runs and times compare (docs/visualisation.md).
#include <string>
#include <vector>

namespace tonus::viz {

enum class MuscleColour { Activation, Tone, Fatigue, Flow, Metabolite, Risk };
enum class DiscColour { Compression, Pressure };

struct Scale {
  double low, high;
  std::string title;  // for the colour bar
  bool whole_in_run = false;  // --range run shows the whole scale (a fraction that falls from 1)
};

MuscleColour muscleColourNamed(const std::string& name);  // throws UserError listing the choices
DiscColour discColourNamed(const std::string& name);
const char* nameOf(MuscleColour c);
Scale scaleOf(MuscleColour c);
Scale scaleOf(DiscColour c);
std::vector<std::string> muscleColourNames();

}  // namespace tonus::viz
