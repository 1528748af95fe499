// Whole runs through the CLI's pipeline (load, validate, run; no files written): the 8-hour
// desk day (BM_RunDeskDay, issue 4's target: <= 5 s, aim <= 2 s on one core) and the default
// working morning (BM_RunDefaultScenario). Counter: simulated seconds per wall second.
#include <benchmark/benchmark.h>

#include "body/model_file.hpp"
#include "scenario/scenario_file.hpp"
#include "sim/run.hpp"

namespace {

using namespace tonus;

void runScenarioFile(benchmark::State& st, const scenario::Scenario& s) {
  const body::ModelSpec spec = body::loadDefaultModel();
  double simulated = 0;
  for (auto _ : st) {
    const body::SpineModel model(spec, sim::subjectFor(s, spec));
    const scenario::Timeline timeline(s, model);
    const sim::RunResult r = sim::runScenario(s, model, timeline);
    simulated += r.simulated_s;
    benchmark::DoNotOptimize(r.samples.data());
  }
  st.counters["realtime_factor"] = benchmark::Counter(simulated, benchmark::Counter::kIsRate);
}

void BM_RunDeskDay(benchmark::State& st) {
  runScenarioFile(st, scenario::loadScenarioFile(std::string(TONUS_SOURCE_DIR) + "/scenarios/desk-day.yaml"));
}
BENCHMARK(BM_RunDeskDay)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_RunDefaultScenario(benchmark::State& st) { runScenarioFile(st, scenario::loadDefaultScenario()); }
BENCHMARK(BM_RunDefaultScenario)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
