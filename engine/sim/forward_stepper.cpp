#include "sim/forward_stepper.hpp"

#include <algorithm>
#include <cmath>

#include "body/dynamics.hpp"
#include "body/ligaments.hpp"
#include "body/passive_joints.hpp"
#include "body/posture.hpp"
#include "input/yaml_reader.hpp"
#include "physiology/laws/spinal_reflex.hpp"
#include "sim/applied_loads.hpp"
#include "sim/quasi_static_stepper.hpp"

namespace tonus::sim {
namespace {

// The compliant-tendon bank of the model's fascicles, each at the run's strength.
muscle::MuscleBank compliantBank(const body::SpineModel& model, const Eigen::VectorXd& strength) {
  std::vector<muscle::MuscleSpec> specs;
  for (int i = 0; i < model.muscles().size(); ++i) {
    muscle::MuscleSpec s = model.muscles().spec(i);
    s.max_isometric_force *= strength[i];
    specs.push_back(s);
  }
  muscle::BankOptions options = model.muscles().options();
  options.tendon = muscle::TendonModel::Compliant;
  return muscle::MuscleBank(std::move(specs), options);
}

// A caught load: its bottom's height and velocity in ground, falling freely until it meets the
// box, then carried by the arms' spring and damper.
struct FallingLoad {
  double height = 0.0, velocity = 0.0;  // [m], [m/s]
  bool released = false, touched = false;
};

// The wrenches about the segments' origins of point loads, in ground.
void addWrenches(const std::vector<body::PointLoad>& loads, const body::Kinematics& kin, std::vector<body::Wrench>& out) {
  for (const body::PointLoad& l : loads) {
    out[l.segment].force += l.force;
    out[l.segment].moment += (l.point - kin.origin[l.segment]).cross(l.force) + l.moment;
  }
}

// How far from its posture the body may turn before the event counts as one it cannot
// withstand (a person would fall or let go) [rad].
constexpr double kLargestExcursion = 1.2;

// Simbody steps within one body step: the explicit integrator needs a step well under the
// period of the stiffest joint on the lightest segment, and the joint curves stiffen steeply
// at the ends of their ranges (at most 16).
int bodySubsteps(const body::SpineModel& model, const Eigen::VectorXd& q, double h) {
  double lightest = 1e300;
  for (int s = 0; s < model.segmentCount(); ++s)
    lightest = std::min(lightest, model.multibody().segment(s).inertia_about_com.diagonal().minCoeff());
  const double stiffest = body::passiveJointStiffness(model, q).cwiseAbs().maxCoeff();
  const double omega_h = h * std::sqrt(stiffest / lightest);
  return std::clamp(static_cast<int>(std::ceil(omega_h / 0.5)), 1, 16);
}

// The error for an event (or a tracked motion) the model's spine cannot get through, naming
// the phase; `since` is the time from the event (or the phase's start) [s].
input::InputError beyondTheBody(const scenario::Phase& phase, double since, const std::string& why) {
  const scenario::SourceRef& w = phase.where;
  std::string line = w.file + ":" + std::to_string(w.line) + ":" + std::to_string(w.column) + ": " + phase.source;
  const std::string ms = std::to_string(static_cast<int>(std::lround(since * 1000.0))) + " ms";
  if (scenario::hasSuddenEvent(phase)) {
    line += ": the spine cannot withstand this event (" + why;
    if (since >= 0.0) line += ", " + ms + " after it";
    line += "): a person would fall or let go. Try a lighter load_kg, a lower drop_height_m, a smaller force_N or a shorter "
            "duration_ms";
  } else {
    line += std::string(": the muscles cannot follow this ") + scenario::toString(phase.kind) + " (" + why + ", " + ms +
            " into the phase): try a lighter load_kg, a longer cycle_s or a lower peak_speed_deg_s, or dynamics: quasi_static";
  }
  return input::InputError(line, {w.file, w.line, w.column, phase.source});
}

}  // namespace

struct ForwardStepper::Impl {
  const body::SpineModel& model;
  const scenario::Timeline& timeline;
  ForwardSettings settings;
  FrameSolver planner;  // quasi-static frames the controller plans with (rigid tendons)
  muscle::MuscleBank bank;
  muscle::MuscleInputs muscle_in;
  muscle::MuscleState muscle_state;
  muscle::MuscleOutputs muscle_out;
  muscle::CompliantWork work;
  body::MultibodyState body;
  body::Kinematics kin;
  body::PathGeometry geometry, ligament_geometry;

