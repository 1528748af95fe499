// `tonus export-web RESULTS [--compare OTHER_RESULTS] --out lesson.html`: one self-contained
// HTML file a teacher hands to students (docs/visualisation.md, "A lesson in a browser").
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "activity.hpp"
#include "commands/commands.hpp"
#include "core/errors.hpp"
#include "interrupt.hpp"
#include "results/output_directory.hpp"
#include "viz/lesson_data.hpp"
#include "viz/lesson_page.hpp"

namespace tonus::cli {
namespace {

struct ExportWebOptions {
  std::string results, compare, out;
  int max_frames = 2000;
};

nlohmann::json summaryOf(const std::filesystem::path& dir) {
  std::ifstream in(dir / "summary.json");
  if (!in) throw UserError((dir / "summary.json").string() + ": cannot be read; is this a folder `tonus run` wrote?");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception&) {
    throw UserError((dir / "summary.json").string() + ": is not the JSON `tonus run` writes");
  }
}

void exportWeb(const ExportWebOptions& o) {
  const std::filesystem::path out(o.out);
  if (out.extension() != ".html") throw UserError("--out must name an HTML file ending .html, got '" + o.out + "'");
  // Every input read and the target checked before anything is written.
  std::vector<std::string> dirs = {o.results};
  if (!o.compare.empty()) dirs.push_back(o.compare);
  std::vector<results::RunRecord> records;
  std::vector<nlohmann::json> summaries;
  for (const std::string& dir : dirs) {
    setActivity("reading the results folder " + dir);
    records.push_back(results::readRunRecord(dir));
    summaries.push_back(summaryOf(dir));
  }
  const results::Inputs inputs(dirs.begin(), dirs.end());
  results::checkFileTarget(out, inputs, "--out");
  std::vector<const results::RunRecord*> all;
  for (const results::RunRecord& r : records) all.push_back(&r);
  viz::LessonOptions options;
  options.max_frames = o.max_frames;
  std::vector<nlohmann::json> lessons;
  for (std::size_t i = 0; i < records.size(); ++i) {
    setActivity("building the lesson of " + dirs[i]);
    const sim::PoseReplay replay(records[i].scenario_text, records[i].model_text, &records[i].motion);
    // Both runs of a comparison on the same colour scales: the ones that hold both.
    lessons.push_back(viz::lessonData(records[i], replay, all, summaries[i], options));
    stopIfInterrupted();
  }
  setActivity("writing " + out.string());
  const std::string page = viz::lessonPage(lessons);
  results::writeFileAtomically(out, inputs, "--out", [&](const std::filesystem::path& staging) {
    std::ofstream file(staging, std::ios::binary);
    file.write(page.data(), static_cast<std::streamsize>(page.size()));
    if (!file) throw UserError("could not write '" + out.string() + "'");
  });
  std::ostringstream size;
  size.precision(1);
  size << std::fixed << static_cast<double>(page.size()) / 1e6;
  std::cout << "tonus export-web: " << out.string() << " (" << size.str() << " MB, "
            << lessons.front()["times"].size() << " frames)\n";
}

}  // namespace

void addExportWebCommand(CLI::App& app) {
  auto o = std::make_shared<ExportWebOptions>();
  CLI::App* cmd = app.add_subcommand("export-web", "Write a run (or two, compared) as one self-contained HTML lesson");
  cmd->add_option("results", o->results, "Results directory written by `tonus run`")->required();
  cmd->add_option("--compare", o->compare, "A second results directory, shown beside the first on one slider");
  cmd->add_option("--out", o->out, "The HTML file to write, such as lesson.html")->required();
  cmd->add_option("--max-frames", o->max_frames, "At most this many frames, evenly spread over the run (default 2000)")
      ->check(CLI::Range(2, 20000));
  cmd->callback([o] { exportWeb(*o); });
}

}  // namespace tonus::cli
