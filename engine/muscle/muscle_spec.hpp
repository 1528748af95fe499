#pragma once
// What a model file says about one musculotendon unit, before it is packed into a bank.
#include <string>

namespace tonus::muscle {

// Defaults are the usual generic values (De Groote et al. 2016; Thelen 2003); a model file
// overrides them per fascicle, with its own sources.
struct MuscleSpec {
  std::string name;
  double max_isometric_force = 0.0;          // [N]
  double optimal_fibre_length = 0.0;         // [m]
  double tendon_slack_length = 0.0;          // [m]
  double pennation_at_optimal = 0.0;         // [rad]
  double max_contraction_velocity = 10.0;    // [optimal fibre lengths / s]
  double activation_time_constant = 0.015;   // [s]
  double deactivation_time_constant = 0.060; // [s]
  double tendon_strain_at_max_force = 0.049; // [-] tendon strain at 1 max isometric force
  double passive_strain_at_max_force = 0.6;  // [-] fibre strain where passive force = 1 max
  // The passive curve starts at optimal fibre length, as muscle's passive tension does
  // (Zajac 1989), instead of the law's own start (De Groote 2016 as in OpenSim: 0.2 optimal
  // lengths, leaving 1.8 % of max force at optimal length; Thelen 2003 starts at optimal anyway).
  bool passive_from_optimal_length = false;
};

enum class CurveLaw { DeGroote2016, Thelen2003 };
enum class TendonModel { Compliant, Rigid };

// Choices that hold for a whole bank: one law and one tendon model per batch keeps the
// hot loop free of per-muscle branches.
struct BankOptions {
  CurveLaw law = CurveLaw::DeGroote2016;
  TendonModel tendon = TendonModel::Compliant;
  // Sharpness of the activation/deactivation switch (see laws/activation.hpp).
  double activation_smoothing = 10.0;
  // Floor on activation inside the contraction model: the explicit tendon-force dynamics
  // divide by a*f_L, as in OpenSim's muscles whose default minimum activation is 0.01.
  double minimum_activation = 0.01;
};

const char* toString(CurveLaw law);
const char* toString(TendonModel tendon);

}  // namespace tonus::muscle
