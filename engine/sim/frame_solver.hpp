#pragma once
// One frame of a run, as a table of contents: kinematics -> paths -> loads -> inverse
// dynamics -> passive tissue -> muscle forces -> recruitment -> joint loads. Each stage is a
// named function with its own timer. A FrameSolver owns one run's buffers and the recruiter's
// warm start; the SpineModel it reads is shared and never changed.
#include <array>
#include <chrono>
#include <string>
#include <vector>

#include "body/dynamics.hpp"
#include "recruit/recruiter.hpp"
#include "scenario/phase_motion.hpp"

namespace tonus::sim {

enum Stage { kKinematics, kPaths, kLoads, kInverseDynamics, kPassive, kMuscles, kRecruitment, kJointLoads, kStageCount };
inline constexpr const char* kStageNames[kStageCount] = {"kinematics", "paths", "loads", "inverse_dynamics",
                                                         "passive", "muscles", "recruitment", "joint_loads"};

struct FrameResult {
  std::vector<body::JointLoad> joints;  // per segment: its joint to the parent
  Eigen::VectorXd activation;           // per fascicle
  Eigen::VectorXd force;                // per fascicle [N]
  Eigen::VectorXd intersegmental;       // per dof [N m] carried by the joint's own tissues
  Eigen::VectorXd reserve;              // per coupled coordinate [N m]: the muscles' shortfall
  bool capacity_exceeded = false;
  double shortfall = 0.0;               // [N m]
  double shortfall_percent = 0.0;
  int recruitment_iterations = 0;
  double backrest_force = 0.0;          // [N]
  double exert_moment = 0.0;            // [N m] the resistance's moment
};

// Rows of the coordinates recruitment balances exactly, over the recruited dofs: one per
// axis of the lumbar rhythm (normalised shares), one per dof the rhythm does not move.
Eigen::MatrixXd couplingOf(const body::SpineModel& model, const std::vector<int>& dofs);

class FrameSolver {
 public:
  // `strength`: per-fascicle multiplier on force (e.g. the scenario's core strength).
  FrameSolver(const body::SpineModel& model, Eigen::VectorXd strength, recruit::Settings settings = {});

  // The frame for a body target in motion (q, qdot, qddot), with each muscle's activation
  // bounded by [floor, capacity].
  FrameResult solve(const scenario::BodyTarget& target, const body::Motion& motion, const Eigen::VectorXd& floor,
                    const Eigen::VectorXd& capacity);

  const std::array<double, kStageCount>& stageSeconds() const { return seconds_; }
  const std::vector<int>& recruitedDofs() const { return dofs_; }
  // The coordinates the recruitment balances exactly: rows over the recruited dofs.
  const Eigen::MatrixXd& coupling() const { return problem_.P; }
  // The muscle-sharing problem of the last frame (benchmarks and cross-checks solve it again).
  const recruit::Problem& lastProblem() const { return problem_; }
  const recruit::Settings& recruitmentSettings() const { return settings_; }

 private:
  void kinematics(const body::Motion& motion);
  std::vector<body::PointLoad> loads(const scenario::BodyTarget& target, FrameResult& result);
  Eigen::VectorXd inverseDynamics(const scenario::BodyTarget& target, const body::Motion& motion,
                                  std::vector<body::PointLoad>& loads, FrameResult& result);
  void muscleForces(const body::Motion& motion);
  recruit::Solution recruitment(const Eigen::VectorXd& demand, const Eigen::VectorXd& floor, const Eigen::VectorXd& capacity);
  void jointLoads(const body::Motion& motion, const std::vector<body::PointLoad>& loads, FrameResult& result);

  const body::SpineModel& model_;
  Eigen::VectorXd strength_;
  std::vector<int> dofs_;  // recruited dofs: every joint but the pelvis on ground
  body::MultibodyState state_;
  body::Kinematics kin_;
  body::PathGeometry geometry_;
  muscle::MuscleInputs muscle_in_;
  muscle::MuscleState muscle_state_;
  muscle::MuscleOutputs muscle_out_;
  Eigen::VectorXd per_activation_, passive_force_;  // per fascicle [N]
  recruit::Settings settings_;
  recruit::Recruiter recruiter_;
  recruit::Problem problem_;
  std::array<double, kStageCount> seconds_{};
};

}  // namespace tonus::sim
