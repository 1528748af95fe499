// Curve laws against the project's golden table (tolerance 1e-6 relative), the packet
// (SIMD) evaluation against the scalar one, inverses against their curves, and analytic
// slopes against finite differences.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "muscle/laws/degroote2016.hpp"
#include "muscle/laws/thelen2003.hpp"
#include "muscle/simd.hpp"

namespace tonus::muscle::law {
namespace {

struct GoldenRow {
  std::string model, curve;
  double x, value;
};

std::vector<GoldenRow> readGolden() {
  std::ifstream file(std::string(TONUS_GOLDEN_DIR) + "/hill_curve_reference_values.csv");
  EXPECT_TRUE(file.good()) << "golden table missing";
  std::vector<GoldenRow> rows;
  std::string line;
  std::getline(file, line);  // header
  // model,curve,x,value where curve may be quoted because it contains commas.
  const std::regex row(R"(^([^,]+),("[^"]*"|[^,]+),([^,]+),([^,]+)$)");
  while (std::getline(file, line)) {
    std::smatch m;
    if (line.empty()) continue;
    EXPECT_TRUE(std::regex_match(line, m, row)) << "unparsed golden row: " << line;
    std::string curve = m[2];
    if (curve.front() == '"') curve = curve.substr(1, curve.size() - 2);
    rows.push_back({m[1], curve, std::stod(m[3]), std::stod(m[4])});
  }
  return rows;
}

// Value of `key=` inside a curve label such as passive_force_length(e0=0.6,kPE=4).
double labelParameter(const std::string& curve, const std::string& key) {
  const auto at = curve.find(key + "=");
  if (at == std::string::npos) return NAN;
  return std::stod(curve.substr(at + key.size() + 1));
}

// Evaluates a law function on a full packet and checks every lane equals the scalar result.
double scalarAndPacket(const std::function<double(double)>& scalar,
                       const std::function<simd::Vec(simd::Vec)>& packet, double x) {
  const double s = scalar(x);
  double lanes[simd::kLanes];
  simd::store(lanes, packet(simd::splat(x)));
  for (double lane : lanes) EXPECT_NEAR(lane, s, 1e-14 * std::max(1.0, std::fabs(s))) << "packet lane at x=" << x;
  return s;
}

template <class Law>
double evaluateGolden(const std::string& curve, double x) {  // x by value: one row adjusts it
  using simd::Vec;
  if (curve.rfind("active_force_length", 0) == 0) {
    return scalarAndPacket([](double v) { return Law::activeForceLength(v); },
                           [](Vec v) { return Law::activeForceLength(v); }, x);
  }
  if (curve.rfind("passive_force_length", 0) == 0) {
    const auto c = Law::passiveCoeffs(labelParameter(curve, "e0"));
    EXPECT_DOUBLE_EQ(labelParameter(curve, "kPE"), Law::kPE);
    return scalarAndPacket(
        [c](double v) { return Law::passiveForceLength(v, c.k_over_e0, c.offset, c.inv_denom); },
        [c](Vec v) {
          return Law::passiveForceLength(v, simd::splat(c.k_over_e0), simd::splat(c.offset), simd::splat(c.inv_denom));
        },
        x);
  }
  if (curve.rfind("force_velocity", 0) == 0) {
    return scalarAndPacket([](double v) { return Law::forceVelocity(v); },
                           [](Vec v) { return Law::forceVelocity(v); }, x);
  }
  if (curve.rfind("tendon_force_length", 0) == 0) {
    double strain = labelParameter(curve, "eps1");
    if (std::isnan(strain)) strain = labelParameter(curve, "eps0");
    const auto c = Law::tendonCoeffs(strain);
    // The Thelen row at x = 1.024345 is the toe-region end (f = 0.33) with x rounded to six
    // decimals; on a slope of ~43 that rounding alone moves f by 2e-5, so evaluate it at the
    // exact breakpoint after checking the printed x is that breakpoint rounded.
    if (curve.rfind("tendon_force_length(eps0", 0) == 0 && std::fabs(x - 1.0 - c.a) < 1e-6) {
      EXPECT_LE(std::fabs(x - 1.0 - c.a), 5e-7) << "row is not the toe end rounded to 6 decimals";
      x = 1.0 + c.a;
    }
    const double kT = labelParameter(curve, "kT");
    if (!std::isnan(kT)) {
      EXPECT_NEAR(c.a, kT, 1e-4) << "tendon stiffness constant";
    }
    return scalarAndPacket([c](double v) { return Law::tendonForce(v, c.a, c.b); },
                           [c](Vec v) { return Law::tendonForce(v, simd::splat(c.a), simd::splat(c.b)); }, x);
  }
  ADD_FAILURE() << "golden curve not mapped to a law: " << curve;
  return NAN;
}

TEST(CurveGolden, EveryRowMatchesWithinOnePpm) {
  const auto rows = readGolden();
  ASSERT_GE(rows.size(), 45u);
  int checked = 0;
  for (const auto& r : rows) {
    double got = NAN;
    if (r.model == "DeGrooteFregly2016") got = evaluateGolden<DeGroote2016>(r.curve, r.x);
    else if (r.model == "Thelen2003") got = evaluateGolden<Thelen2003>(r.curve, r.x);
    else ADD_FAILURE() << "unknown model in golden table: " << r.model;
    // Relative 1e-6, with an absolute floor of 1e-9 for the rows whose value is zero.
    EXPECT_NEAR(got, r.value, 1e-6 * std::max(std::fabs(r.value), 1e-3)) << r.model << " " << r.curve << " x=" << r.x;
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(rows.size()));
}

template <class Law>
void expectInversesAndSlopes() {
  for (double v = -1.0; v <= 1.0; v += 0.05) {
    EXPECT_NEAR(Law::forceVelocityInverse(Law::forceVelocity(v)), v, 1e-10) << Law::kName << " v=" << v;
  }
  const auto t = Law::tendonCoeffs(0.049);
  const auto p = Law::passiveCoeffs(0.6);
  // From just above zero: at f = 0 the tendon is at slack, a kink the central difference straddles.
  for (double ft = 0.05; ft <= 2.0; ft += 0.05) {
    const double lt = Law::tendonLength(ft, t.a, t.b);
    EXPECT_NEAR(Law::tendonForce(lt, t.a, t.b), ft, 1e-10) << Law::kName << " ft=" << ft;
    const double h = 1e-7;
    const double fd = (Law::tendonForce(lt + h, t.a, t.b) - Law::tendonForce(lt - h, t.a, t.b)) / (2 * h);
    if (std::fabs(ft - Thelen2003::kFToe) > 1e-3) {  // Thelen's slope is continuous but has a kink there
      EXPECT_NEAR(Law::tendonStiffnessAtForce(ft, t.a, t.b), fd, 1e-5 * std::max(1.0, fd)) << Law::kName << " ft=" << ft;
    }
  }
  for (double lm = 0.4; lm <= 1.8; lm += 0.05) {
    const double h = 1e-7;
    const double fd_active = (Law::activeForceLength(lm + h) - Law::activeForceLength(lm - h)) / (2 * h);
    EXPECT_NEAR(Law::activeForceLengthSlope(lm), fd_active, 1e-6) << Law::kName << " lm=" << lm;
    if (std::fabs(lm - 1.0) > 1e-3) {
      const auto fp = [&](double x) { return Law::passiveForceLength(x, p.k_over_e0, p.offset, p.inv_denom); };
      const double fd_passive = (fp(lm + h) - fp(lm - h)) / (2 * h);
      EXPECT_NEAR(Law::passiveForceLengthSlope(lm, p.k_over_e0, p.offset, p.inv_denom), fd_passive, 1e-6)
          << Law::kName << " lm=" << lm;
    }
  }
}

TEST(CurveConsistency, DeGrooteInversesAndSlopes) { expectInversesAndSlopes<DeGroote2016>(); }

TEST(CurveConsistency, DeGrootePassiveCurveFromOptimalLength) {
  // Started at optimal length, the curve is zero there and below, still reaches 1 at 1 + e0,
  // and lies below OpenSim's (which starts at 0.2) by less than OpenSim's 1.8 % at optimal length.
  for (double e0 : {0.6, 0.9}) {
    const auto shifted = DeGroote2016::passiveCoeffs(e0, true);
    const auto opensim = DeGroote2016::passiveCoeffs(e0);
    const auto f = [](const DeGroote2016::PassiveCoeffs& c, double lm) {
      return DeGroote2016::passiveForceLength(lm, c.k_over_e0, c.offset, c.inv_denom);
    };
    const auto slope = [](const DeGroote2016::PassiveCoeffs& c, double lm) {
      return DeGroote2016::passiveForceLengthSlope(lm, c.k_over_e0, c.offset, c.inv_denom);
    };
    EXPECT_EQ(f(shifted, 0.7), 0.0);
    EXPECT_EQ(f(shifted, 1.0), 0.0);
    EXPECT_EQ(slope(shifted, 0.9), 0.0);
    EXPECT_NEAR(f(shifted, 1.0 + e0), 1.0, 1e-12);
    EXPECT_NEAR(f(opensim, 1.0), (1.0 - opensim.offset) / (std::exp(DeGroote2016::kPE) - opensim.offset), 1e-15);
    for (double lm = 1.05; lm <= 1.8; lm += 0.05) {
      const double h = 1e-7;
      EXPECT_NEAR(slope(shifted, lm), (f(shifted, lm + h) - f(shifted, lm - h)) / (2 * h), 1e-6) << "lm=" << lm;
      // Between optimal length and 1 + e0, where both reach 1.
      if (lm < 1.0 + e0 - 1e-9) {
        EXPECT_LT(f(shifted, lm), f(opensim, lm)) << "lm=" << lm;
        EXPECT_GT(f(shifted, lm), f(opensim, lm) - f(opensim, 1.0)) << "lm=" << lm;
      }
    }
  }
}
TEST(CurveConsistency, ThelenInversesAndSlopes) { expectInversesAndSlopes<Thelen2003>(); }

TEST(CurveConsistency, DeGrooteActiveCurvePeaksNearOptimalLength) {
  // The equilibrium bracket assumes f_L <= 1.1 everywhere. The fitted curve is 1 at lm = 1
  // and peaks 0.1% higher just beyond it.
  double peak = 0.0, at = 0.0;
  for (double lm = 0.2; lm <= 2.0; lm += 1e-4) {
    if (DeGroote2016::activeForceLength(lm) > peak) peak = DeGroote2016::activeForceLength(lm), at = lm;
  }
  EXPECT_NEAR(DeGroote2016::activeForceLength(1.0), 1.0, 1e-9);
  // De Groote et al. 2016's published coefficients: the peak is 0.1 % above 1, just beyond lm = 1.
  EXPECT_GT(peak, 1.0);
  EXPECT_LT(peak, 1.002);
  EXPECT_GT(at, 1.0);
  EXPECT_LT(at, 1.03);
}

TEST(CurveConsistency, HyperbolicHelpersMatchTheStandardLibrary) {
  for (double x = -20.0; x <= 20.0; x += 0.37) {
    EXPECT_NEAR(tanhViaExp(x), std::tanh(x), 1e-15) << x;
    EXPECT_NEAR(asinhViaLog(x), std::asinh(x), 1e-14 * std::max(1.0, std::fabs(std::asinh(x)))) << x;
    if (std::fabs(x) < 5) {
      EXPECT_NEAR(sinhViaExp(x), std::sinh(x), 1e-14 * std::max(1.0, std::fabs(std::sinh(x)))) << x;
    }
  }
}

}  // namespace
}  // namespace tonus::muscle::law

