#pragma once
// The hot loop for compliant tendons: one fused pass per SIMD packet of muscles, every
// quantity kept in registers, only exp/log/sqrt/div as transcendentals. Explicit
// formulation of De Groote et al. (2016): the state is the normalised tendon force, the
// fibre velocity is whatever makes the fibre carry that force.
#include "muscle/kernel_settings.hpp"
#include "muscle/laws/activation.hpp"
#include "muscle/simd.hpp"

namespace tonus::muscle::kernel {

template <class Law>
void evaluateCompliant(const MuscleParameters& p, const Settings& k, const MuscleInputs& in,
                       const MuscleState& s, MuscleOutputs& out, int begin, int end) {
  using simd::Vec;
  const double fv_lo = Law::forceVelocity(-1.0);
  const double fv_hi = Law::forceVelocity(1.0);
  for (int i = begin; i < end; i += simd::kLanes) {
    const auto at = [i](const Eigen::ArrayXd& a) { return simd::load(a.data() + i); };
    const auto put = [i](Eigen::ArrayXd& a, Vec v) { simd::store(a.data() + i, v); };

    // Tendon length from the tendon-force state, through the inverted tendon curve.
    const Vec lts = at(p.tendon_slack_length);
    const Vec ft = simd::max(at(s.normalised_tendon_force), 0.0);
    const Vec tendon_length = Law::tendonLength(ft, at(p.tendon_coeff_a), at(p.tendon_coeff_b)) * lts;

    // The fibre takes the rest of the path; constant thickness fixes its pennation.
    // One reciprocal gives both 1/l_M and 1/cos(alpha) = l_M / along.
    const Vec along_min = at(p.min_fibre_length_along);
    const Vec along_raw = at(in.length) - tendon_length;
    const Vec along = simd::max(along_raw, along_min);
    const Vec fibre_length = simd::sqrt(along * along + at(p.thickness_sq));
    const Vec inv_product = 1.0 / (fibre_length * along);
    const Vec cos_a = along * along * inv_product;
    const Vec sec_a = fibre_length * fibre_length * inv_product;
    const Vec lm = fibre_length * at(p.inv_optimal_fibre_length);

    // Force-length multipliers at this fibre length.
    const Vec fl = Law::activeForceLength(lm);
    const Vec fpe = Law::passiveForceLength(lm, at(p.passive_k_over_e0), at(p.passive_offset),
                                            at(p.passive_inv_denom));

    // The contraction velocity at which the fibre carries the tendon's force.
    const Vec activation = at(s.activation);
    const Vec a = simd::clamp(activation, k.minimum_activation, 1.0);
    const Vec fv_needed = (ft * sec_a - fpe) / (a * fl);
    const Vec fv = simd::clamp(fv_needed, fv_lo, fv_hi);
    const Vec v = simd::clamp(Law::forceVelocityInverse(fv), -1.0, 1.0);
    const Vec fibre_velocity = v * at(p.max_velocity_mps);

    // The tendon stretches by what the path lengthens beyond the fibre's share along it.
    const Vec tendon_velocity = at(in.velocity) - fibre_velocity * sec_a;
    const Vec ft_rate = Law::tendonStiffnessAtForce(ft, at(p.tendon_coeff_a), at(p.tendon_coeff_b)) *
                        tendon_velocity * at(p.inv_tendon_slack_length);
    const Vec a_rate = law::activationRate(at(in.excitation), activation, at(p.activation_time_constant),
                                           at(p.deactivation_time_constant), k.activation_smoothing);

    // Forces in newtons, and the affine dependence on activation recruitment needs.
    const Vec fmax = at(p.max_isometric_force);
    const Vec tendon_force = ft * fmax;
    const Vec flags = simd::select(along_raw < along_min, double(kFibreAtMinimumLength), 0.0) +
                      simd::select(lm > kOverstretchedNormFibreLength, double(kFibreOverstretched), 0.0) +
                      simd::select((fv_needed < simd::splat(fv_lo)) | (fv_needed > simd::splat(fv_hi)),
                                   double(kVelocityClamped), 0.0) +
                      simd::select(simd::isNaN(tendon_force) | simd::isNaN(ft_rate) | simd::isNaN(a_rate),
                                   double(kNotFinite), 0.0);

    put(out.fibre_length, fibre_length);
    put(out.norm_fibre_length, lm);
    put(out.fibre_velocity, fibre_velocity);
    put(out.norm_fibre_velocity, v);
    put(out.cos_pennation, cos_a);
    put(out.tendon_length, tendon_length);
    put(out.active_force_length, fl);
    put(out.passive_force_length, fpe);
    put(out.force_velocity, fv);
    put(out.active_fibre_force, a * fl * fv * fmax);
    put(out.passive_fibre_force, fpe * fmax);
    put(out.tendon_force, tendon_force);
    put(out.force_per_activation, fl * fv * cos_a * fmax);
    put(out.passive_force_along_tendon, fpe * cos_a * fmax);
    put(out.activation_rate, a_rate);
    put(out.tendon_force_rate, ft_rate);
    put(out.flags, flags);
  }
}

}  // namespace tonus::muscle::kernel
