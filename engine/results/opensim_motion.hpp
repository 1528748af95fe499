#pragma once
// A finished run's joint angles as an OpenSim motion (.mot): a row per sample of
// timeseries.csv, a column per coordinate of the exported model (results/opensim_model.hpp),
// in degrees. Loaded in OpenSim on that model, with the run's activations.sto, it shows the
// run's movement and its muscles' activations.
#include <string>

#include "results/run_record.hpp"
#include "sim/pose_replay.hpp"

namespace tonus::results {

std::string openSimMotion(const RunRecord& record, const sim::PoseReplay& replay);

}  // namespace tonus::results
