#pragma once
// The same muscle-sharing problem handed to Simbody's general optimiser (SimTK::Optimizer,
// interior point, as OpenSim's static optimisation uses), for comparison in bench_recruit.
// Simbody-free interface: the implementation is the benchmark's one C++17 file.
#include <Eigen/Core>

#include "recruit/recruiter.hpp"

namespace tonus::bench {

struct GeneralSolution {
  Eigen::VectorXd activation;
  bool ok = false;
};

GeneralSolution solveWithSimTKOptimizer(const recruit::Problem& problem, const recruit::Settings& settings,
                                        const Eigen::VectorXd& warm_start);

}  // namespace tonus::bench
