// Muscle recruitment per frame: Tonus's dual semismooth Newton solver (BM_RecruitTonus) and
// Simbody's general interior-point optimiser (BM_RecruitSimTKOptimizer, as OpenSim's static
// optimisation uses) on the same consecutive frames of the default model; counters:
// us_per_frame, and for the general solver the largest activation difference from Tonus's.
#include <benchmark/benchmark.h>

#include "recruitment_frames.hpp"
#include "simtk_recruitment.hpp"

namespace {

using namespace tonus;

constexpr int kGeneralStride = 29;  // 15 of the 435 frames, spread over every activity

const bench::RecruitmentFrames& frames() {
  static const bench::RecruitmentFrames f = bench::recruitmentFrames();
  return f;
}

// Every `stride`-th frame: the general solver is too slow for all of them, so both solvers
// are also timed on the same thinned sequence (warm starts then span `stride` frames).
std::vector<const recruit::Problem*> thinned(int stride) {
  std::vector<const recruit::Problem*> out;
  for (std::size_t k = 0; k < frames().problems.size(); k += static_cast<std::size_t>(stride)) out.push_back(&frames().problems[k]);
  return out;
}

// Microseconds per frame from frames solved over the timed loop.
benchmark::Counter perFrame(double solved) {
  return benchmark::Counter(solved * 1e-6, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_RecruitTonus(benchmark::State& st) {
  const auto& f = frames();
  const auto problems = thinned(static_cast<int>(st.range(0)));
  double solved = 0;
  int worst = 0;
  for (auto _ : st) {
    recruit::Recruiter recruiter(f.settings);  // as in a run: warm-started frame to frame
    for (const recruit::Problem* p : problems) {
      const recruit::Solution s = recruiter.solve(*p);
      worst = std::max(worst, s.iterations);
      benchmark::DoNotOptimize(s.activation.data());
    }
    solved += static_cast<double>(problems.size());
  }
  st.counters["us_per_frame"] = perFrame(solved);
  st.counters["fascicles"] = f.fascicles;
  st.counters["frames"] = static_cast<double>(problems.size());
  st.counters["worst_iterations"] = worst;
}
BENCHMARK(BM_RecruitTonus)->ArgName("stride")->Arg(1)->Arg(kGeneralStride)->Unit(benchmark::kMillisecond);

// A whole posture frame as a run solves it: kinematics, muscle and ligament paths, loads,
// passive tissues (hanging in deep bends), inverse dynamics with the abdominal pressure,
// recruitment and joint loads, on the same 435 frames.
void BM_FrameTonus(benchmark::State& st) {
  const body::ModelSpec spec = body::loadDefaultModel();
  const body::SpineModel model(spec, {spec.reference_sex, spec.reference_height, spec.reference_mass, 40});
  const bench::FrameInputs in = bench::frameInputs(model);
  const Eigen::VectorXd floor = Eigen::VectorXd::Constant(model.fascicleCount(), model.muscles().options().minimum_activation);
  const Eigen::VectorXd capacity = Eigen::VectorXd::Ones(model.fascicleCount());
  double solved = 0;
  for (auto _ : st) {
    sim::FrameSolver solver(model, Eigen::VectorXd::Ones(model.fascicleCount()));
    for (std::size_t k = 0; k < in.targets.size(); ++k) {
      const sim::FrameResult r = solver.solve(in.targets[k], in.motions[k], floor, capacity);
      benchmark::DoNotOptimize(r.activation.data());
    }
    solved += static_cast<double>(in.targets.size());
  }
  st.counters["us_per_frame"] = perFrame(solved);
  st.counters["frames"] = static_cast<double>(in.targets.size());
}
BENCHMARK(BM_FrameTonus)->Unit(benchmark::kMillisecond);

void BM_RecruitSimTKOptimizer(benchmark::State& st) {
  const auto& f = frames();
  const auto problems = thinned(static_cast<int>(st.range(0)));
  // Tonus's answers, to measure agreement.
  std::vector<Eigen::VectorXd> reference;
  recruit::Recruiter recruiter(f.settings);
  for (const recruit::Problem* p : problems) reference.push_back(recruiter.solve(*p).activation);
  double solved = 0, worst_difference = 0;
  int failures = 0;
  for (auto _ : st) {
    Eigen::VectorXd warm = Eigen::VectorXd::Constant(f.fascicles, 0.05);
    for (std::size_t k = 0; k < problems.size(); ++k) {
      const bench::GeneralSolution s = bench::solveWithSimTKOptimizer(*problems[k], f.settings, warm);
      failures += s.ok ? 0 : 1;
      worst_difference = std::max(worst_difference, (s.activation - reference[k]).cwiseAbs().maxCoeff());
      warm = s.activation;
    }
    solved += static_cast<double>(problems.size());
  }
  st.counters["us_per_frame"] = perFrame(solved);
  st.counters["max_activation_difference"] = worst_difference;
  st.counters["failures"] = failures;
}
BENCHMARK(BM_RecruitSimTKOptimizer)->ArgName("stride")->Arg(kGeneralStride)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
