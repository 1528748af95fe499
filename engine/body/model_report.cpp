#include "body/model_report.hpp"

#include <map>

namespace tonus::body {

std::vector<GroupSummary> muscleGroups(const SpineModel& model) {
  std::vector<GroupSummary> out;
  for (int f = 0; f < model.fascicleCount(); ++f) {
    const FascicleInfo& info = model.fascicle(f);
    auto it = std::find_if(out.begin(), out.end(), [&](const GroupSummary& g) { return g.group == info.group; });
    if (it == out.end()) {
      out.push_back({info.group, info.region});
      it = out.end() - 1;
    }
    ++it->fascicles;
    it->pcsa += info.pcsa;
    it->max_force += model.muscles().parameters().max_isometric_force[f];
  }
  return out;
}

std::vector<GroupMomentArm> groupMomentArms(const SpineModel& model, const PathGeometry& geometry, int segment) {
  std::vector<GroupMomentArm> out;
  std::map<std::pair<std::string, char>, double> total_force;
  for (int f = 0; f < model.fascicleCount(); ++f) {
    // Only fascicles that cross the joint: published moment arms are measured at that level.
    if (geometry.moment_arm.row(f).segment(3 * segment, 3).isZero(0.0)) continue;
    const FascicleInfo& info = model.fascicle(f);
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const GroupMomentArm& g) { return g.group == info.group && g.side == info.side; });
    if (it == out.end()) {
      out.push_back({info.group, info.side});
      it = out.end() - 1;
    }
    const double fmax = model.muscles().parameters().max_isometric_force[f];
    total_force[{info.group, info.side}] += fmax;
    for (int axis = 0; axis < 3; ++axis) {
      const double r = geometry.moment_arm(f, 3 * segment + axis);
      it->mean_moment_arm[axis] += fmax * r;
      it->max_moment[axis] += fmax * r;
    }
  }
  for (GroupMomentArm& g : out) {
    for (double& r : g.mean_moment_arm) r /= total_force[{g.group, g.side}];
  }
  return out;
}

}  // namespace tonus::body
