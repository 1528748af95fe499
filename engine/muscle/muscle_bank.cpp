#include "muscle/muscle_bank.hpp"

#include <cmath>
#include <stdexcept>
#include <unordered_set>

#include "core/errors.hpp"
#include "muscle/laws/degroote2016.hpp"
#include "muscle/laws/thelen2003.hpp"
#include "muscle/simd.hpp"

namespace tonus::muscle {
namespace {

// Steepest pennation a fibre may reach when shortened (cos alpha >= 0.1), as in OpenSim.
const double kMaxPennation = std::acos(0.1);

// Padding lanes hold a generic, harmless unit so the kernel never sees zeros or NaNs there.
MuscleSpec paddingSpec() {
  MuscleSpec s;
  s.name = "(padding)";
  s.max_isometric_force = 1.0;
  s.optimal_fibre_length = 0.1;
  s.tendon_slack_length = 0.1;
  return s;
}

int roundUpToPackets(int n) { return (n + simd::kLanes - 1) / simd::kLanes * simd::kLanes; }

template <class Law>
void fillLawConstants(MuscleParameters& p, int i, const MuscleSpec& s) {
  const auto passive = Law::passiveCoeffs(s.passive_strain_at_max_force, s.passive_from_optimal_length);
  p.passive_k_over_e0[i] = passive.k_over_e0;
  p.passive_offset[i] = passive.offset;
  p.passive_inv_denom[i] = passive.inv_denom;
  const auto tendon = Law::tendonCoeffs(s.tendon_strain_at_max_force);
  p.tendon_coeff_a[i] = tendon.a;
  p.tendon_coeff_b[i] = tendon.b;
}

void fillUnit(MuscleParameters& p, int i, const MuscleSpec& s, CurveLaw law) {
  p.max_isometric_force[i] = s.max_isometric_force;
  p.optimal_fibre_length[i] = s.optimal_fibre_length;
  p.tendon_slack_length[i] = s.tendon_slack_length;
  p.pennation_at_optimal[i] = s.pennation_at_optimal;
  p.max_contraction_velocity[i] = s.max_contraction_velocity;
  p.activation_time_constant[i] = s.activation_time_constant;
  p.deactivation_time_constant[i] = s.deactivation_time_constant;
  p.tendon_strain_at_max_force[i] = s.tendon_strain_at_max_force;
  p.passive_strain_at_max_force[i] = s.passive_strain_at_max_force;

  p.inv_optimal_fibre_length[i] = 1.0 / s.optimal_fibre_length;
  p.inv_tendon_slack_length[i] = 1.0 / s.tendon_slack_length;
  p.max_velocity_mps[i] = s.max_contraction_velocity * s.optimal_fibre_length;
  const double thickness = s.optimal_fibre_length * std::sin(s.pennation_at_optimal);
  p.thickness_sq[i] = thickness * thickness;
  // Shortest fibre: 0.2 optimal lengths (the passive curve's zero) or where pennation hits its cap.
  const double shortest = std::max(0.2 * s.optimal_fibre_length, thickness / std::sin(kMaxPennation));
  p.min_fibre_length_along[i] = std::sqrt(shortest * shortest - thickness * thickness);

  if (law == CurveLaw::DeGroote2016) {
    fillLawConstants<law::DeGroote2016>(p, i, s);
  } else {
    fillLawConstants<law::Thelen2003>(p, i, s);
  }
}

void resizeAll(MuscleParameters& p, int n) {
  for (Eigen::ArrayXd* a :
       {&p.max_isometric_force, &p.optimal_fibre_length, &p.tendon_slack_length, &p.pennation_at_optimal,
        &p.max_contraction_velocity, &p.activation_time_constant, &p.deactivation_time_constant,
        &p.tendon_strain_at_max_force, &p.passive_strain_at_max_force, &p.inv_optimal_fibre_length,
        &p.inv_tendon_slack_length, &p.max_velocity_mps, &p.thickness_sq, &p.min_fibre_length_along,
        &p.passive_k_over_e0, &p.passive_offset, &p.passive_inv_denom, &p.tendon_coeff_a,
        &p.tendon_coeff_b}) {
    a->resize(n);
  }
}

}  // namespace

const char* toString(CurveLaw law) {
  return law == CurveLaw::DeGroote2016 ? law::DeGroote2016::kName : law::Thelen2003::kName;
}
const char* toString(TendonModel tendon) { return tendon == TendonModel::Compliant ? "compliant" : "rigid"; }

MuscleBank::MuscleBank(std::vector<MuscleSpec> specs, BankOptions options)
    : specs_(std::move(specs)), options_(options) {
  validate(options_);
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    validate(specs_[i], static_cast<int>(i));
    if (!seen.insert(specs_[i].name).second) {
      throw ParameterError("muscle '" + specs_[i].name + "' (#" + std::to_string(i) +
                           "): name must be unique, already used by an earlier muscle");
    }
  }
  size_ = static_cast<int>(specs_.size());
  padded_size_ = roundUpToPackets(size_);
  resizeAll(params_, padded_size_);
  const MuscleSpec padding = paddingSpec();
  for (int i = 0; i < padded_size_; ++i) {
    fillUnit(params_, i, i < size_ ? specs_[static_cast<std::size_t>(i)] : padding, options_.law);
  }
}

MuscleInputs MuscleBank::makeInputs() const {
  MuscleInputs in;
  const auto& p = params_;
  in.length = p.optimal_fibre_length * p.pennation_at_optimal.cos() + p.tendon_slack_length;
  in.velocity = Eigen::ArrayXd::Zero(padded_size_);
  in.excitation = Eigen::ArrayXd::Zero(padded_size_);
  return in;
}

MuscleState MuscleBank::makeState() const {
  MuscleState s;
  s.activation = Eigen::ArrayXd::Constant(padded_size_, options_.minimum_activation);
  s.normalised_tendon_force = Eigen::ArrayXd::Zero(padded_size_);
  return s;
}

MuscleOutputs MuscleBank::makeOutputs() const {
  MuscleOutputs o;
  for (Eigen::ArrayXd* a :
       {&o.fibre_length, &o.norm_fibre_length, &o.fibre_velocity, &o.norm_fibre_velocity, &o.cos_pennation,
        &o.tendon_length, &o.active_force_length, &o.passive_force_length, &o.force_velocity,
        &o.active_fibre_force, &o.passive_fibre_force, &o.tendon_force, &o.force_per_activation,
        &o.passive_force_along_tendon, &o.activation_rate, &o.tendon_force_rate, &o.flags}) {
    *a = Eigen::ArrayXd::Zero(padded_size_);
  }
  return o;
}

void MuscleBank::checkSizes(const MuscleInputs& in, const MuscleState& state) const {
  const Eigen::Index n = padded_size_;
  const bool ok = in.length.size() == n && in.velocity.size() == n && in.excitation.size() == n &&
                  state.activation.size() == n && state.normalised_tendon_force.size() == n;
  if (!ok) {
    throw std::invalid_argument("MuscleBank: inputs and state must have paddedSize() = " +
                                std::to_string(padded_size_) + " entries (use makeInputs/makeState)");
  }
}

}  // namespace tonus::muscle
