#pragma once
// Advancing a compliant-tendon bank's states (activation, normalised tendon force) over one
// step with the path's length, velocity and the excitation held. The tendon-force equation is
// stiff where a fibre is weakly activated or its tendon short (its rate divides by a f_L), so
// explicit steps would need tens of microseconds. Each muscle's two states take a linearly
// implicit Euler step (Rosenbrock-Euler with the diagonal of the Jacobian, each derivative by a
// forward difference through the same vectorised kernel): stable at any step for the linearised
// equations, first-order accurate (docs/forward.md gives its error against fine RK4 steps).
#include "muscle/muscle_bank.hpp"

namespace tonus::muscle {

// Scratch buffers for compliantStep, sized by makeCompliantWork; one per run.
struct CompliantWork {
  MuscleState probe;
  MuscleOutputs probe_out;
};
CompliantWork makeCompliantWork(const MuscleBank& bank);

// Advances `state` by dt. `out` receives the evaluation at the state the step starts from
// (forces, fibre kinematics and rates). Costs two bank evaluations, each on `threads` threads
// (a run's own bank: 1; a lockstep batch of many subjects' muscles: more).
void compliantStep(const MuscleBank& bank, const MuscleInputs& in, double dt, MuscleState& state, MuscleOutputs& out,
                   CompliantWork& work, int threads = 1);

// `substeps` such steps of dt / substeps that share the first one's Jacobian (its slopes change
// little over a millisecond): 1 + substeps bank evaluations. `out` as for compliantStep.
void compliantSteps(const MuscleBank& bank, const MuscleInputs& in, double dt, int substeps, MuscleState& state,
                    MuscleOutputs& out, CompliantWork& work, int threads = 1);

}  // namespace tonus::muscle
