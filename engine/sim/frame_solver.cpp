#include "sim/frame_solver.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "body/ligaments.hpp"
#include "sim/abdominal_pressure.hpp"
#include "body/passive_joints.hpp"
#include "body/posture.hpp"
#include "sim/applied_loads.hpp"
#include "scenario/timeline.hpp"

namespace tonus::sim {
namespace {

// Where an extension or flexion effort's resistance meets the trunk: across the upper back at
// the sixth thoracic spine, as a dynamometer's pad at the shoulder blades (ASSUMPTION).
constexpr const char* kExertPadLandmark = "t6_spinous";
// Below this lever [m] about L4/L5 a pad would need an unbounded push per N m.
constexpr double kShortestPadLever = 0.05;

}  // namespace

FrameSolver::FrameSolver(const body::SpineModel& model, Eigen::VectorXd strength, recruit::Settings settings,
                         scenario::Mechanics mechanics)
    : model_(model), strength_(std::move(strength)), mechanics_(mechanics),
      level_(model.jointIndex("L4_L5") >= 0 ? model.jointIndex("L4_L5") : scenario::referenceJoint(model)),
      state_(model.makeState()),
      muscle_in_(model.muscles().makeInputs()), muscle_state_(model.muscles().makeState()),
      muscle_out_(model.muscles().makeOutputs()), settings_(settings), recruiter_(settings) {
  for (int d = 0; d < model.dofCount(); ++d) {
    if (model.segment(d / 3).parent >= 0) dofs_.push_back(d);
  }
  problem_.A.resize(static_cast<Eigen::Index>(dofs_.size()), model.fascicleCount());
  problem_.P = couplingOf(model, dofs_);
  weight_above_thorax_ = weightAboveThoraxJoint();
}

Eigen::MatrixXd couplingOf(const body::SpineModel& model, const std::vector<int>& dofs) {
  // The trunk moves as one by the lumbar rhythm (a row of shares per axis, the pelvis's left
  // out: the hips move it); every recruited dof the rhythm leaves alone is its own coordinate.
  std::vector<Eigen::VectorXd> rows;
  std::vector<bool> covered(dofs.size(), false);
  for (int axis = 0; axis < 3; ++axis) {
    Eigen::VectorXd row = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(dofs.size()));
    for (const auto& [segment, share] : model.rhythm().shares[axis]) {
      const auto at = std::find(dofs.begin(), dofs.end(), 3 * segment + axis);
      if (at == dofs.end() || share <= 0.0) continue;
      row[at - dofs.begin()] = share;
      covered[static_cast<std::size_t>(at - dofs.begin())] = true;
    }
    if (row.squaredNorm() > 0.0) rows.push_back(row / row.norm());
  }
  for (std::size_t j = 0; j < dofs.size(); ++j) {
    if (covered[j]) continue;
    rows.push_back(Eigen::VectorXd::Unit(static_cast<Eigen::Index>(dofs.size()), static_cast<Eigen::Index>(j)));
  }
  Eigen::MatrixXd P(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(dofs.size()));
  for (std::size_t k = 0; k < rows.size(); ++k) P.row(static_cast<Eigen::Index>(k)) = rows[k].transpose();
  return P;
}

