#pragma once
// One picture of a finished run at a time: `tonus render` and `tonus run --render`.
#include <filesystem>

#include "results/run_record.hpp"
#include "quantity.hpp"
#include "scene.hpp"
#include "sim/pose_replay.hpp"

namespace tonus::viz {

struct PictureOptions {
  double time = 0.0;  // [s] in the run
  Look look;
};

void writePicture(const results::RunRecord& record, const sim::PoseReplay& replay, const PictureOptions& options,
                  const std::filesystem::path& out);

}  // namespace tonus::viz
