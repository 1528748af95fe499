// Pictures that teach (issue 15), each defect an educator saw checked where it showed: a stoop's
// bottom framed with the hands and box in view, the box on or above the floor, legs that bend in
// a squat and elbows that bend to the hands, colour bars beside the body with round labels, discs
// seen through the muscles on their own scale, a run's own colour range, phases numbered as in
// summary.json, chart bands that keep alternating past a drink, and titles in any script.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <vtkImageData.h>
#include <vtkPNGReader.h>
#include <vtkPolyData.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "body/legs.hpp"
#include "body/loads.hpp"
#include "finished_run.hpp"
#include "viz/animation.hpp"
#include "viz/bones.hpp"
#include "viz/charts.hpp"
#include "viz/colour_map.hpp"
#include "viz/colour_scale.hpp"
#include "viz/figure.hpp"
#include "viz/scene.hpp"
#include "viz/snapshot.hpp"
#include "viz/text_font.hpp"

namespace tonus::viz {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// Stooping and squatting to a 15 kg box at the default 0.1 m, sampled finely enough to catch the
// pick-up (a 6 s cycle: bend 0-1.5 s, grasp to 1.8 s, lift to 3.9 s).
FinishedRun& stoop() {
  static FinishedRun run("stoop", "name: stoop\ntimeline:\n  - stand: {duration: 2s}\n"
                                  "  - lift: {reps: 1, load_kg: 15, style: stoop, cycle_s: 6}\noutput: {sample_every: 0.1s}\n");
  return run;
}
FinishedRun& squat() {
  static FinishedRun run("squat", "name: squat\ntimeline:\n  - stand: {duration: 2s}\n"
                                  "  - lift: {reps: 1, load_kg: 15, style: squat, cycle_s: 6}\noutput: {sample_every: 0.1s}\n");
  return run;
}

double radToDeg(double r) { return r * 180.0 / M_PI; }

// The knee's bend: the angle between the thigh and the shank's line.
double kneeBendDeg(const LegsDrawn::Side& leg) {
  const Eigen::Vector3d thigh = leg.knee - leg.hip, shank = leg.ankle - leg.knee;
  return radToDeg(std::acos(std::clamp(thigh.normalized().dot(shank.normalized()), -1.0, 1.0)));
}

vtkSmartPointer<vtkImageData> readPng(const fs::path& png) {
  auto reader = vtkSmartPointer<vtkPNGReader>::New();
  reader->SetFileName(png.string().c_str());
  reader->Update();
  return reader->GetOutput();
}

bool near(const std::array<double, 3>& p, const std::array<double, 3>& q, double tolerance) {
  return std::fabs(p[0] - q[0]) + std::fabs(p[1] - q[1]) + std::fabs(p[2] - q[2]) < tolerance;
}

// Pixels (x, y) in a rectangle that differ from the background.
struct Ink {
  int count = 0, x_min = 1 << 30, x_max = -1, y_min = 1 << 30, y_max = -1;
};
Ink inkIn(vtkImageData* image, int x0, int y0, int x1, int y1) {
  const auto background = pixelAt(image, x0 + 1, y0 + 1);
  Ink ink;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      if (near(pixelAt(image, x, y), background, 0.05)) continue;
      ++ink.count;
      ink.x_min = std::min(ink.x_min, x), ink.x_max = std::max(ink.x_max, x);
      ink.y_min = std::min(ink.y_min, y), ink.y_max = std::max(ink.y_max, y);
    }
  }
  return ink;
}

// The time of the lift's first sample with the load in the hands and the trunk bent furthest.
double bottomOfTheLift(const FinishedRun& run) {
  double best = 0.0, lowest = 1e9;
  for (double t : run.record.time) {
    const sim::Pose pose = run.replay->at(t);
    if (!pose.hands_reaching) continue;
    const double hand_y = pose.hands.right.y();
    if (hand_y < lowest) lowest = hand_y, best = t;
  }
  return best;
}

