#pragma once
// The physiology's inputs averaged over the steps a forward phase's physiology waits through,
// so that its coarse step sees the whole interval (a reflex burst between two physiology steps
// included), not only the interval's last body step.
#include <Eigen/Core>

#include "physiology/physiology_state.hpp"

namespace tonus::sim {

class InputsMean {
 public:
  // Adds a step of `dt` seconds with these inputs.
  void add(const physiology::StepInputs& inputs, double dt) {
    if (duration_ == 0.0) {
      activation_.setZero(inputs.activation->size());
      fibre_length_.setZero(inputs.fibre_length->size());
      fibre_velocity_.setZero(inputs.fibre_velocity->size());
      passive_force_.setZero(inputs.passive_force->size());
      joint_strain_.setZero(inputs.joint_strain->size());
    }
    activation_ += dt * *inputs.activation;
    fibre_length_ += dt * *inputs.fibre_length;
    fibre_velocity_ += dt * *inputs.fibre_velocity;
    passive_force_ += dt * *inputs.passive_force;
    joint_strain_ += dt * *inputs.joint_strain;
    duration_ += dt;
  }
  double duration() const { return duration_; }
  // The means so far, with `last`'s other settings (walking, therapy, ...); then starts again.
  // The returned inputs point into this object until the next add().
  physiology::StepInputs take(const physiology::StepInputs& last) {
    const double w = duration_ > 0.0 ? 1.0 / duration_ : 0.0;
    for (Eigen::VectorXd* v : {&activation_, &fibre_length_, &fibre_velocity_, &passive_force_, &joint_strain_}) *v *= w;
    physiology::StepInputs mean = last;
    mean.activation = &activation_;
    mean.fibre_length = &fibre_length_;
    mean.fibre_velocity = &fibre_velocity_;
    mean.passive_force = &passive_force_;
    mean.joint_strain = &joint_strain_;
    duration_ = 0.0;
    return mean;
  }

 private:
  Eigen::VectorXd activation_, fibre_length_, fibre_velocity_, passive_force_, joint_strain_;
  double duration_ = 0.0;
};

}  // namespace tonus::sim
