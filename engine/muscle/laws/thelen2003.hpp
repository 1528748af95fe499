#pragma once
// Thelen (2003) curves, the second selectable law:
//   Thelen DG. Adjustment of muscle mechanics model parameters to simulate dynamic
//   contractions in older adults. J Biomech Eng 125(1):70-77, 2003. doi:10.1115/1.1531112
// Tendon toe region and linear stiffness as in OpenSim's Thelen2003Muscle (toe ends at
// 0.33 max force, continuous slope). Force-velocity is Thelen's Hill hyperbola inverted
// to give force from velocity at full activation (Af = 0.25, Flen = 1.4); Thelen's scaling
// of vmax with activation is left out so both laws share one contraction model.
#include "muscle/laws/smooth_math.hpp"

namespace tonus::muscle::law {

struct Thelen2003 {
  static constexpr const char* kName = "Thelen2003";

  static constexpr double kShape = 0.45;  // active force-length Gaussian width
  static constexpr double kPE = 5.0;      // passive exponential shape
  static constexpr double kToe = 3.0;     // tendon toe exponential shape
  static constexpr double kFToe = 0.33;   // tendon force where the toe region ends
  static constexpr double kAf = 0.25;     // force-velocity shape (shortening)
  static constexpr double kFlen = 1.4;    // max eccentric force multiplier
  static constexpr double kEccentricSlope = 2.0 + 2.0 / kAf;

  template <class T>
  static T activeForceLength(T lm) {
    const T d = lm - 1.0;
    return exp(-d * d * (1.0 / kShape));
  }
  template <class T>
  static T activeForceLengthSlope(T lm) {
    return -2.0 * (lm - 1.0) * (1.0 / kShape) * activeForceLength(lm);
  }

  struct PassiveCoeffs {
    double k_over_e0, offset, inv_denom;
  };
  // Thelen's curve starts at optimal length whichever start is asked.
  static PassiveCoeffs passiveCoeffs(double e0, bool /*from_optimal_length*/ = true) {
    return {kPE / e0, 1.0, 1.0 / (std::exp(kPE) - 1.0)};
  }
  // Zero below optimal length (Thelen's curve would turn negative there).
  template <class T>
  static T passiveForceLength(T lm, T k_over_e0, T offset, T inv_denom) {
    return simd::max((exp(k_over_e0 * (lm - 1.0)) - offset) * inv_denom, 0.0);
  }
  template <class T>
  static T passiveForceLengthSlope(T lm, T k_over_e0, T /*offset*/, T inv_denom) {
    return select(lm < 1.0, 0.0, k_over_e0 * exp(k_over_e0 * (lm - 1.0)) * inv_denom);
  }

  template <class T>
  static T forceVelocity(T v) {
    const T vs = simd::max(v, -1.0);
    const T shortening = (1.0 + vs) / (1.0 - vs * (1.0 / kAf));
    const T lengthening = (kEccentricSlope * kFlen * v + (kFlen - 1.0)) / ((kFlen - 1.0) + kEccentricSlope * v);
    return select(v < 0.0, shortening, lengthening);
  }
  template <class T>
  static T forceVelocityInverse(T fv) {
    const T shortening = (fv - 1.0) / (1.0 + fv * (1.0 / kAf));
    const T gap = simd::max(kFlen - fv, 1e-12);
    const T lengthening = (fv - 1.0) * (kFlen - 1.0) / (kEccentricSlope * gap);
    return select(fv < 1.0, shortening, lengthening);
  }

  // Per-muscle tendon constants from the tendon strain at 1 max force (eps0):
  // a = strain at the end of the toe region, b = linear stiffness beyond it.
  struct TendonCoeffs {
    double a, b;
  };
  static TendonCoeffs tendonCoeffs(double eps0) {
    const double e3 = std::exp(kToe);
    const double toe_strain = 99.0 * eps0 * e3 / (166.0 * e3 - 67.0);
    return {toe_strain, 0.67 / (eps0 - toe_strain)};
  }
  template <class T>
  static T tendonForce(T lt, T toe_strain, T k_lin) {
    const T strain = lt - 1.0;
    const T toe = kFToe / (std::exp(kToe) - 1.0) * (exp(kToe * strain / toe_strain) - 1.0);
    const T linear = k_lin * (strain - toe_strain) + kFToe;
    const T f = select(strain > toe_strain, linear, toe);
    return simd::max(f, 0.0);
  }
  template <class T>
  static T tendonLength(T ft, T toe_strain, T k_lin) {
    const T toe = toe_strain * (1.0 / kToe) * log(1.0 + ft * ((std::exp(kToe) - 1.0) / kFToe));
    const T linear = toe_strain + (ft - kFToe) / k_lin;
    return 1.0 + select(ft > kFToe, linear, toe);
  }
  template <class T>
  static T tendonStiffnessAtForce(T ft, T toe_strain, T k_lin) {
    // In the toe region f' = kToe/toe_strain * (f + Ftoe/(e^kToe - 1)).
    const T toe = kToe / toe_strain * (ft + kFToe / (std::exp(kToe) - 1.0));
    return select(ft > kFToe, k_lin, toe);
  }
};

}  // namespace tonus::muscle::law
