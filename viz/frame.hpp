#pragma once
// One picture's worth of a run: the body's pose at a time, each fascicle's and disc's value
// for the chosen quantities, and the words that go with it.
#include <string>
#include <vector>

#include "results/run_record.hpp"
#include "quantity.hpp"
#include "sim/pose_replay.hpp"

namespace tonus::viz {

struct Frame {
  sim::Pose pose;
  std::vector<double> muscle_value;  // per fascicle, in the quantity's units
  std::vector<double> disc_value;    // per segment: its disc's value (NaN for non-disc joints)
  std::vector<bool> in_spasm;        // per fascicle: inside a spasm episode now
  std::string title;                 // e.g. "long-drive: involuntary tone"
  std::string caption;               // e.g. "2:41:10   phase 1 of 0-5: sit" (numbered as in summary.json)
  std::string posture;               // e.g. "thorax 12° forward of upright, lumbar spine flexed 20°"
};

Frame frameAt(const results::RunRecord& record, const sim::PoseReplay& replay, double time, MuscleColour muscles,
              DiscColour discs);

// The recorded per-fascicle quantity a colour shows.
sim::FascicleQuantity fascicleQuantityOf(MuscleColour colour);

// "thorax 12° forward of upright, lumbar spine flexed 20°": what the posture does, in words.
std::string postureText(const body::SpineModel& model, const sim::Pose& pose);

// "1:02:03" or "12:03" for a time in seconds.
std::string clockText(double seconds);

}  // namespace tonus::viz
