#pragma once
// One SIMD packet of doubles with just the arithmetic the muscle laws need. A law written
// once as a template runs on `double` (reference path, tests) and on `Vec` (the batch
// kernel), so the vector and scalar paths evaluate the same equations by construction.
// Packet width follows the compile flags: 8 lanes with AVX-512, 4 with AVX2, 2 with SSE2.
#include <Eigen/Core>
#include <algorithm>
#include <cmath>

// glibc's vector math library (libmvec) provides log for whole packets through the x86-64
// vector function ABI, faster than Eigen's rational approximation (which costs a division).
// TONUS_USE_LIBMVEC is set by CMake when the symbols link.
#include <immintrin.h>

#if defined(TONUS_USE_LIBMVEC)
extern "C" {
#if defined(EIGEN_VECTORIZE_AVX512)
__m512d _ZGVeN8v_log(__m512d);
#define TONUS_MVEC_LOG _ZGVeN8v_log
#elif defined(EIGEN_VECTORIZE_AVX2)
__m256d _ZGVdN4v_log(__m256d);
#define TONUS_MVEC_LOG _ZGVdN4v_log
#elif defined(EIGEN_VECTORIZE_AVX)
__m256d _ZGVcN4v_log(__m256d);
#define TONUS_MVEC_LOG _ZGVcN4v_log
#else
__m128d _ZGVbN2v_log(__m128d);
#define TONUS_MVEC_LOG _ZGVbN2v_log
#endif
}
#endif

