#include "results/opensim_motion.hpp"

#include <cstdio>
#include <cmath>
#include <sstream>

#include "core/version.hpp"
#include "results/opensim_model.hpp"
#include "results/tonus_folder.hpp"

namespace tonus::results {
namespace {

// Ten significant digits, as timeseries.csv: the angles' last bits are rounding noise.
std::string num(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

}  // namespace

std::string openSimMotion(const RunRecord& record, const sim::PoseReplay& replay) {
  const body::SpineModel& model = replay.model();
  std::ostringstream out;
  // OpenSim's storage header: its name, then key=value lines (the mark among them).
  out << "Coordinates\nversion=1\nnRows=" << record.time.size() << "\nnColumns=" << model.dofCount() + 1
      << "\ninDegrees=yes\n"
      << "generator=" << kOpenSimMark << " " << version() << "\nscenario=" << record.scenario_name
      << "\nendheader\ntime";
  for (int d = 0; d < model.dofCount(); ++d) out << '\t' << openSimCoordinateName(model, d);
  out << '\n';
  for (double t : record.time) {
    const sim::Pose pose = replay.at(t);
    out << num(t);
    for (int d = 0; d < model.dofCount(); ++d) out << '\t' << num(pose.q[d] * 180.0 / M_PI);
    out << '\n';
  }
  return out.str();
}

}  // namespace tonus::results
