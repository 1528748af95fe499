#pragma once
// How a picture looks: what the muscles and discs are coloured by, the camera, the size.
// Shared by pictures, movies, comparisons and the viewer.
#include <string>
#include <utility>

#include "colour_scale.hpp"
#include "quantity.hpp"

namespace tonus::viz {

enum class View { Side, Back, Oblique, Top };
View viewNamed(const std::string& name);  // throws UserError listing the choices

// "1280x960" -> {1280, 960}; throws UserError for anything else or sizes outside 64..8192.
std::pair<int, int> sizeNamed(const std::string& text);

struct Look {
  MuscleColour muscles = MuscleColour::Tone;
  DiscColour discs = DiscColour::Compression;
  View view = View::Side;
  int width = 1280, height = 960;
  Range range;           // the colour bars' span: the runs' own by default
  bool outline = false;  // a translucent body outline
};

// A Look from the names a user typed; every name is checked.
Look lookNamed(const std::string& colour, const std::string& disc, const std::string& view, const std::string& size,
               const std::string& range = "run", bool outline = false);

}  // namespace tonus::viz
