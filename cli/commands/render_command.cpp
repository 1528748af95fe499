// `tonus render RESULTS_DIR [--at 30min] [--colour tone] [--disc compression] [--view side]
// [--size 1280x960] [--out picture.png]`: one picture of a finished run.
#include <iostream>
#include <memory>

#include "activity.hpp"
#include "commands/commands.hpp"
#include "results/tonus_folder.hpp"
#include "commands/viz_options.hpp"
#include "display.hpp"
#include "viz/picture.hpp"

namespace tonus::cli {
namespace {

struct RenderOptions {
  std::string results, at = "end", colour = "tone", disc = "compression", view = "side", size = "1280x960", out,
      range = "run";
  bool outline = false;
};

void render(const RenderOptions& o) {
  // Check every option before drawing anything.
  viz::PictureOptions picture;
  picture.look = viz::lookNamed(o.colour, o.disc, o.view, o.size, o.range, o.outline);
  setActivity("reading the results folder " + o.results);
  const results::RunRecord record = results::readRunRecord(o.results);
  picture.time = timeInRun(o.at, record);
  const std::filesystem::path out = o.out.empty() ? std::filesystem::path(o.results) / "picture.png" : std::filesystem::path(o.out);
  if (out.extension() != ".png") throw UserError("--out must name a PNG file, got '" + out.string() + "'");
  results::checkFileTarget(out, {o.results}, o.out.empty() ? "" : "--out");
  ensureDisplay();
  setActivity("drawing " + out.string());
  const sim::PoseReplay replay(record.scenario_text, record.model_text, &record.motion);
  viz::writePicture(record, replay, picture, out);
  std::cout << "tonus render: " << out.string() << "\n";
}

}  // namespace

void addRenderCommand(CLI::App& app) {
  auto options = std::make_shared<RenderOptions>();
  CLI::App* cmd = app.add_subcommand("render", "Draw a picture of a finished run at a time");
  cmd->add_option("results", options->results, "Results directory written by `tonus run`")->required();
  cmd->add_option("--at", options->at, "Time in the run, such as 30min or 1.5h, or 'end' (default)");
  cmd->add_option("--colour,--color", options->colour, "Colour the muscles by activation, tone (default), fatigue, flow, metabolite or risk");
  cmd->add_option("--disc", options->disc, "Colour the discs by compression (default) or pressure");
  cmd->add_option("--view", options->view, "Camera: side (default), back, oblique or top");
  cmd->add_option("--size", options->size, "Picture size WIDTHxHEIGHT (default 1280x960)");
  cmd->add_option("--out", options->out, "PNG file (default RESULTS/picture.png)");
  cmd->add_option("--range", options->range,
                  "Colour bars span: run (default: zero to just above the run's largest value), fixed (the quantity's "
                  "fixed scale, to compare pictures of different runs) or LOW:HIGH");
  cmd->add_flag("--outline", options->outline, "Draw a translucent outline of the body over the skeleton and muscles");
  cmd->callback([options] { render(*options); });
}

}  // namespace tonus::cli
