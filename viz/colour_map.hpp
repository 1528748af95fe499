#pragma once
// The one colour map every picture uses, as a pure function of a value in [0, 1]: dark blue at
// rest, through cyan, green and yellow, to red at the top of the scale. Tests check rendered
// pixels against it.
#include <vtkSmartPointer.h>

#include <vector>

class vtkLookupTable;

namespace tonus::viz {

struct Rgb {
  double r = 0.0, g = 0.0, b = 0.0;
};

// x outside [0, 1] is clamped.
Rgb colourAt(double x);

// The discs' own map, so that their bar cannot be mistaken for the muscles': near white at no
// load, through yellow and orange, to dark red-brown at the top of the scale.
Rgb discColourAt(double x);

// The maps' stops, evenly spaced over [0, 1]: the web lesson draws the same maps from them.
std::vector<Rgb> muscleStops();
std::vector<Rgb> discStops();

// A 256-entry lookup table of a map over [low, high].
vtkSmartPointer<vtkLookupTable> lookupTable(double low, double high, Rgb (*map)(double) = colourAt);

}  // namespace tonus::viz
