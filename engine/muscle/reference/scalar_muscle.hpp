#pragma once
// The usual object-per-muscle design, kept for two jobs: the baseline the batch kernel is
// benchmarked against, and an independent oracle in the tests. Each muscle is an object
// owning its parameters and its curve objects (called through a virtual interface), and is
// evaluated one at a time with the standard library's scalar math.
#include <memory>

#include "muscle/muscle_spec.hpp"

namespace tonus::muscle::reference {

// One muscle's normalised curves, with that muscle's own shape constants.
class MuscleCurves {
 public:
  virtual ~MuscleCurves() = default;
  virtual double activeForceLength(double lm) const = 0;
  virtual double passiveForceLength(double lm) const = 0;
  virtual double forceVelocity(double v) const = 0;
  virtual double forceVelocityInverse(double fv) const = 0;
  virtual double tendonLengthAtForce(double ft) const = 0;
  virtual double tendonStiffnessAtForce(double ft) const = 0;
};
std::unique_ptr<MuscleCurves> makeCurves(CurveLaw law, const MuscleSpec& spec);

struct ScalarMuscleResult {
  double fibre_length, norm_fibre_length, fibre_velocity, norm_fibre_velocity, cos_pennation;
  double tendon_length, active_force_length, passive_force_length, force_velocity;
  double active_fibre_force, passive_fibre_force, tendon_force, force_per_activation;
  double passive_force_along_tendon, activation_rate, tendon_force_rate;
};

class ScalarMuscle {
 public:
  ScalarMuscle(const MuscleSpec& spec, const BankOptions& options);
  ScalarMuscleResult evaluate(double path_length, double path_velocity, double excitation, double activation,
                              double normalised_tendon_force) const;

 private:
  ScalarMuscleResult evaluateCompliant(double path_length, double path_velocity, double activation,
                                       double normalised_tendon_force) const;
  ScalarMuscleResult evaluateRigid(double path_length, double path_velocity, double activation) const;
  // Fibre length from its projection on the tendon (constant-thickness pennation).
  double fibreLength(double along) const;

  MuscleSpec spec_;
  BankOptions options_;
  std::unique_ptr<MuscleCurves> curves_;
  double thickness_ = 0.0;
  double min_along_ = 0.0;
};

}  // namespace tonus::muscle::reference
