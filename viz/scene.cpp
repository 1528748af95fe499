#include "scene.hpp"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCoordinate.h>
#include <vtkDoubleArray.h>
#include <vtkFloatArray.h>
#include <vtkLookupTable.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkTransform.h>
#include <vtkTubeFilter.h>

#include <algorithm>
#include <cmath>

#include "bones.hpp"
#include "camera_fit.hpp"
#include "colour_map.hpp"
#include "colour_scale.hpp"
#include "figure.hpp"
#include "text_font.hpp"

namespace tonus::viz {
namespace {

// The body's part of the scene's viewport, leaving the right for the colour bars and the top
// for the title: the bars never cover the body.
constexpr double kBodyRight = 0.80, kBodyTop = 0.86;

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

vtkSmartPointer<vtkTextActor> textActor(int size, bool bold) {
  auto text = vtkSmartPointer<vtkTextActor>::New();
  text->GetTextProperty()->SetFontSize(size);
  text->GetTextProperty()->SetBold(bold);
  text->GetTextProperty()->SetColor(0.1, 0.1, 0.1);
  text->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
  return text;
}

// A vertical colour bar for a scale: round ticks, every label with the same decimals, no title
// of its own (a text above it carries that, clear of the labels).
vtkSmartPointer<vtkScalarBarActor> colourBar(const Scale& scale, Rgb (*map)(double)) {
  auto bar = vtkSmartPointer<vtkScalarBarActor>::New();
  bar->SetLookupTable(lookupTable(scale.low, scale.high, map));
  bar->SetOrientationToVertical();
  bar->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
  const Ticks ticks = ticksFor(scale.low, scale.high);
  auto labels = vtkSmartPointer<vtkDoubleArray>::New();
  for (double v : ticks.values) labels->InsertNextValue(v);
  bar->SetUseCustomLabels(true);
  bar->SetCustomLabels(labels);
  bar->SetLabelFormat(labelFormat(ticks).c_str());
  bar->SetBarRatio(0.3);
  bar->UnconstrainedFontSizeOn();
  bar->GetLabelTextProperty()->SetFontSize(13);
  bar->GetLabelTextProperty()->SetColor(0.1, 0.1, 0.1);
  bar->GetLabelTextProperty()->SetShadow(false);
  bar->GetLabelTextProperty()->SetItalic(false);
  bar->GetLabelTextProperty()->SetBold(false);
  bar->SetTitle("");
  return bar;
}

// A bar's title in lines that fit the narrow strip beside the body: the units start a line, and
// words wrap past 14 characters ("disc compression [N]" -> "disc\ncompression\n[N]").
std::string wrapped(const std::string& title) {
  constexpr std::size_t kWidth = 14;
  std::string out, line;
  std::size_t start = 0;
  while (start < title.size()) {
    std::size_t end = title.find(' ', start);
    if (end == std::string::npos) end = title.size();
    const std::string word = title.substr(start, end - start);
    const bool units = word[0] == '(' || word[0] == '[';
    // Appended piece by piece: GCC 12 misreads "a" + std::string as overlapping (bug 105651).
    if (!line.empty() && (units || line.size() + 1 + word.size() > kWidth)) {
      out += line;
      out += '\n';
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
    start = end + 1;
  }
  out += line;
  return out;
}

void setColourBy(vtkActor* actor, const Scale& scale, Rgb (*map)(double), bool per_point_field) {
  auto* mapper = vtkPolyDataMapper::SafeDownCast(actor->GetMapper());
  mapper->SetLookupTable(lookupTable(scale.low, scale.high, map));
  if (per_point_field) {
    mapper->SetScalarModeToUsePointFieldData();
    mapper->SelectColorArray("value");
  }
  mapper->SetScalarRange(scale.low, scale.high);
}

}  // namespace

SceneStyle fixedStyle(const Look& look) {
  return {look.muscles, look.discs, scaleOf(look.muscles), scaleOf(look.discs), look.outline};
}

SceneStyle styleFor(const Look& look, const std::vector<const results::RunRecord*>& runs) {
  return {look.muscles, look.discs, muscleScale(look.muscles, look.range, runs), discScale(look.discs, look.range, runs),
          look.outline};
}

Bounds emptyBounds() { return {1e300, -1e300, 1e300, -1e300, 1e300, -1e300}; }

void grow(Bounds& bounds, const Bounds& more) {
  for (int i = 0; i < 3; ++i) {
    bounds[2 * i] = std::min(bounds[2 * i], more[2 * i]);
    bounds[2 * i + 1] = std::max(bounds[2 * i + 1], more[2 * i + 1]);
  }
}

Scene::Scene(const SceneStyle& style)
    : style_(style), renderer_(vtkSmartPointer<vtkRenderer>::New()), disc_layer_(vtkSmartPointer<vtkRenderer>::New()),
      labels_(vtkSmartPointer<vtkRenderer>::New()), root_(vtkSmartPointer<vtkTransform>::New()) {
  renderer_->SetBackground(0.97, 0.97, 0.95);
  skeleton_ = actorWith(0.93, 0.90, 0.82);
  arms_ = actorWith(0.88, 0.78, 0.68, 0.45);
  legs_ = actorWith(0.88, 0.78, 0.68, 0.85);
  loads_ = actorWith(0.72, 0.55, 0.33);
  loads_->GetProperty()->SetAmbient(0.35);
  floor_ = actorWith(0.86, 0.86, 0.84);
  // The floor seen edge-on would light dark: it keeps its own shade.
  floor_->GetProperty()->SetAmbient(1.0);
  floor_->GetProperty()->SetDiffuse(0.0);
  furniture_ = actorWith(0.50, 0.42, 0.35, 0.75);
  outline_ = actorWith(0.95, 0.80, 0.70, 0.13);
  spasms_ = actorWith(0.95, 0.20, 0.85, 0.35);
  discs_ = actorWith(1, 1, 1);
  muscles_ = actorWith(1, 1, 1);
  // Muscles read better lit mostly from the front: a high ambient share keeps their colour true.
  muscles_->GetProperty()->SetAmbient(0.55);
  muscles_->GetProperty()->SetDiffuse(0.5);
  discs_->GetProperty()->SetAmbient(0.6);
  outline_->GetProperty()->BackfaceCullingOn();
  outline_->SetVisibility(style.outline);
  for (vtkActor* a : {floor_.Get(), furniture_.Get(), skeleton_.Get(), legs_.Get(), arms_.Get(), loads_.Get(),
                      spasms_.Get(), muscles_.Get(), outline_.Get()}) {
    a->SetUserTransform(root_);
    renderer_->AddActor(a);
  }
  setColourBy(muscles_, style.muscle_scale, colourAt, true);
  setColourBy(discs_, style.disc_scale, discColourAt, false);
  // The discs sit inside the muscles: drawn in a layer above the body, with its camera, they are
  // always seen, as through the muscles.
  discs_->SetUserTransform(root_);
  disc_layer_->SetLayer(1);
  disc_layer_->InteractiveOff();
  disc_layer_->SetActiveCamera(renderer_->GetActiveCamera());
  disc_layer_->AddActor(discs_);
  // Titles and colour bars on the scene's background, around the body's part of the viewport.
  labels_->SetBackground(renderer_->GetBackground());
  labels_->InteractiveOff();
  muscle_bar_ = colourBar(style.muscle_scale, colourAt);
  disc_bar_ = colourBar(style.disc_scale, discColourAt);
  muscle_bar_title_ = textActor(13, true);
  disc_bar_title_ = textActor(13, true);
  muscle_bar_title_->SetInput(wrapped(style.muscle_scale.title).c_str());
  disc_bar_title_->SetInput(wrapped(style.disc_scale.title).c_str());
  title_ = std::make_unique<TextLine>(labels_, 18, true);
  caption_ = std::make_unique<TextLine>(labels_, 15, false);
  posture_ = std::make_unique<TextLine>(labels_, 14, false);
  labels_->AddActor2D(muscle_bar_title_);
  labels_->AddActor2D(disc_bar_title_);
  labels_->AddActor2D(muscle_bar_);
  labels_->AddActor2D(disc_bar_);
  placeLabels();
}

Scene::~Scene() = default;

void Scene::placeLabels() {
  const auto [x0, y0, x1, y1] = viewport_;
  renderer_->SetViewport(x0, y0, x0 + kBodyRight * (x1 - x0), y0 + kBodyTop * (y1 - y0));
  disc_layer_->SetViewport(renderer_->GetViewport());
  labels_->SetViewport(x0, y0, x1, y1);
  title_->setPosition(0.02, 0.95);
  caption_->setPosition(0.02, 0.91);
  posture_->setPosition(0.02, 0.875);
  // The muscles' bar above the discs', in the strip to the right of the body; each title above
  // its bar, growing upward line by line, clear of the bar's labels.
  muscle_bar_title_->SetPosition(0.815, 0.80);
  muscle_bar_->SetPosition(0.815, 0.50);
  muscle_bar_->SetWidth(0.17);
  muscle_bar_->SetHeight(0.28);
  disc_bar_title_->SetPosition(0.815, 0.33);
  disc_bar_->SetPosition(0.815, 0.04);
  disc_bar_->SetWidth(0.17);
  disc_bar_->SetHeight(0.27);
  for (vtkProp* p : {static_cast<vtkProp*>(muscle_bar_.Get()), static_cast<vtkProp*>(disc_bar_.Get()),
                     static_cast<vtkProp*>(muscle_bar_title_.Get()), static_cast<vtkProp*>(disc_bar_title_.Get())}) {
    p->SetVisibility(bars_);
  }
}

void Scene::show(const body::SpineModel& model, const Frame& frame) {
  const sim::Pose& pose = frame.pose;
  // Lying: turn the upright model onto its back (superior toward -x, anterior up), or face
  // down (superior toward +x, anterior down).
  root_->Identity();
  if (pose.lying) root_->RotateZ(pose.face_down ? -90.0 : 90.0);
  const LegsDrawn legs = legsAt(model, pose);
  setMesh(skeleton_, skeletonMesh(model, pose.kin));
  setMesh(arms_, meshOf(armsProps(model, pose)));
  setMesh(legs_, meshOf(legsProps(model, legs)));
  setMesh(loads_, loadsMesh(pose.loads, model.gravity(), legs.floor_y));
  setMesh(floor_, meshOf(floorProps(model, pose, legs)));
  setMesh(furniture_, meshOf(furnitureProps(model, pose, legs)));
  if (style_.outline) setMesh(outline_, outlineMesh(model, pose, legs));
  vtkPolyDataMapper::SafeDownCast(discs_->GetMapper())->SetInputData(discsMesh(model, pose.kin, frame.disc_value));
  vtkPolyDataMapper::SafeDownCast(discs_->GetMapper())->ScalarVisibilityOn();
  vtkPolyDataMapper::SafeDownCast(muscles_->GetMapper())->SetInputData(fascicleLines(model, pose, frame.muscle_value, nullptr));
  vtkPolyDataMapper::SafeDownCast(muscles_->GetMapper())->ScalarVisibilityOn();
  const bool any_spasm = std::find(frame.in_spasm.begin(), frame.in_spasm.end(), true) != frame.in_spasm.end();
  spasms_->SetVisibility(any_spasm);
  if (any_spasm) setMesh(spasms_, fascicleLines(model, pose, frame.muscle_value, &frame.in_spasm));
  title_->set(frame.title);
  caption_->set(frame.caption);
  posture_->set(frame.posture);
  // The middle of each path in world coordinates, for tests.
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
}

Bounds Scene::bodyBounds() const {
  Bounds bounds = emptyBounds();
  for (vtkActor* actor : {skeleton_.Get(), muscles_.Get(), loads_.Get(), arms_.Get(), legs_.Get(), outline_.Get()}) {
    if (!actor->GetVisibility()) continue;
    const double* b = actor->GetBounds();
    if (!b || b[0] > b[1]) continue;
    grow(bounds, {b[0], b[1], b[2], b[3], b[4], b[5]});
  }
  return bounds;
}

void Scene::setView(View view) { setView(view, bodyBounds()); }

void Scene::setView(View view, const Bounds& bounds) {
  // The body's part of the window, in pixels, sets the aspect the framing fits.
  double aspect = 4.0 / 3.0;
  if (vtkRenderWindow* window = renderer_->GetRenderWindow()) {
    const int* size = window->GetSize();
    const double* vp = renderer_->GetViewport();
    if (size[0] > 0 && size[1] > 0) aspect = (vp[2] - vp[0]) * size[0] / ((vp[3] - vp[1]) * size[1]);
  }
  fitCamera(renderer_->GetActiveCamera(), view, bounds, aspect);
  renderer_->ResetCameraClippingRange();
  disc_layer_->ResetCameraClippingRange();
}

void Scene::showColourBar(bool on) {
  bars_ = on;
  placeLabels();
}

void Scene::showBones(bool on) {
  for (vtkActor* a : {skeleton_.Get(), legs_.Get(), arms_.Get(), floor_.Get(), furniture_.Get()}) a->SetVisibility(on);
}

void Scene::setViewport(double x0, double y0, double x1, double y1) {
  viewport_ = {x0, y0, x1, y1};
  placeLabels();
}

// The labels first: they clear the whole viewport, and the body then draws over its part.
std::vector<vtkRenderer*> Scene::renderers() const { return {labels_.Get(), renderer_.Get(), disc_layer_.Get()}; }

vtkRenderer* Scene::renderer() const { return renderer_.Get(); }

std::array<double, 2> Scene::screenPointOfFascicle(int fascicle) const {
  auto coordinate = vtkSmartPointer<vtkCoordinate>::New();
  coordinate->SetCoordinateSystemToWorld();
  const auto& p = fascicle_middles_[static_cast<std::size_t>(fascicle)];
  coordinate->SetValue(p[0], p[1], p[2]);
  const double* display = coordinate->GetComputedDoubleDisplayValue(renderer_);
  return {display[0], display[1]};
}

std::array<double, 2> Scene::screenPoint(const body::Vec3d& point) const {
  double world[3] = {point.x(), point.y(), point.z()}, placed[3];
  root_->TransformPoint(world, placed);
  auto coordinate = vtkSmartPointer<vtkCoordinate>::New();
  coordinate->SetCoordinateSystemToWorld();
  coordinate->SetValue(placed[0], placed[1], placed[2]);
  const double* display = coordinate->GetComputedDoubleDisplayValue(renderer_);
  return {display[0], display[1]};
}

}  // namespace tonus::viz