  // The phase, and what its first step sets.
  const scenario::PlannedPhase* phase = nullptr;
  bool tracking = false;        // a lift or twist: the muscles follow the phase's planned motion
  scenario::BodyTarget target;  // the phase's posture now, the box as before the event
  Eigen::VectorXd q_target, qdot_target;  // [rad], [rad/s]
  body::Motion planned;         // the timeline's motion now (tracking)
  Eigen::VectorXd planned_velocity;  // per fascicle: its planned lengthening [lopt/s] (tracking)
  Eigen::VectorXd per_activation, passive_along;  // per fascicle [N]: the bank's, for the plan
  bool started = false;
  Eigen::VectorXd held_torque;  // per dof: what the model's muscles and tissues leave at the start
  Eigen::VectorXd baseline_command, prepared_command, command;  // per fascicle excitation
  Eigen::VectorXd set_length;   // per fascicle: the spindles' set length [lopt]
  body::Vec3d hand_in_thorax;   // the box's bottom, fixed in the thorax [m]
  std::vector<body::PointLoad> held_loads;  // the abdominal pressure's push, held from the start
  double abdominal_pressure = 0.0;          // [kPa] held with it
  DelayLine stretch{1, 0}, velocity{1, 0};
  int short_delay_steps = 0, long_delay_steps = 0;
  FallingLoad load;
  body::Vec3d previous_hand = body::Vec3d::Zero();
  std::optional<double> event;  // phase time of the event
  double next_plan = 0.0;       // phase time of the voluntary controller's next plan
  Eigen::VectorXd qddot;        // the last step's accelerations

  Impl(const body::SpineModel& m, const scenario::Timeline& t, const Eigen::VectorXd& strength,
       recruit::Settings recruitment, scenario::Mechanics mechanics, ForwardSettings s)
      : model(m),
        timeline(t),
        settings(s),
        planner(m, strength, recruitment, mechanics),
        bank(compliantBank(m, strength)),
        muscle_in(bank.makeInputs()),
        muscle_state(bank.makeState()),
        muscle_out(bank.makeOutputs()),
        work(muscle::makeCompliantWork(bank)),
        body(m.makeState()) {}

  int fascicles() const { return model.fascicleCount(); }
  int thorax() const { return model.arms().segment; }
  const scenario::Phase& kind() const { return phase->phase; }

  // Kinematics and every path (muscles, ligaments) at the body's state.
  void geometryNow(std::array<double, kStageCount>& seconds) {
    {
      StageTimer timer(seconds, kKinematics);
      body::computeKinematics(model, body, kin);
      kin.hip_flexion = body::hipFlexion(model, body.q(), target.posture.thigh_flexion);
    }
    StageTimer timer(seconds, kPaths);
    body::computePathGeometry(model, kin, geometry);
    if (model.ligaments().count() > 0) {
      body::computePathGeometry(model, model.ligaments().paths, model.ligaments().count(), kin, ligament_geometry);
    }
  }

  // Tracking: the timeline's posture and motion at run time `time`.
  void follow(double time);
  // Tracking: CMC-like, static optimisation at the body's state for the planned acceleration
  // plus a PD correction; what the planned muscles leave becomes the held torque.
  void track(const StepRequest& r);

  // The target a static plan prepares for: `share` of the caught load in the box, or of the
  // released load gone.
  scenario::BodyTarget plannedTarget(double share) const {
    scenario::BodyTarget prepared = target;
    if (kind().kind == scenario::PhaseKind::Catch) prepared.hand_mass += share * kind().load_kg;
    if (kind().kind == scenario::PhaseKind::Release) prepared.hand_mass -= share * kind().load_kg;
    return prepared;
  }

