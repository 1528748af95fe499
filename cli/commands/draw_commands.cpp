// The drawing commands besides `render`: `animate`, `compare`, `chart`, `export-vtk` and `view`.
// Each reads finished runs (written by `tonus run`), checks its options before drawing, and
// draws offscreen (under xvfb-run when there is no display), except `view`.
#include <iostream>
#include <memory>

#include "activity.hpp"
#include "commands/commands.hpp"
#include "commands/viz_options.hpp"
#include "display.hpp"
#include "interrupt.hpp"
#include "results/output_directory.hpp"
#include "viz/animation.hpp"
#include "viz/charts.hpp"
#include "viz/compare.hpp"
#include "viz/paraview_export.hpp"
#include "viz/viewer.hpp"

namespace tonus::cli {
namespace {

// The quantity and camera options every drawing command takes.
struct LookOptions {
  std::string colour = "tone", disc = "compression", view, size, range = "run";
  bool outline = false;
  viz::Look parse() const { return viz::lookNamed(colour, disc, view, size, range, outline); }
  void add(CLI::App* cmd, const char* default_view, const char* default_size) {
    view = default_view;
    size = default_size;
    cmd->add_option("--colour,--color", colour, "Colour the muscles by activation, tone (default), fatigue, flow, metabolite or risk");
    cmd->add_option("--disc", disc, "Colour the discs by compression (default) or pressure");
    cmd->add_option("--view", view, std::string("Camera: side, back, oblique or top (default ") + default_view + ")");
    cmd->add_option("--size", size, std::string("Picture size WIDTHxHEIGHT (default ") + default_size + ")");
    cmd->add_option("--range", range,
                    "Colour bars span: run (default: zero to just above the largest value shown), fixed (the quantity's "
                    "fixed scale, to compare pictures of different runs) or LOW:HIGH");
    cmd->add_flag("--outline", outline, "Draw a translucent outline of the body over the skeleton and muscles");
  }
};

struct AnimateOptions {
  std::string results, out, frames_dir, from = "0s", to = "end";
  int frames = 150, fps = 15;
  LookOptions look;
};

void animate(const AnimateOptions& o) {
  viz::AnimationOptions a;
  a.look = o.look.parse();
  a.frames = o.frames;
  a.fps = o.fps;
  if (o.out.empty() && o.frames_dir.empty()) throw UserError("animate needs --out MOVIE.ogv or --frames DIR");
  if (!o.out.empty() && std::filesystem::path(o.out).extension() != ".ogv") {
    throw UserError("--out must name an Ogg Theora movie ending .ogv, got '" + o.out + "'");
  }
  setActivity("reading the results folder " + o.results);
  const results::RunRecord record = results::readRunRecord(o.results);
  a.from = timeInRun(o.from, record);
  a.to = timeInRun(o.to, record);
  // Both outputs are checked before anything is drawn.
  const results::Inputs inputs = {o.results};
  if (!o.out.empty()) results::checkFileTarget(o.out, inputs, "--out");
  if (!o.frames_dir.empty()) results::checkFolderTarget(o.frames_dir, inputs, "--frames");
  ensureDisplay();
  setActivity("animating " + o.results);
  const sim::PoseReplay replay(record.scenario_text, record.model_text, &record.motion);
  const auto checkpoint = [](int, int) { stopIfInterrupted(); };
  if (!o.out.empty()) {
    results::writeFileAtomically(o.out, inputs, "--out", [&](const std::filesystem::path& movie) {
      viz::writeAnimation(record, replay, a, movie, {}, checkpoint);
    });
  }
  if (!o.frames_dir.empty()) {
    results::writeDirectoryAtomically(o.frames_dir, {"tonus animate", "--frames", inputs}, [&](const std::filesystem::path& dir) {
      viz::writeAnimation(record, replay, a, {}, dir, checkpoint);
    });
  }
  std::cout << "tonus animate: " << (o.out.empty() ? o.frames_dir : o.out) << " (" << a.frames << " frames)\n";
}

struct CompareOptions {
  std::string a, b, at = "end", out = "compare.png";
  LookOptions look;
};

void compare(const CompareOptions& o) {
  viz::PictureOptions p;
  p.look = o.look.parse();
  setActivity("reading the results folders " + o.a + " and " + o.b);
  const results::RunRecord a = results::readRunRecord(o.a), b = results::readRunRecord(o.b);
  // 'end' is each run's own end; any other time must lie within both runs, as for `render`.
  if (o.at == "end") {
    p.time = -1.0;
  } else {
    for (const auto& [record, name] : {std::pair{&a, &o.a}, std::pair{&b, &o.b}}) {
      try {
        p.time = timeInRun(o.at, *record);
      } catch (const UserError& e) {
        throw UserError(std::string(e.what()) + " in " + *name + " (compare at 'end' to show each run at its own end)");
      }
    }
  }
  if (std::filesystem::path(o.out).extension() != ".png") throw UserError("--out must name a PNG file, got '" + o.out + "'");
  results::checkFileTarget(o.out, {o.a, o.b}, "--out");
  ensureDisplay();
  setActivity("drawing the comparison " + o.out);
  const sim::PoseReplay ra(a.scenario_text, a.model_text, &a.motion), rb(b.scenario_text, b.model_text, &b.motion);
  viz::writeComparison(a, ra, b, rb, p, o.out);
  std::cout << "tonus compare: " << o.out << "\n";
}

struct ChartCommandOptions {
  std::string results, out, size = "1000x500";
};

void chart(const ChartCommandOptions& o) {
  viz::ChartOptions c;
  std::tie(c.width, c.height) = viz::sizeNamed(o.size);
  setActivity("reading the results folder " + o.results);
  const results::RunRecord record = results::readRunRecord(o.results);
  const std::filesystem::path dir = o.out.empty() ? std::filesystem::path(o.results) : std::filesystem::path(o.out);
  for (const char* name : viz::kChartFiles) results::checkFileTarget(dir / name, {o.results}, o.out.empty() ? "" : "--out");
  ensureDisplay();
  setActivity("drawing the charts of " + o.results);
  results::ensureOutputFolder(dir, "tonus chart");
  for (const auto& path : viz::writeCharts(record, c, dir)) std::cout << "tonus chart: " << path.string() << "\n";
}

struct ExportOptions {
  std::string results, out;
  int every = 1;
};

void exportVtk(const ExportOptions& o) {
  setActivity("reading the results folder " + o.results);
  const results::RunRecord record = results::readRunRecord(o.results);
  const sim::PoseReplay replay(record.scenario_text, record.model_text, &record.motion);
  const std::filesystem::path dir = o.out.empty() ? std::filesystem::path(o.results) / "paraview" : std::filesystem::path(o.out);
  setActivity("writing the ParaView series " + dir.string());
  std::filesystem::path index;
  results::writeDirectoryAtomically(dir, {"tonus export-vtk", o.out.empty() ? "the default --out" : "--out", {o.results}},
                               [&](const std::filesystem::path& staging) {
                                 index = viz::exportParaView(record, replay, staging, o.every,
                                                             [](int, int) { stopIfInterrupted(); });
                               });
  std::cout << "tonus export-vtk: " << (dir / index.filename()).string() << "\n";
}

struct ViewOptions {
  std::string results, at = "0s", snapshot;
  LookOptions look;
};

void view(const ViewOptions& o) {
  viz::ViewerOptions v;
  v.look = o.look.parse();
  setActivity("reading the results folder " + o.results);
  const results::RunRecord record = results::readRunRecord(o.results);
  v.time = timeInRun(o.at, record);
  if (!o.snapshot.empty()) results::checkFileTarget(o.snapshot, {o.results}, "--snapshot");
  ensureDisplay();
  setActivity("showing " + o.results);
  const sim::PoseReplay replay(record.scenario_text, record.model_text, &record.motion);
  viz::runViewer(record, replay, v, o.snapshot);
}

}  // namespace

void addDrawCommands(CLI::App& app) {
  auto a = std::make_shared<AnimateOptions>();
  CLI::App* cmd = app.add_subcommand("animate", "Animate a finished run into a movie (.ogv) or numbered PNGs");
  cmd->add_option("results", a->results, "Results directory written by `tonus run`")->required();
  cmd->add_option("--out", a->out, "Movie file (.ogv, Ogg Theora)");
  cmd->add_option("--frames", a->frames_dir, "Folder for numbered PNG frames: new, empty or written by Tonus before");
  cmd->add_option("--count", a->frames, "Number of frames (default 150)")->check(CLI::Range(2, 100000));
  cmd->add_option("--fps", a->fps, "Frames per second of the movie (default 15)")->check(CLI::Range(1, 120));
  cmd->add_option("--from", a->from, "Start time in the run (default 0s)");
  cmd->add_option("--to", a->to, "End time in the run (default end)");
  a->look.add(cmd, "oblique", "960x720");
  cmd->callback([a] { animate(*a); });

  auto c = std::make_shared<CompareOptions>();
  cmd = app.add_subcommand("compare", "Two runs side by side at a time, on the same colour scale");
  cmd->add_option("run_a", c->a, "First results directory")->required();
  cmd->add_option("run_b", c->b, "Second results directory")->required();
  cmd->add_option("--at", c->at, "Time in the runs, such as 2h, or 'end' (default)");
  cmd->add_option("--out", c->out, "PNG file (default compare.png)");
  c->look.add(cmd, "side", "1600x800");
  cmd->callback([c] { compare(*c); });

  auto h = std::make_shared<ChartCommandOptions>();
  cmd = app.add_subcommand("chart", "Charts of tone, fatigue, L4/L5 pressure and spasm risk over a run (PNG)");
  cmd->add_option("results", h->results, "Results directory written by `tonus run`")->required();
  cmd->add_option("--out", h->out, "Directory for the charts (default: the results directory)");
  cmd->add_option("--size", h->size, "Chart size WIDTHxHEIGHT (default 1000x500)");
  cmd->callback([h] { chart(*h); });

  auto e = std::make_shared<ExportOptions>();
  cmd = app.add_subcommand("export-vtk", "Write a run as a ParaView time series (.vtp per sample and a .pvd)");
  cmd->add_option("results", e->results, "Results directory written by `tonus run`")->required();
  cmd->add_option("--out", e->out, "Folder for the series: new, empty or written by Tonus before (default RESULTS/paraview)");
  cmd->add_option("--every", e->every, "Every N-th sample (default 1)")->check(CLI::Range(1, 1000000));
  cmd->callback([e] { exportVtk(*e); });

  auto v = std::make_shared<ViewOptions>();
  cmd = app.add_subcommand("view", "Open a window to explore a run: time slider, c = colour, v = view");
  cmd->add_option("results", v->results, "Results directory written by `tonus run`")->required();
  cmd->add_option("--at", v->at, "Time to open at (default 0s)");
  cmd->add_option("--snapshot", v->snapshot, "Draw the window once into this PNG and exit (no interaction)");
  v->look.add(cmd, "oblique", "1280x960");
  cmd->callback([v] { view(*v); });
}

}  // namespace tonus::cli
