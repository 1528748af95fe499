#pragma once
// A picture of the body at one frame: bones, discs coloured by load, every fascicle as a tube
// of its cross-section coloured by the chosen quantity (spasms outlined), held and carried
// loads, a colour bar, a title and the time. Camera presets: side, back, oblique, top.
#include <vtkSmartPointer.h>

#include <array>
#include <string>

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

class Scene {
 public:
  Scene(MuscleColour muscles, DiscColour discs);
  ~Scene();
  // Rebuilds the geometry and colours for a frame of this model.
  void show(const body::SpineModel& model, const Frame& frame);
  void setView(View view);
  void showColourBar(bool on);
  // Bones, legs and seat on or off (muscles alone, for figures and tests).
  void showBones(bool on);
  vtkRenderer* renderer() const;
  // Where on the picture the middle of fascicle f's path lands (pixels from the bottom left),
  // after the last show() and render; for tests.
  std::array<double, 2> screenPointOfFascicle(int fascicle) const;

 private:
  MuscleColour muscle_colour_;
  DiscColour disc_colour_;
  vtkSmartPointer<vtkRenderer> renderer_;
  vtkSmartPointer<vtkTransform> root_;  // lays the body down when lying
  vtkSmartPointer<vtkActor> skeleton_, arms_, discs_, muscles_, spasms_, loads_, legs_, seat_;
  vtkSmartPointer<vtkTextActor> title_, caption_;
  vtkSmartPointer<vtkScalarBarActor> bar_;
  std::array<double, 3> centre_{};
  bool bones_ = true;
  std::vector<std::array<double, 3>> fascicle_middles_;
};

}  // namespace tonus::viz