FrameResult FrameSolver::solve(const scenario::BodyTarget& target, const body::Motion& motion,
                               const Eigen::VectorXd& floor, const Eigen::VectorXd& capacity) {
  FrameResult result;
  std::vector<body::PointLoad> applied;
  mechanicsAt(target, motion, applied, result);
  problem_.give = intersegmentalGive(motion);
  if (target.exert_effort > 0.0) {
    // Pushing against a fixed resistance: its moment at L4/L5 is `effort` of the largest the
    // fresh muscles can meet in this posture (the model's maximum voluntary effort).
    StageTimer timer(seconds_, kLoads);
    body::PointLoad resistance = exertResistance(target);
    result.exert_moment = target.exert_effort * maximumExert(motion, applied, resistance, result.passive_joint_moment);
    resistance.force *= result.exert_moment;
    resistance.moment *= result.exert_moment;
    applied.push_back(resistance);
  }
  Eigen::VectorXd tau = inverseDynamics(target, motion, applied, result);
  // In a deep bend the spine may hang on its passive tissues rather than follow the rhythm.
  body::Motion settled = motion;
  if (hanging_allowed_ && mayHang(target, motion) && hangingExcess(tau, result) > kHangingTolerance) {
    settled = settleHanging(target, motion, applied, result, tau);
    problem_.give = intersegmentalGive(settled);
    // Hanging, the passive tissues carry the trunk: resting arms have nothing left to carry.
    supports_.clear();
  }
  // A head bent far forward may hang on the neck's passive tissues likewise.
  if (hanging_allowed_ && mayNeckHang(target, settled) && neckExcess(tau, result) > kHangingTolerance) {
    settled = settleNeck(target, settled, applied, result, tau);
    problem_.give = intersegmentalGive(settled);
  }
  const int n = model_.fascicleCount();
  const auto& vmax = model_.muscles().parameters().max_contraction_velocity;
  result.fibre_length = muscle_out_.norm_fibre_length.head(n).matrix();
  result.fibre_velocity = (muscle_out_.norm_fibre_velocity.head(n) * vmax.head(n)).matrix();
  result.passive_force = muscle_out_.passive_force_length.head(n).matrix();
  // Muscles supply what inverse dynamics asks beyond the joints' own tissue (which applies -M(q)).
  // Lying, the body settles on the surface into the shape where its passive tissues balance:
  // the muscles are asked for nothing (ASSUMPTION, docs/scenarios.md).
  last_demand_ = target.supported ? Eigen::VectorXd(geometry_.moment_arm.transpose() * passive_force_)
                                  : Eigen::VectorXd(tau + result.passive_joint_moment);
  last_motion_ = settled;
  last_applied_ = applied;
  last_ = result;
  return finish(result, floor, capacity);
}

FrameResult FrameSolver::resolve(const Eigen::VectorXd& floor, const Eigen::VectorXd& capacity) {
  FrameResult result = last_;
  return finish(result, floor, capacity);
}

FrameResult FrameSolver::finish(FrameResult& result, const Eigen::VectorXd& floor, const Eigen::VectorXd& capacity) {
  const recruit::Solution solution = recruitment(last_demand_, floor, capacity);
  const Eigen::Index n = model_.fascicleCount();
  result.activation = solution.activation.head(n);
  std::vector<body::PointLoad> applied = last_applied_;
  applySupports(solution.activation.tail(solution.activation.size() - n), applied, result);
  result.force = passive_force_ + result.activation.cwiseProduct(per_activation_);
  result.intersegmental = Eigen::VectorXd::Zero(model_.dofCount());
  for (std::size_t j = 0; j < dofs_.size(); ++j) {
    result.intersegmental[dofs_[j]] = solution.intersegmental[static_cast<Eigen::Index>(j)];
  }
  result.reserve = solution.reserve;
  result.capacity_exceeded = solution.capacity_exceeded;
  result.shortfall = solution.shortfall;
  result.shortfall_percent = solution.shortfall_percent;
  result.recruitment_iterations = solution.iterations;
  result.recruitment_fell_back = solution.fell_back;
  result.recruitment_failed = !solution.converged;
  result.recruitment_issues = solution.issues;
  result.muscles_not_finite = muscle_flags_[0];
  result.muscles_at_minimum_length = muscle_flags_[1];
  result.muscles_overstretched = muscle_flags_[2];
  jointLoads(last_motion_, applied, result);
  return result;
}

void FrameSolver::mechanicsAt(const scenario::BodyTarget& target, const body::Motion& motion,
                              std::vector<body::PointLoad>& applied, FrameResult& result) {
  kinematics(motion);
  kin_.hip_flexion = body::hipFlexion(model_, motion.q, target.posture.thigh_flexion);
  applied = loads(target);
  placeSupports(target);
  muscleForces(motion);
  passiveTissues(motion, result);
}

void FrameSolver::kinematics(const body::Motion& motion) {
  StageTimer timer(seconds_, kKinematics);
  body::setMotion(model_, state_, motion);
  body::computeKinematics(model_, state_, kin_);
}

std::vector<body::PointLoad> FrameSolver::loads(const scenario::BodyTarget& target) {
  {
    StageTimer timer(seconds_, kPaths);
    body::computePathGeometry(model_, kin_, geometry_);
  }
  StageTimer timer(seconds_, kLoads);
  return appliedLoads(model_, kin_, target);
}

