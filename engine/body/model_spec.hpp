#pragma once
// What a model file describes, for the reference subject it names, before scaling to a
// subject and compiling into Simbody. Frames: x anterior, y superior, z to the right; each
// segment's frame has its origin at the centre of the joint to its parent and is aligned
// with ground in upright standing, so a posture is a set of joint angles from standing.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "body/monotone_curve.hpp"

namespace tonus::body {

using Vec3 = std::array<double, 3>;

enum class Sex { Male, Female };
const char* toString(Sex sex);

// The three rotational degrees of freedom of every joint, in this order. Positive is
// flexion (forward), bending to the right, and turning the front of the body to the right.
enum Axis : int { kFlexion = 0, kLateralBending = 1, kAxialRotation = 2 };
inline constexpr const char* kAxisNames[3] = {"flexion", "lateral_bending", "axial_rotation"};

struct JointSpec {
  std::string name;                   // e.g. "L4_L5"
  Vec3 centre_in_parent{};            // [m] in the parent segment's frame
  bool is_disc = false;               // an intervertebral disc whose load is reported
  double disc_area = 0.0;             // [m^2] endplate area
  double disc_inclination = 0.0;      // [rad] forward tilt of the disc's normal from vertical in standing
  double disc_swelling_pressure = 0.0;  // [Pa] the nucleus's own pressure with no load on the disc
  std::array<double, 3> range_min{};  // [rad] per axis
  std::array<double, 3> range_max{};  // [rad]
  // Passive moment the joint's tissues resist with [N m] against angle [rad], per axis;
  // increasing through (0, 0). Empty when the file gives none (e.g. the pelvis on ground).
  std::array<MonotoneCurve, 3> stiffness;
};

struct SegmentSpec {
  std::string name;
  int parent = -1;  // index of the parent segment; -1 = ground
  JointSpec joint;
  double mass_percent_male = 0.0;    // [% body mass]
  double mass_percent_female = 0.0;  // [% body mass]
  Vec3 centre_of_mass{};             // [m] in this frame
  Vec3 radii_of_gyration{};          // [m] about the centre of mass, along x, y, z
  std::map<std::string, Vec3> landmarks;  // [m] in this frame; right-side names end in _r
};

// The arms are not bodies: their weight hangs on the thorax at the shoulders, with its centre
// of mass on the line from the shoulder to wherever the hands are.
struct ArmsSpec {
  int segment = -1;                  // the segment the arms hang from
  std::string shoulder_landmark;     // right shoulder; the left is its mirror
  double mass_percent_male = 0.0;    // both arms [% body mass]
  double mass_percent_female = 0.0;
  double length = 0.0;               // [m] shoulder to grip centre
  double com_fraction = 0.0;         // centre of mass along shoulder->hand, from the shoulder
};

struct PathPointSpec {
  int segment = -1;
  Vec3 position{};     // [m] in the segment's frame
  std::string label;   // how the file named it, e.g. "L4.spinous_tip"
  // On a thigh (e.g. "thigh.lesser_trochanter_r"): `segment` is the pelvis, `position` the point
  // in the pelvis's frame in upright standing, and it turns with the hip's flexion.
  bool on_thigh = false;
};

struct FascicleSpec {
  std::string name;    // with _r / _l for bilateral pairs
  std::string group;   // e.g. "multifidus"
  std::string region;  // e.g. "lumbar", "abdominal", "neck"
  char side = 'm';     // 'r', 'l' or 'm' (midline)
  std::vector<PathPointSpec> path;
  double pcsa = 0.0;                            // [m^2] physiological cross-sectional area
  double optimal_fibre_length = 0.0;            // [m]
  double pennation = 0.0;                       // [rad]
  std::optional<double> tendon_slack_length;    // [m]; empty: set from the standing path length
  double standing_norm_fibre_length = 1.0;      // fibre length in standing / optimal, for that
  double max_contraction_velocity = 10.0;       // [lopt/s]
  double activation_time_constant = 0.015;      // [s]
  double deactivation_time_constant = 0.060;    // [s]
  double tendon_strain_at_max_force = 0.049;    // [-]
  double passive_strain_at_max_force = 0.6;     // [-]
  bool passive_from_optimal_length = false;     // passive curve starts at optimal length
};

// A passive band (a ligament or the fascia): tension-only along its path, taut from its length
// in upright standing, T = force_scale (exp(stretch / length_scale) - 1) (docs/model.md,
// "Ligaments and fascia").
struct LigamentSpec {
  std::string name;   // with _r / _l for bilateral pairs
  std::string group;  // e.g. "supraspinous"
  char side = 'm';
  std::vector<PathPointSpec> path;
  double force_scale = 0.0;   // [N]
  double length_scale = 0.0;  // [m]
};

// The pressurised abdominal cavity: its pressure pushes the diaphragm (on the thorax) and the
// pelvic floor (on the pelvis) apart along the line between them, over an effective area
// (docs/model.md, "Intra-abdominal pressure").
struct AbdomenSpec {
  PathPointSpec diaphragm, pelvic_floor;
  double area = 0.0;  // [m^2]
};

// Share of a whole-trunk angle taken by each joint, per axis (fractions sum to 1). In forward
// flexion the joints above the pelvis together take at most `lumbar_flexion_limit`: their
// total L saturates smoothly and the pelvis takes the rest. L = x / (1 + (x / limit)^n)^(1/n) for
// the linear share x and an order n, or limit * tanh(x / limit) when no order is given.
struct RhythmSpec {
  std::array<std::vector<std::pair<int, double>>, 3> shares;  // (segment index, fraction)
  double lumbar_flexion_limit = 0.0;  // [rad]; 0 = linear rhythm
  double lumbar_flexion_order = 0.0;  // n; 0 = the tanh saturation
};

struct ModelSpec {
  std::string name;
  std::string description;
  std::string source;  // file the spec was read from
  Sex reference_sex = Sex::Male;
  double reference_height = 0.0;       // [m]
  double reference_mass = 0.0;         // [kg]
  double gravity = 9.80665;            // [m/s^2]
  double specific_tension = 0.0;       // [N/m^2] max isometric stress of muscle
  double female_strength_ratio = 1.0;  // female/male force per unit of (scaled) PCSA
  double strength_mass_exponent = 2.0 / 3.0;  // PCSA scales with (mass / reference mass)^this
  std::vector<SegmentSpec> segments;
  ArmsSpec arms;
  RhythmSpec rhythm;
  int neck_segment = -1;  // segment whose joint takes a posture's neck angles; -1 = none
  std::vector<FascicleSpec> fascicles;
  std::vector<LigamentSpec> ligaments;
  std::optional<AbdomenSpec> abdomen;  // none: the model has no intra-abdominal pressure
  // Points on the femurs, in the pelvis's frame in upright standing (the `thighs:` section); they
  // turn with the hips' flexion about the pelvis's origin, the hips' axis.
  std::map<std::string, Vec3> thigh_landmarks;

  int segmentIndex(const std::string& name) const;  // -1 if absent
};

}  // namespace tonus::body
