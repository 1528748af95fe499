#pragma once
// A picture of the body at one frame: bones, legs, arms and the furniture around them, discs
// coloured by load (drawn through the muscles, so they are always seen), every fascicle as a tube
// of its cross-section coloured by the chosen quantity (spasms outlined), held and carried loads,
// an optional translucent outline of the body, a colour bar for the muscles and one for the
// discs beside the body (never over it), a title and the time. Camera presets: side, back,
// oblique, top, framed to what is shown.
#include <vtkSmartPointer.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "body/spine_model.hpp"
#include "frame.hpp"
#include "look.hpp"
#include "quantity.hpp"

class vtkActor;
class vtkRenderer;
class vtkScalarBarActor;
class vtkTextActor;
class vtkTransform;

namespace tonus::viz {

class TextLine;

// What a scene colours by and on which scales.
struct SceneStyle {
  MuscleColour muscles = MuscleColour::Tone;
  DiscColour discs = DiscColour::Compression;
  Scale muscle_scale = scaleOf(MuscleColour::Tone);
  Scale disc_scale = scaleOf(DiscColour::Compression);
  bool outline = false;  // a translucent body outline over the skeleton
};
// The style of a look on its quantities' fixed scales.
SceneStyle fixedStyle(const Look& look);
// The style of a look for pictures of these runs: its range read against their values.
SceneStyle styleFor(const Look& look, const std::vector<const results::RunRecord*>& runs);

// An axis-aligned box in world coordinates: {xmin, xmax, ymin, ymax, zmin, zmax}.
using Bounds = std::array<double, 6>;
Bounds emptyBounds();
void grow(Bounds& bounds, const Bounds& more);

class Scene {
 public:
  explicit Scene(const SceneStyle& style);
  ~Scene();
  // Rebuilds the geometry and colours for a frame of this model.
  void show(const body::SpineModel& model, const Frame& frame);
  // Points the camera from a preset direction and frames what is shown now, or `bounds`.
  void setView(View view);
  void setView(View view, const Bounds& bounds);
  // The body as shown now (bones, muscles, limbs, loads; not the floor or furniture).
  Bounds bodyBounds() const;
  void showColourBar(bool on);
  // Bones, limbs and furniture on or off (muscles alone, for figures and tests).
  void showBones(bool on);
  // Lays the scene's renderers out in this part of the window (normalised, from the bottom left).
  void setViewport(double x0, double y0, double x1, double y1);
  // Every renderer the window must hold (the body, the discs over it, the labels), with their layers.
  std::vector<vtkRenderer*> renderers() const;
  vtkRenderer* renderer() const;  // the body's
  // Where on the picture the middle of fascicle f's path lands (pixels from the bottom left),
  // after the last show() and render; for tests.
  std::array<double, 2> screenPointOfFascicle(int fascicle) const;
  // Where a point of the body's frame (as the model's kinematics gives it) lands on the picture.
  std::array<double, 2> screenPoint(const body::Vec3d& point) const;

 private:
  void placeLabels();

  SceneStyle style_;
  vtkSmartPointer<vtkRenderer> renderer_, disc_layer_, labels_;
  vtkSmartPointer<vtkTransform> root_;  // lays the body down when lying
  vtkSmartPointer<vtkActor> skeleton_, arms_, discs_, muscles_, spasms_, loads_, legs_, floor_, furniture_, outline_;
  std::unique_ptr<TextLine> title_, caption_, posture_;
  vtkSmartPointer<vtkTextActor> muscle_bar_title_, disc_bar_title_;
  vtkSmartPointer<vtkScalarBarActor> muscle_bar_, disc_bar_;
  std::array<double, 4> viewport_{0.0, 0.0, 1.0, 1.0};
  bool bars_ = true;
  std::vector<std::array<double, 3>> fascicle_middles_;
};

}  // namespace tonus::viz
