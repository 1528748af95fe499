#pragma once
// The read-only side of the physiology for one run: the parameters, the subject's condition,
// and what each fascicle is linked to in the body (the joints it spans, whether heat or ice on
// the back reaches it, its antagonists). Built once; shared by every step.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "body/spine_model.hpp"
#include "physiology/condition.hpp"
#include "physiology/parameters.hpp"

namespace tonus::physiology {

class PhysiologyModel {
 public:
  PhysiologyModel(const body::SpineModel& body, const Condition& condition, Parameters parameters);

  const Parameters& parameters() const { return parameters_; }
  const Condition& condition() const { return condition_; }
  int fascicleCount() const { return static_cast<int>(spans_.size()); }
  int jointCount() const { return joint_count_; }
  double bodyMass() const { return body_mass_; }
  // Segment indices whose joint to the parent this fascicle crosses.
  const std::vector<int>& jointsSpanned(int fascicle) const { return spans_[static_cast<std::size_t>(fascicle)]; }
  // Back muscles (lumbar and thoracic regions) are the ones a heat wrap, ice or massage reaches.
  bool onTheBack(int fascicle) const { return back_[static_cast<std::size_t>(fascicle)]; }
  // Trunk muscles (all but the neck's) share the muscle pump of walking.
  bool inTheTrunk(int fascicle) const { return trunk_[static_cast<std::size_t>(fascicle)]; }
  // Normalised fibre length in upright standing: the length the spindles are set for.
  double standingFibreLength(int fascicle) const { return standing_fibre_length_[fascicle]; }
  // Row i: how strongly each other fascicle opposes fascicle i (rows sum to at most 1).
  const Eigen::MatrixXd& antagonists() const { return antagonists_; }
  // P of the metabolite law, from its unit (docs/physiology.md).
  const law::MetaboliteParameters& metabolites() const { return metabolites_; }
  // Multipliers on the fusimotor gain from the scenario's stress, electrolytes and ambient
  // temperature (constant in a run; hydration changes and is applied per step).
  double stressExcitability() const { return stress_excitability_; }
  double electrolyteExcitability() const { return electrolyte_excitability_; }
  double ambientExcitability() const { return ambient_excitability_; }
  double stressTone() const { return parameters_.stress_tone * condition_.stress; }

 private:
  Parameters parameters_;
  Condition condition_;
  int joint_count_ = 0;
  double body_mass_ = 75.0;
  std::vector<std::vector<int>> spans_;
  std::vector<bool> back_, trunk_;
  Eigen::MatrixXd antagonists_;
  Eigen::VectorXd standing_fibre_length_;
  law::MetaboliteParameters metabolites_{};
  double stress_excitability_ = 1.0, electrolyte_excitability_ = 1.0, ambient_excitability_ = 1.0;
};

}  // namespace tonus::physiology
