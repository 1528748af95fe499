#pragma once
// Hyperbolic functions built only from exp/log/sqrt, which Eigen vectorises for doubles
// (its packet library has no double tanh/sinh/asinh). Same formula for both types.
#include "muscle/simd.hpp"

namespace tonus::muscle::law {

using simd::abs;
using simd::exp;
using simd::log;
using simd::select;
using simd::sqrt;

template <class T>
T tanhViaExp(T x) {
  // 1 - 2/(e^{2x}+1): saturates to ±1 without overflow (e^{2x} = inf gives 1).
  return 1.0 - 2.0 / (exp(2.0 * x) + 1.0);
}

template <class T>
T sinhViaExp(T x) {
  const T e = exp(x);
  return 0.5 * (e - 1.0 / e);
}

template <class T>
T asinhViaLog(T x) {
  // Odd-symmetric form avoids the cancellation of x + sqrt(x^2+1) for large negative x.
  const T ax = abs(x);
  const T magnitude = log(ax + sqrt(ax * ax + 1.0));
  return select(x < 0.0, -magnitude, magnitude);
}

}  // namespace tonus::muscle::law
