#pragma once
// The physiology's step, as pure functions of (model, inputs, state): the run calls
//   limits(...)  -> the floor and capacity recruitment must respect now,
//   advance(...) -> the state after dt with the recruited activations held,
//   report(...)  -> flow, afferent drive and spasm risk, for the outputs.
#include "physiology/physiology_model.hpp"
#include "physiology/physiology_state.hpp"
#include "physiology/spasm_risk.hpp"

namespace tonus::physiology {

// A rested subject: no fatigue or creep, every loop at its resting steady state.
PhysiologyState initialState(const PhysiologyModel& model);

// Floor and capacity for recruitment from the state (view.floor, view.capacity).
void limits(const PhysiologyModel& model, const PhysiologyState& state, PhysiologyView& view);

// Advances every state by dt with the inputs held (each relaxation integrated exactly).
void advance(const PhysiologyModel& model, const StepInputs& in, double dt, PhysiologyState& state);

// Flow, afferent drive and spasm risk per fascicle at the state (view.flow, .afferent, .risk).
void report(const PhysiologyModel& model, const PhysiologyState& state, const StepInputs& in, PhysiologyView& view);

// What each factor adds to a fascicle's spasm risk at the state (spasm_risk.hpp).
std::array<double, kRiskFactorCount> riskContributions(const PhysiologyModel& model, const PhysiologyState& state,
                                                       int fascicle);

// The longest step that keeps the explicit coupling with recruitment accurate: no fascicle's
// fatigued fraction may move by more than `tolerance` at the current rates.
double suggestedStep(const PhysiologyModel& model, const PhysiologyState& state, const Eigen::VectorXd& activation,
                     double tolerance = 0.005);

// Water drunk now; absorbed over the following minutes.
void drink(PhysiologyState& state, double litres);

}  // namespace tonus::physiology
