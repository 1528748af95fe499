#include <cmath>
#include <sstream>
#include <string>

#include "core/errors.hpp"
#include "muscle/muscle_bank.hpp"

namespace tonus::muscle {
namespace {

// Closed or half-open interval check with a message naming muscle, field, rule and value.
void requireInRange(const MuscleSpec& spec, int index, const char* field, double value,
                    double lo, bool lo_open, double hi, const char* unit) {
  const bool ok = std::isfinite(value) && (lo_open ? value > lo : value >= lo) && value <= hi;
  if (ok) return;
  std::ostringstream msg;
  msg << "muscle '" << spec.name << "' (#" << index << "): " << field << " must be in "
      << (lo_open ? "(" : "[") << lo << ", " << hi << "] " << unit << ", got " << value;
  throw ParameterError(msg.str());
}

}  // namespace

void validate(const MuscleSpec& s, int index) {
  if (s.name.empty()) {
    throw ParameterError("muscle #" + std::to_string(index) + ": name must not be empty");
  }
  // Upper bounds catch unit slips (kN for N, cm for m, degrees for radians).
  requireInRange(s, index, "max_isometric_force", s.max_isometric_force, 0.0, true, 2.0e4, "N");
  requireInRange(s, index, "optimal_fibre_length", s.optimal_fibre_length, 0.0, true, 1.0, "m");
  requireInRange(s, index, "tendon_slack_length", s.tendon_slack_length, 0.0, true, 2.0, "m");
  requireInRange(s, index, "pennation_at_optimal", s.pennation_at_optimal, 0.0, false, M_PI / 3.0,
                 "rad (0..60 deg)");
  requireInRange(s, index, "max_contraction_velocity", s.max_contraction_velocity, 0.0, true, 30.0,
                 "optimal lengths/s");
  requireInRange(s, index, "activation_time_constant", s.activation_time_constant, 0.0, true, 1.0, "s");
  requireInRange(s, index, "deactivation_time_constant", s.deactivation_time_constant, 0.0, true, 1.0,
                 "s");
  requireInRange(s, index, "tendon_strain_at_max_force", s.tendon_strain_at_max_force, 0.0, true, 0.2,
                 "(strain)");
  requireInRange(s, index, "passive_strain_at_max_force", s.passive_strain_at_max_force, 0.0, true, 2.0,
                 "(strain)");
}

void validate(const BankOptions& o) {
  if (!(std::isfinite(o.activation_smoothing) && o.activation_smoothing > 0.0 && o.activation_smoothing <= 100.0)) {
    std::ostringstream msg;
    msg << "muscle bank: activation_smoothing must be in (0, 100], got " << o.activation_smoothing;
    throw ParameterError(msg.str());
  }
  // The compliant contraction model divides by activation, so it needs a positive floor.
  const double lo = o.tendon == TendonModel::Compliant ? 1e-4 : 0.0;
  if (!(std::isfinite(o.minimum_activation) && o.minimum_activation >= lo && o.minimum_activation <= 0.1)) {
    std::ostringstream msg;
    msg << "muscle bank: minimum_activation must be in [" << lo << ", 0.1] with a "
        << toString(o.tendon) << " tendon, got " << o.minimum_activation;
    throw ParameterError(msg.str());
  }
}

}  // namespace tonus::muscle
