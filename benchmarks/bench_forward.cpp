// Forward dynamics of the whole default model (178 fascicles, compliant tendons, reflexes on):
// standing 0.5 s, then catching 9 kg dropped 0.2 m into a box, 3 s in all, on one core.
// Counters: sim_seconds_per_second (the target: >= 50), the step, the accuracy of the run's
// peaks against a run of quarter steps, and each stage's share of the wall time per step.
#include <benchmark/benchmark.h>

#include <cmath>

#include "body/model_file.hpp"
#include "input/yaml_reader.hpp"
#include "scenario/scenario_file.hpp"
#include "sim/run.hpp"

namespace {

using namespace tonus;

const char* kCatch = R"(
name: bench-catch
timeline:
  - catch: {load_kg: 9, duration: 3s}
output: {sample_every: 0.01s}
)";

struct Peaks {
  double flexion_deg = 0.0, l5s1_N = 0.0;
};

Peaks peaksOf(const sim::RunResult& r) {
  const sim::PhaseSummary& p = r.phases.front();
  return {*p.peak_trunk_flexion_deg, p.channels[r.channelIndex("L5S1_compression_N")].peak};
}

void BM_ForwardCatch(benchmark::State& st) {
  const body::ModelSpec spec = body::loadDefaultModel();
  const body::SpineModel model(spec, {spec.reference_sex, spec.reference_height, spec.reference_mass, 40});
  const scenario::Scenario s = scenario::loadScenarioText(kCatch, "bench-catch.yaml");
  const scenario::Timeline timeline(s, model);
  sim::RunOptions options;
  options.forward.body_step = 1e-3 * static_cast<double>(st.range(0)) / 4.0;
  sim::RunResult last;
  for (auto _ : st) {
    // A step too long for the event is reported as such, not a crash of the whole benchmark.
    try {
      last = sim::runScenario(s, model, timeline, options);
    } catch (const input::InputError& e) {
      st.SkipWithError(e.what());
      return;
    }
    benchmark::DoNotOptimize(last.frames);
  }
  const double steps = static_cast<double>(last.frames);
  st.counters["sim_seconds_per_second"] =
      benchmark::Counter(last.simulated_s * static_cast<double>(st.iterations()), benchmark::Counter::kIsRate);
  st.counters["body_step_ms"] = options.forward.body_step * 1e3;
  // Each stage's wall time per step [us] (the last run's).
  for (int k = 0; k < sim::kStageCount; ++k) {
    if (last.stage_seconds[k] > 0.0) st.counters[std::string("us_") + sim::kStageNames[k]] = 1e6 * last.stage_seconds[k] / steps;
  }
  // Accuracy: the peaks against quarter steps (computed once, outside the timing).
  sim::RunOptions fine = options;
  fine.forward.body_step = options.forward.body_step / 4.0;
  const Peaks reference = peaksOf(sim::runScenario(s, model, timeline, fine)), run = peaksOf(last);
  st.counters["flexion_error_deg"] = std::fabs(run.flexion_deg - reference.flexion_deg);
  st.counters["l5s1_error_percent"] = 100.0 * std::fabs(run.l5s1_N - reference.l5s1_N) / reference.l5s1_N;
}
// Arg: the body step in quarter milliseconds (4: 1 ms, the default; 2: 0.5 ms).
BENCHMARK(BM_ForwardCatch)->Arg(8)->Arg(4)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
