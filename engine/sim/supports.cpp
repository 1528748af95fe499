// Supports that can only push: a chair back behind the thorax and the lumbar spine, and arms
// resting on a desk, the thighs or the knees that prop the shoulders up. How hard each pushes
// is not prescribed: the recruitment uses them as it uses muscles, so the body leans on them
// as much as relaxes it (docs/scenarios.md, "Supports").
#include "sim/frame_solver.hpp"

namespace tonus::sim {
namespace {

// Friction between a clothed back and a chair back (ASSUMPTION: ~0.5, cf. Goossens & Snijders
// 1995's seat-cushion measurements).
constexpr double kBackrestFriction = 0.5;
// The most one resting arm pushes, as a share of body weight (ASSUMPTION).
constexpr double kArmPushShareOfWeight = 0.5;

}  // namespace

double FrameSolver::weightAboveThoraxJoint() const {
  // The thorax, whatever hangs from it (head, neck) and the arms.
  const int thorax = model_.arms().segment;
  double mass = 0.0;
  for (int s = 0; s < model_.segmentCount(); ++s) {
    if (model_.isAncestorOrSelf(thorax, s)) mass += model_.segment(s).mass;
  }
  return (mass + model_.armsMass()) * model_.gravity();
}

void FrameSolver::placeSupports(const scenario::BodyTarget& target) {
  supports_.clear();
  if (!target.backrest && target.arm_support == scenario::ArmSupport::None) return;
  // A chair back's contact pushes at most twice the weight above the thorax's joint (ASSUMPTION:
  // a bound a relaxed lean never meets, so leaning on it is nearly free); an arm, as hard as its
  // own muscles can, half the body's weight (ASSUMPTION), and leaning on it costs as a muscle's
  // effort would.
  const double most = 2.0 * weight_above_thorax_;
  const double arm_most = kArmPushShareOfWeight * model_.subject().mass * model_.gravity();
  const int thorax = model_.arms().segment;
  if (target.backrest) {
    // The chair back meets the skin over T8 and over L3 (a lumbar support), pressing along the
    // back's normal; friction along the back within the cone |t| <= mu n, by its two edges.
    const auto contact = [&](int segment, const std::string& landmark) {
      if (segment < 0) return;
      const auto& lm = model_.segment(segment).landmarks;
      const auto found = lm.find(landmark);
      const body::Vec3d point = kin_.toGround(segment, found != lm.end() ? found->second : model_.segment(segment).centre_of_mass);
      const body::Vec3d normal = kin_.rotation[segment] * body::Vec3d::UnitX();
      const body::Vec3d along = kin_.rotation[segment] * body::Vec3d::UnitY();
      for (double side : {1.0, -1.0}) {
        supports_.push_back({{segment, point, most * (normal + side * kBackrestFriction * along), "backrest"}, most * normal, true});
      }
    };
    contact(thorax, "t8_spinous");
    contact(model_.segmentIndex("L3"), "spinous_tip");
  }
  if (target.arm_support != scenario::ArmSupport::None) {
    // Resting arms pass their support's upward push to the shoulders (a frictionless surface:
    // ASSUMPTION), with or without a chair back behind.
    const auto [right, left] = body::shoulders(model_, kin_);
    const body::Vec3d up = arm_most * body::Vec3d::UnitY();
    supports_.push_back({{thorax, right, up, "arm support, right"}, up, false});
    supports_.push_back({{thorax, left, up, "arm support, left"}, up, false});
  }
}

void FrameSolver::supportColumns(Eigen::Index first_column) {
  // Each support's moment about each recruited dof per unit of its "activation".
  for (std::size_t k = 0; k < supports_.size(); ++k) {
    const body::PointLoad& load = supports_[k].per_unit;
    for (std::size_t j = 0; j < dofs_.size(); ++j) {
      const int d = dofs_[j], joint = d / 3;
      problem_.A(static_cast<Eigen::Index>(j), first_column + static_cast<Eigen::Index>(k)) =
          model_.isAncestorOrSelf(joint, load.segment) ? (load.point - kin_.origin[joint]).cross(load.force).dot(kin_.axis[d]) : 0.0;
    }
  }
}

void FrameSolver::applySupports(const Eigen::VectorXd& use, std::vector<body::PointLoad>& applied, FrameResult& result) const {
  result.backrest_force = 0.0;
  result.arm_support_force = 0.0;
  for (std::size_t k = 0; k < supports_.size(); ++k) {
    const double u = use[static_cast<Eigen::Index>(k)];
    if (u <= 0.0) continue;
    body::PointLoad load = supports_[k].per_unit;
    load.force *= u;
    applied.push_back(load);
    // What a chair back's or a desk's force plate would read: the push normal to it.
    (supports_[k].backrest ? result.backrest_force : result.arm_support_force) += u * supports_[k].normal_per_unit.norm();
  }
}

}  // namespace tonus::sim
