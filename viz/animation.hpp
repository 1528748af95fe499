#pragma once
// A run as a movie: evenly spaced frames from its start to its end (or a chosen span), each
// with the time and the phase, to an Ogg Theora file (.ogv) or to numbered PNGs.
#include <filesystem>
#include <functional>

#include "results/run_record.hpp"
#include "quantity.hpp"
#include "scene.hpp"
#include "sim/pose_replay.hpp"

namespace tonus::viz {

struct AnimationOptions {
  Look look{MuscleColour::Tone, DiscColour::Compression, View::Oblique, 960, 720, {}, false};  // even sizes for the codec
  int frames = 150;
  int fps = 15;
  double from = 0.0, to = -1.0;  // [s]; to < 0: the end of the run
};

// Either path may be empty; frames go to movie and/or to frames_dir/frame_0001.png, ...
void writeAnimation(const results::RunRecord& record, const sim::PoseReplay& replay, const AnimationOptions& options,
                    const std::filesystem::path& movie, const std::filesystem::path& frames_dir,
                    const std::function<void(int done, int total)>& progress = {});

}  // namespace tonus::viz
