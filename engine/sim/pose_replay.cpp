#include "sim/pose_replay.hpp"

#include <algorithm>

#include "body/model_file.hpp"
#include "body/posture.hpp"
#include "scenario/scenario_file.hpp"
#include "sim/applied_loads.hpp"
#include "sim/run.hpp"

namespace tonus::sim {

PoseReplay::PoseReplay(const std::string& scenario_text, const std::string& model_text)
    : scenario_(scenario::loadScenarioText(scenario_text, "scenario.yaml")) {
  const body::ModelSpec spec = body::loadModelText(model_text, "model.yaml");
  model_ = std::make_unique<body::SpineModel>(spec, subjectFor(scenario_, spec));
  timeline_ = std::make_unique<scenario::Timeline>(scenario_, *model_);
  state_ = model_->makeState();
}

PoseReplay::~PoseReplay() = default;

Pose PoseReplay::at(double time) const {
  Pose pose;
  pose.time = std::clamp(time, 0.0, timeline_->duration());
  const scenario::BodyTarget target = timeline_->targetAt(pose.time);
  const Eigen::VectorXd q = body::jointAngles(*model_, target.posture);
  model_->multibody().setPositions(state_, q);
  body::computeKinematics(*model_, state_, pose.kin);
  pose.kin.hip_flexion = body::hipFlexion(*model_, q, target.posture.thigh_flexion);
  body::computePathGeometry(*model_, pose.kin, pose.geometry);
  pose.loads = appliedLoads(*model_, pose.kin, target);
  pose.hands = handsFor(*model_, pose.kin, target);
  pose.hands_reaching = target.hands_reaching;
  const scenario::Phase& phase = timeline_->phases()[static_cast<std::size_t>(timeline_->phaseAt(pose.time))].phase;
  pose.lying = target.supported || target.prone_over_edge;
  pose.face_down = target.face_down;
  const bool seated_therapy = (phase.kind == scenario::PhaseKind::Heat || phase.kind == scenario::PhaseKind::Cold ||
                               phase.kind == scenario::PhaseKind::Massage) &&
                              phase.therapy_posture == scenario::TherapyPosture::Sitting;
  if (pose.lying) pose.stance = Stance::Lying;
  else if (phase.kind == scenario::PhaseKind::Sit || seated_therapy) pose.stance = Stance::Sitting;
  return pose;
}

}  // namespace tonus::sim
