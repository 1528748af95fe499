// Per-posture cost of the body (default model, 178 fascicles, 24 dofs), single thread:
// BM_BodyPathGeometry: angles into Simbody, segment poses, every fascicle's length and its
// moment arms about every dof; BM_BodyInverseDynamics: one inverse dynamics with gravity, arm
// weight and a held load; BM_BodyGeometryAndInverseDynamics: both, as a frame of a run does.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>

#include "body/dynamics.hpp"
#include "body/model_file.hpp"
#include "body/posture.hpp"

namespace {

using namespace tonus::body;

struct Setup {
  ModelSpec spec = loadDefaultModel();
  SpineModel model{spec, {spec.reference_sex, spec.reference_height, spec.reference_mass, 40}};
  std::vector<Motion> motions;
  MultibodyState state = model.makeState();
  Kinematics kin;
  PathGeometry geometry;

  Setup() {
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    for (int i = 0; i < 64; ++i) {
      TrunkPosture p;
      p.flexion = 0.6 * (u(rng) + 1.0);
      p.lateral_bending = 0.2 * u(rng);
      p.axial_rotation = 0.3 * u(rng);
      p.neck_flexion = 0.4 * u(rng);
      Motion m = Motion::still(jointAngles(model, p));
      m.qdot = 0.5 * Eigen::VectorXd::Random(model.dofCount());
      m.qddot = 2.0 * Eigen::VectorXd::Random(model.dofCount());
      motions.push_back(m);
    }
  }
  void geometryFor(const Motion& m) {
    setMotion(model, state, m);
    computeKinematics(model, state, kin);
    computePathGeometry(model, kin, geometry);
  }
  Eigen::VectorXd inverseDynamicsFor(const Motion& m) {
    std::vector<PointLoad> loads = armWeight(model, kin, hangingHands(model, kin));
    loads.push_back(heldMass(model, 10.0, kin.origin[0] + Vec3d(0.4, 0.9, 0.0), "box"));
    return inverseDynamics(model, state, kin, m, loads);
  }
};

void reportPostures(benchmark::State& st) {
  st.counters["postures_per_second"] = benchmark::Counter(static_cast<double>(st.iterations()), benchmark::Counter::kIsRate);
}

void BM_BodyPathGeometry(benchmark::State& st) {
  Setup s;
  std::size_t i = 0;
  for (auto _ : st) {
    s.geometryFor(s.motions[i++ % s.motions.size()]);
    benchmark::DoNotOptimize(s.geometry.moment_arm.data());
  }
  st.counters["fascicles"] = s.model.fascicleCount();
  reportPostures(st);
}
BENCHMARK(BM_BodyPathGeometry);

// The two halves of BM_BodyPathGeometry: Simbody's realisation of one posture and motion,
// and Tonus's own kinematics plus path geometry from the realised state.
void BM_BodySimbodyRealise(benchmark::State& st) {
  Setup s;
  std::size_t i = 0;
  for (auto _ : st) setMotion(s.model, s.state, s.motions[i++ % s.motions.size()]);
  reportPostures(st);
}
BENCHMARK(BM_BodySimbodyRealise);

void BM_BodyKinematicsAndPaths(benchmark::State& st) {
  Setup s;
  s.geometryFor(s.motions[3]);
  for (auto _ : st) {
    computeKinematics(s.model, s.state, s.kin);
    computePathGeometry(s.model, s.kin, s.geometry);
    benchmark::DoNotOptimize(s.geometry.moment_arm.data());
  }
  reportPostures(st);
}
BENCHMARK(BM_BodyKinematicsAndPaths);

void BM_BodyInverseDynamics(benchmark::State& st) {
  Setup s;
  s.geometryFor(s.motions[0]);
  for (auto _ : st) benchmark::DoNotOptimize(s.inverseDynamicsFor(s.motions[0]).data());
  reportPostures(st);
}
BENCHMARK(BM_BodyInverseDynamics);

void BM_BodyGeometryAndInverseDynamics(benchmark::State& st) {
  Setup s;
  std::size_t i = 0;
  for (auto _ : st) {
    const Motion& m = s.motions[i++ % s.motions.size()];
    s.geometryFor(m);
    benchmark::DoNotOptimize(s.inverseDynamicsFor(m).data());
  }
  st.counters["fascicles"] = s.model.fascicleCount();
  reportPostures(st);
}
BENCHMARK(BM_BodyGeometryAndInverseDynamics);

// One forward-dynamics step of the spine (Multibody::integrate) under gravity and joint springs,
// with Simbody's fixed-step integrator of each kind: arg 0 semi-explicit Euler, 1 RK2, 2 RK3;
// `range(1)` body steps of 1 ms per call.
void BM_BodyForwardStep(benchmark::State& st) {
  Setup s;
  const auto kind = static_cast<BodyIntegrator>(st.range(0));
  const int steps = static_cast<int>(st.range(1));
  const ForceModel springs = [](const Eigen::VectorXd& q, const Eigen::VectorXd& qdot, AppliedForces& out) {
    out.mobility = -300.0 * q - 0.5 * qdot;
  };
  MultibodyState state = s.model.makeState();
  s.model.multibody().setMotion(state, s.motions[0].q, Eigen::VectorXd::Zero(s.model.dofCount()));
  for (auto _ : st) {
    s.model.multibody().integrate(state, 1e-3 * steps, 1e-3, kind, 9.80665, springs);
    benchmark::DoNotOptimize(state.q().data());
  }
  st.counters["body_steps_per_second"] =
      benchmark::Counter(static_cast<double>(st.iterations()) * steps, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BodyForwardStep)->ArgsProduct({{0, 1, 2}, {1, 100}});

}  // namespace

BENCHMARK_MAIN();