TEST(Figure, TheLegsStayStraightInAStoopAndBendInASquatWithTheFeetOnTheFloor) {
  for (FinishedRun* run : {&stoop(), &squat()}) {
    const sim::Pose pose = run->replay->at(bottomOfTheLift(*run));
    const body::SpineModel& model = run->replay->model();
    const LegsDrawn legs = legsAt(model, pose);
    const double ankle = body::legLengths(model.subject().height, model.subject().mass).ankle_height;
    for (const LegsDrawn::Side& leg : {legs.right, legs.left}) {
      EXPECT_NEAR(leg.ankle.y() - legs.floor_y, ankle, 1e-9) << "the foot stands on the floor";
      if (run == &stoop()) EXPECT_LT(kneeBendDeg(leg), 25.0) << "stooping keeps the knees nearly straight";
      else EXPECT_GT(kneeBendDeg(leg), 60.0) << "squatting bends the knees";
      // The knee comes forward of the ankle in a squat, never behind it.
      EXPECT_GE(leg.knee.x(), leg.ankle.x() - 1e-9);
    }
  }
}

TEST(Figure, TheCartonInTheHandsIsTheLiftPlansSizeAndNeverThroughTheFloor) {
  for (FinishedRun* run : {&stoop(), &squat()}) {
    const sim::Pose pose = run->replay->at(bottomOfTheLift(*run));
    const body::SpineModel& model = run->replay->model();
    const LegsDrawn legs = legsAt(model, pose);
    vtkSmartPointer<vtkPolyData> carton = loadsMesh(pose.loads, model.gravity(), legs.floor_y);
    double b[6];
    carton->GetBounds(b);
    EXPECT_GE(b[2], legs.floor_y - 1e-6) << "the box's bottom is not below the feet (float geometry)";
    EXPECT_NEAR(b[1] - b[0], 0.30, 1e-6) << "0.30 m deep, as the lift plan assumes";
    EXPECT_NEAR(b[3] - b[2], 0.20, 1e-6);
    // Held by its sides: the hands at the box's sides, inside its height.
    EXPECT_NEAR(b[5] - b[4], std::fabs(pose.hands.right.z() - pose.hands.left.z()) - 0.04, 1e-6);
    EXPECT_GE(pose.hands.right.y(), b[2] - 1e-6);
    EXPECT_LE(pose.hands.right.y(), b[3] + 1e-6);
  }
}

TEST(Figure, ElbowsBendToReachTheHandsWithTheArmsOwnLengths) {
  // Hanging, the arm is straight (the elbow on the line from shoulder to hand); holding a load
  // close in front, it bends, the upper arm and forearm keeping their lengths, the elbow out to
  // the side or back, never into the trunk.
  FinishedRun run("elbows", "name: elbows\ntimeline:\n  - stand: {duration: 10s}\n"
                            "  - hold: {duration: 10s, load_kg: 5, hand_distance_m: 0.3}\noutput: {sample_every: 5s}\n");
  const body::SpineModel& model = run.replay->model();
  const double upper = upperArmLength(model), fore = model.arms().length - upper;
  const sim::Pose hanging = run.replay->at(5.0);
  const auto [shoulder, left_shoulder] = body::shoulders(model, hanging.kin);
  const auto [elbow, left_elbow] = elbowsAt(model, hanging);
  EXPECT_NEAR((elbow - shoulder).norm() + (hanging.hands.right - elbow).norm(), (hanging.hands.right - shoulder).norm(), 1e-9);
  const sim::Pose holding = run.replay->at(18.0);
  ASSERT_TRUE(holding.hands_reaching);
  const auto [s, s_left] = body::shoulders(model, holding.kin);
  ASSERT_LT((holding.hands.right - s).norm(), 0.95 * (upper + fore)) << "the hands are within the arm's reach";
  const auto [e, e_left] = elbowsAt(model, holding);
  EXPECT_NEAR((e - s).norm(), upper, 1e-9);
  EXPECT_NEAR((holding.hands.right - e).norm(), fore, 1e-9);
  EXPECT_GT((e - 0.5 * (s + holding.hands.right)).norm(), 0.05) << "bent, not straight";
  EXPECT_GE(e.z(), s.z() - 0.02) << "the right elbow no nearer the midline than its shoulder";
  EXPECT_LT(e.x(), holding.hands.right.x()) << "behind the hands";
}

