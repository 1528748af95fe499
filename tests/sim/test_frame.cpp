// One frame's mechanisms beyond the muscles: hanging on the passive tissues in deep flexion,
// the joints' intersegmental give, and intra-abdominal pressure.
#include <gtest/gtest.h>

#include <algorithm>

#include "body/model_file.hpp"
#include "body/posture.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/timeline.hpp"
#include "sim/abdominal_pressure.hpp"
#include "sim/frame_solver.hpp"

namespace tonus::sim {
namespace {

struct Frame {
  body::ModelSpec spec = body::loadDefaultModel();
  body::SpineModel model{spec, {spec.reference_sex, spec.reference_height, spec.reference_mass, 40.0}};

  // The frame at the end of a one-phase scenario, with the muscles fresh and at rest.
  FrameResult solve(const std::string& phase, scenario::Mechanics mechanics = {}, FrameSolver** keep = nullptr) {
    return solveTarget(targetOf(phase), mechanics, keep);
  }
  // What a one-phase scenario asks of the body near its end.
  scenario::BodyTarget targetOf(const std::string& phase) const {
    const scenario::Scenario s = scenario::loadScenarioText("name: f\ntimeline:\n  - " + phase + "\n", "frame");
    const scenario::Timeline timeline(s, model);
    return timeline.targetAt(0.99 * timeline.duration());
  }
  FrameResult solveTarget(const scenario::BodyTarget& target, scenario::Mechanics mechanics = {},
                          FrameSolver** keep = nullptr) {
    solver = std::make_unique<FrameSolver>(model, Eigen::VectorXd::Ones(model.fascicleCount()), recruit::Settings{},
                                           mechanics);
    if (keep) *keep = solver.get();
    const Eigen::VectorXd floor = Eigen::VectorXd::Constant(model.fascicleCount(), 0.01);
    const Eigen::VectorXd capacity = Eigen::VectorXd::Ones(model.fascicleCount());
    return solver->solve(target, body::Motion::still(body::jointAngles(model, target.posture)), floor, capacity);
  }
  double groupActivation(const FrameResult& r, const std::string& group) const {
    double a = 0.0, w = 0.0;
    for (int f = 0; f < model.fascicleCount(); ++f) {
      if (model.fascicle(f).group != group) continue;
      const double fmax = model.muscles().parameters().max_isometric_force[f];
      a += fmax * r.activation[f];
      w += fmax;
    }
    return a / w;
  }
  double compression(const FrameResult& r, const char* joint) const { return r.joints[model.jointIndex(joint)].compression; }
  // The lumbar spine's and the pelvis's flexion [rad] a one-phase scenario asks near its end.
  std::pair<double, double> lumbarAndPelvis(const std::string& phase) const {
    const scenario::Scenario s = scenario::loadScenarioText("name: f\ntimeline:\n  - " + phase + "\n", "angles");
    const scenario::Timeline timeline(s, model);
    const Eigen::VectorXd q = body::jointAngles(model, timeline.targetAt(0.99 * timeline.duration()).posture);
    double lumbar = 0.0, pelvis = 0.0;
    for (const auto& [segment, share] : model.rhythm().shares[body::kFlexion]) {
      (model.segment(segment).parent >= 0 ? lumbar : pelvis) += q[3 * segment + body::kFlexion];
    }
    return {lumbar, pelvis};
  }
  std::unique_ptr<FrameSolver> solver;
};

TEST(Hanging, DeepBendsHangOnThePassiveTissuesWithoutPullingTheSpineDown) {
  Frame f;
  FrameSolver* solver = nullptr;
  const FrameResult deep = f.solve("stand: {duration: 5s, trunk_flexion_deg: 115}", {}, &solver);
  EXPECT_LT(deep.lumbar_kept, 0.97) << "the lumbar spine flexes less than the rhythm asks";
  EXPECT_GT(deep.lumbar_kept, 0.5);
  // Along the rhythm the muscles are asked for (almost) nothing: the tissues balance the weight.
  const Eigen::VectorXd along = solver->coupling() * solver->lastProblem().b;
  EXPECT_LT(std::abs(along[0]), 0.2) << along.transpose();
  // The abdominals do not pull the trunk down into the rhythm's flexion (held at the rhythm's
  // angles the passive tissues would out-hold gravity, and rectus abdominis would work at ~70 %);
  // what remains is the small co-contraction of levels whose tissues carry unequal shares.
  EXPECT_LT(f.groupActivation(deep, "rectus_abdominis"), 0.05);
  // A moderate bend keeps the rhythm: the extensors hold it.
  const FrameResult moderate = f.solve("stand: {duration: 5s, trunk_flexion_deg: 40}");
  EXPECT_EQ(moderate.lumbar_kept, 1.0);
  EXPECT_GT(f.groupActivation(moderate, "iliocostalis_lumborum_pars_lumborum"), 0.1);
}

// A head bent as far as the neck goes hangs on the neck's tissues: the flexors do not pull it
// down, and the neck's muscles are asked for (almost) no flexion moment. A moderate bend is held
// by the extensors as asked.
TEST(Hanging, AHeadBentFarForwardHangsOnTheNecksTissues) {
  Frame f;
  FrameSolver* solver = nullptr;
  const FrameResult deep = f.solve("sit: {duration: 1min, neck_flexion_deg: 60}", {}, &solver);
  EXPECT_LT(deep.neck_kept, 0.97) << "the head bends less than asked";
  EXPECT_GT(deep.neck_kept, 0.7);
  const int neck_dof = 3 * f.model.neckSegment() + body::kFlexion;
  const auto& dofs = solver->recruitedDofs();
  const auto at = std::find(dofs.begin(), dofs.end(), neck_dof);
  ASSERT_NE(at, dofs.end());
  EXPECT_LT(std::abs(solver->lastProblem().b[at - dofs.begin()]), 0.1);
  // Without it the deep neck flexors worked at ~25 % (and semispinalis capitis, its line in
  // front of the lumped joint, at ~28 % as a flexor).
  EXPECT_LT(f.groupActivation(deep, "deep_neck_flexors"), 0.02);
  EXPECT_LT(f.groupActivation(deep, "semispinalis_capitis"), 0.02);
  const FrameResult moderate = f.solve("sit: {duration: 1min, neck_flexion_deg: 35}");
  EXPECT_EQ(moderate.neck_kept, 1.0);
  EXPECT_GT(f.groupActivation(moderate, "semispinalis_capitis"), 0.05);
}

TEST(IntersegmentalGive, GrowsWithThePassiveStiffnessAndNeverFallsBelowE0) {
  Frame f;
  FrameSolver* solver = nullptr;
  f.solve("stand: {duration: 5s}", {}, &solver);
  const double e0 = recruit::Settings{}.intersegmental_strength;
  EXPECT_EQ(solver->lastProblem().give.minCoeff(), e0);
  EXPECT_EQ(solver->lastProblem().give.maxCoeff(), e0) << "upright, every joint is in its neutral zone";
  f.solve("stand: {duration: 5s, trunk_flexion_deg: 90}", {}, &solver);
  const std::vector<int>& dofs = solver->recruitedDofs();
  const int l4l5 = 3 * f.model.jointIndex("L4_L5") + body::kFlexion;
  const auto at = std::find(dofs.begin(), dofs.end(), l4l5) - dofs.begin();
  EXPECT_GT(solver->lastProblem().give[at], 1.3 * e0) << "stretched tissues let the joint shift";
}

TEST(AbdominalPressure, FollowsTheEffortAndUnloadsTheSpine) {
  EXPECT_EQ(abdominalPressure(AbdominalPressureLaw{}, 0.0), 0.0);
  EXPECT_NEAR(abdominalPressure(AbdominalPressureLaw{}, 100.0), 7.9, 1e-12);
  EXPECT_EQ(abdominalPressure(AbdominalPressureLaw{}, 1000.0), AbdominalPressureLaw{}.ceiling);
  Frame f;
  const std::string hold = "hold: {duration: 5s, load_kg: 20, hand_distance_m: 0.4, trunk_flexion_deg: 20}";
  const FrameResult with = f.solve(hold);
  const FrameResult without = f.solve(hold, scenario::Mechanics{.intra_abdominal_pressure = false});
  EXPECT_GT(with.abdominal_pressure, 3.0);
  EXPECT_EQ(without.abdominal_pressure, 0.0);
  // It pushes the spine's ends apart and helps the extensors: less compression, less activity.
  EXPECT_LT(f.compression(with, "L4_L5"), 0.9 * f.compression(without, "L4_L5"));
  EXPECT_LT(f.groupActivation(with, "multifidus"), f.groupActivation(without, "multifidus"));
  // The push is a pair: its forces cancel, so it carries no weight of its own.
  body::MultibodyState state = f.model.makeState();
  body::Kinematics kin;
  body::computeKinematics(f.model, state, kin);
  const auto push = abdominalPush(f.model, kin, 5.0);
  EXPECT_NEAR((push[0].force + push[1].force).norm(), 0.0, 1e-9);
  EXPECT_NEAR(push[0].force.norm(), 5e3 * f.model.abdomen()->area, 1e-9);
  EXPECT_GT(push[0].force.y(), 0.0) << "upward on the diaphragm";
  // Lying, nothing raises it.
  EXPECT_EQ(f.solve("lie: {duration: 5s}").abdominal_pressure, 0.0);
}

TEST(AbdominalPressure, IsPartOfAMaximalEffort) {
  Frame f;
  const std::string push = "exert: {duration: 5s, effort_percent_mvc: 100, direction: extension}";
  const FrameResult with = f.solve(push);
  const FrameResult without = f.solve(push, scenario::Mechanics{.intra_abdominal_pressure = false});
  EXPECT_GT(with.exert_moment, 1.1 * without.exert_moment);
  EXPECT_GT(with.abdominal_pressure, 10.0);
  // At its maximum the extensors are near their capacity either way.
  EXPECT_GT(f.groupActivation(with, "multifidus"), 0.6);
}

TEST(Stretch, KneesToChestTakesMostOfTheLumbarRange) {
  Frame f;
  const auto lumbarOf = [&](const std::string& phase) { return f.lumbarAndPelvis(phase).first; };
  const double lying = lumbarOf("stretch: {duration: 1min}");
  const double deepest = lumbarOf("stretch: {duration: 1min, position: standing}") ;
  // Lying knees to chest, 85 % of what the lumbar spine bends at the model's largest trunk
  // flexion (0.98 x (70 + 56) deg of trunk: 55.2 deg of lumbar flexion by the rhythm's law).
  EXPECT_GT(lying, 0.8 * deepest);
  EXPECT_LT(lying, deepest);
  EXPECT_NEAR(lying * 180.0 / M_PI, 0.85 * 55.2, 0.3);
}

// Resting the arms takes at least `least_push` N off the shoulders, a share of L4/L5's compression
// (to below `compression_ratio`) and half the lumbar longissimus's activity.
void expectArmsRelieve(const Frame& f, const FrameResult& free, const FrameResult& braced, double least_push,
                       double compression_ratio) {
  EXPECT_EQ(free.arm_support_force, 0.0);
  EXPECT_GT(braced.arm_support_force, least_push);
  EXPECT_LT(f.compression(braced, "L4_L5"), compression_ratio * f.compression(free, "L4_L5"));
  EXPECT_LT(f.groupActivation(braced, "longissimus_thoracis_pars_lumborum"),
            0.5 * f.groupActivation(free, "longissimus_thoracis_pars_lumborum"));
}

TEST(Supports, RestingTheArmsUnloadsAForwardLean) {
  Frame f;
  const FrameResult free = f.solve("sit: {duration: 1min, style: forward}");
  const FrameResult leaning = f.solve("sit: {duration: 1min, style: forward, arm_support: thighs}");
  // The arms take part of the upper body's weight (thorax, head and arms: ~350 N here).
  expectArmsRelieve(f, free, leaning, 100.0, 0.7);
  EXPECT_LT(leaning.arm_support_force, 400.0);
  // The joint loads see the push: what the thoracolumbar joint carries beyond the muscles is its
  // own tissues' small share, not the tens of N m the arms hold.
  const int t12 = f.model.jointIndex("T12_L1");
  EXPECT_LT(std::abs(leaning.joints[t12].moment_flexion - free.joints[t12].moment_flexion), 10.0);
}

TEST(Supports, StandingBentTheHandsOnTheThighsTakeTheLoadOffTheBack) {
  Frame f;
  const FrameResult free = f.solve("stand: {duration: 10s, trunk_flexion_deg: 30}");
  const FrameResult braced = f.solve("stand: {duration: 10s, trunk_flexion_deg: 30, arm_support: thighs}");
  expectArmsRelieve(f, free, braced, 50.0, 0.6);
}

TEST(Supports, HangingOnThePassiveTissuesLeavesTheArmsNothingToCarry) {
  Frame f;
  const FrameResult deep = f.solve("stand: {duration: 10s, trunk_flexion_deg: 110, arm_support: thighs}");
  EXPECT_LT(deep.lumbar_kept, 0.99);
  EXPECT_EQ(deep.arm_support_force, 0.0);
}

TEST(Supports, AChairBackPushesAlongTheSpineAndUnloadsIt) {
  Frame f;
  const FrameResult upright = f.solve("sit: {duration: 1min, style: upright}");
  const FrameResult reclined = f.solve("sit: {duration: 1min, style: upright, backrest: true}");
  EXPECT_GT(reclined.backrest_force, 20.0);
  EXPECT_EQ(reclined.arm_support_force, 0.0);
  EXPECT_LT(f.compression(reclined, "L4_L5"), 0.95 * f.compression(upright, "L4_L5"));
}

// Leaning back with the hands on the thighs (Wilke's slouched sitting), the chair and the arms
// both carry: the arms still push, and their weight rests on the thighs.
TEST(Supports, AChairBackAndRestingArmsCarryTogether) {
  Frame f;
  const FrameResult chair = f.solve("sit: {duration: 1min, style: upright, backrest: true}");
  const FrameResult both = f.solve("sit: {duration: 1min, style: upright, backrest: true, arm_support: thighs}");
  EXPECT_GT(both.backrest_force, 20.0);
  EXPECT_GT(both.arm_support_force, 10.0);
  EXPECT_LT(f.compression(both, "L4_L5"), f.compression(chair, "L4_L5") - 20.0);
}

TEST(Thighs, BentHipsSlackenThePsoasAndUnloadTheSpine) {
  Frame f;
  const auto psoasPassive = [&](const FrameResult& r) {
    double sum = 0.0;
    for (int i = 0; i < f.model.fascicleCount(); ++i) {
      if (f.model.fascicle(i).group == "psoas_major") sum += r.passive_force[i];
    }
    return sum;
  };
  const FrameResult supine = f.solve("lie: {duration: 1min, position: supine}");
  const FrameResult side = f.solve("lie: {duration: 1min, position: side}");
  const FrameResult standing = f.solve("stand: {duration: 1min}");
  const FrameResult sitting = f.solve("sit: {duration: 1min}");
  // Lying on the side with the hips bent 45 deg, the psoas is slacker than lying straight;
  // seated (hips at ~80 deg) it is slack.
  EXPECT_LT(psoasPassive(side), 0.5 * psoasPassive(supine));
  EXPECT_LT(psoasPassive(sitting), 0.2 * psoasPassive(standing));
  // With the trunk kept straight, the slack psoas leaves the disc less to carry than supine.
  scenario::BodyTarget straight = f.targetOf("lie: {duration: 1min, position: side}");
  straight.posture.lateral_bending = 0.0;
  EXPECT_LT(f.compression(f.solveTarget(straight), "L4_L5"), f.compression(supine, "L4_L5") - 20.0);
}

// Lying on the (right) side on a mattress the waist sags: the trunk bends 8.9 deg towards the
// upper side, the lumbar levels take their rhythm's share of it, and the stretched muscles of
// the lower side load the disc more than a straight trunk would (Wilke 1999 and Sato 1999 both
// measured side lying above prone).
TEST(Lying, OnTheSideTheWaistSagsAndTheLowerSideIsStretched) {
  Frame f;
  const scenario::BodyTarget side = f.targetOf("lie: {duration: 1min, position: side}");
  EXPECT_NEAR(side.posture.lateral_bending * 180.0 / M_PI, -8.9, 1e-9);
  const Eigen::VectorXd q = body::jointAngles(f.model, side.posture);
  double lumbar = 0.0;
  for (const auto& [segment, share] : f.model.rhythm().shares[body::kLateralBending]) {
    if (f.model.segment(segment).parent >= 0) lumbar += q[3 * segment + body::kLateralBending];
  }
  EXPECT_LT(lumbar * 180.0 / M_PI, -4.0);
  const FrameResult bent = f.solve("lie: {duration: 1min, position: side}");
  // The lower (right) side's lateral muscles, stretched, pull harder at their resting tone.
  const auto lateralPull = [&](char side_letter) {
    double sum = 0.0;
    for (int i = 0; i < f.model.fascicleCount(); ++i) {
      const auto& fascicle = f.model.fascicle(i);
      const bool lateral = fascicle.group == "external_oblique" || fascicle.group == "internal_oblique" ||
                           fascicle.group == "quadratus_lumborum";
      if (lateral && fascicle.name.back() == side_letter) sum += bent.force[i];
    }
    return sum;
  };
  EXPECT_GT(lateralPull('r'), lateralPull('l') + 15.0);
  scenario::BodyTarget straight = side;
  straight.posture.lateral_bending = 0.0;
  EXPECT_GT(f.compression(bent, "L4_L5"), f.compression(f.solveTarget(straight), "L4_L5") + 5.0);
}

TEST(Sorensen, TheTrunkOutOverTheBenchAsksAThirdOfTheMaximalExtension) {
  Frame f;
  const FrameResult upright = f.solve("stand: {duration: 5s}");
  const FrameResult test = f.solve("sorensen: {duration: 5s}");
  const FrameResult maximal = f.solve("exert: {duration: 5s, effort_percent_mvc: 100, direction: extension}");
  // Face down, the trunk's weight pulls across the spine: the disc's forward shear grows by most
  // of the weight above it, and the extensors hold the trunk up.
  double above = f.model.armsMass();
  // The default model is a chain, listed from the pelvis up.
  for (int s = f.model.jointIndex("L4_L5"); s >= 0 && s < f.model.segmentCount(); ++s) above += f.model.segment(s).mass;
  const auto shear = [&](const FrameResult& r) { return r.joints[f.model.jointIndex("L4_L5")].shear_anterior; };
  EXPECT_GT(shear(test) - shear(upright), 0.5 * above * f.model.gravity());
  EXPECT_GT(f.groupActivation(test, "multifidus"), 5.0 * f.groupActivation(upright, "multifidus"));
  // The abdominal pressure follows the extensor moment the muscles would make at L4/L5, so its
  // ratio to a maximal effort's is the test's share of the maximum. Published estimates bracket
  // it: Chaffin et al. 1999's trunk mass and lever against their 288 N m (S) give ~0.23 at L5/S1
  // for a 75 kg man; EMG-assisted modelling of prone extension exercises ~0.50 (Plamondon et al.
  // 2002, Scand J Med Sci Sports 12:81 (A), men).
  ASSERT_LT(maximal.abdominal_pressure, AbdominalPressureLaw{}.ceiling);
  const double share = test.abdominal_pressure / maximal.abdominal_pressure;
  EXPECT_GT(share, 0.23);
  EXPECT_LT(share, 0.50);
}

TEST(SeatedRhythm, ThePelvisRollsForwardWhenTheLumbarSpineNearsItsRange) {
  Frame f;
  const auto anglesOf = [&](const std::string& phase) {
    const auto [lumbar, pelvis] = f.lumbarAndPelvis(phase);
    return std::pair{lumbar * 180.0 / M_PI, pelvis * 180.0 / M_PI};
  };
  // Upright, the seat tilts the pelvis back 10 deg and the lumbar spine takes the thorax's 0 deg
  // against it (the saturation changes 10 deg by 5e-5). Bending further, the pelvis rolls the
  // rhythm's share (0.33) of the added angle forward, as standing: upright + 15 deg puts the
  // pelvis at -5.05 and asks the lumbar spine for 20.05 deg (saturated: 20.04, the pelvis -5.04). Style forward
  // (thorax 30, pelvis 5) + 45 deg puts the pelvis at 19.85 and asks the lumbar spine for 55.15
  // deg, near its 56 deg: 55.15 / (1 + (55.15/56)^6)^(1/6) = 49.50 deg leaves the pelvis 25.50.
  const auto [upright_lumbar, upright_pelvis] = anglesOf("sit: {duration: 1min}");
  EXPECT_NEAR(upright_pelvis, -10.0, 1e-3);
  EXPECT_NEAR(upright_lumbar, 10.0, 1e-3);
  const auto [leaning_lumbar, leaning_pelvis] = anglesOf("sit: {duration: 1min, trunk_flexion_deg: 15}");
  EXPECT_NEAR(leaning_pelvis, -5.04, 0.01);
  EXPECT_NEAR(leaning_lumbar, 20.04, 0.01);
  const auto [deep_lumbar, deep_pelvis] = anglesOf("sit: {duration: 1min, style: forward, trunk_flexion_deg: 45}");
  EXPECT_NEAR(deep_lumbar, 49.50, 0.01);
  EXPECT_NEAR(deep_pelvis, 25.50, 0.01);
}

}  // namespace
}  // namespace tonus::sim
