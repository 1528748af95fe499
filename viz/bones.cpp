#include "bones.hpp"

#include <vtkFloatArray.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "figure.hpp"
#include "shapes.hpp"

namespace tonus::viz {
namespace {

// A carton lifted in both hands: the lift plan's 0.30 m depth (docs/scenarios.md, "Lifting") and
// 0.20 m tall (ASSUMPTION: gripped at mid-height, it rests on the floor at the default 0.1 m pick-up).
constexpr double kCartonDepth = 0.30, kCartonHeight = 0.20;

// A vertebral landmark's name, such as t7_spinous: appended piece by piece (GCC 12 misreads
// the inlined copies of "t" + std::string as overlapping, bug 105651).
std::string levelName(const char* prefix, int level, const char* suffix) {
  std::string name = prefix;
  name += std::to_string(level);
  name += suffix;
  return name;
}

// A landmark in ground, if the segment has it.
bool landmark(const body::SpineModel& model, const body::Kinematics& kin, int s, const std::string& name, Vec3d& out) {
  const auto& lm = model.segment(s).landmarks;
  const auto it = lm.find(name);
  if (it == lm.end()) return false;
  out = kin.toGround(s, it->second);
  return true;
}

// The segment whose parent is s (the next one up the chain), or -1.
int childOf(const body::SpineModel& model, int s) {
  for (int c = 0; c < model.segmentCount(); ++c) {
    if (model.segment(c).parent == s) return c;
  }
  return -1;
}

void addPelvis(const body::SpineModel& model, const body::Kinematics& kin, MeshAppender& mesh) {
  const int p = 0;
  for (const char side : {'r', 'l'}) {
    const std::string sfx = std::string("_") + side;
    const double z = side == 'r' ? 1.0 : -1.0;
    // The iliac wing: a sheet from above the hip joint out to the crest, front to back.
    std::vector<Vec3d> crest;
    for (const char* name : {"asis", "iliac_crest_anterior", "iliac_tubercle", "iliac_crest_posterior", "iliac_crest_dorsal",
                             "iliac_crest_medial", "psis"}) {
      Vec3d point;
      if (landmark(model, kin, p, name + sfx, point)) crest.push_back(point);
    }
    const Vec3d hip = kin.toGround(p, hipJointInPelvis(model, z));
    if (crest.size() >= 3) {
      std::vector<Vec3d> loop = crest;
      loop.push_back(hip);
      mesh.add(fan(kin.toGround(p, Vec3d(-0.03, 0.07, z * 0.09 * model.scaling().length)), loop));
      mesh.add(tubeThrough(crest, 0.008, 8));
    }
    // Acetabulum and the pubic ramus to the symphysis.
    mesh.add(ellipsoid(hip, Eigen::Matrix3d::Identity() * 0.025, 12));
    Vec3d pubic;
    if (landmark(model, kin, p, "pubic_tubercle" + sfx, pubic)) {
      mesh.add(tubeThrough({hip, pubic, kin.toGround(p, Vec3d(0.055, 0.0, 0.0))}, 0.010, 8));
    }
  }
  // The sacrum down its dorsal surface.
  std::vector<Vec3d> sacrum;
  for (int level = 1; level <= 4; ++level) {
    Vec3d point;
    if (landmark(model, kin, p, levelName("s", level, "_spinous"), point)) sacrum.push_back(point);
  }
  if (sacrum.size() >= 2) mesh.add(tubeThrough(sacrum, 0.022, 12));
}

void addLumbar(const body::SpineModel& model, const body::Kinematics& kin, int s, MeshAppender& mesh) {
  // The body spans from this joint to the next one up, leaving room for the discs.
  const int child = childOf(model, s);
  const Vec3d below = kin.origin[s];
  const Vec3d above = child >= 0 ? kin.origin[child] : kin.toGround(s, Vec3d(0, 0.038, 0));
  const Vec3d up = (above - below).normalized();
  const Vec3d centre = 0.5 * (below + above) + kin.rotation[s] * Vec3d(0.005, 0, 0);
  const double half = 0.5 * (above - below).norm() - 0.006;
  mesh.add(tubeThrough({centre - half * up, centre + half * up}, 0.021, 16));
  // Processes: spinous and both transverse.
  Vec3d tip;
  if (landmark(model, kin, s, "spinous_tip", tip)) mesh.add(tubeThrough({centre, tip}, 0.006, 8));
  for (const char* side : {"transverse_tip_r", "transverse_tip_l"}) {
    if (landmark(model, kin, s, side, tip)) mesh.add(tubeThrough({centre, tip}, 0.004, 8));
  }
}

void addThorax(const body::SpineModel& model, const body::Kinematics& kin, int s, MeshAppender& mesh) {
  std::vector<Vec3d> column;
  for (int level = 1; level <= 12; ++level) {
    Vec3d right, left, spinous;
    if (!landmark(model, kin, s, levelName("t", level, "_transverse_r"), right) ||
        !landmark(model, kin, s, levelName("t", level, "_transverse_l"), left) ||
        !landmark(model, kin, s, levelName("t", level, "_spinous"), spinous)) {
      continue;
    }
    const Vec3d middle = 0.5 * (right + left);
    const Vec3d forward = (middle - spinous).normalized();
    const Vec3d body_centre = middle + 0.035 * forward;
    column.push_back(body_centre);
    mesh.add(tubeThrough({body_centre, spinous}, 0.005, 8));
    // A rib on each side: out past the transverse process and round to the front, sloping down.
    const Vec3d lateral = (right - left).normalized();
    const Vec3d down = forward.cross(lateral).normalized();  // toward the feet
    const double width = 0.06 + 0.075 * std::sin(M_PI * std::min(level, 10) / 11.0);
    const double depth = 0.05 + 0.06 * std::sin(M_PI * std::min(level, 10) / 11.0);
    const double reach = level >= 11 ? 0.55 : 1.0;  // floating ribs stop short
    for (const double side : {1.0, -1.0}) {
      std::vector<Vec3d> rib;
      for (int k = 0; k <= 16; ++k) {
        const double angle = reach * M_PI * k / 16.0;
        rib.push_back(body_centre + depth * (1.0 - std::cos(angle)) * forward + side * width * std::sin(angle) * lateral +
                      0.06 * (1.0 - std::cos(angle)) * down * 0.5);
      }
      mesh.add(tubeThrough(rib, 0.0045, 6));
    }
  }
  if (column.size() >= 2) mesh.add(tubeThrough(column, 0.016, 12));
  // The sternum, in front of the upper ribs.
  if (column.size() >= 8) {
    const Vec3d top = column[1], bottom = column[6];
    const Vec3d forward = kin.rotation[s] * Vec3d(1, 0, 0);
    mesh.add(tubeThrough({top + 0.10 * forward, bottom + 0.15 * forward}, 0.012, 8));
  }
}

void addHead(const body::SpineModel& model, const body::Kinematics& kin, int s, MeshAppender& mesh) {
  const Vec3d centre = kin.toGround(s, model.segment(s).centre_of_mass + Vec3d(0.0, 0.03, 0.0));
  const double k = model.scaling().length;
  Eigen::Matrix3d axes = kin.rotation[s];
  axes.col(0) *= 0.095 * k;
  axes.col(1) *= 0.115 * k;
  axes.col(2) *= 0.078 * k;
  mesh.add(ellipsoid(centre, axes, 24));
  mesh.add(tubeThrough({kin.origin[s], kin.toGround(s, model.segment(s).centre_of_mass - Vec3d(0.01, 0.05, 0.0))},
                       0.035 * k, 16));
}

}  // namespace

vtkSmartPointer<vtkPolyData> boneMeshOf(const body::SpineModel& model, const body::Kinematics& kin, int s) {
  MeshAppender mesh;
  const std::string& name = model.segment(s).name;
  if (model.segment(s).parent < 0) addPelvis(model, kin, mesh);
  else if (s == model.neckSegment()) addHead(model, kin, s, mesh);
  else if (s == model.arms().segment) addThorax(model, kin, s, mesh);
  else if (name.size() == 2 && name[0] == 'L') addLumbar(model, kin, s, mesh);
  return mesh.result();
}

vtkSmartPointer<vtkPolyData> skeletonMesh(const body::SpineModel& model, const body::Kinematics& kin) {
  MeshAppender mesh;
  for (int s = 0; s < model.segmentCount(); ++s) mesh.add(boneMeshOf(model, kin, s));
  return mesh.result();
}

vtkSmartPointer<vtkPolyData> discsMesh(const body::SpineModel& model, const body::Kinematics& kin,
                                       const std::vector<double>& values) {
  MeshAppender mesh;
  for (int s = 0; s < model.segmentCount(); ++s) {
    if (!model.segment(s).joint.is_disc) continue;
    // A disc of its endplate area, 1 cm thick, tilted with the vertebra above.
    const double radius = std::sqrt(model.segment(s).joint.disc_area / M_PI);
    const Vec3d up = kin.rotation[s] * Vec3d(0, 1, 0);
    const Vec3d centre = kin.origin[s] + kin.rotation[s] * Vec3d(0.005, 0.0, 0.0);
    vtkSmartPointer<vtkPolyData> disc = tubeThrough({centre - 0.005 * up, centre + 0.005 * up}, radius, 20);
    auto value = vtkSmartPointer<vtkFloatArray>::New();
    value->SetName("value");
    value->SetNumberOfTuples(disc->GetNumberOfPoints());
    value->Fill(static_cast<float>(values[static_cast<std::size_t>(s)]));
    disc->GetPointData()->SetScalars(value);
    mesh.add(disc);
  }
  return mesh.result();
}

Props loadsProps(const std::vector<body::PointLoad>& loads, double gravity, double floor_y) {
  Props props;
  // A one-handed load (a bag): a block of ~300 kg/m^3 (a packed bag), hung below the grip.
  const auto addBag = [&](const Vec3d& grip, double kg) {
    const double edge = std::cbrt(kg / 300.0);
    const Vec3d size(0.6 * edge, edge, 0.5 * edge);
    props.blocks.push_back({grip - Vec3d(0, 0.5 * size.y() + 0.03, 0), size});
  };
  const body::PointLoad* right = nullptr;
  const body::PointLoad* left = nullptr;
  for (const body::PointLoad& load : loads) {
    if (load.label == "load, right hand") right = &load;
    else if (load.label == "load, left hand") left = &load;
    else if (load.label.rfind("load", 0) == 0 || load.label == "backpack") addBag(load.point, std::fabs(load.force.y()) / gravity);
  }
  // Equal loads in both hands are one carton held by its sides, the lift plan's box (0.30 m deep,
  // docs/scenarios.md, "Lifting") as wide as the hands are apart and kCartonHeight tall, gripped
  // at mid-height; never through the floor.
  if (right && left && std::fabs(right->force.y() - left->force.y()) < 1e-9) {
    const Vec3d grip = 0.5 * (right->point + left->point);
    const double width = std::max(0.2, std::fabs(right->point.z() - left->point.z()) - 0.04);
    const double bottom = std::max(floor_y, grip.y() - 0.5 * kCartonHeight);
    props.blocks.push_back({Vec3d(grip.x(), bottom + 0.5 * kCartonHeight, grip.z()), Vec3d(kCartonDepth, kCartonHeight, width)});
  } else {
    for (const body::PointLoad* hand : {right, left}) {
      if (hand) addBag(hand->point, std::fabs(hand->force.y()) / gravity);
    }
  }
  return props;
}

vtkSmartPointer<vtkPolyData> loadsMesh(const std::vector<body::PointLoad>& loads, double gravity, double floor_y) {
  return meshOf(loadsProps(loads, gravity, floor_y));
}

}  // namespace tonus::viz
