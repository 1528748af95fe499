#pragma once
// The body's pose at any time of a finished run, rebuilt from the scenario and model texts it
// used: segment frames, every fascicle's path in ground, the hands and what they hold. For
// pictures and animations (viz/), which must show exactly the run's posture.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "body/kinematics.hpp"
#include "body/loads.hpp"
#include "body/path_geometry.hpp"
#include "scenario/scenario.hpp"
#include "scenario/timeline.hpp"

namespace tonus::sim {

// How the body rests on its legs, for drawing them (the model itself has no legs).
enum class Stance { Standing, Sitting, Lying };

struct Pose {
  double time = 0.0;
  Eigen::VectorXd q;                     // every joint angle [rad], in the model's dof order
  body::Kinematics kin;
  body::PathGeometry geometry;           // point_ground: every path point in ground
  std::vector<body::PointLoad> loads;    // held and carried loads, arms, support (labelled)
  body::HandPositions hands;
  bool hands_reaching = false;  // the hands hold or push something in front
  bool lying = false;
  bool face_down = false;  // lying prone, or over a test bench's edge
  bool over_edge = false;  // the trunk held out over a bench's edge (the Biering-Sorensen test)
  Stance stance = Stance::Standing;
  // For drawing the legs and furniture the model itself does not have.
  double thigh_flexion = 0.0;  // [rad] the thighs forward of vertical
  double hip_drop = 0.0;       // [m] the hips below their standing height (a squat)
  scenario::ArmSupport arm_support = scenario::ArmSupport::None;
  body::Vec3d arm_support_point = body::Vec3d::Zero();  // in ground: the elbows on a desk or knees
  bool backrest = false;
};

// A run's forward movement as recorded (motion.csv): per integrator step, its time, phase and
// every joint angle [rad] under the dof names of its columns.
struct RecordedMotion {
  std::vector<std::string> dofs;
  std::vector<double> time;
  std::vector<int> phase;
  std::vector<Eigen::VectorXd> q;  // per step, in `dofs` order
};

// Rebuilds a finished run's body at any time. One replay serves one thread: at() reuses its
// own Simbody state. In a forward phase the body is where the run's integrator took it
// (`motion`), not the phase's planned posture.
class PoseReplay {
 public:
  PoseReplay(const std::string& scenario_text, const std::string& model_text, const RecordedMotion* motion = nullptr);
  ~PoseReplay();
  Pose at(double time) const;
  const body::SpineModel& model() const { return *model_; }
  const scenario::Timeline& timeline() const { return *timeline_; }
  const scenario::Scenario& scenario() const { return scenario_; }

 private:
  scenario::Scenario scenario_;
  std::unique_ptr<body::SpineModel> model_;
  std::unique_ptr<scenario::Timeline> timeline_;
  mutable body::MultibodyState state_;  // scratch for at()
  RecordedMotion motion_;  // its q in the model's dof order
  // The recorded angles in a forward phase at `time` (between two steps, interpolated); unset
  // where the run recorded none.
  std::optional<Eigen::VectorXd> recordedAngles(int phase, double time) const;
};

}  // namespace tonus::sim
