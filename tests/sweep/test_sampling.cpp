// Cases: a Latin hypercube takes each stratum of each parameter exactly once, a seed makes it
// reproducible, truncated normals stay in bounds with the right centre, conditionals follow
// their level, and a grid runs every combination with the last parameter fastest.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "sweep/sampling.hpp"
#include "sweep_fixtures.hpp"

namespace tonus::sweep {
namespace {

using testing::TempDir;

std::vector<double> column(const std::vector<Case>& cases, std::size_t j) {
  std::vector<double> v;
  for (const Case& c : cases) v.push_back(std::stod(c.values[j]));
  return v;
}

TEST(Sampling, NormalQuantileInvertsTheDistributionFunction) {
  // Golden values of the standard normal (Abramowitz & Stegun 26.2), tolerance 1e-9.
  EXPECT_NEAR(normalQuantile(0.975), 1.959963984540054, 1e-9);
  EXPECT_NEAR(normalQuantile(0.5), 0.0, 1e-12);
  EXPECT_NEAR(normalQuantile(1e-6), -4.753424308822899, 1e-8);
  EXPECT_NEAR(normalCdf(1.0), 0.8413447460685429, 1e-12);
  // Above x = 5, 1 - p has too few digits in a double to invert more closely.
  for (double x = -6.0; x <= 5.0; x += 0.25) EXPECT_NEAR(normalQuantile(normalCdf(x)), x, 1e-9) << x;
}

TEST(Sampling, LatinHypercubeTakesEachStratumOnce) {
  TempDir dir;
  const Sweep s = sweepWith(dir, "samples: 50\nseed: 11\n",
                            "  subject.height_m: {uniform: [1.5, 2.0]}\n"
                            "  condition.stress: {normal: {mean: 0.3, sd: 0.2, min: 0, max: 1}}\n"
                            "  subject.sex: {choice: [male, female]}\n");
  const std::vector<Case> cases = casesOf(s);
  ASSERT_EQ(cases.size(), 50u);
  // Uniform: exactly one value in each of the 50 equal intervals.
  std::set<int> strata;
  for (double h : column(cases, 0)) strata.insert(static_cast<int>((h - 1.5) / 0.5 * 50));
  EXPECT_EQ(strata.size(), 50u);
  // Normal truncated to [0, 1]: one value per probability stratum of the truncated law.
  const double lo = normalCdf(-1.5), hi = normalCdf(3.5);
  std::set<int> p_strata;
  for (double x : column(cases, 1)) {
    EXPECT_GE(x, 0.0);
    EXPECT_LE(x, 1.0);
    p_strata.insert(static_cast<int>((normalCdf((x - 0.3) / 0.2) - lo) / (hi - lo) * 50));
  }
  EXPECT_EQ(p_strata.size(), 50u);
  // Choice: exactly balanced.
  EXPECT_EQ(std::count_if(cases.begin(), cases.end(), [](const Case& c) { return c.values[2] == "male"; }), 25);
}

TEST(Sampling, TheSeedMakesItReproducible) {
  TempDir dir;
  const std::string vary = "  subject.height_m: {uniform: [1.5, 2.0]}\n  subject.mass_kg: {uniform: [50, 100]}\n";
  const auto a = casesOf(sweepWith(dir, "samples: 20\nseed: 5\n", vary));
  const auto b = casesOf(sweepWith(dir, "samples: 20\nseed: 5\n", vary));
  const auto c = casesOf(sweepWith(dir, "samples: 20\nseed: 6\n", vary));
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].values, b[i].values);
  EXPECT_NE(column(a, 0), column(c, 0));
  // The pairing across parameters is random, not the identity.
  std::vector<double> ha = column(a, 0), ma = column(a, 1);
  std::vector<std::size_t> order_h(20), order_m(20);
  for (std::size_t i = 0; i < 20; ++i) order_h[i] = order_m[i] = i;
  std::sort(order_h.begin(), order_h.end(), [&](auto x, auto y) { return ha[x] < ha[y]; });
  std::sort(order_m.begin(), order_m.end(), [&](auto x, auto y) { return ma[x] < ma[y]; });
  EXPECT_NE(order_h, order_m);
}

TEST(Sampling, ATruncatedNormalIsCentredOnItsMean) {
  TempDir dir;
  const auto cases = casesOf(sweepWith(dir, "samples: 2000\nseed: 1\n",
                                       "  subject.mass_kg: {normal: {mean: 80, sd: 10, min: 40, max: 120}}\n"));
  const std::vector<double> m = column(cases, 0);
  double mean = 0.0, var = 0.0;
  const double n = static_cast<double>(m.size());
  for (double x : m) mean += x / n;
  for (double x : m) var += (x - mean) * (x - mean) / (n - 1.0);
  // +-4 SD bounds cut almost nothing: mean 80 and SD 10 within sampling error (LHS is tighter).
  EXPECT_NEAR(mean, 80.0, 0.05);
  EXPECT_NEAR(std::sqrt(var), 10.0, 0.1);
  // A truncation that binds (-1 to +0.5 SD cuts ~47 % of the law): every sample stays inside it.
  const auto tight = casesOf(sweepWith(dir, "samples: 200\nseed: 1\n",
                                       "  subject.mass_kg: {normal: {mean: 80, sd: 10, min: 70, max: 85}}\n"));
  for (double x : column(tight, 0)) {
    EXPECT_GE(x, 70.0);
    EXPECT_LE(x, 85.0);
  }
}

TEST(Sampling, AConditionalFollowsTheLevelOfItsCase) {
  TempDir dir;
  const auto cases = casesOf(sweepWith(dir, "samples: 400\nseed: 2\n",
                                       "  subject.sex: {choice: [male, female]}\n"
                                       "  subject.height_m:\n    given: subject.sex\n"
                                       "    male: {normal: {mean: 1.756, sd: 0.0686, min: 1.55, max: 1.96}}\n"
                                       "    female: {uniform: [1.40, 1.50]}\n"));
  double male_mean = 0.0;
  int males = 0;
  for (const Case& c : cases) {
    const double h = std::stod(c.values[1]);
    if (c.values[0] == "female") {
      EXPECT_GE(h, 1.40);
      EXPECT_LE(h, 1.50);
    } else {
      male_mean += h;
      ++males;
    }
  }
  EXPECT_EQ(males, 200);
  EXPECT_NEAR(male_mean / males, 1.756, 0.01);
}

TEST(Sampling, AGridRunsEveryCombinationLastFastest) {
  TempDir dir;
  const auto cases = casesOf(sweepWith(dir, "method: grid\n",
                                       "  subject.sex: {choice: [male, female]}\n"
                                       "  timeline[0].lift.load_kg: {grid: [5, 10, 15]}\n"
                                       "  timeline[0].lift.style: {grid: [stoop, squat]}\n"));
  ASSERT_EQ(cases.size(), 12u);
  EXPECT_EQ(cases[0].values, (std::vector<std::string>{"male", "5", "stoop"}));
  EXPECT_EQ(cases[1].values, (std::vector<std::string>{"male", "5", "squat"}));
  EXPECT_EQ(cases[2].values, (std::vector<std::string>{"male", "10", "stoop"}));
  EXPECT_EQ(cases[11].values, (std::vector<std::string>{"female", "15", "squat"}));
  std::set<std::vector<std::string>> distinct;
  for (const Case& c : cases) distinct.insert(c.values);
  EXPECT_EQ(distinct.size(), 12u);
}

}  // namespace
}  // namespace tonus::sweep
