#pragma once
// First-order activation dynamics with a smooth switch between activation and deactivation
// (De Groote et al. 2016, eq. 1-2, after Raasch et al. 1997 / Thelen 2003):
//   da/dt = [ (f+1/2) / (tau_a (1/2 + 3a/2)) + (1/2-f) (1/2 + 3a/2) / tau_d ] (u - a),
//   f = tanh(b (u - a)) / 2.
// De Groote et al. printed b = 0.1, which nearly averages the two time constants; b = 10
// (OpenSim's recommended value) gives the intended asymmetric rise and fall.
#include "muscle/laws/smooth_math.hpp"

namespace tonus::muscle::law {

inline constexpr double kDefaultActivationSmoothing = 10.0;

// The published form, term by term (used by the tests as the definition).
template <class T>
T activationRatePublished(T excitation, T activation, T tau_act, T tau_deact, double smoothing) {
  const T z = 0.5 + 1.5 * activation;
  const T f = 0.5 * tanhViaExp(smoothing * (excitation - activation));
  return ((f + 0.5) / (tau_act * z) + (0.5 - f) * z / tau_deact) * (excitation - activation);
}

// The same expression with one division: with E = exp(2b(u-a)), f + 1/2 = E/(E+1) and
// 1/2 - f = 1/(E+1), so da/dt = (u-a) (E tau_d + z^2 tau_a) / ((E+1) z tau_a tau_d).
// b is limited to (0, 100] at load, so E stays finite.
template <class T>
T activationRate(T excitation, T activation, T tau_act, T tau_deact, double smoothing) {
  const T gap = excitation - activation;
  const T z = 0.5 + 1.5 * activation;
  const T e = exp((2.0 * smoothing) * gap);
  return gap * (e * tau_deact + z * z * tau_act) / ((e + 1.0) * z * tau_act * tau_deact);
}

}  // namespace tonus::muscle::law
