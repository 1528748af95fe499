#include "sim/pose_replay.hpp"

#include <algorithm>

#include "body/model_file.hpp"
#include "body/posture.hpp"
#include "scenario/scenario_file.hpp"
#include "input/yaml_reader.hpp"
#include "sim/applied_loads.hpp"
#include "sim/run.hpp"

namespace tonus::sim {

PoseReplay::PoseReplay(const std::string& scenario_text, const std::string& model_text, const RecordedMotion* motion)
    : scenario_(scenario::loadScenarioText(scenario_text, "scenario.yaml")) {
  const body::ModelSpec spec = body::loadModelText(model_text, "model.yaml");
  model_ = std::make_unique<body::SpineModel>(spec, subjectFor(scenario_, spec));
  timeline_ = std::make_unique<scenario::Timeline>(scenario_, *model_);
  state_ = model_->makeState();
  if (!motion || motion->time.empty()) return;
  // The recording's columns in the model's dof order; a recording of another model is refused.
  std::vector<std::size_t> column;
  for (int d = 0; d < model_->dofCount(); ++d) {
    const auto it = std::find(motion->dofs.begin(), motion->dofs.end(), model_->dofName(d));
    if (it == motion->dofs.end()) {
      throw input::InputError("motion.csv: no column for the model's joint angle '" + model_->dofName(d) +
                              "_deg'; was it written by the same run as model.yaml?");
    }
    column.push_back(static_cast<std::size_t>(it - motion->dofs.begin()));
  }
  motion_.time = motion->time;
  motion_.phase = motion->phase;
  for (const Eigen::VectorXd& row : motion->q) {
    Eigen::VectorXd q(model_->dofCount());
    for (int d = 0; d < model_->dofCount(); ++d) q[d] = row[static_cast<Eigen::Index>(column[static_cast<std::size_t>(d)])];
    motion_.q.push_back(std::move(q));
  }
}

std::optional<Eigen::VectorXd> PoseReplay::recordedAngles(int phase, double time) const {
  // The phase's steps: the last at or before `time` and the next, both in the phase.
  const auto& t = motion_.time;
  const auto after = std::upper_bound(t.begin(), t.end(), time);
  std::size_t next = static_cast<std::size_t>(after - t.begin());
  std::size_t at = next == 0 ? 0 : next - 1;
  if (t.empty() || motion_.phase[at] != phase) {
    if (next < t.size() && motion_.phase[next] == phase) at = next;  // before the phase's first step
    else return std::nullopt;
  }
  if (next >= t.size() || motion_.phase[next] != phase || next == at) return motion_.q[at];
  const double w = std::clamp((time - t[at]) / (t[next] - t[at]), 0.0, 1.0);
  return Eigen::VectorXd((1.0 - w) * motion_.q[at] + w * motion_.q[next]);
}

PoseReplay::~PoseReplay() = default;

Pose PoseReplay::at(double time) const {
  Pose pose;
  pose.time = std::clamp(time, 0.0, timeline_->duration());
  const scenario::BodyTarget target = timeline_->targetAt(pose.time);
  const int phase_index = timeline_->phaseAt(pose.time);
  const std::optional<Eigen::VectorXd> recorded =
      motion_.time.empty() ? std::nullopt : recordedAngles(phase_index, pose.time);
  const Eigen::VectorXd q = recorded ? *recorded : body::jointAngles(*model_, target.posture);
  model_->multibody().setPositions(state_, q);
  pose.q = q;
  body::computeKinematics(*model_, state_, pose.kin);
  pose.kin.hip_flexion = body::hipFlexion(*model_, q, target.posture.thigh_flexion);
  body::computePathGeometry(*model_, pose.kin, pose.geometry);
  pose.loads = appliedLoads(*model_, pose.kin, target);
  pose.hands = handsFor(*model_, pose.kin, target);
  pose.hands_reaching = target.hands_reaching;
  const scenario::Phase& phase = timeline_->phases()[static_cast<std::size_t>(phase_index)].phase;
  pose.lying = target.supported || target.prone_over_edge;
  pose.face_down = target.face_down;
  pose.over_edge = target.prone_over_edge;
  pose.thigh_flexion = target.posture.thigh_flexion;
  pose.hip_drop = target.hip_drop;
  pose.arm_support = target.arm_support;
  if (target.arm_support != scenario::ArmSupport::None) {
    pose.arm_support_point = pose.kin.origin[scenario::referenceJoint(*model_)] + target.arm_support_point;
  }
  pose.backrest = target.backrest;
  const bool seated_therapy = (phase.kind == scenario::PhaseKind::Heat || phase.kind == scenario::PhaseKind::Cold ||
                               phase.kind == scenario::PhaseKind::Massage) &&
                              phase.therapy_posture == scenario::TherapyPosture::Sitting;
  if (pose.lying) pose.stance = Stance::Lying;
  else if (phase.kind == scenario::PhaseKind::Sit || seated_therapy) pose.stance = Stance::Sitting;
  return pose;
}

}  // namespace tonus::sim
