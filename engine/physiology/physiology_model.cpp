#include "physiology/physiology_model.hpp"

#include <algorithm>
#include <cmath>

#include "body/kinematics.hpp"
#include "body/path_geometry.hpp"
#include "body/posture.hpp"

namespace tonus::physiology {
namespace {

// Each fascicle's path in upright standing.
body::PathGeometry standingGeometry(const body::SpineModel& body) {
  body::MultibodyState state = body.makeState();
  body.multibody().setPositions(state, body::jointAngles(body, body::TrunkPosture{}));
  body::Kinematics kin;
  body::computeKinematics(body, state, kin);
  body::PathGeometry geometry;
  body::computePathGeometry(body, kin, geometry);
  return geometry;
}

// Each fascicle's normalised fibre length in upright standing, still.
Eigen::VectorXd fibreLengthsAt(const body::SpineModel& body, const body::PathGeometry& geometry) {
  const muscle::MuscleBank& bank = body.muscles();
  muscle::MuscleInputs in = bank.makeInputs();
  muscle::MuscleState state = bank.makeState();
  muscle::MuscleOutputs out = bank.makeOutputs();
  const int n = body.fascicleCount();
  in.length.head(n) = geometry.length.array();
  in.velocity.setZero();
  bank.evaluate(in, state, out, 1);
  return out.norm_fibre_length.head(n).matrix();
}

double electrolyteExcitabilityOf(const Parameters& p, const std::string& electrolytes) {
  if (electrolytes == "low_sodium") return 1.0 + p.low_sodium_excitability;
  if (electrolytes == "low_potassium") return 1.0 + p.low_potassium_excitability;
  if (electrolytes == "low_calcium") return 1.0 + p.low_calcium_excitability;
  if (electrolytes == "low_magnesium") return 1.0 + p.low_magnesium_excitability;
  return 1.0;
}

}  // namespace

PhysiologyModel::PhysiologyModel(const body::SpineModel& body, const Condition& condition,
                                 Parameters parameters)
    : parameters_(parameters), condition_(condition), joint_count_(body.segmentCount()),
      body_mass_(body.subject().mass) {
  // A woman's motor units fatigue more slowly at equal relative effort (parameters.hpp).
  if (body.subject().sex == body::Sex::Female) parameters_.fatigue.fatigue *= parameters_.female_fatigue_rate_factor;
  const int n = body.fascicleCount();
  const body::PathGeometry standing = standingGeometry(body);
  const Eigen::MatrixXd arms = standing.moment_arm;  // fascicles x dofs
  standing_fibre_length_ = fibreLengthsAt(body, standing);
  // A fascicle spans a joint when it has a moment arm about any of the joint's axes.
  spans_.resize(static_cast<std::size_t>(n));
  for (int f = 0; f < n; ++f) {
    for (int s = 0; s < body.segmentCount(); ++s) {
      if (body.segment(s).parent < 0) continue;
      if (arms.row(f).segment(3 * s, 3).cwiseAbs().maxCoeff() > 1e-6) spans_[static_cast<std::size_t>(f)].push_back(s);
    }
    const std::string& region = body.fascicle(f).region;
    back_.push_back(region == "lumbar" || region == "thoracic");
    trunk_.push_back(region != "neck");
  }
  // Antagonists: fascicles whose pull on the trunk and neck points the other way (negative
  // cosine between moment-arm rows), weighted by that cosine and normalised per row.
  antagonists_ = Eigen::MatrixXd::Zero(n, n);
  for (int i = 0; i < n; ++i) {
    const double ni = arms.row(i).norm();
    if (ni <= 0.0) continue;
    for (int j = 0; j < n; ++j) {
      const double nj = arms.row(j).norm();
      if (j == i || nj <= 0.0) continue;
      antagonists_(i, j) = std::max(0.0, -arms.row(i).dot(arms.row(j)) / (ni * nj));
    }
    const double total = antagonists_.row(i).sum();
    if (total > 0.0) antagonists_.row(i) /= total;
  }
  metabolites_ = metaboliteLaw(parameters_);
  stress_excitability_ = 1.0 + parameters_.stress_excitability * condition.stress;
  electrolyte_excitability_ = electrolyteExcitabilityOf(parameters_, condition.electrolytes);
  ambient_excitability_ =
      1.0 + parameters_.cold_ambient_excitability * std::max(0.0, 18.0 - condition.ambient_temperature_c);
}

}  // namespace tonus::physiology
