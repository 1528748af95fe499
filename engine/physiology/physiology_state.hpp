#pragma once
// Everything of the physiology that changes during a run: per fascicle (arrays of
// fascicleCount()), per joint (arrays of jointCount(), indexed by segment), and whole-body.
#include <Eigen/Core>

namespace tonus::physiology {

struct PhysiologyState {
  Eigen::ArrayXd fatigued;     // MF: fatigued fraction of motor units [0, 1]
  Eigen::ArrayXd metabolites;  // metabolite index [-], 1 = a fresh muscle's steady level at 20 %
  Eigen::ArrayXd gamma;        // fusimotor gain [-], 1 = normal
  Eigen::ArrayXd tone;         // involuntary (reflex) activation [fraction of max]
  Eigen::ArrayXd burst;        // phasic stretch-reflex activation [fraction of max]
  Eigen::ArrayXd injury;       // afferent drive from rapid stretch [0, 1]
  Eigen::ArrayXd static_effort;     // static level of effort relative to the fresh units [-]
  Eigen::ArrayXd dose;         // strain dose behind the spasm risk [-]
  Eigen::ArrayXd creep;        // per joint: creep of the passive tissues [strain units]
  double stretch_effect = 0.0;      // [0, 1] after a held stretch
  double massage_effect = 0.0;      // [0, 1]
  double back_temperature = 0.0;   // [deg C] of the back muscles relative to normal
  double dehydration = 0.0;        // [% of body mass]
  double water_to_absorb = 0.0;    // [L] drunk, not yet absorbed
};

// What the rest of the run hands the physiology for one step (held over the step).
enum class Therapy { None, Heat, Cold, Massage };
struct StepInputs {
  const Eigen::VectorXd* activation = nullptr;      // per fascicle, as recruited
  const Eigen::VectorXd* fibre_length = nullptr;    // per fascicle, normalised by optimal length
  const Eigen::VectorXd* fibre_velocity = nullptr;  // per fascicle, lengthening [optimal lengths/s]
  const Eigen::VectorXd* passive_force = nullptr;   // per fascicle, passive fibre force / max force
  const Eigen::VectorXd* joint_strain = nullptr;    // per joint: |passive moment| / reference
  bool walking = false, stretching = false;
  bool supported = false;       // lying on a surface: no postural tone
  bool back_supported = false;  // leaning on a chair back: none in the trunk's muscles
  Therapy therapy = Therapy::None;
  double therapy_elapsed = 0.0;  // [s] since the therapy phase began (ice comes off after 20 min)
};

// Derived per fascicle at a state (not integrated): for reports and the next recruitment.
struct PhysiologyView {
  Eigen::VectorXd capacity;  // largest activation now [fraction of max]
  Eigen::VectorXd floor;     // least activation now (tone, bursts, bank minimum)
  Eigen::VectorXd flow;      // relative to a relaxed muscle at rest
  Eigen::VectorXd afferent;  // small-fibre afferent drive [0, 1]
  Eigen::VectorXd risk;      // spasm risk [0, 1]
};

}  // namespace tonus::physiology
