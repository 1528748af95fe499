// The bank's two batch operations: dispatch to the kernel for this bank's law and tendon
// model, then split the muscles into fixed blocks across OpenMP threads. Each muscle's
// result depends only on its own inputs, so any thread count gives the same bits.
#include <omp.h>

#include <algorithm>
#include <sstream>

#include "muscle/equilibrium_solver.hpp"
#include "muscle/kernel_compliant.hpp"
#include "muscle/kernel_rigid.hpp"
#include "muscle/laws/degroote2016.hpp"
#include "muscle/laws/thelen2003.hpp"
#include "muscle/muscle_bank.hpp"

namespace tonus::muscle {
namespace {

// Muscles per OpenMP work item: a multiple of every SIMD width.
constexpr int kBlock = 64;
static_assert(kBlock % simd::kLanes == 0);

kernel::RangeFunction pickKernel(CurveLaw law, TendonModel tendon) {
  using law::DeGroote2016;
  using law::Thelen2003;
  if (tendon == TendonModel::Compliant) {
    return law == CurveLaw::DeGroote2016 ? &kernel::evaluateCompliant<DeGroote2016>
                                         : &kernel::evaluateCompliant<Thelen2003>;
  }
  return law == CurveLaw::DeGroote2016 ? &kernel::evaluateRigid<DeGroote2016> : &kernel::evaluateRigid<Thelen2003>;
}

// Threads for `work` items that each cost about as much as one muscle evaluation.
int teamSize(int threads, int work) {
  const int requested = threads > 0 ? threads : omp_get_max_threads();
  return std::clamp(work / kMusclesPerThread, 1, requested);
}

// body(i) for every i in [0, count) over a team of `team` OpenMP threads, handed out one at a
// time: when another process takes a core, the thread that keeps its core does the rest
// instead of waiting at the barrier (docs/performance.md, "A busy core"). Returns how many
// threads took part (the tests check it, so a claim across threads is real).
template <class Body>
int onTeam(int team, int count, const Body& body) {
  int formed = 1;
#pragma omp parallel num_threads(team) if (team > 1)
  {
#pragma omp single nowait
    formed = omp_get_num_threads();
#pragma omp for schedule(dynamic, 1)
    for (int i = 0; i < count; ++i) body(i);
  }
  return formed;
}

void ensureSize(MuscleOutputs& o, Eigen::Index n) {
  for (Eigen::ArrayXd* a :
       {&o.fibre_length, &o.norm_fibre_length, &o.fibre_velocity, &o.norm_fibre_velocity, &o.cos_pennation,
        &o.tendon_length, &o.active_force_length, &o.passive_force_length, &o.force_velocity,
        &o.active_fibre_force, &o.passive_fibre_force, &o.tendon_force, &o.force_per_activation,
        &o.passive_force_along_tendon, &o.activation_rate, &o.tendon_force_rate, &o.flags}) {
    if (a->size() != n) a->resize(n);
  }
}

}  // namespace

const char* toString(EquilibriumStatus status) {
  switch (status) {
    case EquilibriumStatus::Converged: return "converged";
    case EquilibriumStatus::FibreAtMinimumLength: return "fibre at minimum length (path too short)";
    case EquilibriumStatus::FibreOverstretched: return "fibre overstretched (beyond 1.8 optimal lengths)";
    case EquilibriumStatus::NotConverged: return "not converged";
  }
  return "unknown";
}

int EquilibriumReport::count(EquilibriumStatus s) const {
  return static_cast<int>(std::count(status.begin(), status.end(), s));
}

std::string EquilibriumReport::describe(const MuscleBank& bank) const {
  std::ostringstream out;
  for (std::size_t i = 0; i < status.size(); ++i) {
    if (status[i] == EquilibriumStatus::Converged) continue;
    out << "muscle '" << bank.name(static_cast<int>(i)) << "': " << toString(status[i]) << " (residual "
        << residual[i] << " after " << iterations[i] << " iterations)\n";
  }
  return out.str();
}

int MuscleBank::evaluate(const MuscleInputs& in, const MuscleState& state, MuscleOutputs& out, int threads) const {
  checkSizes(in, state);
  ensureSize(out, padded_size_);
  const kernel::RangeFunction run = pickKernel(options_.law, options_.tendon);
  const kernel::Settings settings{options_.minimum_activation, options_.activation_smoothing};
  const int blocks = (padded_size_ + kBlock - 1) / kBlock;
  return onTeam(std::min(teamSize(threads, padded_size_), blocks), blocks, [&](int b) {
    run(params_, settings, in, state, out, b * kBlock, std::min(padded_size_, (b + 1) * kBlock));
  });
}

EquilibriumReport MuscleBank::equilibrate(const MuscleInputs& in, MuscleState& state, int threads) const {
  checkSizes(in, state);
  EquilibriumReport report;
  report.status.assign(static_cast<std::size_t>(size_), EquilibriumStatus::Converged);
  report.iterations.assign(static_cast<std::size_t>(size_), 0);
  report.residual.assign(static_cast<std::size_t>(size_), 0.0);
  const kernel::Settings settings{options_.minimum_activation, options_.activation_smoothing};
  const auto solve = options_.law == CurveLaw::DeGroote2016 ? &equilibrium::solve<law::DeGroote2016>
                                                            : &equilibrium::solve<law::Thelen2003>;
  const bool compliant = options_.tendon == TendonModel::Compliant;

  // A rigid tendon has no state to solve for; report only where the fibre is out of range.
  if (!compliant) {
    MuscleOutputs out = makeOutputs();
    report.threads = evaluate(in, state, out, threads);
    for (int i = 0; i < size_; ++i) {
      const auto flags = static_cast<std::uint32_t>(out.flags[i]);
      if (flags & kFibreAtMinimumLength) report.status[static_cast<std::size_t>(i)] = EquilibriumStatus::FibreAtMinimumLength;
      else if (flags & kFibreOverstretched) report.status[static_cast<std::size_t>(i)] = EquilibriumStatus::FibreOverstretched;
    }
    return report;
  }

  // An equilibrium solve costs ~30 evaluations, so far fewer muscles justify a thread.
  report.threads = onTeam(teamSize(threads, 30 * size_), size_, [&](int i) {
    const auto r = solve(params_, settings, i, in.length[i], in.velocity[i], state.activation[i]);
    state.normalised_tendon_force[i] = r.normalised_tendon_force;
    const auto u = static_cast<std::size_t>(i);
    report.status[u] = r.status;
    report.iterations[u] = r.iterations;
    report.residual[u] = r.residual;
  });
  return report;
}

}  // namespace tonus::muscle
