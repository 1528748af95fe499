#include "muscle/reference/scalar_muscle.hpp"

#include <algorithm>
#include <cmath>

#include "muscle/laws/activation.hpp"
#include "muscle/laws/degroote2016.hpp"
#include "muscle/laws/thelen2003.hpp"

namespace tonus::muscle::reference {
namespace {

template <class Law>
class LawCurves final : public MuscleCurves {
 public:
  explicit LawCurves(const MuscleSpec& s)
      : passive_(Law::passiveCoeffs(s.passive_strain_at_max_force, s.passive_from_optimal_length)),
        tendon_(Law::tendonCoeffs(s.tendon_strain_at_max_force)) {}
  double activeForceLength(double lm) const override { return Law::activeForceLength(lm); }
  double passiveForceLength(double lm) const override {
    return Law::passiveForceLength(lm, passive_.k_over_e0, passive_.offset, passive_.inv_denom);
  }
  double forceVelocity(double v) const override { return Law::forceVelocity(v); }
  double forceVelocityInverse(double fv) const override { return Law::forceVelocityInverse(fv); }
  double tendonLengthAtForce(double ft) const override { return Law::tendonLength(ft, tendon_.a, tendon_.b); }
  double tendonStiffnessAtForce(double ft) const override {
    return Law::tendonStiffnessAtForce(ft, tendon_.a, tendon_.b);
  }

 private:
  typename Law::PassiveCoeffs passive_;
  typename Law::TendonCoeffs tendon_;
};

}  // namespace

std::unique_ptr<MuscleCurves> makeCurves(CurveLaw law, const MuscleSpec& spec) {
  if (law == CurveLaw::DeGroote2016) return std::make_unique<LawCurves<law::DeGroote2016>>(spec);
  return std::make_unique<LawCurves<law::Thelen2003>>(spec);
}

ScalarMuscle::ScalarMuscle(const MuscleSpec& spec, const BankOptions& options)
    : spec_(spec), options_(options), curves_(makeCurves(options.law, spec)) {
  thickness_ = spec.optimal_fibre_length * std::sin(spec.pennation_at_optimal);
  const double shortest = std::max(0.2 * spec.optimal_fibre_length, thickness_ / std::sin(std::acos(0.1)));
  min_along_ = std::sqrt(shortest * shortest - thickness_ * thickness_);
}

double ScalarMuscle::fibreLength(double along) const { return std::sqrt(along * along + thickness_ * thickness_); }

ScalarMuscleResult ScalarMuscle::evaluate(double path_length, double path_velocity, double excitation,
                                          double activation, double normalised_tendon_force) const {
  ScalarMuscleResult r = options_.tendon == TendonModel::Compliant
                             ? evaluateCompliant(path_length, path_velocity, activation, normalised_tendon_force)
                             : evaluateRigid(path_length, path_velocity, activation);
  r.activation_rate = law::activationRate(excitation, activation, spec_.activation_time_constant,
                                          spec_.deactivation_time_constant, options_.activation_smoothing);
  return r;
}

ScalarMuscleResult ScalarMuscle::evaluateCompliant(double path_length, double path_velocity, double activation,
                                                   double normalised_tendon_force) const {
  ScalarMuscleResult r{};
  const double ft = std::max(normalised_tendon_force, 0.0);
  const double a = std::clamp(activation, options_.minimum_activation, 1.0);
  r.tendon_length = curves_->tendonLengthAtForce(ft) * spec_.tendon_slack_length;
  const double along = std::max(path_length - r.tendon_length, min_along_);
  r.fibre_length = fibreLength(along);
  r.cos_pennation = along / r.fibre_length;
  r.norm_fibre_length = r.fibre_length / spec_.optimal_fibre_length;
  r.active_force_length = curves_->activeForceLength(r.norm_fibre_length);
  r.passive_force_length = curves_->passiveForceLength(r.norm_fibre_length);
  const double fv_needed = (ft / r.cos_pennation - r.passive_force_length) / (a * r.active_force_length);
  r.force_velocity = std::clamp(fv_needed, curves_->forceVelocity(-1.0), curves_->forceVelocity(1.0));
  r.norm_fibre_velocity = std::clamp(curves_->forceVelocityInverse(r.force_velocity), -1.0, 1.0);
  r.fibre_velocity = r.norm_fibre_velocity * spec_.max_contraction_velocity * spec_.optimal_fibre_length;
  const double tendon_velocity = path_velocity - r.fibre_velocity / r.cos_pennation;
  r.tendon_force_rate = curves_->tendonStiffnessAtForce(ft) * tendon_velocity / spec_.tendon_slack_length;
  const double fmax = spec_.max_isometric_force;
  r.active_fibre_force = a * r.active_force_length * r.force_velocity * fmax;
  r.passive_fibre_force = r.passive_force_length * fmax;
  r.tendon_force = ft * fmax;
  r.force_per_activation = r.active_force_length * r.force_velocity * r.cos_pennation * fmax;
  r.passive_force_along_tendon = r.passive_force_length * r.cos_pennation * fmax;
  return r;
}

ScalarMuscleResult ScalarMuscle::evaluateRigid(double path_length, double path_velocity, double activation) const {
  ScalarMuscleResult r{};
  const double a = std::clamp(activation, options_.minimum_activation, 1.0);
  r.tendon_length = spec_.tendon_slack_length;
  const double along = std::max(path_length - r.tendon_length, min_along_);
  r.fibre_length = fibreLength(along);
  r.cos_pennation = along / r.fibre_length;
  r.norm_fibre_length = r.fibre_length / spec_.optimal_fibre_length;
  const double vmax = spec_.max_contraction_velocity * spec_.optimal_fibre_length;
  r.norm_fibre_velocity = std::clamp(path_velocity * r.cos_pennation / vmax, -1.0, 1.0);
  r.fibre_velocity = r.norm_fibre_velocity * vmax;
  r.active_force_length = curves_->activeForceLength(r.norm_fibre_length);
  r.passive_force_length = curves_->passiveForceLength(r.norm_fibre_length);
  r.force_velocity = curves_->forceVelocity(r.norm_fibre_velocity);
  const double fmax = spec_.max_isometric_force;
  r.active_fibre_force = a * r.active_force_length * r.force_velocity * fmax;
  r.passive_fibre_force = r.passive_force_length * fmax;
  r.force_per_activation = r.active_force_length * r.force_velocity * r.cos_pennation * fmax;
  r.passive_force_along_tendon = r.passive_force_length * r.cos_pennation * fmax;
  r.tendon_force = a * r.force_per_activation + r.passive_force_along_tendon;
  r.tendon_force_rate = 0.0;
  return r;
}

}  // namespace tonus::muscle::reference