TEST(Animation, TheCameraFramesTheBottomOfAStoopWithTheHandsAndTheBoxInView) {
  // Frames from standing, down to the box, and up again: in every one the body (all that is not
  // background in the body's part of the picture) keeps clear of its edges, so nothing leaves the
  // frame; at the bottom the box's colour is seen; and the body fills most of the height over the
  // movie, not a strip of it.
  const FinishedRun& run = stoop();
  AnimationOptions options;
  options.frames = 12;
  options.from = 0.0;
  options.to = run.record.time.back();
  options.look.view = View::Side;
  options.look.width = 320;
  options.look.height = 240;
  const fs::path frames = run.dir / "frames";
  writeAnimation(run.record, *run.replay, options, {}, frames);
  const int body_w = static_cast<int>(0.80 * 320), body_h = static_cast<int>(0.86 * 240);
  int tallest = 0;
  bool box_seen = false;
  for (int i = 1; i <= options.frames; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "frame_%04d.png", i);
    vtkSmartPointer<vtkImageData> image = readPng(frames / name);
    const Ink ink = inkIn(image, 0, 0, body_w, body_h);
    ASSERT_GT(ink.count, 0) << name;
    // The floor reaches the edges by design; the body is what stands above it.
    const Ink above_floor = inkIn(image, 0, ink.y_min + 12, body_w, body_h);
    EXPECT_GT(above_floor.x_min, 0) << name << ": cut off on the left";
    EXPECT_LT(above_floor.x_max, body_w - 1) << name << ": cut off on the right";
    EXPECT_LT(above_floor.y_max, body_h - 1) << name << ": cut off at the top";
    tallest = std::max(tallest, above_floor.y_max - ink.y_min);
    for (int y = 0; y < body_h && !box_seen; ++y) {
      for (int x = 0; x < body_w && !box_seen; ++x) {
        const auto p = pixelAt(image, x, y);
        // The carton's brown, lit or in shade: red over green over blue, and saturated.
        box_seen = p[0] > 0.45 && p[0] > p[1] + 0.08 && p[1] > p[2] + 0.08;
      }
    }
  }
  EXPECT_TRUE(box_seen) << "the box is in view at the pick-up";
  EXPECT_GT(tallest, 0.7 * body_h) << "the body fills the picture's height in its tallest frame";
}

TEST(ColourBar, LabelsAreRoundNumbersAllWrittenWithTheSameDecimals) {
  const Ticks tone = ticksFor(0.0, 0.3);
  EXPECT_THAT(tone.values, ::testing::ElementsAre(0.0, ::testing::DoubleNear(0.1, 1e-12), ::testing::DoubleNear(0.2, 1e-12),
                                                  ::testing::DoubleNear(0.3, 1e-12)));
  EXPECT_EQ(tone.decimals, 1);
  const Ticks low = ticksFor(0.0, 0.025);
  EXPECT_EQ(low.values.size(), 6u);
  EXPECT_NEAR(low.values[1], 0.005, 1e-12);
  EXPECT_EQ(low.decimals, 3);
  EXPECT_EQ(ticksFor(0.0, 2000.0).decimals, 0);
  EXPECT_EQ(ticksFor(0.0, 0.25).decimals, 2);  // steps of 0.05
  EXPECT_DOUBLE_EQ(roundUp(0.0173), 0.02);
  EXPECT_DOUBLE_EQ(roundUp(0.3), 0.5);
  EXPECT_DOUBLE_EQ(roundUp(2100.0), 2500.0);
}

TEST(ColourBar, TheBarsAreDrawnBesideTheBodyNeverOverIt) {
  // The same picture with and without its colour bars: every pixel the bars change lies right of
  // the body's part of the picture.
  const FinishedRun& run = stoop();
  const double t = bottomOfTheLift(run);
  Scene scene(styleFor(Look{}, {&run.record}));
  scene.show(run.replay->model(), frameAt(run.record, *run.replay, t, MuscleColour::Tone, DiscColour::Compression));
  vtkSmartPointer<vtkRenderWindow> window = offscreenWindow(scene.renderers(), 400, 300);
  scene.setView(View::Side);
  vtkSmartPointer<vtkImageData> with_bars = capture(window);
  scene.showColourBar(false);
  vtkSmartPointer<vtkImageData> without = capture(window);
  const double body_right = scene.renderer()->GetViewport()[2] * 400;
  int changed = 0, over_body = 0;
  for (int y = 0; y < 300; ++y) {
    for (int x = 0; x < 400; ++x) {
      if (near(pixelAt(with_bars, x, y), pixelAt(without, x, y), 0.05)) continue;
      ++changed;
      if (x < body_right) ++over_body;
    }
  }
  EXPECT_GT(changed, 500) << "the bars are drawn";
  EXPECT_EQ(over_body, 0);
}

