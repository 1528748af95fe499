#pragma once
// One frame of a run, as a table of contents: kinematics -> paths -> loads -> muscle forces ->
// inverse dynamics -> passive tissue -> recruitment -> joint loads. Each stage is a
// named function with its own timer. A FrameSolver owns one run's buffers and the recruiter's
// warm start; the SpineModel it reads is shared and never changed.
#include <array>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "body/dynamics.hpp"
#include "recruit/recruiter.hpp"
#include "scenario/phase_motion.hpp"

namespace tonus::sim {

// Below this a hanging posture balances (a fraction of a N m of muscle moment is noise) [N m].
inline constexpr double kHangingTolerance = 0.05;

// The stages of a step; the physiology's and the outputs' are timed by the run (not part of a frame).
// Forward phases add the controller's (the commands and reflexes) and the multibody's
// (Simbody's integration).
enum Stage {
  kKinematics, kPaths, kLoads, kInverseDynamics, kPassive, kMuscles, kRecruitment, kJointLoads, kController, kMultibody,
  kPhysiology, kOutputs, kStageCount
};
inline constexpr const char* kStageNames[kStageCount] = {"kinematics", "paths", "loads", "inverse_dynamics",
                                                         "passive", "muscles", "recruitment", "joint_loads",
                                                         "controller", "multibody", "physiology", "outputs"};

// Adds the wall time of its scope to one stage's counter.
class StageTimer {
 public:
  StageTimer(std::array<double, kStageCount>& seconds, Stage stage) : seconds_(seconds), stage_(stage) {}
  ~StageTimer() { seconds_[stage_] += std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count(); }
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

 private:
  std::array<double, kStageCount>& seconds_;
  Stage stage_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

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
  // How the solvers fared: the recruitment needed its active-set fallback, or found no optimal
  // answer (recruit::RecruitmentIssue bits say why); how many fascicles the muscle bank flagged.
  bool recruitment_fell_back = false, recruitment_failed = false;
  unsigned recruitment_issues = 0;
  int muscles_not_finite = 0, muscles_at_minimum_length = 0, muscles_overstretched = 0;
  double backrest_force = 0.0;          // [N]
  double arm_support_force = 0.0;       // [N] resting arms' push on the shoulders, both sides
  double exert_moment = 0.0;            // [N m] the resistance's moment
  double abdominal_pressure = 0.0;      // [kPa] intra-abdominal pressure
  double lumbar_kept = 1.0;             // share of the rhythm's lumbar flexion the spine hangs at
  double neck_kept = 1.0;               // share of the asked neck flexion the head hangs at
  // What the physiology reads: per fascicle, its fibre's normalised length, lengthening
  // velocity [optimal lengths/s] and passive force / max force; per dof, the passive joint moment.
  Eigen::VectorXd fibre_length, fibre_velocity, passive_force;
  Eigen::VectorXd passive_joint_moment;  // joints' curves and ligaments together
  // The motion segments' own tissue (curves and one-joint ligaments, not the fascia): what an
  // in-vitro test of a segment measures, and what the physiology reads as joint strain.
  Eigen::VectorXd joint_tissue_moment;
  Eigen::VectorXd ligament_tension;      // per ligament [N]
};

// Rows of the coordinates recruitment balances exactly, over the recruited dofs: one per
// axis of the lumbar rhythm (normalised shares), one per dof the rhythm does not move.
Eigen::MatrixXd couplingOf(const body::SpineModel& model, const std::vector<int>& dofs);

class FrameSolver {
 public:
  // `strength`: per-fascicle multiplier on force (e.g. the scenario's core strength).
  FrameSolver(const body::SpineModel& model, Eigen::VectorXd strength, recruit::Settings settings = {},
              scenario::Mechanics mechanics = {});

  // The frame for a body target in motion (q, qdot, qddot), with each muscle's activation
  // bounded by [floor, capacity].
  FrameResult solve(const scenario::BodyTarget& target, const body::Motion& motion, const Eigen::VectorXd& floor,
                    const Eigen::VectorXd& capacity);
  // The last frame again with new activation bounds: the body holds still, so only the
  // recruitment and the joint loads change (a hold's coarse steps).
  FrameResult resolve(const Eigen::VectorXd& floor, const Eigen::VectorXd& capacity);

