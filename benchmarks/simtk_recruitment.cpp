// Built as C++17 with Simbody (see engine/body/multibody.cpp for why).
#include "simtk_recruitment.hpp"

#include <Simbody.h>

namespace tonus::bench {
namespace {

// x = (a, e/E0, r/R0): activations and the scaled intersegmental moments and reserves, so every
// term of the objective has unit weight (unscaled, the 1/R0^2 = 1e6 weight stalls the interior
// point method); the identical problem to recruit::Recruiter's (recruiter.hpp), with analytic
// gradients and Jacobian.
class SharingSystem : public SimTK::OptimizerSystem {
 public:
  SharingSystem(const recruit::Problem& p, const recruit::Settings& s)
      : SimTK::OptimizerSystem(static_cast<int>(p.A.cols() + p.A.rows() + p.P.rows())), p_(p),
        muscles_(static_cast<int>(p.A.cols())), dofs_(static_cast<int>(p.A.rows())), coords_(static_cast<int>(p.P.rows())),
        e0_(s.intersegmental_strength), r0_(s.reserve_strength) {
    setNumEqualityConstraints(dofs_ + coords_);
    SimTK::Vector lower(getNumParameters(), -1e6), upper(getNumParameters(), 1e6);
    for (int i = 0; i < muscles_; ++i) lower[i] = p.floor[i], upper[i] = p.capacity[i];
    setParameterLimits(lower, upper);
  }
  int objectiveFunc(const SimTK::Vector& x, bool, SimTK::Real& f) const override {
    f = 0.0;
    for (int i = 0; i < muscles_; ++i) f += SimTK::square(x[i] / p_.capacity[i]);
    for (int j = 0; j < dofs_ + coords_; ++j) f += SimTK::square(x[muscles_ + j]);
    return 0;
  }
  int gradientFunc(const SimTK::Vector& x, bool, SimTK::Vector& g) const override {
    for (int i = 0; i < muscles_; ++i) g[i] = 2 * x[i] / SimTK::square(p_.capacity[i]);
    for (int j = 0; j < dofs_ + coords_; ++j) g[muscles_ + j] = 2 * x[muscles_ + j];
    return 0;
  }
  int constraintFunc(const SimTK::Vector& x, bool, SimTK::Vector& c) const override {
    for (int j = 0; j < dofs_; ++j) {
      double sum = e0_ * x[muscles_ + j] - p_.b[j];
      for (int i = 0; i < muscles_; ++i) sum += p_.A(j, i) * x[i];
      c[j] = sum;
    }
    for (int k = 0; k < coords_; ++k) {
      double sum = -r0_ * x[muscles_ + dofs_ + k];
      for (int j = 0; j < dofs_; ++j) sum += p_.P(k, j) * e0_ * x[muscles_ + j];
      c[dofs_ + k] = sum;
    }
    return 0;
  }
  int constraintJacobian(const SimTK::Vector&, bool, SimTK::Matrix& J) const override {
    J = 0.0;
    for (int j = 0; j < dofs_; ++j) {
      for (int i = 0; i < muscles_; ++i) J(j, i) = p_.A(j, i);
      J(j, muscles_ + j) = e0_;
    }
    for (int k = 0; k < coords_; ++k) {
      for (int j = 0; j < dofs_; ++j) J(dofs_ + k, muscles_ + j) = p_.P(k, j) * e0_;
      J(dofs_ + k, muscles_ + dofs_ + k) = -r0_;
    }
    return 0;
  }

 private:
  const recruit::Problem& p_;
  int muscles_, dofs_, coords_;
  double e0_, r0_;
};

}  // namespace

GeneralSolution solveWithSimTKOptimizer(const recruit::Problem& problem, const recruit::Settings& settings,
                                        const Eigen::VectorXd& warm_start) {
  SharingSystem system(problem, settings);
  SimTK::Optimizer optimizer(system, SimTK::InteriorPoint);
  optimizer.setConvergenceTolerance(1e-6);
  optimizer.setConstraintTolerance(1e-6);
  optimizer.setMaxIterations(1000);
  optimizer.useNumericalGradient(false);
  optimizer.useNumericalJacobian(false);
  optimizer.setDiagnosticsLevel(0);
  SimTK::Vector x(system.getNumParameters(), 0.0);
  for (Eigen::Index i = 0; i < warm_start.size(); ++i) x[static_cast<int>(i)] = warm_start[i];
  GeneralSolution out;
  try {
    optimizer.optimize(x);
    out.ok = true;
  } catch (const std::exception&) {
    out.ok = false;
  }
  out.activation.resize(problem.A.cols());
  for (Eigen::Index i = 0; i < problem.A.cols(); ++i) out.activation[i] = x[static_cast<int>(i)];
  return out;
}

}  // namespace tonus::bench
