#pragma once
// The Simbody part of the body, behind an interface free of Simbody types: Simbody 3.7's
// headers do not compile as C++20, so multibody.cpp alone is built as C++17, and every other
// file sees only Eigen. A Multibody is read-only once built; each run owns a MultibodyState.
// Simbody's System keeps mutable statistics (counts of realisations) that its const methods
// update, so one System shared by threads would be written by all of them: each
// MultibodyState therefore carries its own Simbody system, built from the Multibody's
// segments (~75 us), and everything that realises or computes goes through the state's.
#include <Eigen/Core>
#include <Eigen/Geometry>
#include <functional>
#include <memory>
#include <vector>

namespace tonus::body {

using Vec3d = Eigen::Vector3d;

// One rigid segment joined to its parent (or ground) by a 3-rotation joint whose angles are
// flexion, lateral bending and axial rotation (see Multibody::gimbalFrame).
struct MultibodySegment {
  int parent = -1;               // index of an earlier segment; -1 = ground
  Vec3d joint_in_parent;         // [m] joint centre in the parent frame (= this frame's origin)
  double mass = 0.0;             // [kg]
  Vec3d centre_of_mass;          // [m] in this frame
  Eigen::Matrix3d inertia_about_com;  // [kg m^2] in this frame
};

// A force and a moment about a segment's origin, in ground.
struct Wrench {
  Vec3d force = Vec3d::Zero();
  Vec3d moment = Vec3d::Zero();
};

class MultibodyState;

// What acts on the bodies besides gravity during forward dynamics: per dof a generalised force
// [N m] (joint tissues, actuators), and per segment a wrench about its origin, in ground
// (muscle pulls, loads). A ForceModel fills them at a state's angles and rates; Simbody's
// integrator calls it at every stage of every step.
struct AppliedForces {
  Eigen::VectorXd mobility;   // dofCount()
  std::vector<Wrench> body;   // segmentCount()
};
using ForceModel = std::function<void(const Eigen::VectorXd& q, const Eigen::VectorXd& qdot, AppliedForces& out)>;

// Simbody's fixed-step integrators a forward run may use (docs/forward.md compares them).
enum class BodyIntegrator { SemiExplicitEuler, RungeKutta2, RungeKutta3 };

class Multibody {
 public:
  explicit Multibody(const std::vector<MultibodySegment>& segments);
  ~Multibody();
  Multibody(const Multibody&) = delete;
  Multibody& operator=(const Multibody&) = delete;

  int segmentCount() const;
  int dofCount() const { return 3 * segmentCount(); }
  const MultibodySegment& segment(int i) const { return (*segments_)[static_cast<std::size_t>(i)]; }

  // A state for one run (with its own Simbody system), at upright standing and at rest.
  MultibodyState makeState() const;
  // Angles (and rates), then Simbody's realisation to positions (and velocities).
  void setPositions(MultibodyState& state, const Eigen::VectorXd& q) const;
  void setMotion(MultibodyState& state, const Eigen::VectorXd& q, const Eigen::VectorXd& qdot) const;

  // Each segment's orientation and origin in ground (needs positions).
  void poses(const MultibodyState& state, std::vector<Eigen::Matrix3d>& rotation, std::vector<Vec3d>& origin) const;
  // Each segment's angular velocity (needs velocities) and, for joint accelerations qddot, its
  // angular acceleration and the acceleration of its origin, all in ground.
  void accelerations(const MultibodyState& state, const Eigen::VectorXd& qddot, std::vector<Vec3d>& omega,
                     std::vector<Vec3d>& alpha, std::vector<Vec3d>& origin_acceleration) const;
  // Generalised forces the joints must add so the motion happens under the applied wrenches
  // (one per segment, about its origin; gravity included by the caller) (needs velocities).
  Eigen::VectorXd inverseDynamics(const MultibodyState& state, const Eigen::VectorXd& qddot,
                                  const std::vector<Wrench>& applied) const;

  // Forward dynamics: advances the state by `dt` in fixed steps of at most `step` with Simbody's
  // integrator, under gravity (`gravity` m/s^2 along -y) and `forces`. The state's angles,
  // rates and time move on; its accelerations at the end are in qddot().
  void integrate(MultibodyState& state, double dt, double step, BodyIntegrator integrator, double gravity,
                 const ForceModel& forces) const;

  // Rotation from a joint's Gimbal axes (x, y, z) to (flexion, lateral bending, axial rotation):
  // columns are -z, +x, -y of the segment frame.
  static const Eigen::Matrix3d& gimbalFrame();

 private:
  std::shared_ptr<const std::vector<MultibodySegment>> segments_;
};

// One run's Simbody system and state (positions, velocities and their cached realisations).
class MultibodyState {
 public:
  MultibodyState();
  ~MultibodyState();
  MultibodyState(MultibodyState&&) noexcept;
  MultibodyState& operator=(MultibodyState&&) noexcept;
  MultibodyState(const MultibodyState& other);
  MultibodyState& operator=(const MultibodyState& other);

  const Eigen::VectorXd& q() const { return q_; }
  const Eigen::VectorXd& qdot() const { return qdot_; }
  const Eigen::VectorXd& qddot() const { return qddot_; }  // after integrate()
  double time() const { return time_; }

 private:
  friend class Multibody;
  struct Impl;
  explicit MultibodyState(std::shared_ptr<const std::vector<MultibodySegment>> segments);
  std::unique_ptr<Impl> impl_;
  std::shared_ptr<const std::vector<MultibodySegment>> segments_;
  Eigen::VectorXd q_, qdot_, qddot_;
  double time_ = 0.0;  // [s] Simbody's clock, advanced only by integrate()
};

}  // namespace tonus::body
