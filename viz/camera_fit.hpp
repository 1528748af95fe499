#pragma once
// Pointing a camera from a preset direction so that a box fills the picture: its projection on
// the view plane, with a margin, fits the picture's width and height.
#include <array>

#include "look.hpp"

class vtkCamera;

namespace tonus::viz {

// bounds {xmin, xmax, ymin, ymax, zmin, zmax}; aspect = width / height of the picture.
void fitCamera(vtkCamera* camera, View view, const std::array<double, 6>& bounds, double aspect);

}  // namespace tonus::viz
