#pragma once
// All that a run changes as it steps, apart from the steppers' and the recorder's workspaces:
// where it is in time and in the timeline, and the physiology. The model, the scenario and
// the timeline a run reads are never changed.
#include <Eigen/Core>

#include "physiology/physiology_state.hpp"
#include "sim/inputs_mean.hpp"

namespace tonus::sim {

struct RunState {
  double time = 0.0;        // [s] where the next step begins
  std::size_t phase = 0;    // the timeline phase the next step is in; == phase count when done
  bool phase_open = false;  // the phase has begun (its drink taken, its summary started)
  long moving_steps = 0;    // steps taken in this phase while its posture moved
  long steps = 0;           // steps taken in the run
  physiology::PhysiologyState physiology;
  physiology::PhysiologyView view;  // derived from `physiology` as the step begins
  Eigen::VectorXd joint_strain;     // per joint: this step's passive-tissue strain
  InputsMean physiology_behind;     // a forward phase's steps the physiology has yet to take
};

}  // namespace tonus::sim
