#include "body/dynamics.hpp"

#include <cmath>

namespace tonus::body {
namespace {

// Nachemson's relation between disc compression and nucleus pressure (Nachemson 1960, 1981).
constexpr double kNachemsonFactor = 1.5;

// Gravity at a segment's centre of mass, as a wrench about its origin.
Wrench weight(const SpineModel& model, const Kinematics& kin, int s) {
  const Segment& seg = model.segment(s);
  const Vec3d force(0.0, -seg.mass * model.gravity(), 0.0);
  return {force, (kin.rotation[s] * seg.centre_of_mass).cross(force)};
}

}  // namespace

Motion Motion::still(const Eigen::VectorXd& q) {
  return {q, Eigen::VectorXd::Zero(q.size()), Eigen::VectorXd::Zero(q.size())};
}

void setMotion(const SpineModel& model, MultibodyState& state, const Motion& motion) {
  model.multibody().setMotion(state, motion.q, motion.qdot);
}

Eigen::VectorXd inverseDynamics(const SpineModel& model, const MultibodyState& state, const Kinematics& kin,
                                const Motion& motion, const std::vector<PointLoad>& loads) {
  std::vector<Wrench> applied;
  for (int s = 0; s < model.segmentCount(); ++s) applied.push_back(weight(model, kin, s));
  for (const PointLoad& load : loads) {
    applied[load.segment].force += load.force;
    applied[load.segment].moment += (load.point - kin.origin[load.segment]).cross(load.force) + load.moment;
  }
  return model.multibody().inverseDynamics(state, motion.qddot, applied);
}

BodyWrenches bodyWrenches(const SpineModel& model, const MultibodyState& state, const Kinematics& kin,
                          const PathGeometry& geometry, const Eigen::VectorXd& tensions,
                          const Eigen::VectorXd& qddot, const std::vector<PointLoad>& loads) {
  const int n = model.segmentCount();
  BodyWrenches w;
  w.force.assign(static_cast<std::size_t>(n), Vec3d::Zero());
  w.moment.assign(static_cast<std::size_t>(n), Vec3d::Zero());
  const auto add = [&](int s, const Vec3d& point, const Vec3d& force) {
    w.force[s] += force;
    w.moment[s] += (point - kin.origin[s]).cross(force);
  };

  // Gravity and external loads.
  for (int s = 0; s < n; ++s) {
    const Wrench w_s = weight(model, kin, s);
    w.force[s] += w_s.force;
    w.moment[s] += w_s.moment;
  }
  for (const PointLoad& load : loads) {
    add(load.segment, load.point, load.force);
    w.moment[load.segment] += load.moment;
  }

  addPathTensions(model.paths(), model.fascicleCount(), geometry, tensions, kin, w);

  // Rate of change of momentum, from Simbody's body accelerations for these joint accelerations.
  std::vector<Vec3d> omega, alpha, a_origin;
  model.multibody().accelerations(state, qddot, omega, alpha, a_origin);
  for (int s = 0; s < n; ++s) {
    const Segment& seg = model.segment(s);
    const Vec3d c = kin.rotation[s] * seg.centre_of_mass;
    const Eigen::Matrix3d inertia = kin.rotation[s] * seg.inertia_about_com * kin.rotation[s].transpose();
    const Vec3d a_com = a_origin[s] + alpha[s].cross(c) + omega[s].cross(omega[s].cross(c));
    const Vec3d momentum_rate = seg.mass * a_com;
    const Vec3d angular_rate = inertia * alpha[s] + omega[s].cross(inertia * omega[s]) + c.cross(momentum_rate);
    w.force[s] -= momentum_rate;
    w.moment[s] -= angular_rate;
  }
  return w;
}

void addPathTensions(const MusclePaths& paths, int count, const PathGeometry& geometry,
                     const Eigen::VectorXd& tensions, const Kinematics& kin, BodyWrenches& w) {
  // Each point is pulled along the pieces on either side of it.
  for (int f = 0; f < count; ++f) {
    for (int p = paths.first_point[f]; p + 1 < paths.first_point[f + 1]; ++p) {
      const Vec3d start = geometry.point_ground.col(p), end = geometry.point_ground.col(p + 1);
      const Vec3d pull = tensions[f] * (end - start).normalized();
      const int from = paths.point_segment[p], to = paths.point_segment[p + 1];
      w.force[from] += pull;
      w.moment[from] += (start - kin.origin[from]).cross(pull);
      w.force[to] -= pull;
      w.moment[to] -= (end - kin.origin[to]).cross(pull);
    }
  }
}

std::vector<JointLoad> jointLoads(const SpineModel& model, const Kinematics& kin, const BodyWrenches& wrenches) {
  const int n = model.segmentCount();
  // Everything above each joint, gathered from the outermost segment inwards (parents come
  // first in the model, so a reverse sweep sees every child before its parent).
  std::vector<Vec3d> subtree_force = wrenches.force, subtree_moment = wrenches.moment;
  for (int s = n - 1; s >= 0; --s) {
    const int parent = model.segment(s).parent;
    if (parent < 0) continue;
    subtree_force[parent] += subtree_force[s];
    subtree_moment[parent] += subtree_moment[s] + (kin.origin[s] - kin.origin[parent]).cross(subtree_force[s]);
  }

  std::vector<JointLoad> out(static_cast<std::size_t>(n));
  for (int s = 0; s < n; ++s) {
    JointLoad& load = out[s];
    const JointSpec& joint = model.segment(s).joint;
    // The parent holds the rest of the body above in balance.
    load.reaction_force = -subtree_force[s];
    load.reaction_moment = -subtree_moment[s];

    // Disc frame: the standing disc, turned by half the joint's rotation.
    const int parent = model.segment(s).parent;
    const Eigen::Matrix3d R_GP = parent < 0 ? Eigen::Matrix3d::Identity() : kin.rotation[parent];
    const Eigen::AngleAxisd relative(R_GP.transpose() * kin.rotation[s]);
    const Eigen::Matrix3d half = Eigen::AngleAxisd(0.5 * relative.angle(), relative.axis()).toRotationMatrix();
    const double incl = joint.disc_inclination;
    Eigen::Matrix3d standing;
    standing.col(0) = Vec3d(std::cos(incl), -std::sin(incl), 0.0);  // anterior, along the disc
    standing.col(1) = Vec3d(std::sin(incl), std::cos(incl), 0.0);   // normal, superior
    standing.col(2) = Vec3d(0.0, 0.0, 1.0);                         // right
    const Eigen::Matrix3d disc = R_GP * half * standing;

    const Vec3d from_above = -load.reaction_force;   // what the upper body presses on the lower
    const Vec3d moment_above = -load.reaction_moment;
    load.compression = -from_above.dot(disc.col(1));
    load.shear_anterior = from_above.dot(disc.col(0));
    load.shear_lateral = from_above.dot(disc.col(2));
    load.moment_flexion = moment_above.dot(-disc.col(2));
    load.moment_lateral = moment_above.dot(disc.col(0));
    load.moment_axial = moment_above.dot(-disc.col(1));
    // The nucleus's pressure: its own swelling pressure, raised by the compression across the
    // endplate (Nachemson's factor).
    load.pressure = joint.is_disc ? joint.disc_swelling_pressure + kNachemsonFactor * load.compression / joint.disc_area : 0.0;
  }
  return out;
}

}  // namespace tonus::body
