#include "scene.hpp"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCoordinate.h>
#include <vtkFloatArray.h>
#include <vtkLookupTable.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkTransform.h>
#include <vtkTubeFilter.h>

#include <algorithm>
#include <cmath>

#include "bones.hpp"
#include "colour_map.hpp"
#include "core/errors.hpp"
#include "shapes.hpp"

namespace tonus::viz {
namespace {

vtkSmartPointer<vtkActor> actorWith(double r, double g, double b, double opacity = 1.0) {
  auto actor = vtkSmartPointer<vtkActor>::New();
  actor->SetMapper(vtkSmartPointer<vtkPolyDataMapper>::New());
  actor->GetProperty()->SetColor(r, g, b);
  actor->GetProperty()->SetOpacity(opacity);
  return actor;
}

void setMesh(vtkActor* actor, vtkPolyData* mesh) {
  auto* mapper = vtkPolyDataMapper::SafeDownCast(actor->GetMapper());
  mapper->SetInputData(mesh);
  mapper->ScalarVisibilityOff();
}

// Every fascicle's path as one polyline, with its tube radius and value at each point.
vtkSmartPointer<vtkPolyData> fascicleLines(const body::SpineModel& model, const sim::Pose& pose,
                                          const std::vector<double>& values, const std::vector<bool>* only) {
  auto lines = vtkSmartPointer<vtkPolyData>::New();
  auto points = vtkSmartPointer<vtkPoints>::New();
  auto cells = vtkSmartPointer<vtkCellArray>::New();
  auto radius = vtkSmartPointer<vtkFloatArray>::New();
  radius->SetName("radius");
  auto value = vtkSmartPointer<vtkFloatArray>::New();
  value->SetName("value");
  const body::MusclePaths& paths = model.paths();
  for (int f = 0; f < model.fascicleCount(); ++f) {
    if (only && !(*only)[static_cast<std::size_t>(f)]) continue;
    // A tube half the radius of the fascicle's cross-section, so neighbours stay apart.
    const double r = std::max(0.002, 0.5 * std::sqrt(model.fascicle(f).pcsa / M_PI)) + (only ? 0.004 : 0.0);
    const int first = paths.first_point[static_cast<std::size_t>(f)];
    const int last = paths.first_point[static_cast<std::size_t>(f) + 1];
    cells->InsertNextCell(last - first);
    for (int p = first; p < last; ++p) {
      const auto q = pose.geometry.point_ground.col(p);
      cells->InsertCellPoint(points->InsertNextPoint(q.x(), q.y(), q.z()));
      radius->InsertNextValue(static_cast<float>(r));
      value->InsertNextValue(static_cast<float>(values[static_cast<std::size_t>(f)]));
    }
  }
  lines->SetPoints(points);
  lines->SetLines(cells);
  lines->GetPointData()->AddArray(value);
  lines->GetPointData()->SetScalars(radius);
  auto tubes = vtkSmartPointer<vtkTubeFilter>::New();
  tubes->SetInputData(lines);
  tubes->SetVaryRadiusToVaryRadiusByAbsoluteScalar();
  tubes->SetNumberOfSides(10);
  tubes->CappingOn();
  tubes->Update();
  return tubes->GetOutput();
}

vtkSmartPointer<vtkTextActor> textActor(int size, double x, double y, bool bold) {
  auto text = vtkSmartPointer<vtkTextActor>::New();
  text->GetTextProperty()->SetFontSize(size);
  text->GetTextProperty()->SetBold(bold);
  text->GetTextProperty()->SetColor(0.1, 0.1, 0.1);
  text->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
  text->SetPosition(x, y);
  return text;
}

}  // namespace

Scene::Scene(MuscleColour muscles, DiscColour discs)
    : muscle_colour_(muscles), disc_colour_(discs), renderer_(vtkSmartPointer<vtkRenderer>::New()),
      root_(vtkSmartPointer<vtkTransform>::New()) {
  renderer_->SetBackground(0.97, 0.97, 0.95);
  skeleton_ = actorWith(0.93, 0.90, 0.82);
  arms_ = actorWith(0.85, 0.72, 0.62, 0.25);
  loads_ = actorWith(0.62, 0.45, 0.25);
  legs_ = actorWith(0.85, 0.80, 0.72, 0.3);
  seat_ = actorWith(0.45, 0.45, 0.50, 0.6);
  spasms_ = actorWith(0.95, 0.20, 0.85, 0.35);
  discs_ = actorWith(1, 1, 1);
  muscles_ = actorWith(1, 1, 1);
  // Muscles read better lit mostly from the front: a high ambient share keeps their colour true.
  muscles_->GetProperty()->SetAmbient(0.55);
  muscles_->GetProperty()->SetDiffuse(0.5);
  discs_->GetProperty()->SetAmbient(0.55);
  for (vtkActor* a : {skeleton_.Get(), arms_.Get(), loads_.Get(), legs_.Get(), seat_.Get(), spasms_.Get(), discs_.Get(),
                     muscles_.Get()}) {
    a->SetUserTransform(root_);
    renderer_->AddActor(a);
  }
  const Scale scale = scaleOf(muscles);
  auto* muscle_mapper = vtkPolyDataMapper::SafeDownCast(muscles_->GetMapper());
  muscle_mapper->SetLookupTable(lookupTable(scale.low, scale.high));
  muscle_mapper->SetScalarModeToUsePointFieldData();
  muscle_mapper->SelectColorArray("value");
  muscle_mapper->SetScalarRange(scale.low, scale.high);
  const Scale disc_scale = scaleOf(discs);
  auto* disc_mapper = vtkPolyDataMapper::SafeDownCast(discs_->GetMapper());
  disc_mapper->SetLookupTable(lookupTable(disc_scale.low, disc_scale.high));
  disc_mapper->SetScalarRange(disc_scale.low, disc_scale.high);
  bar_ = vtkSmartPointer<vtkScalarBarActor>::New();
  bar_->SetLookupTable(muscle_mapper->GetLookupTable());
  bar_->SetTitle(scale.title.c_str());
  bar_->SetNumberOfLabels(5);
  bar_->SetOrientationToHorizontal();
  bar_->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
  bar_->SetPosition(0.15, 0.02);
  bar_->SetWidth(0.7);
  bar_->SetHeight(0.1);
  bar_->GetTitleTextProperty()->SetColor(0.1, 0.1, 0.1);
  bar_->GetLabelTextProperty()->SetColor(0.1, 0.1, 0.1);
  bar_->GetTitleTextProperty()->SetFontSize(14);
  bar_->UnconstrainedFontSizeOn();
  renderer_->AddActor2D(bar_);
  title_ = textActor(18, 0.02, 0.94, true);
  caption_ = textActor(15, 0.02, 0.89, false);
  renderer_->AddActor2D(title_);
  renderer_->AddActor2D(caption_);
}

Scene::~Scene() = default;

void Scene::show(const body::SpineModel& model, const Frame& frame) {
  const sim::Pose& pose = frame.pose;
  // Lying: turn the upright model onto its back (superior toward -x, anterior up), or face
  // down (superior toward +x, anterior down).
  root_->Identity();
  if (pose.lying) root_->RotateZ(pose.face_down ? -90.0 : 90.0);
  setMesh(skeleton_, skeletonMesh(model, pose.kin));
  // Hanging arms would hide the trunk from the side; they are drawn when the hands reach.
  arms_->SetVisibility(bones_ && pose.hands_reaching);
  if (pose.hands_reaching) setMesh(arms_, armsMesh(model, pose.kin, pose.hands));
  setMesh(loads_, loadsMesh(pose.loads, model.gravity()));
  const bool sitting = pose.stance == sim::Stance::Sitting;
  setMesh(legs_, legsMesh(model, pose.kin, sitting));
  seat_->SetVisibility(bones_ && sitting);
  if (sitting) setMesh(seat_, seatMesh(model, pose.kin));
  vtkSmartPointer<vtkPolyData> discs = discsMesh(model, pose.kin, frame.disc_value);
  vtkPolyDataMapper::SafeDownCast(discs_->GetMapper())->SetInputData(discs);
  vtkPolyDataMapper::SafeDownCast(discs_->GetMapper())->ScalarVisibilityOn();
  vtkSmartPointer<vtkPolyData> tubes = fascicleLines(model, pose, frame.muscle_value, nullptr);
  vtkPolyDataMapper::SafeDownCast(muscles_->GetMapper())->SetInputData(tubes);
  vtkPolyDataMapper::SafeDownCast(muscles_->GetMapper())->ScalarVisibilityOn();
  const bool any_spasm = std::find(frame.in_spasm.begin(), frame.in_spasm.end(), true) != frame.in_spasm.end();
  spasms_->SetVisibility(any_spasm);
  if (any_spasm) setMesh(spasms_, fascicleLines(model, pose, frame.muscle_value, &frame.in_spasm));
  title_->SetInput(frame.title.c_str());
  caption_->SetInput(frame.caption.c_str());
  // The middle of each path, and the body's middle, in world coordinates.
  fascicle_middles_.clear();
  const body::MusclePaths& paths = model.paths();
  for (int f = 0; f < model.fascicleCount(); ++f) {
    const int first = paths.first_point[static_cast<std::size_t>(f)], last = paths.first_point[static_cast<std::size_t>(f) + 1];
    // A point on the path: its middle vertex, or halfway along a single straight piece.
    const int count = last - first;
    const Eigen::Vector3d mid = count % 2 ? Eigen::Vector3d(pose.geometry.point_ground.col(first + count / 2))
                                          : Eigen::Vector3d(0.5 * (pose.geometry.point_ground.col(first + count / 2 - 1) +
                                                                   pose.geometry.point_ground.col(first + count / 2)));
    double world[3] = {mid.x(), mid.y(), mid.z()}, placed[3];
    root_->TransformPoint(world, placed);
    fascicle_middles_.push_back({placed[0], placed[1], placed[2]});
  }
  const Eigen::Vector3d middle = 0.5 * (pose.kin.origin[0] + pose.kin.origin[static_cast<std::size_t>(model.arms().segment)]) +
                                 Eigen::Vector3d(0.0, 0.1, 0.0);
  double world[3] = {middle.x(), middle.y(), middle.z()}, placed[3];
  root_->TransformPoint(world, placed);
  centre_ = {placed[0], placed[1], placed[2]};
}

void Scene::setView(View view) {
  vtkCamera* camera = renderer_->GetActiveCamera();
  double direction[3] = {0, 0, 1}, up[3] = {0, 1, 0};
  switch (view) {
    case View::Side: direction[0] = 0, direction[2] = 1; break;                    // from the right
    case View::Back: direction[0] = -1, direction[2] = 0; break;                   // from behind
    case View::Oblique: direction[0] = -0.6, direction[1] = 0.25, direction[2] = 0.75; break;
    case View::Top: direction[0] = 0, direction[1] = 1, direction[2] = 0, up[0] = 1, up[1] = 0; break;
  }
  camera->SetFocalPoint(centre_[0], centre_[1], centre_[2]);
  camera->SetPosition(centre_[0] + direction[0], centre_[1] + direction[1], centre_[2] + direction[2]);
  camera->SetViewUp(up);
  camera->SetViewAngle(30.0);
  // Fit the body (not the legs or seat drawn for context) along that direction.
  double bounds[6] = {1e9, -1e9, 1e9, -1e9, 1e9, -1e9};
  for (vtkActor* actor : {skeleton_.Get(), muscles_.Get(), loads_.Get()}) {
    if (!actor->GetVisibility()) continue;
    const double* b = actor->GetBounds();
    if (!b || b[0] > b[1]) continue;
    for (int i = 0; i < 3; ++i) bounds[2 * i] = std::min(bounds[2 * i], b[2 * i]), bounds[2 * i + 1] = std::max(bounds[2 * i + 1], b[2 * i + 1]);
  }
  if (bounds[0] <= bounds[1]) renderer_->ResetCamera(bounds);
  else renderer_->ResetCamera();
  renderer_->ResetCameraClippingRange();
}

void Scene::showColourBar(bool on) { bar_->SetVisibility(on); }

void Scene::showBones(bool on) {
  bones_ = on;
  skeleton_->SetVisibility(on);
  legs_->SetVisibility(on);
  if (!on) seat_->SetVisibility(false), arms_->SetVisibility(false);
}

vtkRenderer* Scene::renderer() const { return renderer_.Get(); }

std::array<double, 2> Scene::screenPointOfFascicle(int fascicle) const {
  auto coordinate = vtkSmartPointer<vtkCoordinate>::New();
  coordinate->SetCoordinateSystemToWorld();
  const auto& p = fascicle_middles_[static_cast<std::size_t>(fascicle)];
  coordinate->SetValue(p[0], p[1], p[2]);
  const double* display = coordinate->GetComputedDoubleDisplayValue(renderer_);
  return {display[0], display[1]};
}

}  // namespace tonus::viz
