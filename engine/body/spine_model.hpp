#pragma once
// The compiled body: a ModelSpec scaled to a Subject and built into a Simbody multibody
// chain, plus the muscle paths and the muscle bank. Read-only once built: every run makes
// its own MultibodyState (makeState) and path buffers, so one SpineModel serves many threads.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "body/model_spec.hpp"
#include "body/multibody.hpp"
#include "body/subject.hpp"
#include "muscle/muscle_bank.hpp"

namespace tonus::body {

// A segment after scaling, with its place in Simbody.
struct Segment {
  std::string name;
  int parent = -1;                 // segment index; -1 = ground
  double mass = 0.0;               // [kg]
  Vec3d centre_of_mass;            // [m] in the segment frame
  Eigen::Matrix3d inertia_about_com;  // [kg m^2] in the segment frame
  JointSpec joint;                 // scaled: centre, disc area
  std::map<std::string, Vec3d> landmarks;
};

// A joint that a straight piece of a path crosses, and which end of the piece it carries:
// the piece's end point (p+1) when true, its start point (p) when false.
struct JointCrossing {
  int joint = 0;  // segment index whose joint is crossed
  bool moves_end = true;
};

// Muscle paths as flat arrays: fascicle i's points are [first_point[i], first_point[i+1]).
// The straight piece from point p to p+1 crosses crossings[c] for c in
// [crossing_first[p], crossing_first[p+1]).
struct MusclePaths {
  std::vector<int> first_point;         // size fascicles + 1
  std::vector<int> point_segment;       // per point
  std::vector<Vec3d> point_local;       // per point, in its segment's frame [m]
  std::vector<char> point_on_thigh;     // per point: 1 for a femur's point, turning with the hip's flexion
  std::vector<int> crossing_first;      // per point, + 1
  std::vector<JointCrossing> crossings;
  int pointCount() const { return static_cast<int>(point_segment.size()); }
};

// The passive bands (ligaments, fascia), their paths laid out like the muscles'.
struct Ligaments {
  std::vector<std::string> name, group;
  MusclePaths paths;
  Eigen::VectorXd rest_length;   // [m] path length in upright standing
  Eigen::VectorXd force_scale;   // [N]
  Eigen::VectorXd length_scale;  // [m]
  // 1 for a band that crosses one joint only (a motion segment's own ligament), 0 for one that
  // spans several (the fascia).
  Eigen::VectorXd single_joint;
  int count() const { return static_cast<int>(name.size()); }
};

// The abdominal cavity after scaling: where its pressure pushes, and over what area.
struct Abdomen {
  int diaphragm_segment = -1, floor_segment = -1;
  Vec3d diaphragm, pelvic_floor;  // [m] in their segments' frames
  double area = 0.0;              // [m^2]
};

// One row per fascicle, for reports: what it is and where it belongs.
struct FascicleInfo {
  std::string name, group, region;
  char side = 'm';
  double pcsa = 0.0;  // [m^2] scaled
};

class SpineModel {
 public:
  // The muscles are a rigid-tendon bank unless `bank` says otherwise: recruitment treats force
  // as affine in activation at the current fibre length, as static optimisation does.
  SpineModel(const ModelSpec& spec, const Subject& subject,
             muscle::BankOptions bank = {.tendon = muscle::TendonModel::Rigid});
  SpineModel(const SpineModel&) = delete;
  SpineModel& operator=(const SpineModel&) = delete;

  const std::string& name() const { return name_; }
  const Subject& subject() const { return subject_; }
  const Scaling& scaling() const { return scaling_; }
  double gravity() const { return gravity_; }

  // Bodies and degrees of freedom: dof index = 3 * segment + axis.
  int segmentCount() const { return static_cast<int>(segments_.size()); }
  const Segment& segment(int i) const { return segments_[static_cast<std::size_t>(i)]; }
  int segmentIndex(const std::string& name) const;  // -1 if absent
  int jointIndex(const std::string& joint_name) const;  // segment whose joint it is; -1 if absent
  int dofCount() const { return 3 * segmentCount(); }
  std::string dofName(int dof) const;  // e.g. "L4_L5.flexion"
  double totalMass() const;            // segments plus arms [kg]
  // Whether `segment` is `ancestor` or lies beyond it: a load on it loads `ancestor`'s joint.
  bool isAncestorOrSelf(int ancestor, int segment) const;

  const ArmsSpec& arms() const { return arms_; }  // scaled length
  double armsMass() const { return arms_mass_; }
  const RhythmSpec& rhythm() const { return rhythm_; }
  int neckSegment() const { return neck_segment_; }

  // Muscles.
  const muscle::MuscleBank& muscles() const { return *bank_; }
  const MusclePaths& paths() const { return paths_; }
  int fascicleCount() const { return static_cast<int>(fascicles_.size()); }
  const FascicleInfo& fascicle(int i) const { return fascicles_[static_cast<std::size_t>(i)]; }
  const Ligaments& ligaments() const { return ligaments_; }
  const std::optional<Abdomen>& abdomen() const { return abdomen_; }

  // The Simbody chain, and a fresh state for one run (upright standing, at rest).
  const Multibody& multibody() const { return *multibody_; }
  MultibodyState makeState() const { return multibody_->makeState(); }

 private:
  void buildSystem();
  void buildMuscles(const ModelSpec& spec, const muscle::BankOptions& options);
  void buildLigaments(const ModelSpec& spec);
  void findJointCrossings(MusclePaths& paths, int count) const;
  void markSingleJointLigaments();
  Vec3d originOf(int segment) const;  // [m] the segment's origin in upright standing

  std::string name_;
  Subject subject_;
  Scaling scaling_;
  double gravity_ = 9.80665;
  std::vector<Segment> segments_;
  ArmsSpec arms_;
  double arms_mass_ = 0.0;
  RhythmSpec rhythm_;
  int neck_segment_ = -1;
  std::vector<FascicleInfo> fascicles_;
  MusclePaths paths_;
  Ligaments ligaments_;
  std::optional<Abdomen> abdomen_;
  std::unique_ptr<muscle::MuscleBank> bank_;
  std::unique_ptr<Multibody> multibody_;
};

}  // namespace tonus::body
