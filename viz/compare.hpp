#pragma once
// Two runs side by side at the same time, on the same colour scale, each labelled: the picture
// an educator puts on a slide (slumped vs upright, stoop vs squat, with vs without breaks).
#include <filesystem>

#include "picture.hpp"

namespace tonus::viz {

// options.time < 0 shows each run at its own end.
void writeComparison(const results::RunRecord& a, const sim::PoseReplay& replay_a, const results::RunRecord& b,
                     const sim::PoseReplay& replay_b, const PictureOptions& options, const std::filesystem::path& out);

}  // namespace tonus::viz
