// Lifts and twists simulated forward (`dynamics: forward`, docs/forward.md): the muscles
// follow the planned motion, the spine's loads agree with the quasi-static solution of the
// same motion, every integrator step is recorded (motion.csv) and pictures replay it; bad
// `dynamics` input is refused with the line.
#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "body/model_file.hpp"
#include "body/posture.hpp"
#include "input/yaml_reader.hpp"
#include "results/results_writer.hpp"
#include "results/run_record.hpp"
#include "sim/pose_replay.hpp"
#include "sim/run_fixture.hpp"

namespace tonus::sim {
namespace {

constexpr double kDeg = 180.0 / M_PI;

// Standing 1 s, then `phase` (a lift or twist), then standing 1 s.
std::string around(const std::string& phase) {
  return "name: motion\ntimeline:\n  - stand: {duration: 1s}\n  - " + phase + "\n  - stand: {duration: 1s}\noutput: {sample_every: 0.01s}\n";
}

// The sum of one axis's angles from the thorax down to the pelvis (whole-trunk flexion or axial rotation).
double trunkAngle(const body::SpineModel& model, const Eigen::VectorXd& q, int axis) {
  double sum = 0.0;
  for (int s = model.arms().segment; s >= 0; s = model.segment(s).parent) sum += q[3 * s + axis];
  return sum;
}

// The largest gap [deg] over the recorded steps between the body's trunk angle on `axis` and
// the one the timeline plans at that time, and the largest planned angle [deg].
struct Following {
  double largest_gap = 0.0, planned_peak = -1e300, recorded_peak = -1e300;
};
Following following(const RunFixture& f, const std::string& text, const RunResult& r, int axis) {
  const scenario::Scenario s = scenario::loadScenarioText(text, "event.yaml");
  const scenario::Timeline timeline(s, f.model);
  Following out;
  for (const MotionSample& m : r.motion) {
    const scenario::PlannedPhase& pp = timeline.phases()[static_cast<std::size_t>(m.phase)];
    const Eigen::VectorXd planned = body::jointAngles(f.model, timeline.targetIn(pp.index, m.time - pp.start).posture);
    const double want = trunkAngle(f.model, planned, axis) * kDeg, got = trunkAngle(f.model, m.q, axis) * kDeg;
    out.largest_gap = std::max(out.largest_gap, std::fabs(got - want));
    out.planned_peak = std::max(out.planned_peak, std::fabs(want));
    out.recorded_peak = std::max(out.recorded_peak, std::fabs(got));
  }
  return out;
}

const PhaseSummary& phaseOf(const RunResult& r, int index) { return r.phases[static_cast<std::size_t>(index)]; }
double meanOf(const RunResult& r, const PhaseSummary& p, const char* channel) { return p.channels[r.channelIndex(channel)].mean(); }
double peakOf(const RunResult& r, const PhaseSummary& p, const char* channel) { return p.channels[r.channelIndex(channel)].peak; }

TEST(ForwardMotion, AStoopLiftFollowsItsPlanAndLoadsTheSpineAsTheQuasiStaticSolutionDoes) {
  RunFixture f;
  const std::string lift = "lift: {reps: 1, load_kg: 10, style: stoop, cycle_s: 5";
  const std::string forward_text = around(lift + ", dynamics: forward}"), static_text = around(lift + "}");
  const RunResult forward = f.run(forward_text), quasi_static = f.run(static_text);
  // The trunk goes down to the load and back: the planned flexion, within a few degrees.
  const Following trunk = following(f, forward_text, forward, body::kFlexion);
  EXPECT_GT(trunk.planned_peak, 90.0);
  EXPECT_LT(trunk.largest_gap, 8.0) << "planned peak " << trunk.planned_peak << " deg";
  EXPECT_NEAR(*phaseOf(forward, 1).peak_trunk_flexion_deg, trunk.planned_peak, 8.0);
  // Two methods on one motion: muscle-driven dynamics and inverse dynamics with static
  // optimisation agree on the L4/L5 compression within 10 % (the forward one adds the
  // muscles' lag and the reflexes).
  const PhaseSummary &a = phaseOf(forward, 1), &b = phaseOf(quasi_static, 1);
  EXPECT_NEAR(meanOf(forward, a, "L4L5_compression_N"), meanOf(quasi_static, b, "L4L5_compression_N"),
              0.10 * meanOf(quasi_static, b, "L4L5_compression_N"));
  EXPECT_NEAR(peakOf(forward, a, "L4L5_compression_N"), peakOf(quasi_static, b, "L4L5_compression_N"),
              0.10 * peakOf(quasi_static, b, "L4L5_compression_N"));
  // A lift has no sudden event.
  EXPECT_FALSE(a.event_time);
  EXPECT_FALSE(a.reflex_latency_ms);
}

TEST(ForwardMotion, AFastTwistFollowsItsAxialRotation) {
  RunFixture f;
  const std::string text = around("twist: {reps: 2, angle_deg: 40, peak_speed_deg_s: 120, load_kg: 5, dynamics: forward}");
  const RunResult r = f.run(text);
  const Following twist = following(f, text, r, body::kAxialRotation);
  EXPECT_GT(twist.planned_peak, 30.0);
  EXPECT_GT(twist.recorded_peak, twist.planned_peak - 5.0);
  EXPECT_LT(twist.largest_gap, 5.0);
}

TEST(ForwardMotion, EveryIntegratorStepIsRecordedAndPicturesReplayIt) {
  RunFixture f;
  const std::string text = "name: catch\ntimeline:\n  - stand: {duration: 1s}\n  - catch: {load_kg: 9}\n";
  const RunResult r = f.run(text);
  // One row per 1 ms step of the 3 s catch, in order.
  ASSERT_EQ(r.motion.size(), 3000u);
  for (std::size_t k = 1; k < r.motion.size(); ++k) ASSERT_NEAR(r.motion[k].time - r.motion[k - 1].time, 1e-3, 1e-9);
  const auto peak = std::max_element(r.motion.begin(), r.motion.end(), [](const MotionSample& x, const MotionSample& y) {
    return x.trunk_flexion < y.trunk_flexion;
  });
  EXPECT_NEAR(peak->trunk_flexion * kDeg, *phaseOf(r, 1).peak_trunk_flexion_deg, 1e-9);

  // Written as motion.csv and read back as a run record.
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("tonus_motion_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  results::writeResultFiles(r, dir);
  results::writeTextFile(dir / "scenario.yaml", text);
  results::writeTextFile(dir / "model.yaml", body::defaultModelText());
  const results::RunRecord record = results::readRunRecord(dir);
  std::filesystem::remove_all(dir);
  ASSERT_EQ(record.motion.time.size(), r.motion.size());

  // The picture at the peak shows the recorded body (the head where those angles put it), not
  // the planned upright stance.
  const PoseReplay replay(record.scenario_text, record.model_text, &record.motion), planned(record.scenario_text, record.model_text);
  const int head = f.model.neckSegment();
  const Pose shown = replay.at(peak->time), upright = planned.at(peak->time);
  body::MultibodyState state = replay.model().makeState();
  replay.model().multibody().setPositions(state, peak->q);
  body::Kinematics kin;
  body::computeKinematics(replay.model(), state, kin);
  EXPECT_LT((shown.kin.origin[head] - kin.origin[head]).norm(), 1e-6);
  EXPECT_GT((shown.kin.origin[head] - upright.kin.origin[head]).norm(), 0.05);
}

TEST(ForwardMotion, BadDynamicsAreRefusedWithTheLine) {
  RunFixture f;
  // The message of the error a phase gives (empty if it is accepted).
  const auto errorFor = [&](const std::string& phase) -> std::string {
    try {
      f.run(around(phase));
    } catch (const input::InputError& e) {
      return e.what();
    }
    return "";
  };
  const std::string sideways = errorFor("lift: {reps: 1, load_kg: 10, dynamics: sideways}");
  EXPECT_NE(sideways.find("event.yaml:4:"), std::string::npos) << sideways;
  EXPECT_NE(sideways.find("quasi_static"), std::string::npos) << sideways;
  const std::string too_long = errorFor("lift: {reps: 40, load_kg: 10, cycle_s: 5, dynamics: forward}");
  EXPECT_NE(too_long.find("at most 120 s"), std::string::npos) << too_long;
  EXPECT_NE(too_long.find("200 s"), std::string::npos) << too_long;
}

}  // namespace
}  // namespace tonus::sim