TEST(Discs, DiscsAreSeenThroughTheMusclesOnTheirOwnScale) {
  // Side view of the stoop, every disc at the top of its scale and every muscle at rest: at each
  // lumbar disc's centre the picture shows the discs' top colour, not a muscle's.
  const FinishedRun& run = stoop();
  const body::SpineModel& model = run.replay->model();
  Frame frame = frameAt(run.record, *run.replay, bottomOfTheLift(run), MuscleColour::Tone, DiscColour::Pressure);
  for (double& v : frame.disc_value) v = std::isnan(v) ? v : 1e6;
  std::fill(frame.muscle_value.begin(), frame.muscle_value.end(), 0.0);
  Scene scene(styleFor(Look{MuscleColour::Tone, DiscColour::Pressure, View::Side, 640, 480, {}, false}, {&run.record}));
  scene.show(model, frame);
  vtkSmartPointer<vtkRenderWindow> window = offscreenWindow(scene.renderers(), 640, 480);
  scene.setView(View::Side);
  vtkSmartPointer<vtkImageData> image = capture(window);
  const Rgb top = discColourAt(1.0);
  int seen = 0, discs = 0;
  for (int s = 0; s < model.segmentCount(); ++s) {
    if (!model.segment(s).joint.is_disc || model.segment(s).name.empty() || model.segment(s).name[0] != 'L') continue;
    ++discs;
    const auto at = scene.screenPoint(frame.pose.kin.origin[static_cast<std::size_t>(s)] +
                                      frame.pose.kin.rotation[static_cast<std::size_t>(s)] * body::Vec3d(0.005, 0, 0));
    const auto p = pixelAt(image, static_cast<int>(at[0]), static_cast<int>(at[1]));
    // Dark red-brown, lit or in shade: red well over green and blue.
    if (p[0] > 1.8 * p[1] && p[0] > 1.8 * p[2] && top.r > 1.8 * top.g) ++seen;
  }
  EXPECT_GE(discs, 4);
  EXPECT_EQ(seen, discs);
}

TEST(ColourRange, ARunsOwnRangeSpreadsALowToneOverTheColoursAndCompareSharesOne) {
  // A calm 20 s stand reaches a small tone: its own range tops a round number above it, so its
  // largest value is drawn at least 40 % up the colours; the fixed scale would put it near 5 %.
  const FinishedRun& calm = stoop();
  const auto& tone = calm.record.fascicle[fascicleQuantityOf(MuscleColour::Tone)];
  const double largest = tone.maxCoeff();
  const Scale own = muscleScale(MuscleColour::Tone, Range{}, {&calm.record});
  EXPECT_EQ(own.low, 0.0);
  EXPECT_GE(own.high, largest);
  EXPECT_GE(largest / own.high, 0.4);
  EXPECT_LT(largest / scaleOf(MuscleColour::Tone).high, largest / own.high);
  EXPECT_EQ(muscleScale(MuscleColour::Tone, rangeNamed("fixed"), {&calm.record}).high, scaleOf(MuscleColour::Tone).high);
  const Scale given = muscleScale(MuscleColour::Tone, rangeNamed("0:0.05"), {&calm.record});
  EXPECT_EQ(given.high, 0.05);
  // Two runs share the range that holds both.
  const Scale both = muscleScale(MuscleColour::Activation, Range{}, {&stoop().record, &squat().record});
  const auto top = [](const FinishedRun& r) { return static_cast<double>(r.record.fascicle[fascicleQuantityOf(MuscleColour::Activation)].maxCoeff()); };
  EXPECT_GE(both.high, std::max(top(stoop()), top(squat())));
  EXPECT_THROW(rangeNamed("0.3:0.1"), UserError);
  EXPECT_THROW(rangeNamed("nan:1"), UserError);
  EXPECT_THROW(rangeNamed("hot"), UserError);
}

