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

class Multibody {
 public:
  explicit Multibody(const std::vector<MultibodySegment>& segments);
  ~Multibody();
  Multibody(const Multibody&) = delete;
  Multibody& operator=(const Multibody&) = delete;

  int segmentCount() const;
  int dofCount() const { return 3 * segmentCount(); }

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

 private:
  friend class Multibody;
  struct Impl;
  explicit MultibodyState(std::shared_ptr<const std::vector<MultibodySegment>> segments);
  std::unique_ptr<Impl> impl_;
  std::shared_ptr<const std::vector<MultibodySegment>> segments_;
  Eigen::VectorXd q_, qdot_;
};

}  // namespace tonus::body
