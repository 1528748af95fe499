// Muscles evaluated per second (counter `muscles_per_second`, over wall time) by the batch
// kernel (benchmarks named *MuscleBank*) and by the object-per-muscle scalar reference
// (*ScalarReference*), on a trunk-sized bank of 238 synthetic units (the default model's trunk
// has 178 fascicles; the name is kept for comparable figures) and a population batch (238 x 64),
// with compliant tendons in a moving, off-equilibrium state so every branch does real work.
// Unless OMP_WAIT_POLICY is set, the binary restarts itself with it PASSIVE (main, below).
#include <benchmark/benchmark.h>

#include <random>

#include "core/openmp_wait_policy.hpp"
#include "muscle/bank_fixtures.hpp"
#include "muscle/compliant_step.hpp"
#include "muscle/reference/scalar_muscle.hpp"

namespace {

using namespace tonus::muscle;

constexpr int kTrunk = 238;
constexpr int kPopulation = 238 * 64;

struct Workload {
  std::vector<MuscleSpec> specs;
  MuscleBank bank;
  MuscleInputs in;
  MuscleState state;

  Workload(int n, BankOptions options)
      : specs(testing::variedSpecs(n, 2024)), bank(specs, options), in(bank.makeInputs()), state(bank.makeState()) {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    for (int i = 0; i < n; ++i) {
      in.length[i] = testing::pathLengthFor(specs[i], 0.7 + 0.6 * u01(rng));
      in.velocity[i] = (u01(rng) - 0.5) * 0.5 * bank.parameters().max_velocity_mps[i];
      in.excitation[i] = u01(rng);
      state.activation[i] = 0.05 + 0.9 * u01(rng);
    }
    bank.equilibrate(in, state);
    for (int i = 0; i < n; ++i) state.normalised_tendon_force[i] *= 0.95 + 0.1 * u01(rng);
  }
};

void reportRate(benchmark::State& st, int muscles) {
  st.counters["muscles_per_second"] =
      benchmark::Counter(static_cast<double>(muscles) * static_cast<double>(st.iterations()), benchmark::Counter::kIsRate);
}

void BM_MuscleBankCompliant(benchmark::State& st) {
  const int n = static_cast<int>(st.range(0)), threads = static_cast<int>(st.range(1));
  Workload w(n, {.tendon = TendonModel::Compliant});
  MuscleOutputs out = w.bank.makeOutputs();
  for (auto _ : st) {
    w.bank.evaluate(w.in, w.state, out, threads);
    benchmark::DoNotOptimize(out.tendon_force.data());
    benchmark::ClobberMemory();
  }
  reportRate(st, n);
}
BENCHMARK(BM_MuscleBankCompliant)
    ->ArgsProduct({{kTrunk, 238 * 8, kPopulation}, {1, 2}})
    ->ArgNames({"muscles", "threads"})
    ->UseRealTime();

void BM_MuscleBankRigid(benchmark::State& st) {
  const int n = static_cast<int>(st.range(0)), threads = static_cast<int>(st.range(1));
  Workload w(n, {.tendon = TendonModel::Rigid});
  MuscleOutputs out = w.bank.makeOutputs();
  for (auto _ : st) {
    w.bank.evaluate(w.in, w.state, out, threads);
    benchmark::DoNotOptimize(out.tendon_force.data());
    benchmark::ClobberMemory();
  }
  reportRate(st, n);
}
BENCHMARK(BM_MuscleBankRigid)->ArgsProduct({{kPopulation}, {1, 2}})->ArgNames({"muscles", "threads"})->UseRealTime();

// The usual design: a vector of muscle objects, each evaluated in turn through virtual curves.
void BM_ScalarReferenceCompliant(benchmark::State& st) {
  const int n = static_cast<int>(st.range(0));
  Workload w(n, {.tendon = TendonModel::Compliant});
  std::vector<reference::ScalarMuscle> muscles;
  muscles.reserve(static_cast<std::size_t>(n));
  for (const auto& s : w.specs) muscles.emplace_back(s, BankOptions{.tendon = TendonModel::Compliant});
  std::vector<reference::ScalarMuscleResult> results(static_cast<std::size_t>(n));
  for (auto _ : st) {
    for (int i = 0; i < n; ++i) {
      results[static_cast<std::size_t>(i)] = muscles[static_cast<std::size_t>(i)].evaluate(
          w.in.length[i], w.in.velocity[i], w.in.excitation[i], w.state.activation[i], w.state.normalised_tendon_force[i]);
    }
    benchmark::DoNotOptimize(results.data());
    benchmark::ClobberMemory();
  }
  reportRate(st, n);
}
BENCHMARK(BM_ScalarReferenceCompliant)->Arg(kTrunk)->Arg(kPopulation)->ArgName("muscles")->UseRealTime();

// Equilibrium initialisation of a whole population batch (done once per posture change).
void BM_MuscleBankEquilibrate(benchmark::State& st) {
  const int threads = static_cast<int>(st.range(0));
  Workload w(kPopulation, {.tendon = TendonModel::Compliant});
  MuscleState state = w.state;
  for (auto _ : st) {
    auto report = w.bank.equilibrate(w.in, state, threads);
    benchmark::DoNotOptimize(report.iterations.data());
  }
  reportRate(st, kPopulation);
}
BENCHMARK(BM_MuscleBankEquilibrate)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime();

// Issue 14's question: many subjects' forward runs side by side. One run per thread (each
// subject's own trunk-sized bank, stepped on one thread, subjects shared among the threads)
// against a lockstep batch (all subjects' muscles in one bank, each step spread over the
// threads). Both take the forward stepper's 1 ms muscle step (two implicit substeps) for every
// subject; the counter is subject-steps per second.
constexpr int kSubjects = 16;

void reportSubjectSteps(benchmark::State& st) {
  st.counters["subject_steps_per_second"] =
      benchmark::Counter(static_cast<double>(kSubjects) * static_cast<double>(st.iterations()), benchmark::Counter::kIsRate);
}

void BM_ForwardMusclesOneRunPerThread(benchmark::State& st) {
  const int threads = static_cast<int>(st.range(0));
  std::vector<Workload> subjects;
  std::vector<MuscleOutputs> outs;
  std::vector<CompliantWork> works;
  for (int k = 0; k < kSubjects; ++k) {
    subjects.emplace_back(kTrunk, BankOptions{.tendon = TendonModel::Compliant});
    outs.push_back(subjects.back().bank.makeOutputs());
    works.push_back(makeCompliantWork(subjects.back().bank));
  }
  for (auto _ : st) {
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int k = 0; k < kSubjects; ++k) {
      Workload& w = subjects[static_cast<std::size_t>(k)];
      compliantSteps(w.bank, w.in, 1e-3, 2, w.state, outs[static_cast<std::size_t>(k)], works[static_cast<std::size_t>(k)], 1);
    }
    benchmark::ClobberMemory();
  }
  reportSubjectSteps(st);
}
BENCHMARK(BM_ForwardMusclesOneRunPerThread)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime();

void BM_ForwardMusclesLockstep(benchmark::State& st) {
  const int threads = static_cast<int>(st.range(0));
  Workload all(kTrunk * kSubjects, {.tendon = TendonModel::Compliant});
  MuscleOutputs out = all.bank.makeOutputs();
  CompliantWork work = makeCompliantWork(all.bank);
  for (auto _ : st) {
    compliantSteps(all.bank, all.in, 1e-3, 2, all.state, out, work, threads);
    benchmark::ClobberMemory();
  }
  reportSubjectSteps(st);
}
BENCHMARK(BM_ForwardMusclesLockstep)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime();

}  // namespace

// The bank's thread teams wait passively unless the caller chose otherwise (OMP_WAIT_POLICY):
// the figures are those of the policy a user on a shared machine should run with.
int main(int argc, char** argv) {
  tonus::restartWithPassiveOpenMpWaitUnlessChosen(argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
