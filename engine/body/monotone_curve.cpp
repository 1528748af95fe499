#include "body/monotone_curve.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace tonus::body {

MonotoneCurve::MonotoneCurve(std::vector<double> xs, std::vector<double> ys) : xs_(std::move(xs)), ys_(std::move(ys)) {
  assert(xs_.size() == ys_.size() && xs_.size() >= 2);
  const std::size_t n = xs_.size();
  std::vector<double> secant(n - 1);
  for (std::size_t i = 0; i + 1 < n; ++i) secant[i] = (ys_[i + 1] - ys_[i]) / (xs_[i + 1] - xs_[i]);
  slopes_.assign(n, 0.0);
  slopes_[0] = secant[0];
  slopes_[n - 1] = secant[n - 2];
  for (std::size_t i = 1; i + 1 < n; ++i) {
    // Fritsch-Carlson: zero slope at a local flat, otherwise the weighted harmonic mean.
    if (secant[i - 1] * secant[i] <= 0.0) {
      slopes_[i] = 0.0;
    } else {
      const double h0 = xs_[i] - xs_[i - 1], h1 = xs_[i + 1] - xs_[i];
      const double w0 = 2 * h1 + h0, w1 = h1 + 2 * h0;
      slopes_[i] = (w0 + w1) / (w0 / secant[i - 1] + w1 / secant[i]);
    }
  }
}

double MonotoneCurve::value(double x) const {
  if (x <= xs_.front()) return ys_.front() + slopes_.front() * (x - xs_.front());
  if (x >= xs_.back()) return ys_.back() + slopes_.back() * (x - xs_.back());
  const std::size_t i = static_cast<std::size_t>(std::upper_bound(xs_.begin(), xs_.end(), x) - xs_.begin()) - 1;
  const double h = xs_[i + 1] - xs_[i], t = (x - xs_[i]) / h;
  const double t2 = t * t, t3 = t2 * t;
  return (2 * t3 - 3 * t2 + 1) * ys_[i] + (t3 - 2 * t2 + t) * h * slopes_[i] + (-2 * t3 + 3 * t2) * ys_[i + 1] +
         (t3 - t2) * h * slopes_[i + 1];
}

double MonotoneCurve::slope(double x) const {
  if (x <= xs_.front()) return slopes_.front();
  if (x >= xs_.back()) return slopes_.back();
  const std::size_t i = static_cast<std::size_t>(std::upper_bound(xs_.begin(), xs_.end(), x) - xs_.begin()) - 1;
  const double h = xs_[i + 1] - xs_[i], t = (x - xs_[i]) / h;
  const double t2 = t * t;
  return ((6 * t2 - 6 * t) * ys_[i] + (-6 * t2 + 6 * t) * ys_[i + 1]) / h + (3 * t2 - 4 * t + 1) * slopes_[i] +
         (3 * t2 - 2 * t) * slopes_[i + 1];
}

}  // namespace tonus::body