namespace tonus::simd {

namespace ei = Eigen::internal;
using Packet = ei::packet_traits<double>::type;
inline constexpr int kLanes = ei::packet_traits<double>::size;

struct Vec {
  Packet p;
};
struct Mask {
  Packet m;
};

inline Vec load(const double* x) { return {ei::ploadu<Packet>(x)}; }
inline void store(double* x, Vec v) { ei::pstoreu(x, v.p); }
inline Vec splat(double s) { return {ei::pset1<Packet>(s)}; }

inline Vec operator+(Vec a, Vec b) { return {ei::padd(a.p, b.p)}; }
inline Vec operator-(Vec a, Vec b) { return {ei::psub(a.p, b.p)}; }
inline Vec operator*(Vec a, Vec b) { return {ei::pmul(a.p, b.p)}; }
inline Vec operator/(Vec a, Vec b) { return {ei::pdiv(a.p, b.p)}; }
inline Vec operator-(Vec a) { return {ei::pnegate(a.p)}; }
inline Vec operator+(Vec a, double b) { return a + splat(b); }
inline Vec operator-(Vec a, double b) { return a - splat(b); }
inline Vec operator*(Vec a, double b) { return a * splat(b); }
inline Vec operator/(Vec a, double b) { return a / splat(b); }
inline Vec operator+(double a, Vec b) { return splat(a) + b; }
inline Vec operator-(double a, Vec b) { return splat(a) - b; }
inline Vec operator*(double a, Vec b) { return splat(a) * b; }
inline Vec operator/(double a, Vec b) { return splat(a) / b; }

inline Mask operator<(Vec a, Vec b) { return {ei::pcmp_lt(a.p, b.p)}; }
inline Mask operator<=(Vec a, Vec b) { return {ei::pcmp_le(a.p, b.p)}; }
inline Mask operator>(Vec a, Vec b) { return b < a; }
inline Mask operator>=(Vec a, Vec b) { return b <= a; }
inline Mask operator<(Vec a, double b) { return a < splat(b); }
inline Mask operator>(Vec a, double b) { return a > splat(b); }
inline Mask operator|(Mask a, Mask b) { return {ei::por(a.m, b.m)}; }
// True in lanes holding NaN (a NaN is the only value not equal to itself).
inline Mask isNaN(Vec a) { return {ei::pandnot(ei::ptrue(a.p), ei::pcmp_eq(a.p, a.p))}; }

// exp(x) = 2^n e^r with n = round(x / ln 2) and |r| <= ln2/2, e^r from its Taylor series to
// r^12 (truncation below 2e-16 relative). Inline and division-free, so the kernel's six
// exponentials overlap in the pipeline instead of spilling registers around library calls.
inline Vec exp(Vec x) {
  constexpr double kLog2e = 1.4426950408889634;
  constexpr double kLn2Hi = 0.6931471803691238;      // ln 2 split so n*kLn2Hi is exact
  constexpr double kLn2Lo = 1.9082149292705877e-10;
  // Beyond these limits exp over/underflows anyway; clamping keeps r finite (NaN passes).
  const Packet xc = ei::pmin(ei::pmax(x.p, ei::pset1<Packet>(-746.0)), ei::pset1<Packet>(710.0));
  const Packet n = ei::print(ei::pmul(xc, ei::pset1<Packet>(kLog2e)));
  Packet r = ei::pmadd(n, ei::pset1<Packet>(-kLn2Hi), xc);
  r = ei::pmadd(n, ei::pset1<Packet>(-kLn2Lo), r);
  constexpr double kInvFactorial[] = {1.0, 1.0, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720,
                                      1.0 / 5040, 1.0 / 40320, 1.0 / 362880, 1.0 / 3628800,
                                      1.0 / 39916800, 1.0 / 479001600};
  Packet poly = ei::pset1<Packet>(kInvFactorial[12]);
  for (int k = 11; k >= 0; --k) poly = ei::pmadd(poly, r, ei::pset1<Packet>(kInvFactorial[k]));
#if defined(EIGEN_VECTORIZE_AVX512)
  return {_mm512_scalef_pd(poly, n)};
#else
  return {ei::pldexp(poly, n)};
#endif
}
#if defined(EIGEN_VECTORIZE_AVX512)
// log(x) = e ln2 + log(m) with x = m 2^e, m in [0.75, 1.5) (AVX-512 getexp/getmant), and
// log(m) = 2 atanh(s), s = (m-1)/(m+1), |s| <= 0.2, from its odd series to s^23 (truncation
// below 1e-17). Inline, so the kernel keeps its registers across the call.
inline Vec log(Vec x) {
  const __m512d m = _mm512_getmant_pd(x.p, _MM_MANT_NORM_p75_1p5, _MM_MANT_SIGN_src);
  const __m512d e = _mm512_sub_pd(_mm512_getexp_pd(x.p), _mm512_getexp_pd(m));
  const __m512d s = _mm512_div_pd(_mm512_sub_pd(m, _mm512_set1_pd(1.0)), _mm512_add_pd(m, _mm512_set1_pd(1.0)));
  const __m512d s2 = _mm512_mul_pd(s, s);
  __m512d series = _mm512_set1_pd(1.0 / 23);
  for (int k = 21; k >= 1; k -= 2) series = _mm512_fmadd_pd(series, s2, _mm512_set1_pd(1.0 / k));
  const __m512d log_m = _mm512_mul_pd(_mm512_mul_pd(_mm512_set1_pd(2.0), s), series);
  __m512d result = _mm512_fmadd_pd(e, _mm512_set1_pd(0.6931471805599453), log_m);
  // IEEE special cases: log(+-0) = -inf, log(negative or -inf) = NaN, log(+inf) = +inf, NaN stays.
  const __mmask8 zero = _mm512_fpclass_pd_mask(x.p, 0x02 | 0x04);
  const __mmask8 negative = _mm512_fpclass_pd_mask(x.p, 0x40 | 0x10);
  const __mmask8 passthrough = _mm512_fpclass_pd_mask(x.p, 0x01 | 0x80 | 0x08);
  result = _mm512_mask_blend_pd(zero, result, _mm512_set1_pd(-HUGE_VAL));
  result = _mm512_mask_blend_pd(negative, result, _mm512_set1_pd(NAN));
  return {_mm512_mask_blend_pd(passthrough, result, x.p)};
}
#elif defined(TONUS_USE_LIBMVEC)
inline Vec log(Vec a) { return {TONUS_MVEC_LOG(a.p)}; }
#else
inline Vec log(Vec a) { return {ei::plog(a.p)}; }
#endif
inline Vec sqrt(Vec a) { return {ei::psqrt(a.p)}; }
inline Vec abs(Vec a) { return {ei::pabs(a.p)}; }
inline Vec min(Vec a, Vec b) { return {ei::pmin(a.p, b.p)}; }
inline Vec max(Vec a, Vec b) { return {ei::pmax(a.p, b.p)}; }
inline Vec min(Vec a, double b) { return min(a, splat(b)); }
inline Vec max(Vec a, double b) { return max(a, splat(b)); }
// Lane-wise `m ? a : b`.
inline Vec select(Mask m, Vec a, Vec b) { return {ei::pselect(m.m, a.p, b.p)}; }
inline Vec select(Mask m, double a, Vec b) { return select(m, splat(a), b); }
inline Vec select(Mask m, Vec a, double b) { return select(m, a, splat(b)); }
inline Vec select(Mask m, double a, double b) { return select(m, splat(a), splat(b)); }

// Scalar twins, so templates call exp/log/select unqualified for either type.
inline double exp(double a) { return std::exp(a); }
inline double log(double a) { return std::log(a); }
inline double sqrt(double a) { return std::sqrt(a); }
inline double abs(double a) { return std::fabs(a); }
inline double min(double a, double b) { return std::min(a, b); }
inline double max(double a, double b) { return std::max(a, b); }
inline bool isNaN(double a) { return std::isnan(a); }
inline double select(bool m, double a, double b) { return m ? a : b; }

// Lane-wise `lo <= x <= hi`, clamping.
template <class T>
T clamp(T x, double lo, double hi) {
  return min(max(x, lo), hi);
}

}  // namespace tonus::simd
