#include "shapes.hpp"

#include <vtkAppendPolyData.h>
#include <vtkCellArray.h>
#include <vtkCubeSource.h>
#include <vtkMatrix4x4.h>
#include <vtkParametricEllipsoid.h>
#include <vtkParametricFunctionSource.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyLine.h>
#include <vtkTransform.h>
#include <vtkTransformPolyDataFilter.h>
#include <vtkTriangleFilter.h>
#include <vtkTubeFilter.h>

namespace tonus::viz {

vtkSmartPointer<vtkPolyData> tubeThrough(const std::vector<Vec3d>& points, double radius, int sides) {
  auto line = vtkSmartPointer<vtkPolyData>::New();
  auto pts = vtkSmartPointer<vtkPoints>::New();
  auto cells = vtkSmartPointer<vtkCellArray>::New();
  cells->InsertNextCell(static_cast<int>(points.size()));
  for (const Vec3d& p : points) cells->InsertCellPoint(pts->InsertNextPoint(p.x(), p.y(), p.z()));
  line->SetPoints(pts);
  line->SetLines(cells);
  auto tube = vtkSmartPointer<vtkTubeFilter>::New();
  tube->SetInputData(line);
  tube->SetRadius(radius);
  tube->SetNumberOfSides(sides);
  tube->CappingOn();
  tube->Update();
  return tube->GetOutput();
}

vtkSmartPointer<vtkPolyData> ellipsoid(const Vec3d& centre, const Eigen::Matrix3d& axes, int resolution) {
  auto shape = vtkSmartPointer<vtkParametricEllipsoid>::New();
  shape->SetXRadius(1.0);
  shape->SetYRadius(1.0);
  shape->SetZRadius(1.0);
  auto source = vtkSmartPointer<vtkParametricFunctionSource>::New();
  source->SetParametricFunction(shape);
  source->SetUResolution(resolution);
  source->SetVResolution(resolution);
  // The unit sphere mapped by x -> centre + axes x.
  auto matrix = vtkSmartPointer<vtkMatrix4x4>::New();
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) matrix->SetElement(r, c, axes(r, c));
    matrix->SetElement(r, 3, centre[r]);
  }
  auto transform = vtkSmartPointer<vtkTransform>::New();
  transform->SetMatrix(matrix);
  auto placed = vtkSmartPointer<vtkTransformPolyDataFilter>::New();
  placed->SetInputConnection(source->GetOutputPort());
  placed->SetTransform(transform);
  placed->Update();
  return placed->GetOutput();
}

vtkSmartPointer<vtkPolyData> box(const Vec3d& centre, const Vec3d& size) {
  auto cube = vtkSmartPointer<vtkCubeSource>::New();
  cube->SetCenter(centre.x(), centre.y(), centre.z());
  cube->SetXLength(size.x());
  cube->SetYLength(size.y());
  cube->SetZLength(size.z());
  auto triangles = vtkSmartPointer<vtkTriangleFilter>::New();
  triangles->SetInputConnection(cube->GetOutputPort());
  triangles->Update();
  return triangles->GetOutput();
}

vtkSmartPointer<vtkPolyData> fan(const Vec3d& hub, const std::vector<Vec3d>& loop) {
  auto sheet = vtkSmartPointer<vtkPolyData>::New();
  auto pts = vtkSmartPointer<vtkPoints>::New();
  auto cells = vtkSmartPointer<vtkCellArray>::New();
  const vtkIdType centre = pts->InsertNextPoint(hub.x(), hub.y(), hub.z());
  for (const Vec3d& p : loop) pts->InsertNextPoint(p.x(), p.y(), p.z());
  const auto n = static_cast<vtkIdType>(loop.size());
  for (vtkIdType i = 0; i < n; ++i) {
    const vtkIdType tri[3] = {centre, 1 + i, 1 + (i + 1) % n};
    cells->InsertNextCell(3, tri);
  }
  sheet->SetPoints(pts);
  sheet->SetPolys(cells);
  return sheet;
}

vtkSmartPointer<vtkPolyData> MeshAppender::result() const {
  auto append = vtkSmartPointer<vtkAppendPolyData>::New();
  for (const auto& part : parts_) append->AddInputData(part);
  if (parts_.empty()) return vtkSmartPointer<vtkPolyData>::New();
  append->Update();
  return append->GetOutput();
}

}  // namespace tonus::viz
