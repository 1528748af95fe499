// The VTK layer (run under xvfb-run by ctest): pictures have the size asked for, are not
// blank, and colour a muscle at the top of the scale and one at rest with the colour map's
// colours; ParaView series read back through VTK's reader with every step and array; charts
// (their lines, not only their frame), movies and the viewer's snapshot are drawn; bad options
// are refused by name.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <vtkActor.h>
#include <vtkActorCollection.h>
#include <vtkCellData.h>
#include <vtkImageData.h>
#include <vtkMapper.h>
#include <vtkPNGReader.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkXMLPolyDataReader.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "body/model_file.hpp"
#include "core/errors.hpp"
#include "results/results_writer.hpp"
#include "input/yaml_reader.hpp"
#include "scenario/scenario_file.hpp"
#include "sim/run.hpp"
#include "finished_run.hpp"
#include "viz/animation.hpp"
#include "viz/charts.hpp"
#include "viz/colour_map.hpp"
#include "viz/paraview_export.hpp"
#include "viz/picture.hpp"
#include "viz/scene.hpp"
#include "viz/snapshot.hpp"
#include "viz/viewer.hpp"

namespace tonus::viz {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// A short run written to a results directory, as `tonus run` writes it.
struct Results : FinishedRun {
  Results()
      : FinishedRun("viz", "name: viz-test\ntimeline:\n  - stand: {duration: 20s}\n  - hold: {duration: 20s, load_kg: 10, "
                           "hand_distance_m: 0.4}\n  - sit: {duration: 20s, style: slumped}\noutput: {sample_every: 5s}\n") {}
};

Results& results() {
  static Results r;
  return r;
}

// Share of pixels that differ from the background colour.
double coverage(vtkImageData* image) {
  int dims[3];
  image->GetDimensions(dims);
  const auto background = pixelAt(image, 1, 1);
  long differ = 0;
  for (int y = 0; y < dims[1]; ++y) {
    for (int x = 0; x < dims[0]; ++x) {
      const auto p = pixelAt(image, x, y);
      if (std::fabs(p[0] - background[0]) + std::fabs(p[1] - background[1]) + std::fabs(p[2] - background[2]) > 0.05) ++differ;
    }
  }
  return static_cast<double>(differ) / (dims[0] * dims[1]);
}

// The Scene's fascicle tubes: the one actor coloured by the per-point "value" array.
vtkActor* muscleActorOf(const Scene& scene) {
  vtkActorCollection* actors = scene.renderer()->GetActors();
  actors->InitTraversal();
  for (vtkActor* actor = actors->GetNextActor(); actor != nullptr; actor = actors->GetNextActor()) {
    const char* array = actor->GetMapper() != nullptr ? actor->GetMapper()->GetArrayName() : nullptr;
    if (array != nullptr && std::string(array) == "value") return actor;
  }
  return nullptr;
}

// Share of pixels that differ between two pictures of the same size.
double differingShare(vtkImageData* a, vtkImageData* b) {
  int dims[3];
  a->GetDimensions(dims);
  long differ = 0;
  for (int y = 0; y < dims[1]; ++y) {
    for (int x = 0; x < dims[0]; ++x) {
      const auto p = pixelAt(a, x, y), q = pixelAt(b, x, y);
      if (std::fabs(p[0] - q[0]) + std::fabs(p[1] - q[1]) + std::fabs(p[2] - q[2]) > 0.05) ++differ;
    }
  }
  return static_cast<double>(differ) / (dims[0] * dims[1]);
}

vtkSmartPointer<vtkImageData> readPng(const fs::path& png) {
  auto reader = vtkSmartPointer<vtkPNGReader>::New();
  reader->SetFileName(png.string().c_str());
  reader->Update();
  return reader->GetOutput();
}

// Chromaticity: the colour with its brightness divided out (lighting scales all three alike).
std::array<double, 3> chroma(const std::array<double, 3>& c) {
  const double sum = c[0] + c[1] + c[2] + 1e-9;
  return {c[0] / sum, c[1] / sum, c[2] / sum};
}
double chromaDistance(const std::array<double, 3>& a, const Rgb& b) {
  const auto x = chroma(a), y = chroma({b.r, b.g, b.b});
  return std::fabs(x[0] - y[0]) + std::fabs(x[1] - y[1]) + std::fabs(x[2] - y[2]);
}
// The pixel nearest in chromaticity to `expected` in a small square around (x, y).
double bestMatch(vtkImageData* image, std::array<double, 2> at, const Rgb& expected) {
  double best = 1e9;
  for (int dy = -3; dy <= 3; ++dy) {
    for (int dx = -3; dx <= 3; ++dx) {
      best = std::min(best, chromaDistance(pixelAt(image, static_cast<int>(at[0]) + dx, static_cast<int>(at[1]) + dy), expected));
    }
  }
  return best;
}

TEST(Viz, ColourMapRunsFromBlueToRed) {
  EXPECT_GT(colourAt(0.0).b, colourAt(0.0).r);
  EXPECT_GT(colourAt(1.0).r, colourAt(1.0).b);
  EXPECT_DOUBLE_EQ(colourAt(-1.0).b, colourAt(0.0).b);  // clamped
  EXPECT_DOUBLE_EQ(colourAt(NAN).r, colourAt(0.0).r);
}

TEST(Viz, APictureColoursAMuscleAtFullScaleAndOneAtRestWithTheColourMap) {
  Results& r = results();
  const body::SpineModel& model = r.replay->model();
  Scene scene(fixedStyle({MuscleColour::Activation, DiscColour::Compression, View::Side, 320, 240, {}, false}));
  Frame frame = frameAt(r.record, *r.replay, 10.0, MuscleColour::Activation, DiscColour::Compression);
  // A right internal oblique slip (on the flank, facing a camera on the right, its middle clear of
  // the slips that cross the front of the abdomen) at full activation, everything else at rest;
  // bones off so nothing hides it.
  int hot = -1, cold = -1;
  for (int f = 0; f < model.fascicleCount(); ++f) {
    if (model.fascicle(f).name == "internal_oblique_anterior_sheath_r") hot = f;
    if (model.fascicle(f).name == "external_oblique_lateral_rib9_r") cold = f;
  }
  ASSERT_GE(hot, 0);
  ASSERT_GE(cold, 0);
  std::fill(frame.muscle_value.begin(), frame.muscle_value.end(), 0.0);
  frame.muscle_value[static_cast<std::size_t>(hot)] = 1.0;
  scene.showBones(false);
  scene.show(model, frame);
  vtkSmartPointer<vtkRenderWindow> window = offscreenWindow(scene.renderers(), 320, 240);
  scene.setView(View::Side);
  vtkSmartPointer<vtkImageData> image = capture(window);
  int dims[3];
  image->GetDimensions(dims);
  EXPECT_EQ(dims[0], 320);
  EXPECT_EQ(dims[1], 240);
  // Not blank, and the muscles themselves drawn: the same picture without their tubes (the
  // frame, discs, load and colour bar alone) covers clearly less.
  const double with_muscles = coverage(image);
  vtkActor* muscles = muscleActorOf(scene);
  ASSERT_NE(muscles, nullptr);
  muscles->SetVisibility(false);
  window->Render();
  const double without_muscles = coverage(capture(window));
  muscles->SetVisibility(true);
  window->Render();
  EXPECT_GT(with_muscles, 0.05) << "not blank";
  EXPECT_GT(with_muscles - without_muscles, 0.02) << "muscles drawn";
  const auto hot_at = scene.screenPointOfFascicle(hot);
  const auto cold_at = scene.screenPointOfFascicle(cold);
  ASSERT_GT(hot_at[0], 3);
  ASSERT_LT(hot_at[0], 316);
  EXPECT_LT(bestMatch(image, hot_at, colourAt(1.0)), 0.08) << "full activation drawn red";
  EXPECT_LT(bestMatch(image, cold_at, colourAt(0.0)), 0.08) << "rest drawn dark blue";
  // At the hot fascicle's own middle pixel, red rather than blue.
  const auto centre = pixelAt(image, static_cast<int>(hot_at[0]), static_cast<int>(hot_at[1]));
  EXPECT_LT(chromaDistance(centre, colourAt(1.0)), chromaDistance(centre, colourAt(0.0)));
}

TEST(Viz, PicturesAreWrittenAtTheSizeAskedFor) {
  Results& r = results();
  PictureOptions options;
  options.time = 30.0;
  options.look = {MuscleColour::Tone, DiscColour::Compression, View::Oblique, 200, 160, {}, false};
  const fs::path out = r.dir / "picture.png";
  writePicture(r.record, *r.replay, options, out);
  auto reader = vtkSmartPointer<vtkPNGReader>::New();
  reader->SetFileName(out.string().c_str());
  reader->Update();
  int dims[3];
  reader->GetOutput()->GetDimensions(dims);
  EXPECT_EQ(dims[0], 200);
  EXPECT_EQ(dims[1], 160);
  EXPECT_GT(coverage(reader->GetOutput()), 0.05);
}

TEST(Viz, TheParaViewSeriesReadsBackWithEveryStepAndArray) {
  Results& r = results();
  const fs::path pvd = exportParaView(r.record, *r.replay, r.dir / "paraview", 2);
  std::ifstream in(pvd);
  std::stringstream text;
  text << in.rdbuf();
  const std::string index = text.str();
  const std::regex dataset("<DataSet timestep=\"([0-9.e+-]+)\" part=\"([0-9])\" file=\"([^\"]+)\"/>");
  int steps = 0;
  for (auto it = std::sregex_iterator(index.begin(), index.end(), dataset); it != std::sregex_iterator(); ++it) {
    const std::string file = (*it)[3];
    auto reader = vtkSmartPointer<vtkXMLPolyDataReader>::New();
    reader->SetFileName((pvd.parent_path() / file).string().c_str());
    reader->Update();
    vtkPolyData* data = reader->GetOutput();
    ASSERT_GT(data->GetNumberOfPoints(), 0) << file;
    if ((*it)[2] == "0") {
      ++steps;
      EXPECT_EQ(data->GetNumberOfLines(), r.replay->model().fascicleCount());
      for (const char* name : {"activation", "force_N", "fatigue", "capacity", "flow", "metabolite", "tone", "risk", "group_index"}) {
        EXPECT_NE(data->GetCellData()->GetArray(name), nullptr) << name;
      }
      EXPECT_NE(data->GetPointData()->GetArray("radius"), nullptr);
    } else if ((*it)[2] == "1") {
      EXPECT_NE(data->GetPointData()->GetArray("compression_N"), nullptr);
      EXPECT_NE(data->GetPointData()->GetArray("pressure_MPa"), nullptr);
    }
  }
  EXPECT_EQ(steps, static_cast<int>((r.record.time.size() + 1) / 2));
}

TEST(Viz, ChartsAreDrawnAndNotBlank) {
  Results& r = results();
  ChartOptions options;
  options.width = 300;
  options.height = 200;
  std::filesystem::create_directories(r.dir / "charts");
  const auto charts = writeCharts(r.record, options, r.dir / "charts");
  ASSERT_EQ(charts.size(), std::size(kChartFiles));
  for (const fs::path& chart : charts) {
    auto reader = vtkSmartPointer<vtkPNGReader>::New();
    reader->SetFileName(chart.string().c_str());
    reader->Update();
    int dims[3];
    reader->GetOutput()->GetDimensions(dims);
    EXPECT_EQ(dims[0], 300) << chart;
    EXPECT_GT(coverage(reader->GetOutput()), 0.02) << chart;
  }
}

TEST(Viz, ChartsDrawTheRunsLinesNotOnlyTheirFrame) {
  // The reference: the same charts (title, axes, phases, legend) with every value moved far
  // below the axis, so no line is drawn. At the default size the lines must change at least as
  // many pixels as one 1-pixel line across the whole chart (each is 2 pixels wide and spans
  // the plot). The tone, pressure and compression charts are left out: their axes follow the
  // data, so their frames differ.
  Results& r = results();
  results::RunRecord hidden = r.record;
  for (auto& [name, values] : hidden.channels) {
    for (double& v : values) v -= 1e6;
  }
  const ChartOptions options;
  std::filesystem::create_directories(r.dir / "full_charts");
  std::filesystem::create_directories(r.dir / "hidden_charts");
  const auto charts = writeCharts(r.record, options, r.dir / "full_charts");
  const auto frames = writeCharts(hidden, options, r.dir / "hidden_charts");
  ASSERT_EQ(charts.size(), std::size(kChartFiles));
  ASSERT_EQ(frames.size(), std::size(kChartFiles));
  for (const std::size_t i : {1u, 3u}) {
    const double changed = differingShare(readPng(charts[i]), readPng(frames[i]));
    EXPECT_GT(changed, 1.0 / options.height) << charts[i];
  }
}

TEST(Viz, AnimationsWriteAMovieAndNumberedFrames) {
  Results& r = results();
  AnimationOptions options;
  options.frames = 4;
  options.look.width = 160;
  options.look.height = 120;
  writeAnimation(r.record, *r.replay, options, r.dir / "movie.ogv", r.dir / "frames");
  EXPECT_GT(fs::file_size(r.dir / "movie.ogv"), 1000u);
  for (int i = 1; i <= 4; ++i) EXPECT_TRUE(fs::exists(r.dir / "frames" / ("frame_000" + std::to_string(i) + ".png")));
  options.look.width = 161;
  EXPECT_THROW(writeAnimation(r.record, *r.replay, options, r.dir / "odd.ogv", {}), UserError);
}

TEST(Viz, TheViewerDrawsItsTimeSlider) {
  Results& r = results();
  ViewerOptions options;
  options.look.width = 320;
  options.look.height = 240;
  options.time = 30.0;
  const fs::path out = r.dir / "viewer.png";
  runViewer(r.record, *r.replay, options, out);
  auto reader = vtkSmartPointer<vtkPNGReader>::New();
  reader->SetFileName(out.string().c_str());
  reader->Update();
  vtkImageData* image = reader->GetOutput();
  EXPECT_GT(coverage(image), 0.05);
  // The slider's handle (orange) in the strip along the bottom, below the body (the colour bars
  // hold orange too, higher up), as far along the slider (5 % to 80 % of the width) as the time is
  // into the run: halfway.
  int dims[3];
  image->GetDimensions(dims);
  double sum_x = 0.0;
  int count = 0;
  for (int y = 0; y < dims[1] / 10; ++y) {
    for (int x = 0; x < dims[0]; ++x) {
      const auto p = pixelAt(image, x, y);
      if (p[0] > 0.7 && p[1] > 0.15 && p[1] < 0.45 && p[2] < 0.25) sum_x += x, ++count;
    }
  }
  ASSERT_GT(count, 0) << "the handle is drawn below the body";
  EXPECT_NEAR(sum_x / count / dims[0], 0.05 + 0.75 * 30.0 / r.record.time.back(), 0.04);
}

TEST(Viz, UnknownOptionsAreRefusedByName) {
  try {
    muscleColourNamed("pink");
    FAIL();
  } catch (const UserError& e) {
    EXPECT_THAT(e.what(), HasSubstr("unknown colour quantity 'pink' (choose one of activation, tone, fatigue, flow, metabolite, risk)"));
  }
  EXPECT_THROW(viewNamed("front"), UserError);
  EXPECT_THROW(discColourNamed("shear"), UserError);
  try {
    sizeNamed("10x10");
    FAIL();
  } catch (const UserError& e) {
    EXPECT_THAT(e.what(), HasSubstr("size must be WIDTHxHEIGHT in pixels, 64 to 8192 each"));
  }
  EXPECT_EQ(sizeNamed("640x480"), (std::pair<int, int>{640, 480}));
  EXPECT_THROW(results::readRunRecord("/no/such/results"), input::InputError);
}

}  // namespace
}  // namespace tonus::viz