body::PointLoad FrameSolver::exertResistance(const scenario::BodyTarget& target) const {
  // The resistance per N m of moment at L4/L5, against the direction the muscles push.
  int axis = body::kFlexion;
  double sign = -1.0;  // the muscles' moment: extension is negative flexion
  switch (target.exert_direction) {
    case scenario::ExertDirection::Extension: axis = body::kFlexion, sign = -1.0; break;
    case scenario::ExertDirection::Flexion: axis = body::kFlexion, sign = 1.0; break;
    case scenario::ExertDirection::LateralLeft: axis = body::kLateralBending, sign = -1.0; break;
    case scenario::ExertDirection::LateralRight: axis = body::kLateralBending, sign = 1.0; break;
    case scenario::ExertDirection::RotationLeft: axis = body::kAxialRotation, sign = -1.0; break;
    case scenario::ExertDirection::RotationRight: axis = body::kAxialRotation, sign = 1.0; break;
  }
  const int thorax = model_.arms().segment;
  const body::Vec3d joint_axis = kin_.axis[3 * level_ + axis];
  const auto& landmarks = model_.segment(thorax).landmarks;
  const auto pad = landmarks.find(kExertPadLandmark);
  const body::Vec3d forward = kin_.rotation[thorax] * body::Vec3d::UnitX();
  // A model without the landmark, or with it level with L4/L5, gets the couple too.
  const double per_newton = pad == landmarks.end() ? 0.0
                                                    : (kin_.toGround(thorax, pad->second) - kin_.origin[level_]).cross(forward).dot(joint_axis);
  if (axis != body::kFlexion || std::fabs(per_newton) < kShortestPadLever) {
    // Bending sideways or turning (or no usable pad): a couple on the thorax.
    body::PointLoad couple{thorax, kin_.origin[thorax], body::Vec3d::Zero(), "resistance"};
    couple.moment = -sign * joint_axis;
    return couple;
  }
  // Bending forward or back: a pad across the upper back (or chest) pushes along the thorax's
  // forward direction, so its moment grows towards the sacrum as a dynamometer's or gravity's does.
  return {thorax, kin_.toGround(thorax, pad->second), (-sign / per_newton) * forward, "resistance"};
}

void FrameSolver::passiveTissues(const body::Motion& motion, FrameResult& result) {
  // The joints' own curves (discs, or whole joints) and the ligaments and fascia stretched across them.
  StageTimer timer(seconds_, kPassive);
  result.passive_joint_moment = body::passiveJointMoments(model_, motion.q);
  result.joint_tissue_moment = result.passive_joint_moment;
  const body::Ligaments& ligaments = model_.ligaments();
  if (ligaments.count() == 0) return;
  body::computePathGeometry(model_, ligaments.paths, ligaments.count(), kin_, ligament_geometry_);
  result.ligament_tension = body::ligamentTensions(ligaments, ligament_geometry_);
  result.passive_joint_moment += body::ligamentMoments(ligament_geometry_, result.ligament_tension);
  result.joint_tissue_moment +=
      body::ligamentMoments(ligament_geometry_, result.ligament_tension.cwiseProduct(ligaments.single_joint));
}

Eigen::VectorXd FrameSolver::intersegmentalGive(const body::Motion& motion) const {
  // A joint whose passive tissues are stiff lets a small shift of its angle carry what the
  // rhythm's shares leave it: its give is what they carry over delta0, at least E0.
  Eigen::VectorXd stiffness = body::passiveJointStiffness(model_, motion.q);
  if (model_.ligaments().count() > 0) stiffness += body::ligamentJointStiffness(model_.ligaments(), ligament_geometry_);
  // Stretched muscles too: dF/dL = Fmax (k/e0) (f_PE + offset / denominator) / lopt for the bank's
  // exponential passive curves (rigid tendon), about each dof alone: sum of r^2 dF/dL.
  const muscle::MuscleParameters& p = model_.muscles().parameters();
  const int n = model_.fascicleCount();
  const Eigen::ArrayXd per_length =
      (p.max_isometric_force.head(n) * p.passive_k_over_e0.head(n) *
       (muscle_out_.passive_force_length.head(n) + p.passive_offset.head(n) * p.passive_inv_denom.head(n)) *
       p.inv_optimal_fibre_length.head(n)) * strength_.array();
  stiffness += geometry_.moment_arm.cwiseAbs2().transpose() * per_length.matrix();
  Eigen::VectorXd give(static_cast<Eigen::Index>(dofs_.size()));
  for (std::size_t j = 0; j < dofs_.size(); ++j) {
    give[static_cast<Eigen::Index>(j)] =
        std::max(settings_.intersegmental_strength, settings_.intersegmental_angle * stiffness[dofs_[j]]);
  }
  return give;
}

