#pragma once
// Realistic muscle-sharing problems, consecutive as in a run: the default model driven
// through standing, slumped sitting, a held load, a stoop lift and twists, one frame every 50 ms.
#include <vector>

#include "body/model_file.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/timeline.hpp"
#include "sim/frame_solver.hpp"

namespace tonus::bench {

struct RecruitmentFrames {
  std::vector<recruit::Problem> problems;
  recruit::Settings settings;
  int fascicles = 0;
};

// The frames' bodies: each frame's target and motion, for timing whole frames.
struct FrameInputs {
  std::vector<scenario::BodyTarget> targets;
  std::vector<body::Motion> motions;
};

inline const scenario::Scenario& framesScenario() {
  static const scenario::Scenario s = scenario::loadScenarioText(R"(
name: recruitment-frames
timeline:
  - stand: {duration: 2s}
  - sit: {duration: 3s, style: slumped, neck_flexion_deg: 25}
  - hold: {duration: 3s, load_kg: 15, hand_distance_m: 0.45, trunk_flexion_deg: 20}
  - lift: {reps: 2, load_kg: 15, style: stoop, cycle_s: 5}
  - twist: {reps: 3, angle_deg: 40, peak_speed_deg_s: 200, load_kg: 5}
)", "bench");
  return s;
}

// One frame every 50 ms, its motion by central differences of the timeline's postures.
inline FrameInputs frameInputs(const body::SpineModel& model) {
  const scenario::Timeline timeline(framesScenario(), model);
  FrameInputs in;
  for (double t = 0.0; t < timeline.duration(); t += 0.05) {
    const auto target = timeline.targetAt(t);
    const double h = 1e-3;
    body::Motion m = body::Motion::still(body::jointAngles(model, target.posture));
    const Eigen::VectorXd before = body::jointAngles(model, timeline.targetAt(std::max(0.0, t - h)).posture);
    const Eigen::VectorXd after = body::jointAngles(model, timeline.targetAt(t + h).posture);
    m.qdot = (after - before) / (2 * h);
    m.qddot = (after - 2 * m.q + before) / (h * h);
    in.targets.push_back(target);
    in.motions.push_back(m);
  }
  return in;
}

inline RecruitmentFrames recruitmentFrames() {
  const body::ModelSpec spec = body::loadDefaultModel();
  const body::SpineModel model(spec, {spec.reference_sex, spec.reference_height, spec.reference_mass, 40});
  const FrameInputs in = frameInputs(model);
  sim::FrameSolver solver(model, Eigen::VectorXd::Ones(model.fascicleCount()));
  const Eigen::VectorXd floor = Eigen::VectorXd::Constant(model.fascicleCount(), model.muscles().options().minimum_activation);
  const Eigen::VectorXd capacity = Eigen::VectorXd::Ones(model.fascicleCount());
  RecruitmentFrames frames;
  frames.fascicles = model.fascicleCount();
  for (std::size_t k = 0; k < in.targets.size(); ++k) {
    solver.solve(in.targets[k], in.motions[k], floor, capacity);
    frames.problems.push_back(solver.lastProblem());
  }
  frames.settings = solver.recruitmentSettings();
  return frames;
}

}  // namespace tonus::bench
