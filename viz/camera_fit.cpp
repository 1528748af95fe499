#include "camera_fit.hpp"

#include <vtkCamera.h>

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>

namespace tonus::viz {
namespace {

// A share of the picture left free around the box on each side.
constexpr double kMargin = 0.06;
constexpr double kViewAngleDeg = 30.0;

}  // namespace

void fitCamera(vtkCamera* camera, View view, const std::array<double, 6>& bounds, double aspect) {
  // From the camera toward the scene's middle: the preset's direction, and which way is up.
  Eigen::Vector3d toward(0, 0, 1), up(0, 1, 0);
  switch (view) {
    case View::Side: toward = {0, 0, 1}; break;  // from the right
    case View::Back: toward = {-1, 0, 0}; break;  // from behind
    case View::Oblique: toward = {-0.6, 0.25, 0.75}; break;
    case View::Top: toward = {0, 1, 0}, up = {1, 0, 0}; break;
  }
  toward.normalize();
  up = (up - up.dot(toward) * toward).normalized();
  const Eigen::Vector3d right = up.cross(toward);
  const bool empty = !(bounds[0] <= bounds[1] && bounds[2] <= bounds[3] && bounds[4] <= bounds[5]);
  const std::array<double, 6> b = empty ? std::array<double, 6>{-0.5, 0.5, -0.5, 0.5, -0.5, 0.5} : bounds;
  // The box's corners on the view plane: their extent across and up, and in depth.
  const Eigen::Vector3d middle(0.5 * (b[0] + b[1]), 0.5 * (b[2] + b[3]), 0.5 * (b[4] + b[5]));
  double lo_x = 1e300, hi_x = -1e300, lo_y = 1e300, hi_y = -1e300, depth = 0.0;
  for (int corner = 0; corner < 8; ++corner) {
    const Eigen::Vector3d p(b[corner & 1 ? 1 : 0], b[corner & 2 ? 3 : 2], b[corner & 4 ? 5 : 4]);
    const Eigen::Vector3d d = p - middle;
    lo_x = std::min(lo_x, d.dot(right)), hi_x = std::max(hi_x, d.dot(right));
    lo_y = std::min(lo_y, d.dot(up)), hi_y = std::max(hi_y, d.dot(up));
    depth = std::max(depth, d.dot(toward));
  }
  const Eigen::Vector3d focus = middle + 0.5 * (lo_x + hi_x) * right + 0.5 * (lo_y + hi_y) * up;
  // The distance at which the taller of the box's height, and its width over the aspect, fills
  // the view angle less the margins; its near face is `depth` closer than its middle.
  const double half_height = 0.5 * std::max(hi_y - lo_y, (hi_x - lo_x) / aspect) / (1.0 - 2.0 * kMargin);
  const double distance = half_height / std::tan(0.5 * kViewAngleDeg * M_PI / 180.0) + depth;
  const Eigen::Vector3d eye = focus + distance * toward;
  camera->SetViewAngle(kViewAngleDeg);
  camera->SetFocalPoint(focus.x(), focus.y(), focus.z());
  camera->SetPosition(eye.x(), eye.y(), eye.z());
  camera->SetViewUp(up.x(), up.y(), up.z());
}

}  // namespace tonus::viz