bool FrameSolver::addAbdominalPush(const scenario::BodyTarget& target, const Eigen::VectorXd& tau,
                                   std::vector<body::PointLoad>& applied, FrameResult& result) const {
  result.abdominal_pressure = 0.0;
  if (!mechanics_.intra_abdominal_pressure || !model_.abdomen() || target.supported) return false;
  // The pressure follows the extensor moment the muscles would make at L4/L5 without it.
  const int dof = 3 * level_ + body::kFlexion;
  const double demand = tau[dof] + result.passive_joint_moment[dof] - geometry_.moment_arm.col(dof).dot(passive_force_);
  result.abdominal_pressure = abdominalPressure(AbdominalPressureLaw{}, std::max(0.0, -demand));
  if (result.abdominal_pressure <= 0.0) return false;
  for (const body::PointLoad& push : abdominalPush(model_, kin_, result.abdominal_pressure)) applied.push_back(push);
  return true;
}

double FrameSolver::maximumExert(const body::Motion& motion, const std::vector<body::PointLoad>& applied,
                                 const body::PointLoad& unit, const Eigen::VectorXd& passive) {
  // The demand is affine in the couple's size M: b(M) = b(0) + M (b(1) - b(0)).
  std::vector<body::PointLoad> with_unit = applied;
  with_unit.push_back(unit);
  const Eigen::VectorXd base = body::inverseDynamics(model_, state_, kin_, motion, applied);
  const Eigen::VectorXd per_unit = body::inverseDynamics(model_, state_, kin_, motion, with_unit) - base;
  // The abdominal pressure rises with the effort and helps it: its push per kPa, and the dof it reads.
  Eigen::VectorXd per_kPa = Eigen::VectorXd::Zero(base.size());
  const int dof = 3 * level_ + body::kFlexion;
  const double passive_muscle = geometry_.moment_arm.col(dof).dot(passive_force_);
  if (mechanics_.intra_abdominal_pressure && model_.abdomen()) {
    std::vector<body::PointLoad> with_push = applied;
    for (const body::PointLoad& push : abdominalPush(model_, kin_, 1.0)) with_push.push_back(push);
    per_kPa = body::inverseDynamics(model_, state_, kin_, motion, with_push) - base;
  }
  const auto demandFor = [&](double m) {
    Eigen::VectorXd b = base + passive + m * per_unit;
    return Eigen::VectorXd(b + abdominalPressure(AbdominalPressureLaw{}, std::max(0.0, -(b[dof] - passive_muscle))) * per_kPa);
  };
  const Eigen::VectorXd floor = Eigen::VectorXd::Constant(model_.fascicleCount(), model_.muscles().options().minimum_activation);
  const Eigen::VectorXd capacity = Eigen::VectorXd::Ones(model_.fascicleCount());
  recruit::Recruiter probe(settings_);
  const auto copes = [&](double m) {
    return !recruitmentWith(probe, demandFor(m), floor, capacity).capacity_exceeded;
  };
  // Bisection between a couple the fresh muscles meet and one they cannot.
  double lo = 0.0, hi = 100.0;
  while (copes(hi) && hi < 1e5) lo = hi, hi *= 2.0;
  for (int i = 0; i < 30 && hi - lo > 1e-3 * hi; ++i) (copes(0.5 * (lo + hi)) ? lo : hi) = 0.5 * (lo + hi);
  return lo;
}

