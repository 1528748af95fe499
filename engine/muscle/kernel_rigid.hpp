#pragma once
// The hot loop for rigid tendons: the tendon stays at slack length, so the fibre length
// and velocity follow from the path directly and force is an affine function of activation.
#include "muscle/kernel_settings.hpp"
#include "muscle/laws/activation.hpp"
#include "muscle/simd.hpp"

namespace tonus::muscle::kernel {

template <class Law>
void evaluateRigid(const MuscleParameters& p, const Settings& k, const MuscleInputs& in,
                   const MuscleState& s, MuscleOutputs& out, int begin, int end) {
  using simd::Vec;
  for (int i = begin; i < end; i += simd::kLanes) {
    const auto at = [i](const Eigen::ArrayXd& a) { return simd::load(a.data() + i); };
    const auto put = [i](Eigen::ArrayXd& a, Vec v) { simd::store(a.data() + i, v); };

    // Fibre geometry from the path minus the slack tendon (constant-thickness pennation).
    const Vec lts = at(p.tendon_slack_length);
    const Vec along_min = at(p.min_fibre_length_along);
    const Vec along_raw = at(in.length) - lts;
    const Vec along = simd::max(along_raw, along_min);
    const Vec fibre_length = simd::sqrt(along * along + at(p.thickness_sq));
    const Vec cos_a = along / fibre_length;
    const Vec lm = fibre_length * at(p.inv_optimal_fibre_length);

    // With an inextensible tendon the fibre velocity is the path velocity times cos(alpha).
    const Vec vmax = at(p.max_velocity_mps);
    const Vec v_raw = at(in.velocity) * cos_a / vmax;
    const Vec v = simd::clamp(v_raw, -1.0, 1.0);

    const Vec fl = Law::activeForceLength(lm);
    const Vec fpe = Law::passiveForceLength(lm, at(p.passive_k_over_e0), at(p.passive_offset),
                                            at(p.passive_inv_denom));
    const Vec fv = Law::forceVelocity(v);

    const Vec activation = at(s.activation);
    const Vec a = simd::clamp(activation, k.minimum_activation, 1.0);
    const Vec a_rate = law::activationRate(at(in.excitation), activation, at(p.activation_time_constant),
                                           at(p.deactivation_time_constant), k.activation_smoothing);

    const Vec fmax = at(p.max_isometric_force);
    const Vec per_activation = fl * fv * cos_a * fmax;
    const Vec passive_along = fpe * cos_a * fmax;
    const Vec tendon_force = a * per_activation + passive_along;
    const Vec flags = simd::select(along_raw < along_min, double(kFibreAtMinimumLength), 0.0) +
                      simd::select(lm > kOverstretchedNormFibreLength, double(kFibreOverstretched), 0.0) +
                      simd::select((v_raw < -1.0) | (v_raw > 1.0), double(kVelocityClamped), 0.0) +
                      simd::select(simd::isNaN(tendon_force) | simd::isNaN(a_rate), double(kNotFinite), 0.0);

    put(out.fibre_length, fibre_length);
    put(out.norm_fibre_length, lm);
    put(out.fibre_velocity, v * vmax);
    put(out.norm_fibre_velocity, v);
    put(out.cos_pennation, cos_a);
    put(out.tendon_length, lts);
    put(out.active_force_length, fl);
    put(out.passive_force_length, fpe);
    put(out.force_velocity, fv);
    put(out.active_fibre_force, a * fl * fv * fmax);
    put(out.passive_fibre_force, fpe * fmax);
    put(out.tendon_force, tendon_force);
    put(out.force_per_activation, per_activation);
    put(out.passive_force_along_tendon, passive_along);
    put(out.activation_rate, a_rate);
    put(out.tendon_force_rate, simd::splat(0.0));
    put(out.flags, flags);
  }
}

}  // namespace tonus::muscle::kernel
