#pragma once
// A finished run as the data of a web lesson (`tonus export-web`): the body's rigid parts once
// (each segment's bones in its own frame, every muscle path point on its segment, the discs),
// then per frame only what moves (each segment's transform, the points on the thighs, the legs,
// arms, furniture and loads as rods and blocks) and what it shows (each fascicle's activation,
// tone, fatigue, blood flow, metabolites and spasm risk on their colour scales, each disc's
// compression and pressure), the charts' series, and the summary's tables. The page rebuilds
// the pictures from these exactly as `tonus render` draws them.
#include <nlohmann/json.hpp>

#include <vector>

#include "results/run_record.hpp"
#include "sim/pose_replay.hpp"

namespace tonus::viz {

struct LessonOptions {
  int max_frames = 2000;        // a longer run is shown at this many evenly spaced samples
  int max_chart_points = 4000;  // a chart's series keeps each bucket's largest value
};

// The frames a lesson shows: every sample, or `max_frames` of them evenly spread, always with
// the first and the last.
std::vector<int> lessonFrames(const results::RunRecord& record, int max_frames);

// `scale_runs` are the runs whose values set the colour scales (both runs of a comparison, so
// they share one); `summary` is the run's summary.json.
nlohmann::json lessonData(const results::RunRecord& record, const sim::PoseReplay& replay,
                          const std::vector<const results::RunRecord*>& scale_runs, const nlohmann::json& summary,
                          const LessonOptions& options = {});

// Standard base64 of raw bytes (how the lesson's number arrays travel inside the page).
std::string base64(const void* data, std::size_t bytes);

}  // namespace tonus::viz
