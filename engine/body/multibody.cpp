// Built as C++17 (Simbody 3.7's headers are not C++20-clean); see multibody.hpp.
#include "body/multibody.hpp"

#include <Simbody.h>

#include <algorithm>
#include <stdexcept>

namespace tonus::body {
namespace {

SimTK::Vec3 toSimTK(const Vec3d& v) { return {v.x(), v.y(), v.z()}; }
Vec3d toEigen(const SimTK::Vec3& v) { return {v[0], v[1], v[2]}; }

SimTK::Rotation gimbalRotation() {
  const Eigen::Matrix3d& g = Multibody::gimbalFrame();
  SimTK::Rotation r;
  r.setRotationFromMat33TrustMe(SimTK::Mat33(g(0, 0), g(0, 1), g(0, 2), g(1, 0), g(1, 1), g(1, 2), g(2, 0), g(2, 1),
                                             g(2, 2)));
  return r;
}

// The caller's forces, asked for at each stage of Simbody's integrator (forward dynamics only;
// inverse dynamics passes its applied forces directly and never consults force elements).
class CallbackForce : public SimTK::Force::Custom::Implementation {
 public:
  explicit CallbackForce(const std::vector<SimTK::MobilizedBodyIndex>& mobods) : mobods_(mobods) {}
  const ForceModel* model = nullptr;  // set while integrate() runs

  void calcForce(const SimTK::State& state, SimTK::Vector_<SimTK::SpatialVec>& body_forces,
                 SimTK::Vector_<SimTK::Vec3>&, SimTK::Vector& mobility_forces) const override {
    if (!model) return;
    const int n = state.getNQ();
    q_.resize(n);
    u_.resize(n);
    for (int i = 0; i < n; ++i) {
      q_[i] = state.getQ()[i];
      u_[i] = state.getU()[i];
    }
    out_.mobility.setZero(n);
    out_.body.assign(mobods_.size(), Wrench{});
    (*model)(q_, u_, out_);
    for (int i = 0; i < n; ++i) mobility_forces[i] += out_.mobility[i];
    for (std::size_t b = 0; b < mobods_.size(); ++b)
      body_forces[mobods_[b]] += SimTK::SpatialVec(toSimTK(out_.body[b].moment), toSimTK(out_.body[b].force));
  }
  SimTK::Real calcPotentialEnergy(const SimTK::State&) const override { return 0.0; }

 private:
  const std::vector<SimTK::MobilizedBodyIndex>& mobods_;
  mutable Eigen::VectorXd q_, u_;
  mutable AppliedForces out_;
};

}  // namespace

// A Simbody system of the segments: one per MultibodyState (see multibody.hpp).
struct MultibodyState::Impl {
  SimTK::MultibodySystem system;
  SimTK::SimbodyMatterSubsystem matter{system};
  SimTK::GeneralForceSubsystem forces{system};
  std::vector<SimTK::MobilizedBodyIndex> mobods;
  SimTK::State state;
  // Forward dynamics: gravity, the caller's forces, and the integrator (made on first use; it
  // starts again from `state` whenever the angles or rates were set from outside).
  std::unique_ptr<SimTK::Force::Gravity> gravity;
  CallbackForce* callback = nullptr;  // owned by the Force::Custom element
  std::unique_ptr<SimTK::Integrator> integrator;
  // The state everything reads: the integrator's while it is current, else `state`.
  const SimTK::State& current() const { return integrator_current ? integrator->getState() : state; }
  BodyIntegrator integrator_kind = BodyIntegrator::SemiExplicitEuler;
  double integrator_step = 0.0;
  bool integrator_current = false;

