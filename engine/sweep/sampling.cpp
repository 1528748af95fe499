#include "sweep/sampling.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace tonus::sweep {
namespace {

// SplitMix64 (Steele, Lea & Flood 2014): small, fast, and the same on every platform.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(uniform() * static_cast<double>(n)); }

 private:
  std::uint64_t state_;
};

std::string numberText(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", x);
  return text;
}

// The value at probability u in [0, 1) of a distribution.
std::string valueAt(const Distribution& d, double u) {
  switch (d.kind) {
    case Distribution::Kind::Uniform: return numberText(d.low + u * (d.high - d.low));
    case Distribution::Kind::Normal: {
      const double lo = normalCdf((d.low - d.mean) / d.sd), hi = normalCdf((d.high - d.mean) / d.sd);
      const double p = std::clamp(lo + u * (hi - lo), 1e-15, 1.0 - 1e-15);
      return numberText(std::clamp(d.mean + d.sd * normalQuantile(p), d.low, d.high));
    }
    case Distribution::Kind::Choice:
    case Distribution::Kind::Grid:
      return d.values[std::min(d.values.size() - 1, static_cast<std::size_t>(u * static_cast<double>(d.values.size())))];
    case Distribution::Kind::Conditional: break;  // needs the case: see conditionalValueAt
  }
  return "";
}

// A conditional parameter's value: the same stratum u, through the distribution its case's
// level of the `given` parameter selects.
std::string conditionalValueAt(const Distribution& d, double u, const std::vector<std::string>& case_values) {
  const std::string& level = case_values[d.given_index];
  const auto at = std::find(d.levels.begin(), d.levels.end(), level);
  return valueAt(d.by_level[static_cast<std::size_t>(at - d.levels.begin())], u);
}

}  // namespace

double normalCdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double normalQuantile(double p) {
  // Acklam's rational approximation (relative error < 1.2e-9), then one Newton step on erfc.
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
  double x;
  if (p < 0.02425) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p > 1 - 0.02425) {
    const double q = std::sqrt(-2 * std::log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  const double e = normalCdf(x) - p;
  return x - e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
}

std::vector<Case> casesOf(const Sweep& sweep) {
  std::vector<Case> cases;
  const std::size_t k = sweep.vary.size();
  if (sweep.method == Method::Grid) {
    // Every combination, the last parameter varying fastest.
    std::size_t total = 1;
    for (const Variation& v : sweep.vary) total *= v.distribution.values.size();
    for (std::size_t n = 0; n < total; ++n) {
      Case c;
      c.id = static_cast<int>(n);
      std::size_t rest = n;
      c.values.resize(k);
      for (std::size_t j = k; j-- > 0;) {
        const auto& values = sweep.vary[j].distribution.values;
        c.values[j] = values[rest % values.size()];
        rest /= values.size();
      }
      cases.push_back(c);
    }
    return cases;
  }
  // Latin hypercube: per parameter, a shuffled order of the strata and a point inside each.
  const auto n = static_cast<std::size_t>(sweep.samples);
  Random random(sweep.seed);
  std::vector<std::vector<double>> u(k, std::vector<double>(n));
  for (std::size_t j = 0; j < k; ++j) {
    std::vector<std::size_t> strata(n);
    std::iota(strata.begin(), strata.end(), 0);
    for (std::size_t i = n; i > 1; --i) std::swap(strata[i - 1], strata[random.below(i)]);  // Fisher-Yates
    for (std::size_t i = 0; i < n; ++i) u[j][i] = (static_cast<double>(strata[i]) + random.uniform()) / static_cast<double>(n);
  }
  for (std::size_t i = 0; i < n; ++i) {
    Case c;
    c.id = static_cast<int>(i);
    for (std::size_t j = 0; j < k; ++j) {
      const Distribution& d = sweep.vary[j].distribution;
      c.values.push_back(d.kind == Distribution::Kind::Conditional ? conditionalValueAt(d, u[j][i], c.values) : valueAt(d, u[j][i]));
    }
    cases.push_back(c);
  }
  return cases;
}

}  // namespace tonus::sweep