Eigen::VectorXd FrameSolver::inverseDynamics(const scenario::BodyTarget& target, const body::Motion& motion,
                                             std::vector<body::PointLoad>& applied, FrameResult& result) {
  StageTimer timer(seconds_, kInverseDynamics);
  Eigen::VectorXd tau = body::inverseDynamics(model_, state_, kin_, motion, applied);
  if (addAbdominalPush(target, tau, applied, result)) tau = body::inverseDynamics(model_, state_, kin_, motion, applied);
  return tau;
}

void FrameSolver::muscleForces(const body::Motion& motion) {
  StageTimer timer(seconds_, kMuscles);
  const int n = model_.fascicleCount();
  const Eigen::VectorXd velocity = body::lengtheningVelocity(geometry_, motion.qdot);
  muscle_in_.length.head(n) = geometry_.length;
  muscle_in_.velocity.head(n) = velocity;
  model_.muscles().evaluate(muscle_in_, muscle_state_, muscle_out_, 1);
  muscle_flags_ = {0, 0, 0};
  for (int f = 0; f < n; ++f) {
    const auto flags = static_cast<std::uint32_t>(muscle_out_.flags[f]);
    muscle_flags_[0] += (flags & muscle::kNotFinite) != 0;
    muscle_flags_[1] += (flags & muscle::kFibreAtMinimumLength) != 0;
    muscle_flags_[2] += (flags & muscle::kFibreOverstretched) != 0;
  }
  per_activation_ = muscle_out_.force_per_activation.head(n).matrix().cwiseProduct(strength_);
  passive_force_ = muscle_out_.passive_force_along_tendon.head(n).matrix().cwiseProduct(strength_);
  // A forward controller's muscles as their fibres are now (already at the run's strength).
  if (given_per_activation_) per_activation_ = *given_per_activation_;
  if (given_passive_) passive_force_ = *given_passive_;
}

recruit::Solution FrameSolver::recruitment(const Eigen::VectorXd& demand, const Eigen::VectorXd& floor,
                                           const Eigen::VectorXd& capacity) {
  StageTimer timer(seconds_, kRecruitment);
  return recruitmentWith(recruiter_, demand, floor, capacity);
}

recruit::Solution FrameSolver::recruitmentWith(recruit::Recruiter& recruiter, const Eigen::VectorXd& demand,
                                               const Eigen::VectorXd& floor, const Eigen::VectorXd& capacity) {
  const Eigen::VectorXd passive_muscle = geometry_.moment_arm.transpose() * passive_force_;
  const Eigen::Index n = model_.fascicleCount(), k = static_cast<Eigen::Index>(supports_.size());
  if (problem_.A.cols() != n + k) problem_.A.resize(static_cast<Eigen::Index>(dofs_.size()), n + k);
  problem_.b.resize(static_cast<Eigen::Index>(dofs_.size()));
  for (std::size_t j = 0; j < dofs_.size(); ++j) {
    const int d = dofs_[j];
    problem_.A.row(static_cast<Eigen::Index>(j)).head(n) = geometry_.moment_arm.col(d).cwiseProduct(per_activation_).transpose();
    problem_.b[static_cast<Eigen::Index>(j)] = demand[d] - passive_muscle[d];
  }
  // Supports are actuators that push for free up to their bound, costing as a muscle would.
  supportColumns(n);
  problem_.floor.resize(n + k);
  problem_.capacity.resize(n + k);
  problem_.floor << floor, Eigen::VectorXd::Zero(k);
  problem_.capacity << capacity.cwiseMax(floor), Eigen::VectorXd::Ones(k);
  return recruiter.solve(problem_);
}

void FrameSolver::jointLoads(const body::Motion& motion, const std::vector<body::PointLoad>& applied, FrameResult& result) {
  StageTimer timer(seconds_, kJointLoads);
  body::BodyWrenches w = body::bodyWrenches(model_, state_, kin_, geometry_, result.force, motion.qddot, applied);
  // The ligaments press the vertebrae together as they pull.
  const body::Ligaments& ligaments = model_.ligaments();
  if (ligaments.count() > 0) {
    body::addPathTensions(ligaments.paths, ligaments.count(), ligament_geometry_, result.ligament_tension, kin_, w);
  }
  result.joints = body::jointLoads(model_, kin_, w);
}

}  // namespace tonus::sim
