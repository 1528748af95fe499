#include "sim/run_result.hpp"

#include <algorithm>

namespace tonus::sim {

void SolverCounts::add(const FrameResult& f, double time) {
  ++frames;
  recruitment_fallbacks += f.recruitment_fell_back;
  recruitment_failures += f.recruitment_failed;
  newton_not_converged += (f.recruitment_issues & recruit::kNewtonNotConverged) != 0;
  cholesky_failed += (f.recruitment_issues & recruit::kCholeskyFailed) != 0;
  line_search_exhausted += (f.recruitment_issues & recruit::kLineSearchExhausted) != 0;
  not_finite += (f.recruitment_issues & recruit::kNotFinite) != 0;
  muscle_not_finite += f.muscles_not_finite > 0;
  muscle_at_minimum_length += f.muscles_at_minimum_length > 0;
  muscle_overstretched += f.muscles_overstretched > 0;
  if (f.recruitment_failed && !first_failure) first_failure = time;
}

int RunResult::channelIndex(const std::string& name) const {
  const auto it = std::find(channels.names.begin(), channels.names.end(), name);
  return it == channels.names.end() ? -1 : static_cast<int>(it - channels.names.begin());
}

}  // namespace tonus::sim