TEST(ColourRange, BloodFlowKeepsItsWholeScaleAndReadsTheFlowColumn) {
  // Flow falls from 1 (unoccluded): a run's own range would put a well-perfused day's 0.97 at
  // the top of the colours and hide what matters, so flow always shows 0-1, as the lesson does.
  const FinishedRun& run = stoop();
  const Scale flow = muscleScale(MuscleColour::Flow, Range{}, {&run.record});
  EXPECT_EQ(flow.low, 0.0);
  EXPECT_EQ(flow.high, 1.0);
  EXPECT_EQ(fascicleQuantityOf(MuscleColour::Flow), sim::kFlow);
  EXPECT_EQ(muscleColourNamed("flow"), MuscleColour::Flow);
  // A range given by hand still wins.
  EXPECT_EQ(muscleScale(MuscleColour::Flow, rangeNamed("0.5:1"), {&run.record}).low, 0.5);
}

TEST(Captions, PhasesAreNumberedAsSummaryJsonNumbersThem) {
  // summary.json and phases.csv count from 0: the lift is phase 1 of 0-1.
  const FinishedRun& run = stoop();
  const Frame frame = frameAt(run.record, *run.replay, 4.0, MuscleColour::Tone, DiscColour::Compression);
  EXPECT_THAT(frame.caption, HasSubstr("phase 1 of 0-1: lift"));
  EXPECT_THAT(frame.posture, HasSubstr("thorax "));
  EXPECT_THAT(frame.posture, HasSubstr("\u00b0 forward"));
}

TEST(Charts, PhaseBandsKeepAlternatingPastAPhaseThatTakesNoTime) {
  // Sit, drink (no time), walk, sit: the bands alternate over the phases that take time.
  FinishedRun run("bands", "name: bands\ntimeline:\n  - sit: {duration: 30s}\n  - drink: {litres: 0.25}\n"
                           "  - walk: {duration: 30s}\n  - sit: {duration: 30s}\noutput: {sample_every: 5s}\n");
  ASSERT_EQ(run.record.phase_kinds.size(), 4u);
  const std::vector<int> bands = phaseBands(run.record);
  EXPECT_EQ(bands[0] % 2, 0);
  EXPECT_NE(bands[2] % 2, bands[0] % 2) << "the walk after the drink is the next band";
  EXPECT_NE(bands[3] % 2, bands[2] % 2);
}

TEST(Text, TitlesInChineseAndWithAnEmojiAreDrawnNotDropped) {
  // Each script finds a font that has it (the emoji: DejaVu Sans or Symbola): nothing is replaced,
  // and the drawn title is wider than the same title with those characters taken out.
  const std::string title = "\u8170\u75db test \U0001F623";
  const std::vector<TextRun> runs = fontRuns(title);
  std::string joined;
  for (const TextRun& r : runs) joined += r.text;
  EXPECT_EQ(joined, title) << "no character replaced";
  ASSERT_GE(runs.size(), 3u);
  EXPECT_THAT(runs.front().font_file, HasSubstr("NotoSansCJK"));
  EXPECT_FALSE(runs.back().font_file.empty()) << "the emoji in an installed font that has it, not VTK's";
  // One window for every line (X servers on a busy machine are slow to let connections go).
  auto renderer = vtkSmartPointer<vtkRenderer>::New();
  renderer->SetBackground(1, 1, 1);
  vtkSmartPointer<vtkRenderWindow> window = offscreenWindow({renderer}, 400, 80);
  const auto inkOf = [&](const std::string& text) {
    TextLine line(renderer, 24, false);
    line.setPosition(0.02, 0.4);
    line.set(text);
    return inkIn(capture(window), 0, 0, 400, 80);
  };
  const Ink full = inkOf(title), latin = inkOf(" test ");
  EXPECT_GT(inkOf("\U0001F623").count, 60) << "the emoji alone is drawn";
  EXPECT_GT(inkOf("\u8170").count, 60) << "a CJK character alone is drawn";
  EXPECT_GT(full.x_max - full.x_min, latin.x_max - latin.x_min + 40) << "the CJK and emoji glyphs take room";
  EXPECT_GT(full.count, latin.count + 200);
}

}  // namespace
}  // namespace tonus::viz
