#pragma once
// An interactive window for teaching live: a time slider, keys to change what the muscles are
// coloured by (c) and the camera (v), the mouse to turn the body. With a snapshot path it
// draws one frame with its controls into a PNG and returns (for tests and headless checks).
#include <filesystem>

#include "results/run_record.hpp"
#include "quantity.hpp"
#include "scene.hpp"
#include "sim/pose_replay.hpp"

namespace tonus::viz {

struct ViewerOptions {
  Look look{MuscleColour::Tone, DiscColour::Compression, View::Oblique, 1280, 960, {}, false};
  double time = 0.0;
};

void runViewer(const results::RunRecord& record, const sim::PoseReplay& replay, const ViewerOptions& options,
               const std::filesystem::path& snapshot = {});

}  // namespace tonus::viz
