#include "body/spine_model.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/errors.hpp"

namespace tonus::body {
namespace {

Vec3d toEigen(const Vec3& v) { return {v[0], v[1], v[2]}; }

// Fibre projection on the tendon line for a fibre of length lm with constant thickness.
double alongTendon(double lm, double lopt, double pennation) {
  const double h = lopt * std::sin(pennation);
  return std::sqrt(std::max(lm * lm - h * h, 0.0));
}

}  // namespace

SpineModel::SpineModel(const ModelSpec& spec, const Subject& subject, muscle::BankOptions bank)
    : name_(spec.name), subject_(subject), scaling_(scalingFor(spec, subject)), gravity_(spec.gravity),
      arms_(spec.arms), rhythm_(spec.rhythm), neck_segment_(spec.neck_segment) {
  const double k = scaling_.length;
  for (const SegmentSpec& s : spec.segments) {
    Segment seg;
    seg.name = s.name;
    seg.parent = s.parent;
    seg.mass = 0.01 * (subject.sex == Sex::Male ? s.mass_percent_male : s.mass_percent_female) * subject.mass;
    seg.centre_of_mass = k * toEigen(s.centre_of_mass);
    const Vec3d r = k * toEigen(s.radii_of_gyration);
    seg.inertia_about_com = (seg.mass * r.cwiseProduct(r)).asDiagonal();
    seg.joint = s.joint;
    for (double& c : seg.joint.centre_in_parent) c *= k;
    seg.joint.disc_area *= k * k;
    for (const auto& [name, p] : s.landmarks) seg.landmarks[name] = k * toEigen(p);
    segments_.push_back(std::move(seg));
  }
  arms_.length *= k;
  arms_mass_ = 0.01 * (subject.sex == Sex::Male ? spec.arms.mass_percent_male : spec.arms.mass_percent_female) *
               subject.mass;
  buildSystem();
  buildMuscles(spec, bank);
  findJointCrossings(paths_, fascicleCount());
  buildLigaments(spec);
  findJointCrossings(ligaments_.paths, ligaments_.count());
  markSingleJointLigaments();
  if (spec.abdomen) {
    if ((originOf(spec.abdomen->diaphragm.segment) + k * toEigen(spec.abdomen->diaphragm.position) -
         originOf(spec.abdomen->pelvic_floor.segment) - k * toEigen(spec.abdomen->pelvic_floor.position)).norm() < 0.01) {
      throw UserError(spec.source + ": abdomen: the diaphragm and the pelvic floor are less than 1 cm apart in upright "
                      "standing; the pressure has no line to push along");
    }
    abdomen_ = Abdomen{spec.abdomen->diaphragm.segment, spec.abdomen->pelvic_floor.segment,
                       k * toEigen(spec.abdomen->diaphragm.position), k * toEigen(spec.abdomen->pelvic_floor.position),
                       k * k * spec.abdomen->area};
  }
}

Vec3d SpineModel::originOf(int segment) const {
  // In upright standing every frame is aligned with ground: origins add up the joint centres.
  Vec3d origin = Vec3d::Zero();
  for (int s = segment; s >= 0; s = segments_[static_cast<std::size_t>(s)].parent) {
    origin += toEigen(segments_[static_cast<std::size_t>(s)].joint.centre_in_parent);
  }
  return origin;
}

bool SpineModel::isAncestorOrSelf(int ancestor, int segment) const {
  for (int s = segment; s >= 0; s = segments_[s].parent) {
    if (s == ancestor) return true;
  }
  return false;
}

void SpineModel::findJointCrossings(MusclePaths& paths, int count) const {
  // A joint moves a path piece's end relative to its start when exactly one of the two
  // points lies in the subtree the joint carries.
  const int points = paths.pointCount();
  paths.crossing_first.assign(static_cast<std::size_t>(points) + 1, 0);
  for (int f = 0; f < count; ++f) {
    for (int p = paths.first_point[f]; p < paths.first_point[f + 1]; ++p) {
      paths.crossing_first[p] = static_cast<int>(paths.crossings.size());
      if (p + 1 == paths.first_point[f + 1]) continue;  // last point: no piece starts here
      const int from = paths.point_segment[p], to = paths.point_segment[p + 1];
      for (int j = 0; j < segmentCount(); ++j) {
        const bool moves_from = isAncestorOrSelf(j, from), moves_to = isAncestorOrSelf(j, to);
        if (moves_from != moves_to) paths.crossings.push_back({j, moves_to});
      }
    }
  }
  paths.crossing_first[points] = static_cast<int>(paths.crossings.size());
}

void SpineModel::buildSystem() {
  std::vector<MultibodySegment> bodies;
  for (const Segment& seg : segments_) {
    bodies.push_back({seg.parent, toEigen(seg.joint.centre_in_parent), seg.mass, seg.centre_of_mass,
                      seg.inertia_about_com});
  }
  multibody_ = std::make_unique<Multibody>(bodies);
}

void SpineModel::buildMuscles(const ModelSpec& spec, const muscle::BankOptions& options) {
  // Segment origins in standing, where every frame is aligned with ground.
  std::vector<Vec3d> origin(segments_.size());
  for (std::size_t s = 0; s < segments_.size(); ++s) origin[s] = originOf(static_cast<int>(s));
  const double k = scaling_.length;
  std::vector<muscle::MuscleSpec> bank_specs;
  paths_.first_point.push_back(0);
  for (const FascicleSpec& f : spec.fascicles) {
    double standing_length = 0.0;
    Vec3d previous;
    for (std::size_t p = 0; p < f.path.size(); ++p) {
      const Vec3d local = k * toEigen(f.path[p].position);
      const Vec3d ground = origin[f.path[p].segment] + local;
      if (p > 0) standing_length += (ground - previous).norm();
      previous = ground;
      paths_.point_segment.push_back(f.path[p].segment);
      paths_.point_local.push_back(local);
      paths_.point_on_thigh.push_back(f.path[p].on_thigh ? 1 : 0);
    }
    paths_.first_point.push_back(static_cast<int>(paths_.point_segment.size()));

    muscle::MuscleSpec m;
    m.name = f.name;
    m.max_isometric_force = f.pcsa * spec.specific_tension * scaling_.strength;
    m.optimal_fibre_length = f.optimal_fibre_length * k;
    m.pennation_at_optimal = f.pennation;
    // Without a measured tendon, put the fibre at its stated standing length with the tendon slack.
    const double fibre_part = alongTendon(f.standing_norm_fibre_length * m.optimal_fibre_length,
                                          m.optimal_fibre_length, f.pennation);
    m.tendon_slack_length = f.tendon_slack_length ? *f.tendon_slack_length * k : standing_length - fibre_part;
    if (!f.tendon_slack_length && m.tendon_slack_length < 0.05 * m.optimal_fibre_length) {
      std::ostringstream msg;
      msg << spec.source << ": fascicle '" << f.name << "': its path in standing (" << standing_length * 100
          << " cm) leaves no tendon beside a fibre of " << fibre_part * 100
          << " cm; give tendon_slack_cm or a shorter optimal_fibre_length_cm";
      throw UserError(msg.str());
    }
    m.max_contraction_velocity = f.max_contraction_velocity;
    m.activation_time_constant = f.activation_time_constant;
    m.deactivation_time_constant = f.deactivation_time_constant;
    m.tendon_strain_at_max_force = f.tendon_strain_at_max_force;
    m.passive_strain_at_max_force = f.passive_strain_at_max_force;
    m.passive_from_optimal_length = f.passive_from_optimal_length;
    bank_specs.push_back(m);
    fascicles_.push_back({f.name, f.group, f.region, f.side, f.pcsa * scaling_.strength});
  }
  bank_ = std::make_unique<muscle::MuscleBank>(std::move(bank_specs), options);
}

void SpineModel::buildLigaments(const ModelSpec& spec) {
  std::vector<Vec3d> origin(segments_.size());
  for (std::size_t s = 0; s < segments_.size(); ++s) origin[s] = originOf(static_cast<int>(s));
  const double k = scaling_.length;
  const auto n = static_cast<Eigen::Index>(spec.ligaments.size());
  ligaments_.rest_length.resize(n);
  ligaments_.force_scale.resize(n);
  ligaments_.length_scale.resize(n);
  ligaments_.paths.first_point.push_back(0);
  for (Eigen::Index i = 0; i < n; ++i) {
    const LigamentSpec& l = spec.ligaments[static_cast<std::size_t>(i)];
    double standing_length = 0.0;
    Vec3d previous;
    for (std::size_t p = 0; p < l.path.size(); ++p) {
      const Vec3d local = k * toEigen(l.path[p].position);
      const Vec3d ground = origin[l.path[p].segment] + local;
      if (p > 0) {
        // A piece of no length has no direction to pull along.
        if ((ground - previous).norm() < 1e-3) {
          throw UserError(spec.source + ": ligament '" + l.name + "': " + l.path[p - 1].label + " and " + l.path[p].label +
                          " coincide in upright standing; a band's points must be at least 1 mm apart");
        }
        standing_length += (ground - previous).norm();
      }
      previous = ground;
      ligaments_.paths.point_segment.push_back(l.path[p].segment);
      ligaments_.paths.point_local.push_back(local);
      ligaments_.paths.point_on_thigh.push_back(l.path[p].on_thigh ? 1 : 0);
    }
    ligaments_.paths.first_point.push_back(static_cast<int>(ligaments_.paths.point_segment.size()));
    ligaments_.name.push_back(l.name);
    ligaments_.group.push_back(l.group);
    ligaments_.rest_length[i] = standing_length;
    // Same moment-angle law for every subject, as the joints' curves (ASSUMPTION, docs/model.md).
    ligaments_.length_scale[i] = l.length_scale * k;
    ligaments_.force_scale[i] = l.force_scale / k;
  }
}

void SpineModel::markSingleJointLigaments() {
  const MusclePaths& paths = ligaments_.paths;
  ligaments_.single_joint = Eigen::VectorXd::Zero(ligaments_.count());
  for (int i = 0; i < ligaments_.count(); ++i) {
    std::vector<int> joints;
    for (int p = paths.first_point[i]; p + 1 < paths.first_point[i + 1]; ++p) {
      for (int c = paths.crossing_first[p]; c < paths.crossing_first[p + 1]; ++c) joints.push_back(paths.crossings[c].joint);
    }
    std::sort(joints.begin(), joints.end());
    ligaments_.single_joint[i] = std::unique(joints.begin(), joints.end()) - joints.begin() == 1 ? 1.0 : 0.0;
  }
}

int SpineModel::segmentIndex(const std::string& segment_name) const {
  for (std::size_t i = 0; i < segments_.size(); ++i) {
    if (segments_[i].name == segment_name) return static_cast<int>(i);
  }
  return -1;
}

int SpineModel::jointIndex(const std::string& joint_name) const {
  for (std::size_t i = 0; i < segments_.size(); ++i) {
    if (segments_[i].joint.name == joint_name) return static_cast<int>(i);
  }
  return -1;
}

std::string SpineModel::dofName(int dof) const {
  return segments_[static_cast<std::size_t>(dof / 3)].joint.name + "." + kAxisNames[dof % 3];
}

double SpineModel::totalMass() const {
  double m = arms_mass_;
  for (const Segment& s : segments_) m += s.mass;
  return m;
}

}  // namespace tonus::body
