#pragma once
// A run as a ParaView time series: per sample, the muscles (one polyline per fascicle, with
// every per-fascicle quantity as cell data and its tube radius as point data), the discs (with
// compression and pressure) and the skeleton, as .vtp files, tied together by one .pvd file.
#include <filesystem>
#include <functional>

#include "results/run_record.hpp"
#include "sim/pose_replay.hpp"

namespace tonus::viz {

// Every `every`-th sample; returns the .pvd's path.
std::filesystem::path exportParaView(const results::RunRecord& record, const sim::PoseReplay& replay,
                                     const std::filesystem::path& dir, int every = 1,
                                     const std::function<void(int done, int total)>& progress = {});

}  // namespace tonus::viz