namespace tonus::simd {
namespace {

TEST(PacketMath, InlineExpMatchesTheStandardLibrary) {
  double worst = 0.0;
  for (double x = -700.0; x <= 700.0; x += 0.0137) {
    double lanes[kLanes];
    store(lanes, exp(splat(x)));
    worst = std::max(worst, std::fabs(lanes[0] - std::exp(x)) / std::exp(x));
  }
  EXPECT_LT(worst, 4e-16);
  double lanes[kLanes];
  store(lanes, exp(splat(800.0)));
  EXPECT_TRUE(std::isinf(lanes[0]));
  store(lanes, exp(splat(-800.0)));
  EXPECT_EQ(lanes[0], 0.0);
  store(lanes, exp(splat(NAN)));
  EXPECT_TRUE(std::isnan(lanes[0]));
}

TEST(PacketMath, LogMatchesTheStandardLibrary) {
  double worst = 0.0;
  for (double x = 1e-6; x <= 1e6; x *= 1.01) {
    double lanes[kLanes];
    store(lanes, log(splat(x)));
    worst = std::max(worst, std::fabs(lanes[0] - std::log(x)) / std::max(1.0, std::fabs(std::log(x))));
  }
  EXPECT_LT(worst, 4e-16);
  double lanes[kLanes];
  store(lanes, log(splat(0.0)));
  EXPECT_EQ(lanes[0], -HUGE_VAL);
  store(lanes, log(splat(-1.0)));
  EXPECT_TRUE(std::isnan(lanes[0]));
  store(lanes, log(splat(HUGE_VAL)));
  EXPECT_EQ(lanes[0], HUGE_VAL);
  store(lanes, log(splat(NAN)));
  EXPECT_TRUE(std::isnan(lanes[0]));
  store(lanes, log(splat(1e-310)));  // subnormal
  EXPECT_NEAR(lanes[0], std::log(1e-310), 1e-13);
}

}  // namespace
}  // namespace tonus::simd
