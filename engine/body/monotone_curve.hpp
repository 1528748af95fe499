#pragma once
// A smooth, monotone curve through published (x, y) points: piecewise cubic Hermite with
// Fritsch-Carlson slopes, so it never overshoots between measurements, and linear beyond the
// last points with the end slopes. Used for the passive moment-angle curves of the joints.
#include <vector>

namespace tonus::body {

class MonotoneCurve {
 public:
  MonotoneCurve() = default;
  // xs strictly increasing, ys monotone (non-decreasing); checked by the model loader.
  MonotoneCurve(std::vector<double> xs, std::vector<double> ys);

  bool empty() const { return xs_.empty(); }
  double value(double x) const;
  double slope(double x) const;
  const std::vector<double>& xs() const { return xs_; }
  const std::vector<double>& ys() const { return ys_; }

 private:
  std::vector<double> xs_, ys_, slopes_;
};

}  // namespace tonus::body