  // Whether a bent spine or head may settle to hang on its passive tissues (the default). A
  // forward controller plans at the body's actual posture, which must stay as given.
  void allowHanging(bool allow) { hanging_allowed_ = allow; }
  // The next solves take each fascicle's force per unit activation and passive force along its
  // tendon [N] from a compliant bank's present fibre states (computed muscle control) rather
  // than from rigid tendons at the posture's lengths; null: rigid tendons again.
  void useMuscleStates(const Eigen::VectorXd* per_activation, const Eigen::VectorXd* passive) {
    given_per_activation_ = per_activation;
    given_passive_ = passive;
  }

  const std::array<double, kStageCount>& stageSeconds() const { return seconds_; }
  const std::vector<int>& recruitedDofs() const { return dofs_; }
  // The coordinates the recruitment balances exactly: rows over the recruited dofs.
  const Eigen::MatrixXd& coupling() const { return problem_.P; }
  // The muscle-sharing problem of the last frame (benchmarks and cross-checks solve it again).
  const recruit::Problem& lastProblem() const { return problem_; }
  const recruit::Settings& recruitmentSettings() const { return settings_; }
  // The loads on the bodies in the last frame (gravity aside): arms, held loads, the abdominal
  // pressure's push (a forward run holds them as its starting loads).
  const std::vector<body::PointLoad>& lastApplied() const { return last_applied_; }

 private:
  // Kinematics, paths, loads, muscle and passive tissue forces at one posture.
  void mechanicsAt(const scenario::BodyTarget& target, const body::Motion& motion, std::vector<body::PointLoad>& applied,
                   FrameResult& result);
  // Whether the spine could hang on its passive tissues: bent forward, not lying, leaning on a
  // backrest or pushing against a resistance (hanging_settle.cpp).
  bool mayHang(const scenario::BodyTarget& target, const body::Motion& motion) const;
  // The flexion moment the muscles would have to add along the lumbar rhythm [N m] for the
  // generalised forces `tau` (> 0: the passive tissues hold more than gravity and the loads ask).
  double hangingExcess(const Eigen::VectorXd& tau, const FrameResult& result) const;
  // What the muscles would have to add at one dof beyond the passive tissues (joint and muscle
  // fibres): the quantity both hanging rules drive to zero.
  double excessAt(int dof, const Eigen::VectorXd& tau, const FrameResult& result) const;
  // The posture the spine hangs in, where the passive tissues just balance; leaves the mechanics
  // and `tau` evaluated there.
  body::Motion settleHanging(const scenario::BodyTarget& target, const body::Motion& motion,
                             std::vector<body::PointLoad>& applied, FrameResult& result, Eigen::VectorXd& tau);
  // The share s in [lo, 1] of a family of postures (s = 1: as asked) at which the muscles'
  // excess moment vanishes, the excess rising with s; leaves the mechanics and `tau` evaluated
  // there (hanging_settle.cpp).
  double settleShare(const scenario::BodyTarget& target, const std::function<body::Motion(double)>& posture,
                     const std::function<double(const Eigen::VectorXd&, const FrameResult&)>& excess_of, double lo,
                     double excess_as_asked, std::vector<body::PointLoad>& applied, FrameResult& result,
                     Eigen::VectorXd& tau);
  // The same for a head bent forward, on the neck's tissues (neck_hanging.cpp): whether it could
  // hang, the flexion moment the muscles would have to add at the neck, and the neck flexion
  // where the tissues just hold the head.
  bool mayNeckHang(const scenario::BodyTarget& target, const body::Motion& motion) const;
  double neckExcess(const Eigen::VectorXd& tau, const FrameResult& result) const;
  body::Motion settleNeck(const scenario::BodyTarget& target, const body::Motion& motion,
                          std::vector<body::PointLoad>& applied, FrameResult& result, Eigen::VectorXd& tau);
  void kinematics(const body::Motion& motion);
  std::vector<body::PointLoad> loads(const scenario::BodyTarget& target);
  Eigen::VectorXd inverseDynamics(const scenario::BodyTarget& target, const body::Motion& motion,
                                  std::vector<body::PointLoad>& loads, FrameResult& result);
  void muscleForces(const body::Motion& motion);
  recruit::Solution recruitment(const Eigen::VectorXd& demand, const Eigen::VectorXd& floor, const Eigen::VectorXd& capacity);
  recruit::Solution recruitmentWith(recruit::Recruiter& recruiter, const Eigen::VectorXd& demand,
                                    const Eigen::VectorXd& floor, const Eigen::VectorXd& capacity);
  // An exertion's resistance per N m at L4/L5 (a pad on the upper back, or a couple on the
  // thorax), and the largest the fresh muscles can meet.
  body::PointLoad exertResistance(const scenario::BodyTarget& target) const;
  double maximumExert(const body::Motion& motion, const std::vector<body::PointLoad>& applied, const body::PointLoad& unit,
                      const Eigen::VectorXd& passive);
  void passiveTissues(const body::Motion& motion, FrameResult& result);
  // Intra-abdominal pressure for the demand `tau` (gravity and loads) leaves the muscles: its
  // push joins `applied` (false when there is none).
  bool addAbdominalPush(const scenario::BodyTarget& target, const Eigen::VectorXd& tau,
                        std::vector<body::PointLoad>& applied, FrameResult& result) const;
  // Supports that can only push (supports.cpp): placed for the target at the current
  // kinematics, their moments as extra recruitment columns from `first_column`, and the pushes
  // the recruitment chose (`use`, per support) added to `applied`.
  void placeSupports(const scenario::BodyTarget& target);
  void supportColumns(Eigen::Index first_column);
  void applySupports(const Eigen::VectorXd& use, std::vector<body::PointLoad>& applied, FrameResult& result) const;
  double weightAboveThoraxJoint() const;  // [N] thorax, head and arms
  Eigen::VectorXd intersegmentalGive(const body::Motion& motion) const;
  void jointLoads(const body::Motion& motion, const std::vector<body::PointLoad>& loads, FrameResult& result);
  // Recruitment and joint loads of the last frame's mechanics, into result.
  FrameResult finish(FrameResult& result, const Eigen::VectorXd& floor, const Eigen::VectorXd& capacity);

