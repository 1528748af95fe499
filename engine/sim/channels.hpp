#pragma once
// The run's fixed layout of output channels: per disc joint its loads; per muscle group its
// activation and physiology; whole-run indicators. channelValues fills one sample's values.
#include <string>
#include <vector>

#include "body/spine_model.hpp"
#include "physiology/physiology_state.hpp"
#include "sim/frame_solver.hpp"
#include "sim/run_result.hpp"

namespace tonus::sim {

struct Layout {
  std::vector<int> discs;            // segment indices whose joint is a disc
  std::vector<std::string> groups;
  std::vector<int> group_of;         // per fascicle
  std::vector<double> group_weight;  // per fascicle: its share of its group's max force
  int l4l5 = -1, l5s1 = -1;          // positions in `discs`
};

Layout layoutOf(const body::SpineModel& model);
Channels channelsOf(const body::SpineModel& model, const Layout& layout);

// Joint names as column prefixes: L4_L5 -> L4L5.
std::string shortName(const std::string& joint);

// One step's channel values, in channelsOf's order.
std::vector<double> channelValues(const FrameResult& frame, const physiology::PhysiologyState& state,
                                  const physiology::PhysiologyView& view, const Layout& layout);

}  // namespace tonus::sim