  explicit Impl(const std::vector<MultibodySegment>& segments) {
    const SimTK::Rotation gimbal = gimbalRotation();
    for (const MultibodySegment& s : segments) {
      const Eigen::Matrix3d& I = s.inertia_about_com;
      const SimTK::Inertia about_com(SimTK::Mat33(I(0, 0), I(0, 1), I(0, 2), I(1, 0), I(1, 1), I(1, 2), I(2, 0),
                                                  I(2, 1), I(2, 2)));
      const SimTK::MassProperties mass(s.mass, toSimTK(s.centre_of_mass),
                                       about_com.shiftFromMassCenter(toSimTK(s.centre_of_mass), s.mass));
      SimTK::MobilizedBody& parent = s.parent < 0 ? matter.updGround() : matter.updMobilizedBody(mobods[s.parent]);
      SimTK::MobilizedBody::Gimbal body(parent, SimTK::Transform(gimbal, toSimTK(s.joint_in_parent)),
                                        SimTK::Body::Rigid(mass), SimTK::Transform(gimbal, SimTK::Vec3(0)));
      mobods.push_back(body.getMobilizedBodyIndex());
    }
    gravity = std::make_unique<SimTK::Force::Gravity>(forces, matter, -SimTK::YAxis, 0.0);
    callback = new CallbackForce(mobods);
    SimTK::Force::Custom(forces, callback);
    system.realizeTopology();
    state = system.getDefaultState();
    system.realizeModel(state);
  }
};

MultibodyState::MultibodyState() = default;
MultibodyState::MultibodyState(std::shared_ptr<const std::vector<MultibodySegment>> segments)
    : impl_(std::make_unique<Impl>(*segments)), segments_(std::move(segments)) {}
MultibodyState::~MultibodyState() = default;
MultibodyState::MultibodyState(MultibodyState&&) noexcept = default;
MultibodyState& MultibodyState::operator=(MultibodyState&&) noexcept = default;
MultibodyState::MultibodyState(const MultibodyState& other) { *this = other; }
MultibodyState& MultibodyState::operator=(const MultibodyState& other) {
  if (this == &other) return *this;
  // A copy gets a system of its own, and the other's positions and velocities.
  segments_ = other.segments_;
  impl_ = segments_ ? std::make_unique<Impl>(*segments_) : nullptr;
  q_ = other.q_;
  qdot_ = other.qdot_;
  time_ = other.time_;
  if (impl_ && q_.size() > 0) {
    impl_->state.setTime(time_);
    SimTK::Vector& state_q = impl_->state.updQ();
    SimTK::Vector& state_u = impl_->state.updU();
    for (Eigen::Index i = 0; i < q_.size(); ++i) state_q[static_cast<int>(i)] = q_[i];
    for (Eigen::Index i = 0; i < qdot_.size(); ++i) state_u[static_cast<int>(i)] = qdot_[i];
    impl_->system.realize(impl_->state, SimTK::Stage::Velocity);
  }
  return *this;
}

const Eigen::Matrix3d& Multibody::gimbalFrame() {
  static const Eigen::Matrix3d frame = (Eigen::Matrix3d() << 0, 1, 0,  //
                                        0, 0, -1,                      //
                                        -1, 0, 0)
                                           .finished();
  return frame;
}

Multibody::Multibody(const std::vector<MultibodySegment>& segments)
    : segments_(std::make_shared<const std::vector<MultibodySegment>>(segments)) {
  // Built once here too, so a model Simbody rejects is refused when it is compiled.
  MultibodyState check(segments_);
}

Multibody::~Multibody() = default;

int Multibody::segmentCount() const { return static_cast<int>(segments_->size()); }

MultibodyState Multibody::makeState() const {
  MultibodyState s(segments_);
  s.q_ = Eigen::VectorXd::Zero(dofCount());
  s.qdot_ = Eigen::VectorXd::Zero(dofCount());
  setMotion(s, s.q_, s.qdot_);
  return s;
}

void Multibody::setPositions(MultibodyState& s, const Eigen::VectorXd& q) const {
  SimTK::Vector& state_q = s.impl_->state.updQ();
  for (int i = 0; i < dofCount(); ++i) state_q[i] = q[i];
  s.q_ = q;
  s.impl_->integrator_current = false;
  s.impl_->system.realize(s.impl_->state, SimTK::Stage::Position);
}

void Multibody::setMotion(MultibodyState& s, const Eigen::VectorXd& q, const Eigen::VectorXd& qdot) const {
  SimTK::Vector& state_q = s.impl_->state.updQ();
  SimTK::Vector& state_u = s.impl_->state.updU();
  for (int i = 0; i < dofCount(); ++i) {
    state_q[i] = q[i];
    state_u[i] = qdot[i];  // Gimbal: u = qdot
  }
  s.q_ = q;
  s.qdot_ = qdot;
  s.impl_->integrator_current = false;
  s.impl_->system.realize(s.impl_->state, SimTK::Stage::Velocity);
}

void Multibody::poses(const MultibodyState& s, std::vector<Eigen::Matrix3d>& rotation,
                      std::vector<Vec3d>& origin) const {
  const int n = segmentCount();
  rotation.resize(static_cast<std::size_t>(n));
  origin.resize(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const SimTK::Transform& X = s.impl_->matter.getMobilizedBody(s.impl_->mobods[i]).getBodyTransform(s.impl_->current());
    const SimTK::Mat33& R = X.R().asMat33();
    for (int r = 0; r < 3; ++r) {
      for (int c = 0; c < 3; ++c) rotation[i](r, c) = R(r, c);
    }
    origin[i] = toEigen(X.p());
  }
}

void Multibody::accelerations(const MultibodyState& s, const Eigen::VectorXd& qddot, std::vector<Vec3d>& omega,
                              std::vector<Vec3d>& alpha, std::vector<Vec3d>& origin_acceleration) const {
  const int n = segmentCount();
  SimTK::Vector udot(dofCount());
  for (int i = 0; i < dofCount(); ++i) udot[i] = qddot[i];
  SimTK::Vector_<SimTK::SpatialVec> A_GB;
  const MultibodyState::Impl& m = *s.impl_;
  m.matter.calcBodyAccelerationFromUDot(m.current(), udot, A_GB);
  omega.resize(static_cast<std::size_t>(n));
  alpha.resize(static_cast<std::size_t>(n));
  origin_acceleration.resize(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const SimTK::MobilizedBody& body = m.matter.getMobilizedBody(m.mobods[i]);
    omega[i] = toEigen(body.getBodyAngularVelocity(m.current()));
    alpha[i] = toEigen(A_GB[m.mobods[i]][0]);
    origin_acceleration[i] = toEigen(A_GB[m.mobods[i]][1]);
  }
}

Eigen::VectorXd Multibody::inverseDynamics(const MultibodyState& s, const Eigen::VectorXd& qddot,
                                           const std::vector<Wrench>& applied) const {
  const MultibodyState::Impl& m = *s.impl_;
  SimTK::Vector_<SimTK::SpatialVec> body_forces(m.matter.getNumBodies(), SimTK::SpatialVec(SimTK::Vec3(0), SimTK::Vec3(0)));
  for (int i = 0; i < segmentCount(); ++i) {
    body_forces[m.mobods[i]] = SimTK::SpatialVec(toSimTK(applied[i].moment), toSimTK(applied[i].force));
  }
  SimTK::Vector udot(dofCount());
  for (int i = 0; i < dofCount(); ++i) udot[i] = qddot[i];
  SimTK::Vector residual;
  m.matter.calcResidualForceIgnoringConstraints(m.current(), SimTK::Vector(), body_forces, udot, residual);
  Eigen::VectorXd tau(dofCount());
  for (int i = 0; i < dofCount(); ++i) tau[i] = residual[i];
  return tau;
}

namespace {

std::unique_ptr<SimTK::Integrator> makeIntegrator(const SimTK::System& system, BodyIntegrator kind, double step) {
  std::unique_ptr<SimTK::Integrator> integrator;
  switch (kind) {
    case BodyIntegrator::SemiExplicitEuler:
      integrator = std::make_unique<SimTK::SemiExplicitEulerIntegrator>(system, step);
      break;
    case BodyIntegrator::RungeKutta2:
      integrator = std::make_unique<SimTK::RungeKutta2Integrator>(system);
      break;
    case BodyIntegrator::RungeKutta3:
      integrator = std::make_unique<SimTK::RungeKutta3Integrator>(system);
      break;
  }
  integrator->setFixedStepSize(step);
  integrator->setAllowInterpolation(false);
  integrator->setProjectEveryStep(false);
  return integrator;
}

}  // namespace

void Multibody::integrate(MultibodyState& s, double dt, double step, BodyIntegrator kind, double gravity,
                          const ForceModel& forces) const {
  MultibodyState::Impl& m = *s.impl_;
  if (!m.integrator || m.integrator_kind != kind || m.integrator_step != step) {
    m.integrator = makeIntegrator(m.system, kind, step);
    m.integrator_kind = kind;
    m.integrator_step = step;
    m.integrator_current = false;
  }
  // The force model is the caller's only while this call runs, even if Simbody throws.
  struct Lend {
    CallbackForce* callback;
    ~Lend() { callback->model = nullptr; }
  } lend{m.callback};
  m.callback->model = &forces;
  if (!m.integrator_current || m.gravity->getMagnitude(m.integrator->getState()) != gravity) {
    m.state.setTime(s.time_);
    m.gravity->setMagnitude(m.state, gravity);
    m.integrator->initialize(m.state);
    m.integrator_current = true;
  }
  // Simbody's first call after initialize() returns at the start (StartOfContinuousInterval);
  // the loop runs until the end is reached.
  const double end = s.time_ + dt;
  for (int calls = 0; m.integrator->getTime() < end - 1e-12 * std::max(1.0, end); ++calls) {
    if (calls > 2 + static_cast<int>(dt / step)) throw std::runtime_error("Simbody's integrator did not reach the step's end");
    m.integrator->stepTo(end);
  }
  // The integrator's state stays the one everything reads (a copy costs more than a step).
  const SimTK::State& end_state = m.integrator->getState();
  if (end_state.getSystemStage() < SimTK::Stage::Acceleration) m.system.realize(end_state, SimTK::Stage::Acceleration);
  const int n = dofCount();
  s.q_.resize(n);
  s.qdot_.resize(n);
  s.qddot_.resize(n);
  for (int i = 0; i < n; ++i) {
    s.q_[i] = end_state.getQ()[i];
    s.qdot_[i] = end_state.getU()[i];
    s.qddot_[i] = end_state.getUDot()[i];
  }
  s.time_ = end_state.getTime();
}

}  // namespace tonus::body
