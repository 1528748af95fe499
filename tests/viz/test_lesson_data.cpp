// The data of a web lesson (`tonus export-web`): its frames, its base64, and that the body the
// page rebuilds from it is the run's body (each path point from its segment's transform equals
// the run's own point), its colours the run's values; the page inlines it safely.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "finished_run.hpp"
#include "viz/colour_map.hpp"
#include "viz/colour_scale.hpp"
#include "viz/lesson_data.hpp"
#include "viz/lesson_page.hpp"

namespace tonus::viz {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

// Base64 back to bytes, as the page's decode.js reads it.
std::vector<unsigned char> unbase64(const std::string& text) {
  static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::vector<unsigned char> out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    buffer = (buffer << 6) | static_cast<unsigned>(kAlphabet.find(c));
    bits += 6;
    if (bits >= 8) out.push_back(static_cast<unsigned char>((buffer >> (bits - 8)) & 0xFF)), bits -= 8;
  }
  return out;
}
template <typename T>
std::vector<T> arrayOf(const json& text) {
  const std::vector<unsigned char> bytes = unbase64(text.get<std::string>());
  std::vector<T> out(bytes.size() / sizeof(T));
  std::memcpy(out.data(), bytes.data(), out.size() * sizeof(T));
  return out;
}

FinishedRun& lift() {
  static FinishedRun run("lesson", "name: lesson-lift\ntimeline:\n  - stand: {duration: 4s}\n"
                                   "  - lift: {reps: 1, load_kg: 10, style: squat, cycle_s: 6}\n"
                                   "  - sit: {duration: 20s, style: slumped}\noutput: {sample_every: 0.5s}\n");
  return run;
}

TEST(LessonData, Base64IsRfc4648) {
  EXPECT_EQ(base64("", 0), "");
  EXPECT_EQ(base64("f", 1), "Zg==");
  EXPECT_EQ(base64("fo", 2), "Zm8=");
  EXPECT_EQ(base64("foo", 3), "Zm9v");
  EXPECT_EQ(base64("foobar", 6), "Zm9vYmFy");
}

TEST(LessonData, ALongRunIsShownAtEvenlySpreadFramesWithItsFirstAndLast) {
  const FinishedRun& run = lift();
  const int samples = static_cast<int>(run.record.time.size());
  EXPECT_EQ(lessonFrames(run.record, 100000).size(), static_cast<std::size_t>(samples));
  const std::vector<int> few = lessonFrames(run.record, 7);
  ASSERT_EQ(few.size(), 7u);
  EXPECT_EQ(few.front(), 0);
  EXPECT_EQ(few.back(), samples - 1);
  for (std::size_t i = 1; i < few.size(); ++i) EXPECT_GT(few[i], few[i - 1]);
}

TEST(LessonData, ThePagesBodyIsTheRunsBodyAndItsColoursTheRunsValues) {
  const FinishedRun& run = lift();
  const json lesson = lessonData(run.record, *run.replay, {&run.record}, json::object());
  const body::SpineModel& model = run.replay->model();
  const int segments = lesson["segments"].get<int>(), frames = static_cast<int>(lesson["times"].size());
  const auto transforms = arrayOf<float>(lesson["pose"]["transforms"]);
  const auto local = arrayOf<float>(lesson["paths"]["local"]);
  const auto thigh = arrayOf<float>(lesson["pose"]["thigh_points"]);
  const std::vector<int> point_segment = lesson["paths"]["segment"];
  const std::vector<int> thigh_points = lesson["paths"]["thigh_points"];
  ASSERT_EQ(transforms.size(), static_cast<std::size_t>(frames * segments * 12));
  double worst = 0.0;
  for (int frame = 0; frame < frames; ++frame) {
    const sim::Pose pose = run.replay->at(lesson["times"][frame].get<double>());
    for (int p = 0; p < static_cast<int>(point_segment.size()); ++p) {
      // As body_view.js: rotation (row-major) times the local point, plus the origin.
      const float* t = &transforms[static_cast<std::size_t>((frame * segments + point_segment[p]) * 12)];
      Eigen::Vector3d q;
      for (int i = 0; i < 3; ++i) {
        q[i] = t[9 + i];
        for (int j = 0; j < 3; ++j) q[i] += t[3 * i + j] * local[static_cast<std::size_t>(3 * p + j)];
      }
      const auto on_thigh = std::find(thigh_points.begin(), thigh_points.end(), p);
      if (on_thigh != thigh_points.end()) {
        const std::size_t k = static_cast<std::size_t>(on_thigh - thigh_points.begin());
        const std::size_t base = (static_cast<std::size_t>(frame) * thigh_points.size() + k) * 3;
        q = Eigen::Vector3d(thigh[base], thigh[base + 1], thigh[base + 2]);
      }
      worst = std::max(worst, (q - pose.geometry.point_ground.col(p)).norm());
    }
  }
  EXPECT_LT(worst, 1e-5) << "every path point within 10 micrometres (float32) of the run's";
  // Tone: each byte is the run's value on the lesson's scale, to within one step of 255.
  const json& tone = lesson["values"]["tone"];
  const auto bytes = arrayOf<unsigned char>(tone["data"]);
  const double high = tone["high"].get<double>();
  const int fascicles = model.fascicleCount();
  ASSERT_EQ(bytes.size(), static_cast<std::size_t>(frames * fascicles));
  const auto& values = run.record.fascicle[sim::kTone];
  double off = 0.0;
  for (int frame = 0; frame < frames; ++frame) {
    const int m = run.record.muscleSampleAt(lesson["times"][frame].get<double>());
    for (int f = 0; f < fascicles; ++f) {
      off = std::max(off, std::fabs(bytes[static_cast<std::size_t>(frame * fascicles + f)] / 255.0 - values(m, f) / high));
    }
  }
  EXPECT_LE(off, 0.5 / 255.0 + 1e-9);
  // The squat's carton is among the loads at some frame.
  const auto kinds = arrayOf<unsigned char>(lesson["props"]["block_kind"]);
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), 3), kinds.end());
}

