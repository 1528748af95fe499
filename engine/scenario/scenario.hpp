#pragma once
// What a scenario file describes: who, in what condition, doing what, for how long. Phases
// are flattened (repeat blocks expanded) and in SI units; each remembers where in the file it
// came from, so a problem found later (an angle beyond a joint's range) names the line.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "body/subject.hpp"
#include "physiology/condition.hpp"
#include "physiology/parameters.hpp"

namespace tonus::scenario {

// A place in a file, for messages.
struct SourceRef {
  std::string file;
  int line = 0, column = 0;
  std::string field;  // e.g. "timeline[2].sit.neck_flexion_deg"
  std::string text;   // what was written there
};

// Mechanisms a scenario may switch off to show what they do.
struct Mechanics {
  bool intra_abdominal_pressure = true;
};

enum class PhaseKind {
  Stand, Sit, Lie, Hold, Exert, Sorensen, Lift, Twist, Carry, Walk, Stretch, Heat, Cold, Massage, Drink,
  Catch, Release, Perturb  // sudden events, simulated forward (docs/forward.md)
};
const char* toString(PhaseKind kind);

enum class SitStyle { Upright, Slumped, Forward };
// Where a sitter rests the arms to lean forward (docs/scenarios.md).
enum class ArmSupport { None, Desk, Thighs, Knees };
enum class LiePosition { Supine, Prone, Side };
enum class LiftStyle { Stoop, Squat };
enum class TwistSide { Left, Right, Alternate };
enum class CarryOn { RightShoulder, LeftShoulder, RightHand, LeftHand, BothHands, Backpack };
enum class ExertDirection { Extension, Flexion, LateralLeft, LateralRight, RotationLeft, RotationRight };
// A lower-back stretch: lying with the knees pulled to the chest (the muscles relaxed), or a
// standing forward bend.
enum class StretchPosition { Lying, Standing };
// Which way a sudden push or pull moves the trunk, and where it is applied.
enum class PerturbDirection { Forward, Backward, Left, Right };
enum class PerturbAt { Thorax, Head };
// Where a therapy phase (heat, cold, massage) happens; lying unless the file says otherwise.
enum class TherapyPosture { Lying, Sitting, Standing };

struct Phase {
  PhaseKind kind = PhaseKind::Stand;
  std::string source;  // e.g. "timeline[3].repeat.timeline[1]"
  SourceRef where;     // the phase's own node
  double duration = 0.0;  // [s]; for lift and twist, reps x cycle

  // Posture (radians); zero unless the phase sets them.
  double trunk_flexion = 0.0, lateral_bend = 0.0, axial_rotation = 0.0, neck_flexion = 0.0;
  std::map<std::string, SourceRef> angle_fields;  // which of the above the file gave, and where

  SitStyle sit_style = SitStyle::Upright;
  bool backrest = false;
  ArmSupport arm_support = ArmSupport::None;
  LiePosition lie_position = LiePosition::Supine;
  TherapyPosture therapy_posture = TherapyPosture::Lying;
  StretchPosition stretch_position = StretchPosition::Lying;

  double load_kg = 0.0;
  double hand_distance = 0.35;  // [m] horizontal, L5/S1 to the hands
  double hand_height = 0.0;     // [m] above L5/S1

  ExertDirection exert_direction = ExertDirection::Extension;
  double effort = 0.0;  // fraction of maximum voluntary moment

  LiftStyle lift_style = LiftStyle::Stoop;
  bool between_knees = false;  // a squat's load sits between the knees, not in front of them
  std::optional<double> knee_flexion;  // [rad] a squat's knee angle at the pick-up; unset: as low as the load asks
  int reps = 0;
  double cycle_s = 0.0;
  double from_height = 0.0, to_height = 0.0;  // [m] above the floor

  double twist_angle = 0.0, twist_peak_speed = 0.0;  // [rad], [rad/s]
  TwistSide twist_side = TwistSide::Alternate;

  CarryOn carry_on = CarryOn::BothHands;
  double drink_litres = 0.0;

  // Sudden events (catch, release, perturb): the event comes kEventTime into the phase.
  double drop_height = 0.2;  // [m] a caught load falls this far into the box
  bool expected = false;     // the subject knows it is coming and pre-activates
  double perturb_force = 0.0;  // [N]
  PerturbDirection perturb_direction = PerturbDirection::Forward;
  PerturbAt perturb_at = PerturbAt::Thorax;
  double perturb_duration = 0.1;  // [s] how long the push lasts
  // A lift or twist simulated forward (`dynamics: forward`): the muscles track its motion.
  bool forward_dynamics = false;
};

// When a sudden event comes, from its phase's start [s] (the catch protocol: 0.5 s).
inline constexpr double kEventTime = 0.5;
// Whether a phase is simulated forward (muscle-driven dynamics) rather than quasi-statically.
bool runsForward(const Phase& phase);
// Whether a forward phase has a sudden event (catch, release, perturb) rather than a planned
// motion it tracks (a lift or twist with `dynamics: forward`).
bool hasSuddenEvent(const Phase& phase);

// Which result files a run writes, and how often it samples them (docs/scenarios.md, "output").
enum class OutputFile { Timeseries, Muscles, Sto, Phases };
inline constexpr int kOutputFileCount = 4;

struct Scenario {
  std::string name;  // a plain file name: the default results folder is results/<name>
  std::string file;
  std::optional<std::string> model_file;  // resolved against the scenario's folder
  body::Subject subject;
  bool subject_given = false;
  physiology::Condition condition;
  Mechanics mechanics;
  std::vector<Phase> phases;
  double sample_every = 1.0;   // [s] timeseries.csv (and the other series at multiples of it)
  double muscles_every = 1.0;  // [s] muscles.csv and activations.sto: a whole multiple of sample_every
  std::array<bool, kOutputFileCount> files{true, true, true, true};  // per OutputFile; summary.json always
  bool writes(OutputFile f) const { return files[static_cast<std::size_t>(f)]; }
  long musclesStride() const;  // sample_every steps between two muscle samples
  physiology::Parameters physiology;  // defaults, with the file's `physiology:` overrides
  double duration() const;
};

}  // namespace tonus::scenario