  const body::SpineModel& model_;
  Eigen::VectorXd strength_;
  scenario::Mechanics mechanics_;
  int level_;  // the reference joint (L4/L5): exertions' axes and the abdominal pressure's demand
  std::vector<int> dofs_;  // recruited dofs: every joint but the pelvis on ground
  body::MultibodyState state_;
  body::Kinematics kin_;
  body::PathGeometry geometry_;
  body::PathGeometry ligament_geometry_;
  muscle::MuscleInputs muscle_in_;
  muscle::MuscleState muscle_state_;
  muscle::MuscleOutputs muscle_out_;
  Eigen::VectorXd per_activation_, passive_force_;  // per fascicle [N]
  std::array<int, 3> muscle_flags_{};  // fascicles not finite, at minimum length, overstretched
  // A support: its push at one unit of use, that push's component normal to the support, and
  // whether it is the chair back (else a resting arm).
  struct Support {
    body::PointLoad per_unit;
    body::Vec3d normal_per_unit;
    bool backrest = false;
  };
  std::vector<Support> supports_;
  double weight_above_thorax_ = 0.0;  // [N] what a chair back's bound is set from
  recruit::Settings settings_;
  recruit::Recruiter recruiter_;
  recruit::Problem problem_;
  std::array<double, kStageCount> seconds_{};
  // The last frame's mechanics, for resolve().
  FrameResult last_;
  Eigen::VectorXd last_demand_;
  body::Motion last_motion_;
  std::vector<body::PointLoad> last_applied_;
  bool hanging_allowed_ = true;
  const Eigen::VectorXd* given_per_activation_ = nullptr;  // see useMuscleStates()
  const Eigen::VectorXd* given_passive_ = nullptr;
};

}  // namespace tonus::sim