  // The first step: the quasi-static frame at the target gives the command and everything the
  // muscles and tissues do not carry (held), and the bank starts in equilibrium there.
  void start(const StepRequest& r, std::array<double, kStageCount>& seconds);
  // The controller's command at phase time t, before reflexes.
  void plan(const StepRequest& r, double t, std::array<double, kStageCount>& seconds);
  // The event's loads at phase time t (the box's contents, a push) and the falling load's
  // progress over the step.
  std::vector<body::PointLoad> eventLoads(double t, double h);
  // The loads at phase time t: arms, box, the abdominal pressure's push, the event's.
  std::vector<body::PointLoad> loadsNow(double t, std::array<double, kStageCount>& seconds);
  // The command plus the delayed reflexes, within the muscles' bounds now.
  Eigen::VectorXd excitationNow(const StepRequest& r, double t, std::array<double, kStageCount>& seconds);
  // The bank over the step; returns the activation it started from.
  Eigen::VectorXd advanceMuscles(const Eigen::VectorXd& excitation, std::array<double, kStageCount>& seconds);
  // Simbody over the step under everything that acts on the bodies (throws an InputError naming
  // the phase when the body leaves its posture by more than it can survive).
  void advanceBodies(const std::vector<body::PointLoad>& loads, const FrameResult& frame, double t,
                     std::array<double, kStageCount>& seconds);
  // The frame that stands for the step: muscles and joint loads at its start.
  FrameResult frame(const Eigen::VectorXd& activation, const std::vector<body::PointLoad>& loads) const;
};

ForwardStepper::ForwardStepper(const body::SpineModel& model, const scenario::Timeline& timeline,
                               Eigen::VectorXd strength, recruit::Settings recruitment, scenario::Mechanics mechanics,
                               ForwardSettings settings)
    : impl_(std::make_unique<Impl>(model, timeline, strength, recruitment, mechanics, settings)) {}

ForwardStepper::~ForwardStepper() = default;

double ForwardStepper::trunkFlexion() const {
  const Impl& m = *impl_;
  double flexion = 0.0;
  // The pelvis and every joint up to the thorax add their flexion along the chain.
  for (int s = m.thorax(); s >= 0; s = m.model.segment(s).parent) flexion += m.body.q()[3 * s + body::kFlexion];
  return flexion;
}

void ForwardStepper::beginPhase(const scenario::PlannedPhase& phase) {
  Impl& m = *impl_;
  m.phase = &phase;
  m.tracking = !scenario::hasSuddenEvent(phase.phase);
  m.planner.allowHanging(!m.tracking);
  m.target = m.timeline.targetIn(phase.index, 0.0);
  m.q_target = body::jointAngles(m.model, m.target.posture);
  m.qdot_target = Eigen::VectorXd::Zero(m.model.dofCount());
  m.planned_velocity = Eigen::VectorXd::Zero(m.model.fascicleCount());
  m.model.multibody().setMotion(m.body, m.q_target, Eigen::VectorXd::Zero(m.model.dofCount()));
  m.started = false;
  m.load = {};
  m.event.reset();
  event_time_.reset();
}

void ForwardStepper::Impl::start(const StepRequest& r, std::array<double, kStageCount>& seconds) {
  const int n = fascicles();
  const body::Motion still = body::Motion::still(q_target);
  FrameResult baseline;
  {
    StageTimer timer(seconds, kController);
    baseline = planner.solve(target, still, *r.floor, *r.capacity);
    baseline_command = baseline.activation;
    prepared_command = baseline_command;
    // Expecting the event, the trunk's muscles co-contract: the same posture held with every
    // trunk fascicle at least `pre_tension` active, agonists and antagonists balancing.
    if (kind().expected) {
      Eigen::VectorXd floor = *r.floor;
      for (int i = 0; i < n; ++i)
        if (model.fascicle(i).region != "neck") floor[i] = std::max(floor[i], settings.pre_tension);
      prepared_command = planner.solve(target, still, floor, r.capacity->cwiseMax(floor)).activation;
    }
    command = baseline_command;
  }
  std::vector<body::PointLoad> applied = planner.lastApplied();
  held_loads.clear();
  for (const body::PointLoad& l : applied)
    if (l.label == "abdominal pressure") held_loads.push_back(l);
  abdominal_pressure = baseline.abdominal_pressure;

  // The bank at rest in equilibrium with the command.
  geometryNow(seconds);
  {
    StageTimer timer(seconds, kMuscles);
    muscle_in.length.head(n) = geometry.length;
    muscle_in.velocity.setZero();
    muscle_in.excitation.head(n) = command;
    muscle_state.activation.head(n) = command;
    bank.equilibrate(muscle_in, muscle_state, 1);
    bank.evaluate(muscle_in, muscle_state, muscle_out, 1);
  }
  set_length = muscle_out.norm_fibre_length.head(n).matrix();

  // What the muscles (as the compliant bank pulls), joint curves and ligaments do not carry of
  // what inverse dynamics asks: held, so the body starts at rest.
  {
    StageTimer timer(seconds, kInverseDynamics);
    const Eigen::VectorXd tau = body::inverseDynamics(model, body, kin, still, applied);
    Eigen::VectorXd tissues = body::passiveJointMoments(model, q_target);
    if (model.ligaments().count() > 0) {
      tissues += body::ligamentMoments(ligament_geometry, body::ligamentTensions(model.ligaments(), ligament_geometry));
    }
    held_torque = tau - geometry.moment_arm.transpose() * muscle_out.tendon_force.head(n).matrix() + tissues;
  }

  // The reflex loops' memories: the body before the event was still at its set lengths.
  const physiology::law::SpinalReflexParameters& reflex = r.physiology->parameters().spinal_reflex;
  short_delay_steps = static_cast<int>(std::lround(reflex.short_latency.delay / settings.body_step));
  long_delay_steps = static_cast<int>(std::lround(reflex.long_latency.delay / settings.body_step));
  const int longest = std::max(short_delay_steps, long_delay_steps);
  stretch = DelayLine(longest, n);
  velocity = DelayLine(longest, n);

  // The box's bottom, held in front of L5/S1, rides on the thorax.
  const int l5s1 = model.jointIndex("L5_S1") >= 0 ? model.jointIndex("L5_S1") : 0;
  const body::Vec3d hand = kin.origin[l5s1] + body::Vec3d(kind().hand_distance, scenario::kBoxHeightAboveL5S1, 0.0);
  hand_in_thorax = kin.rotation[thorax()].transpose() * (hand - kin.origin[thorax()]);
  previous_hand = hand;
  // A caught load is let go so that it would reach the box at the event time.
  if (kind().kind == scenario::PhaseKind::Catch) load.height = hand.y() + kind().drop_height;
  qddot = Eigen::VectorXd::Zero(model.dofCount());
  next_plan = 0.0;
  started = true;
}

void ForwardStepper::Impl::plan(const StepRequest& r, double t, std::array<double, kStageCount>& seconds) {
  StageTimer timer(seconds, kController);
  // A tracked motion is re-planned every period from its start.
  if (tracking) {
    if (t < next_plan - 1e-12) return;
    next_plan = t + settings.voluntary_period;
    track(r);
    return;
  }
  // Before the event: the posture's command; an expected event's prepared one, ramped in.
  if (!event) {
    const double from = scenario::kEventTime - settings.anticipation;
    const double ramp = kind().expected ? std::clamp((t - from) / settings.anticipation, 0.0, 1.0) : 0.0;
    command = baseline_command + ramp * (prepared_command - baseline_command);
    return;
  }
  // After its reaction delay, the voluntary controller re-plans towards the target posture with
  // what it now knows of the load, as static optimisation of a wanted acceleration.
  if (!settings.voluntary || t < *event + settings.voluntary_delay || t < next_plan) return;
  next_plan = t + settings.voluntary_period;
  body::Motion wanted = body::Motion::still(q_target);
  wanted.qddot = settings.tracking_stiffness * (q_target - body.q()) - settings.tracking_damping * body.qdot();
  command = planner.solve(plannedTarget(1.0), wanted, *r.floor, *r.capacity).activation;
}

std::vector<body::PointLoad> ForwardStepper::Impl::eventLoads(double t, double h) {
  std::vector<body::PointLoad> loads;
  const double g = model.gravity();
  const body::Vec3d hand = kin.toGround(thorax(), hand_in_thorax);
  const double hand_velocity = (hand.y() - previous_hand.y()) / h;
  previous_hand = hand;
  switch (kind().kind) {
    case scenario::PhaseKind::Catch: {
      // Falling from drop_height so as to meet a still box at the event time.
      const double fall_time = std::sqrt(2.0 * kind().drop_height / g);
      if (!load.released && t >= scenario::kEventTime - fall_time - 1e-12) load.released = true;
      if (!load.released || kind().load_kg <= 0.0) break;
      const double m = kind().load_kg;
      const double depth = hand.y() - load.height;  // > 0: the load presses into the box
      double push = 0.0;                              // [N] the box's push up on the load
      if (depth > 0.0) {
        if (!load.touched) event = t;
        load.touched = true;
        const double damping = 2.0 * settings.hand_damping_ratio * std::sqrt(settings.hand_stiffness * m);
        push = std::max(0.0, settings.hand_stiffness * depth + damping * (hand_velocity - load.velocity));
      }
      // Semi-implicit Euler of the load over the step; the box feels the push's reaction.
      load.velocity += h * (push / m - g);
      load.height += h * load.velocity;
      if (push > 0.0) loads.push_back({thorax(), hand, body::Vec3d(0.0, -push, 0.0), "caught load"});
      break;
    }
    case scenario::PhaseKind::Release:
      if (t >= scenario::kEventTime - 1e-12 && !event) event = t;
      break;
    case scenario::PhaseKind::Perturb: {
      if (t >= scenario::kEventTime - 1e-12 && !event) event = t;
      if (!event || t >= *event + kind().perturb_duration) break;
      body::Vec3d direction = body::Vec3d::UnitX();
      switch (kind().perturb_direction) {
        case scenario::PerturbDirection::Forward: direction = body::Vec3d::UnitX(); break;
        case scenario::PerturbDirection::Backward: direction = -body::Vec3d::UnitX(); break;
        case scenario::PerturbDirection::Left: direction = -body::Vec3d::UnitZ(); break;
        case scenario::PerturbDirection::Right: direction = body::Vec3d::UnitZ(); break;
      }
      const int at = kind().perturb_at == scenario::PerturbAt::Head ? model.neckSegment() : thorax();
      const body::Vec3d point = kin.toGround(at, model.segment(at).centre_of_mass);
      loads.push_back({at, point, kind().perturb_force * direction, "push"});
      break;
    }
    default:
      break;
  }
  return loads;
}

void ForwardStepper::Impl::follow(double time) {
  planned = motionAt(model, timeline, *phase, time, false);
  target = timeline.targetIn(phase->index, time - phase->start);
  q_target = planned.q;
  qdot_target = planned.qdot;
}

void ForwardStepper::Impl::track(const StepRequest& r) {
  const int n = fascicles();
  body::Motion wanted{body.q(), body.qdot(), planned.qddot};
  wanted.qddot += settings.motion_stiffness * (q_target - body.q()) + settings.motion_damping * (qdot_target - body.qdot());
  // The muscles' force per activation as their fibres are now, so the plan asks of them what
  // they can give (computed muscle control).
  per_activation = muscle_out.force_per_activation.head(n).matrix();
  passive_along = muscle_out.passive_force_along_tendon.head(n).matrix();
  planner.useMuscleStates(&per_activation, &passive_along);
  const FrameResult f = planner.solve(target, wanted, *r.floor, *r.capacity);
  planner.useMuscleStates(nullptr, nullptr);
  command = f.activation;
  // The abdominal pressure this plan raises, held until the next.
  held_loads.clear();
  for (const body::PointLoad& l : planner.lastApplied())
    if (l.label == "abdominal pressure") held_loads.push_back(l);
  abdominal_pressure = f.abdominal_pressure;
  // What the planned muscles, the joint curves (at the planned posture: a spring about the
  // plan) and the ligaments (as they are) leave of what inverse dynamics asks at the body's
  // state: held until the next plan (the hips' share among it).
  std::vector<body::PointLoad> loads = appliedLoads(model, kin, target);
  loads.insert(loads.end(), held_loads.begin(), held_loads.end());
  Eigen::VectorXd tissues = body::passiveJointMoments(model, q_target);
  if (model.ligaments().count() > 0) {
    tissues += body::ligamentMoments(ligament_geometry, body::ligamentTensions(model.ligaments(), ligament_geometry));
  }
  held_torque = body::inverseDynamics(model, body, kin, wanted, loads) - geometry.moment_arm.transpose() * f.force.head(n) + tissues;
}

FrameResult ForwardStepper::Impl::frame(const Eigen::VectorXd& activation, const std::vector<body::PointLoad>& loads) const {
  const int n = fascicles();
  const auto& vmax = bank.parameters().max_contraction_velocity;
  FrameResult f;
  f.activation = activation;
  f.force = muscle_out.tendon_force.head(n).matrix();
  f.fibre_length = muscle_out.norm_fibre_length.head(n).matrix();
  f.fibre_velocity = (muscle_out.norm_fibre_velocity.head(n) * vmax.head(n)).matrix();
  f.passive_force = muscle_out.passive_force_length.head(n).matrix();
  f.intersegmental = Eigen::VectorXd::Zero(model.dofCount());
  f.reserve = Eigen::VectorXd::Zero(0);
  f.abdominal_pressure = abdominal_pressure;
  for (int i = 0; i < n; ++i) {
    const auto flags = static_cast<std::uint32_t>(muscle_out.flags[i]);
    f.muscles_not_finite += (flags & muscle::kNotFinite) != 0;
    f.muscles_at_minimum_length += (flags & muscle::kFibreAtMinimumLength) != 0;
    f.muscles_overstretched += (flags & muscle::kFibreOverstretched) != 0;
  }
  f.passive_joint_moment = body::passiveJointMoments(model, body.q());
  f.joint_tissue_moment = f.passive_joint_moment;
  body::BodyWrenches w = body::bodyWrenches(model, body, kin, geometry, f.force, qddot, loads);
  const body::Ligaments& ligaments = model.ligaments();
  if (ligaments.count() > 0) {
    f.ligament_tension = body::ligamentTensions(ligaments, ligament_geometry);
    f.passive_joint_moment += body::ligamentMoments(ligament_geometry, f.ligament_tension);
    f.joint_tissue_moment += body::ligamentMoments(ligament_geometry, f.ligament_tension.cwiseProduct(ligaments.single_joint));
    body::addPathTensions(ligaments.paths, ligaments.count(), ligament_geometry, f.ligament_tension, kin, w);
  }
  f.joints = body::jointLoads(model, kin, w);
  return f;
}

std::vector<body::PointLoad> ForwardStepper::Impl::loadsNow(double t, std::array<double, kStageCount>& seconds) {
  StageTimer timer(seconds, kLoads);
  // The arms and the box (a released load gone), the abdominal pressure's held push, the event's.
  const bool released = kind().kind == scenario::PhaseKind::Release && event;
  std::vector<body::PointLoad> loads = appliedLoads(model, kin, released ? plannedTarget(1.0) : target);
  loads.insert(loads.end(), held_loads.begin(), held_loads.end());
  const std::vector<body::PointLoad> happening = eventLoads(t, settings.body_step);
  loads.insert(loads.end(), happening.begin(), happening.end());
  return loads;
}

Eigen::VectorXd ForwardStepper::Impl::excitationNow(const StepRequest& r, double t, std::array<double, kStageCount>& seconds) {
  plan(r, t, seconds);
  Eigen::VectorXd excitation = command;
  if (settings.reflexes) {
    StageTimer timer(seconds, kController);
    const physiology::law::SpinalReflexParameters& reflex = r.physiology->parameters().spinal_reflex;
    const Eigen::VectorXd &s_short = stretch.ago(short_delay_steps), &v_short = velocity.ago(short_delay_steps);
    const Eigen::VectorXd &s_long = stretch.ago(long_delay_steps), &v_long = velocity.ago(long_delay_steps);
    // A tracked motion runs the loops at a fraction of their postural gains (docs/forward.md).
    const double scale = tracking ? settings.motion_reflex_scale : 1.0;
    for (int i = 0; i < fascicles(); ++i) {
      excitation[i] += scale * physiology::law::reflexExcitation(reflex, r.state->gamma[i], s_short[i], v_short[i],
                                                                 s_long[i], v_long[i], command[i]);
    }
  }
  // Within what the muscles can give now (fatigue lowers the capacity).
  return excitation.cwiseMax(0.0).cwiseMin(r.capacity->cwiseMax(*r.floor));
}

Eigen::VectorXd ForwardStepper::Impl::advanceMuscles(const Eigen::VectorXd& excitation, std::array<double, kStageCount>& seconds) {
  const int n = fascicles();
  const Eigen::VectorXd activation = muscle_state.activation.head(n).matrix();
  {
    StageTimer timer(seconds, kMuscles);
    // The paths' lengths and lengthening velocities, and the excitation, held over the step.
    muscle_in.length.head(n) = geometry.length;
    muscle_in.velocity.head(n) = body::lengtheningVelocity(geometry, body.qdot());
    muscle_in.excitation.head(n) = excitation;
    muscle::compliantSteps(bank, muscle_in, settings.body_step, std::max(1, settings.muscle_substeps), muscle_state,
                           muscle_out, work);
  }
  // What the spindles report as the step begins, into the reflex loops' memory: stretch and
  // lengthening beyond the planned ones (a tracked motion's set lengths move with its plan,
  // alpha-gamma co-activation; ASSUMPTION, docs/forward.md).
  if (tracking) {
    planned_velocity = (body::lengtheningVelocity(geometry, qdot_target).array() *
                        bank.parameters().inv_optimal_fibre_length.head(n)).matrix();
    set_length += settings.body_step * planned_velocity;
  }
  const auto& vmax = bank.parameters().max_contraction_velocity;
  stretch.push(muscle_out.norm_fibre_length.head(n).matrix() - set_length);
  velocity.push((muscle_out.norm_fibre_velocity.head(n) * vmax.head(n)).matrix() - planned_velocity);
  return activation;
}

void ForwardStepper::Impl::advanceBodies(const std::vector<body::PointLoad>& loads, const FrameResult& frame, double t,
                                         std::array<double, kStageCount>& seconds) {
  StageTimer timer(seconds, kMultibody);
  const int n = fascicles();
  const double h = settings.body_step;
  // Held over the step: the muscles' pull at their new tendon forces, the ligaments' (their
  // share of the frame's passive moment), what the start left to a held torque, and the loads.
  const Eigen::VectorXd tendon_force =
      (muscle_state.normalised_tendon_force.head(n) * bank.parameters().max_isometric_force.head(n)).matrix();
  const Eigen::VectorXd ligaments = frame.passive_joint_moment - body::passiveJointMoments(model, body.q());
  const Eigen::VectorXd held = geometry.moment_arm.transpose() * tendon_force + held_torque - ligaments;
  std::vector<body::Wrench> wrenches(static_cast<std::size_t>(model.segmentCount()));
  addWrenches(loads, kin, wrenches);
  // At every stage of the integrator: the joint curves and damping, and the hips.
  const body::ForceModel forces = [&](const Eigen::VectorXd& q, const Eigen::VectorXd& qdot, body::AppliedForces& f) {
    f.mobility = held - body::passiveJointMoments(model, q) - settings.joint_damping * qdot;
    // The hips hold the pelvis about its posture (no hip muscles in the model).
    for (int d = 0; d < 3; ++d) {
      f.mobility[d] += settings.joint_damping * qdot[d] - settings.hip_stiffness * (q[d] - q_target[d]) -
                       settings.hip_damping * (qdot[d] - qdot_target[d]);
    }
    f.body = wrenches;
  };
  const int substeps = bodySubsteps(model, body.q(), h);
  const double after = event ? t - *event : tracking ? t : -1.0;
  try {
    model.multibody().integrate(body, h, h / substeps, settings.integrator, model.gravity(), forces);
  } catch (const std::exception&) {
    throw beyondTheBody(kind(), after, "the simulation of the bodies broke down");
  }
  if (!body.q().allFinite() || (body.q() - q_target).cwiseAbs().maxCoeff() > kLargestExcursion)
    throw beyondTheBody(kind(), after, "a joint turned more than 69 degrees from the posture");
  qddot = body.qddot();
}

MechanicsStep ForwardStepper::step(const StepRequest& r) {
  Impl& m = *impl_;
  const double t = r.time - m.phase->start;
  // A tracked motion's posture and motion now.
  if (m.tracking) m.follow(r.time);
  // Kinematics and paths (the phase's first step also sets the body at rest in equilibrium).
  if (!m.started) m.start(r, seconds_);
  else m.geometryNow(seconds_);
  MechanicsStep out;
  out.trunk_flexion = trunkFlexion();
  out.q = m.body.q();
  // Loads, the event's among them (a caught load's first contact is the event).
  const std::vector<body::PointLoad> loads = m.loadsNow(t, seconds_);
  if (m.event && !event_time_) event_time_ = m.phase->start + *m.event;
  // Controller: the command and the delayed spinal reflexes.
  out.excitation = m.excitationNow(r, t, seconds_);
  // Muscles over the step; the frame that stands for it, at its start.
  const Eigen::VectorXd activation = m.advanceMuscles(out.excitation, seconds_);
  {
    StageTimer timer(seconds_, kJointLoads);
    out.frame = m.frame(activation, loads);
  }
  // Bodies over the step.
  m.advanceBodies(loads, out.frame, t, seconds_);
  out.event_time = event_time_;
  out.until = std::min(m.phase->end, r.time + m.settings.body_step);
  if (m.phase->end - out.until < 1e-9) out.until = m.phase->end;
  return out;
}

}  // namespace tonus::sim
