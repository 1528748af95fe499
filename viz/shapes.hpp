#pragma once
// Small building blocks for procedural meshes: tubes through points, ellipsoids, boxes, and
// appending them into one polydata.
#include <vtkSmartPointer.h>

#include <vector>

#include "body/loads.hpp"

class vtkPolyData;

namespace tonus::viz {

using body::Vec3d;

// A tube of `radius` through the points, capped at both ends.
vtkSmartPointer<vtkPolyData> tubeThrough(const std::vector<Vec3d>& points, double radius, int sides = 12);
// An ellipsoid with semi-axes along the columns of `axes` (each column's length is its radius).
vtkSmartPointer<vtkPolyData> ellipsoid(const Vec3d& centre, const Eigen::Matrix3d& axes, int resolution = 24);
// A box centred at `centre`, axis-aligned in ground.
vtkSmartPointer<vtkPolyData> box(const Vec3d& centre, const Vec3d& size);
// A fan of triangles from `hub` to a closed loop of points: a thin curved sheet.
vtkSmartPointer<vtkPolyData> fan(const Vec3d& hub, const std::vector<Vec3d>& loop);

class MeshAppender {
 public:
  void add(const vtkSmartPointer<vtkPolyData>& part) { parts_.push_back(part); }
  vtkSmartPointer<vtkPolyData> result() const;

 private:
  std::vector<vtkSmartPointer<vtkPolyData>> parts_;
};

}  // namespace tonus::viz