// colours.js's colourAt: linear between evenly spaced stops.
Rgb pageColourAt(const json& stops, double x) {
  const double t = std::clamp(x, 0.0, 1.0) * static_cast<double>(stops.size() - 1);
  const std::size_t i = std::min(stops.size() - 2, static_cast<std::size_t>(t));
  const double u = t - static_cast<double>(i);
  auto channel = [&](int k) { return stops[i][k].get<double>() + u * (stops[i + 1][k].get<double>() - stops[i][k].get<double>()); };
  return {channel(0), channel(1), channel(2)};
}

TEST(LessonData, ThePageDrawsThePicturesColourMapsAndBarLabels) {
  const FinishedRun& run = lift();
  const json lesson = lessonData(run.record, *run.replay, {&run.record}, json::object());
  // The page's maps, read as colours.js reads them, are the pictures' maps at every value.
  for (const auto& [name, map] : {std::pair{"muscle", &colourAt}, std::pair{"disc", &discColourAt}}) {
    const json& stops = lesson["colour_maps"][name];
    ASSERT_GE(stops.size(), 2u) << name;
    for (int k = 0; k <= 200; ++k) {
      const double x = k / 200.0;
      const Rgb page = pageColourAt(stops, x), picture = map(x);
      EXPECT_NEAR(page.r, picture.r, 1e-12) << name << " at " << x;
      EXPECT_NEAR(page.g, picture.g, 1e-12) << name << " at " << x;
      EXPECT_NEAR(page.b, picture.b, 1e-12) << name << " at " << x;
    }
  }
  // Each bar's labels are the pictures' ticks, written as the pictures' bar writes them.
  for (const char* group : {"values", "disc_values"}) {
    for (const auto& [name, scale] : lesson[group].items()) {
      const std::vector<std::string> labels = scale["ticks"];
      const Ticks ticks = ticksFor(scale["low"].get<double>(), scale["high"].get<double>());
      ASSERT_EQ(labels.size(), ticks.values.size()) << name;
      EXPECT_GE(labels.size(), 4u) << name;
      for (std::size_t i = 0; i < labels.size(); ++i) {
        EXPECT_NEAR(std::stod(labels[i]), ticks.values[i], 1e-9) << name;
        const std::size_t point = labels[i].find('.');
        EXPECT_EQ(point == std::string::npos ? 0 : static_cast<int>(labels[i].size() - point - 1), ticks.decimals) << name;
      }
    }
  }
  EXPECT_EQ(lesson["values"]["flow"]["ticks"], json({"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}));
}

TEST(LessonPage, AScenarioNamedLikeMarkupCannotBreakOutOfItsScript) {
  json lesson = {{"scenario", "</script><script>alert(1)</script>"}};
  const std::string page = lessonPage({lesson});
  EXPECT_THAT(page, HasSubstr("<meta name=\"generator\" content=\"Tonus export-web\">"));
  EXPECT_EQ(page.find("<script>alert(1)"), std::string::npos);
  EXPECT_THAT(page, HasSubstr("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"));
  // Every script element opened is closed once: two of them, the data and the app.
  std::size_t opened = 0, closed = 0;
  for (std::size_t at = page.find("<script"); at != std::string::npos; at = page.find("<script", at + 1)) ++opened;
  for (std::size_t at = page.find("</script>"); at != std::string::npos; at = page.find("</script>", at + 1)) ++closed;
  EXPECT_EQ(opened, closed);
  EXPECT_EQ(opened, 2u);
}

}  // namespace
}  // namespace tonus::viz
