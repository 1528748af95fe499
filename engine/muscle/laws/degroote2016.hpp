#pragma once
// De Groote et al. (2016) smooth Hill-type curves, with the constants adjusted in OpenSim's
// DeGrooteFregly2016Muscle so that f_L(1)=1, f_V(-1)=0 and f_V(0)=1:
//   De Groote F, Kinney AL, Rao AV, Fregly BJ. Evaluation of direct collocation optimal
//   control problem formulations for solving the muscle redundancy problem.
//   Ann Biomed Eng 44(10):2922-2936, 2016. doi:10.1007/s10439-016-1591-9
// Lengths are normalised by optimal fibre length (fibre) or tendon slack length (tendon),
// velocity by vmax*lopt (lengthening positive), forces by max isometric force.
#include "muscle/laws/smooth_math.hpp"

namespace tonus::muscle::law {

struct DeGroote2016 {
  static constexpr const char* kName = "DeGroote2016";

  // Active force-length: three Gaussian-like terms b1*exp(-0.5*(x-b2)^2/(b3+b4*x)^2).
  static constexpr double b11 = 0.8150671134243542, b21 = 1.055033428970575,
                          b31 = 0.162384573599574, b41 = 0.063303448465465;
  static constexpr double b12 = 0.433004984392647, b22 = 0.716775413397760,
                          b32 = -0.029947116970696, b42 = 0.200356847296188;
  static constexpr double b13 = 0.1, b23 = 1.0, b33 = 0.353553390593274, b43 = 0.0;
  // Passive force-length exponent kPE; curve passes through zero at this fibre length.
  static constexpr double kPE = 4.0;
  static constexpr double kMinNormFibreLength = 0.2;
  // Tendon: c1*exp(kT*(lt-c2)) - c3, with c2 = 1 and c1 = c3 so f_T(1) = 0.
  static constexpr double c1 = 0.2, c2 = 1.0, c3 = 0.2;
  // Force-velocity: d1*asinh(d2*v+d3) + d4.
  static constexpr double d1 = -0.3211346127989808, d2 = -8.149, d3 = -0.374,
                          d4 = 0.8825327733249912;

  template <class T>
  static T gaussianLike(T x, double b1, double b2, double b3, double b4) {
    const T width = b3 + b4 * x;
    const T d = x - b2;
    return b1 * exp(-0.5 * d * d / (width * width));
  }
  template <class T>
  static T gaussianLikeSlope(T x, double b1, double b2, double b3, double b4) {
    const T width = b3 + b4 * x;
    return -gaussianLike(x, b1, b2, b3, b4) * (x - b2) * (b3 + b2 * b4) / (width * width * width);
  }

  template <class T>
  static T activeForceLength(T lm) {
    return gaussianLike(lm, b11, b21, b31, b41) + gaussianLike(lm, b12, b22, b32, b42) +
           gaussianLike(lm, b13, b23, b33, b43);
  }
  template <class T>
  static T activeForceLengthSlope(T lm) {
    return gaussianLikeSlope(lm, b11, b21, b31, b41) + gaussianLikeSlope(lm, b12, b22, b32, b42) +
           gaussianLikeSlope(lm, b13, b23, b33, b43);
  }

  // Per-muscle constants of the passive curve, from the passive strain e0 at 1 max force. The
  // curve is zero at its start: OpenSim's 0.2 optimal lengths, or optimal length itself (the
  // same exponential shifted down and rescaled so it still reaches 1 at 1 + e0).
  struct PassiveCoeffs {
    double k_over_e0, offset, inv_denom;
  };
  static PassiveCoeffs passiveCoeffs(double e0, bool from_optimal_length = false) {
    const double start = from_optimal_length ? 1.0 : kMinNormFibreLength;
    const double offset = std::exp(kPE * (start - 1.0) / e0);
    return {kPE / e0, offset, 1.0 / (std::exp(kPE) - offset)};
  }
  // Zero below the curve's start (OpenSim's curve would turn negative below 0.2).
  template <class T>
  static T passiveForceLength(T lm, T k_over_e0, T offset, T inv_denom) {
    return simd::max((exp(k_over_e0 * (lm - 1.0)) - offset) * inv_denom, 0.0);
  }
  template <class T>
  static T passiveForceLengthSlope(T lm, T k_over_e0, T offset, T inv_denom) {
    const T rise = exp(k_over_e0 * (lm - 1.0));
    return select(rise < offset, 0.0, k_over_e0 * rise * inv_denom);
  }

  template <class T>
  static T forceVelocity(T v) {
    return d1 * asinhViaLog(d2 * v + d3) + d4;
  }
  template <class T>
  static T forceVelocityInverse(T fv) {
    return (sinhViaExp((fv - d4) * (1.0 / d1)) - d3) * (1.0 / d2);
  }

  // Per-muscle tendon constant kT from the tendon strain at 1 max force (eps1).
  struct TendonCoeffs {
    double a, b;  // a = kT; b unused
  };
  static TendonCoeffs tendonCoeffs(double eps1) { return {std::log((1.0 + c3) / c1) / eps1, 0.0}; }
  template <class T>
  static T tendonForce(T lt, T kT, T /*unused*/) {
    return c1 * exp(kT * (lt - c2)) - c3;
  }
  template <class T>
  static T tendonLength(T ft, T kT, T /*unused*/) {
    return c2 + log((ft + c3) * (1.0 / c1)) / kT;
  }
  // d f_T / d l_T expressed through the force, which is the explicit state.
  template <class T>
  static T tendonStiffnessAtForce(T ft, T kT, T /*unused*/) {
    return kT * (ft + c3);
  }
};

}  // namespace tonus::muscle::law
