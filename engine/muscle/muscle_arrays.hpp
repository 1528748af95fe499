#pragma once
// Struct-of-arrays buffers of a MuscleBank. Every array has the bank's padded size
// (a whole number of SIMD packets); entries past size() are padding the kernel fills
// with benign values and nobody should read.
#include <Eigen/Core>
#include <cstdint>

namespace tonus::muscle {

// Read-only per-muscle parameters and the constants derived from them at build time.
struct MuscleParameters {
  Eigen::ArrayXd max_isometric_force;     // [N]
  Eigen::ArrayXd optimal_fibre_length;    // [m]
  Eigen::ArrayXd tendon_slack_length;     // [m]
  Eigen::ArrayXd pennation_at_optimal;    // [rad]
  Eigen::ArrayXd max_contraction_velocity;  // [lopt/s]
  Eigen::ArrayXd activation_time_constant;  // [s]
  Eigen::ArrayXd deactivation_time_constant;  // [s]
  Eigen::ArrayXd tendon_strain_at_max_force;  // [-]
  Eigen::ArrayXd passive_strain_at_max_force; // [-]

  // Derived once, so the kernel does no per-call setup.
  Eigen::ArrayXd inv_optimal_fibre_length;  // [1/m]
  Eigen::ArrayXd inv_tendon_slack_length;   // [1/m]
  Eigen::ArrayXd max_velocity_mps;          // vmax * lopt [m/s]
  Eigen::ArrayXd thickness_sq;              // (lopt sin(alpha_opt))^2 [m^2], constant-thickness pennation
  Eigen::ArrayXd min_fibre_length_along;    // shortest fibre projection on the tendon [m]
  Eigen::ArrayXd passive_k_over_e0;         // law-specific passive curve constants [-]
  Eigen::ArrayXd passive_offset;            // [-]
  Eigen::ArrayXd passive_inv_denom;         // [-]
  Eigen::ArrayXd tendon_coeff_a;            // law-specific tendon constants [-]
  Eigen::ArrayXd tendon_coeff_b;            // [-]
};

// Per-frame kinematic inputs from the body model and the neural drive.
struct MuscleInputs {
  Eigen::ArrayXd length;      // musculotendon length [m]
  Eigen::ArrayXd velocity;    // musculotendon lengthening velocity [m/s]
  Eigen::ArrayXd excitation;  // neural excitation [0..1]
};

// What evolves in time for each muscle.
struct MuscleState {
  Eigen::ArrayXd activation;               // [0..1]
  Eigen::ArrayXd normalised_tendon_force;  // tendon force / max isometric force [-]; compliant only
};

// Bits of MuscleOutputs::flags (stored as exact small integers in a double array so the
// vector kernel can write them with the same packet stores as everything else).
enum MuscleFlag : std::uint32_t {
  kFibreAtMinimumLength = 1u << 0,  // musculotendon too short: fibre clamped at its shortest
  kFibreOverstretched = 1u << 1,    // normalised fibre length beyond 1.8
  kVelocityClamped = 1u << 2,       // fibre velocity needed beyond +-vmax
  kNotFinite = 1u << 3,             // a NaN reached the muscle (bad input upstream)
};

// Everything the batch evaluation computes for each muscle.
struct MuscleOutputs {
  Eigen::ArrayXd fibre_length;              // [m]
  Eigen::ArrayXd norm_fibre_length;         // [-] by lopt
  Eigen::ArrayXd fibre_velocity;            // [m/s], lengthening positive
  Eigen::ArrayXd norm_fibre_velocity;       // [-] by vmax*lopt
  Eigen::ArrayXd cos_pennation;             // [-]
  Eigen::ArrayXd tendon_length;             // [m]
  Eigen::ArrayXd active_force_length;       // f_L [-]
  Eigen::ArrayXd passive_force_length;      // f_PE [-]
  Eigen::ArrayXd force_velocity;            // f_V [-]
  Eigen::ArrayXd active_fibre_force;        // a f_L f_V Fmax [N]
  Eigen::ArrayXd passive_fibre_force;       // f_PE Fmax [N]
  Eigen::ArrayXd tendon_force;              // force the unit applies to its path [N]
  Eigen::ArrayXd force_per_activation;      // d(fibre force along tendon)/da at this fibre state [N]
  Eigen::ArrayXd passive_force_along_tendon;  // f_PE Fmax cos(alpha) [N]
  Eigen::ArrayXd activation_rate;           // da/dt [1/s]
  Eigen::ArrayXd tendon_force_rate;         // d(normalised tendon force)/dt [1/s]; 0 when rigid
  Eigen::ArrayXd flags;                     // OR of MuscleFlag bits, as a double
};

}  // namespace tonus::muscle
