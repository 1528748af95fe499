#include "look.hpp"

#include <cstdio>
#include <tuple>

#include "core/errors.hpp"

namespace tonus::viz {

View viewNamed(const std::string& name) {
  if (name == "side") return View::Side;
  if (name == "back") return View::Back;
  if (name == "oblique") return View::Oblique;
  if (name == "top") return View::Top;
  throw UserError("unknown view '" + name + "' (choose side, back, oblique or top)");
}

std::pair<int, int> sizeNamed(const std::string& text) {
  int width = 0, height = 0;
  char x = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &width, &x, &height, &extra) != 3 || x != 'x' || width < 64 ||
      height < 64 || width > 8192 || height > 8192) {
    throw UserError("size must be WIDTHxHEIGHT in pixels, 64 to 8192 each (such as 1280x960), got '" + text + "'");
  }
  return {width, height};
}

Look lookNamed(const std::string& colour, const std::string& disc, const std::string& view, const std::string& size,
               const std::string& range, bool outline) {
  Look look;
  look.muscles = muscleColourNamed(colour);
  look.discs = discColourNamed(disc);
  look.view = viewNamed(view);
  std::tie(look.width, look.height) = sizeNamed(size);
  look.range = rangeNamed(range);
  look.outline = outline;
  return look;
}

}  // namespace tonus::viz
