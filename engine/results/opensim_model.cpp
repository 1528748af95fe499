#include "results/opensim_model.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

#include "body/ligaments.hpp"
#include "core/version.hpp"
#include "results/tonus_folder.hpp"

namespace tonus::results {
namespace {

// Shortest decimals that read back as the same double, so the numbers round-trip exactly.
std::string num(double value) {
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, value).ptr;
  return std::string(text, end);
}

std::string vec(const body::Vec3d& v) { return num(v.x()) + " " + num(v.y()) + " " + num(v.z()); }

std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// An indented XML document, written element by element.
class Xml {
 public:
  void open(const std::string& tag, const std::string& name = "") {
    indent() << '<' << tag;
    if (!name.empty()) out_ << " name=\"" << escaped(name) << '"';
    out_ << ">\n";
    ++depth_;
  }
  void close(const std::string& tag) {
    --depth_;
    indent() << "</" << tag << ">\n";
  }
  void leaf(const std::string& tag, const std::string& text) {
    indent() << '<' << tag << '>' << escaped(text) << "</" << tag << ">\n";
  }
  void empty(const std::string& tag) { indent() << '<' << tag << " />\n"; }
  void raw(const std::string& text) { out_ << text; }
  std::string str() const { return out_.str(); }

 private:
  std::ostream& indent() { return out_ << std::string(static_cast<std::size_t>(depth_), '\t'); }
  std::ostringstream out_;
  int depth_ = 0;
};

// The axes a joint turns about, in its segment's frame (x anterior, y up, z right), in the
// order Tonus's gimbal turns: flexion about -z, then lateral bending about the turned +x, then
// axial rotation about the twice-turned -y (Multibody::gimbalFrame's columns). A CustomJoint
// composes its rotations about successive body-fixed axes, as the gimbal does.
constexpr const char* kAxisInSegment[3] = {"0 0 -1", "1 0 0", "0 -1 0"};

void writeBody(Xml& x, const body::Segment& s) {
  x.open("Body", s.name);
  x.leaf("mass", num(s.mass));
  x.leaf("mass_center", vec(s.centre_of_mass));
  const Eigen::Matrix3d& I = s.inertia_about_com;
  x.leaf("inertia", num(I(0, 0)) + " " + num(I(1, 1)) + " " + num(I(2, 2)) + " " + num(I(0, 1)) + " " + num(I(0, 2)) +
                        " " + num(I(1, 2)));
  x.close("Body");
}

void writeOffsetFrame(Xml& x, const std::string& name, const std::string& parent_path, const body::Vec3d& at) {
  x.open("PhysicalOffsetFrame", name);
  x.leaf("socket_parent", parent_path);
  x.leaf("translation", vec(at));
  x.leaf("orientation", "0 0 0");
  x.close("PhysicalOffsetFrame");
}

void writeJoint(Xml& x, const body::SpineModel& model, int s) {
  const body::Segment& seg = model.segment(s);
  const std::string parent = seg.parent < 0 ? "ground" : model.segment(seg.parent).name;
  const std::string parent_path = seg.parent < 0 ? "/ground" : "/bodyset/" + parent;
  x.open("CustomJoint", seg.joint.name);
  x.leaf("socket_parent_frame", parent + "_offset");
  x.leaf("socket_child_frame", seg.name + "_offset");
  x.open("coordinates");
  for (int axis = 0; axis < 3; ++axis) {
    x.open("Coordinate", openSimCoordinateName(model, 3 * s + axis));
    x.leaf("default_value", "0");
    x.leaf("default_speed_value", "0");
    x.leaf("range", num(seg.joint.range_min[axis]) + " " + num(seg.joint.range_max[axis]));
    x.leaf("clamped", "true");
    x.leaf("locked", "false");
    x.close("Coordinate");
  }
  x.close("coordinates");
  // The joint's centre in the parent, and the segment's own origin (which is that centre).
  x.open("frames");
  const auto& c = seg.joint.centre_in_parent;
  writeOffsetFrame(x, parent + "_offset", parent_path, body::Vec3d(c[0], c[1], c[2]));
  writeOffsetFrame(x, seg.name + "_offset", "/bodyset/" + seg.name, body::Vec3d::Zero());
  x.close("frames");
  x.open("SpatialTransform");
  for (int axis = 0; axis < 3; ++axis) {
    x.open("TransformAxis", "rotation" + std::to_string(axis + 1));
    x.leaf("coordinates", openSimCoordinateName(model, 3 * s + axis));
    x.leaf("axis", kAxisInSegment[axis]);
    x.open("LinearFunction", "function");
    x.leaf("coefficients", "1 0");
    x.close("LinearFunction");
    x.close("TransformAxis");
  }
  // No translation: the joints only turn.
  constexpr const char* kTranslationAxes[3] = {"1 0 0", "0 1 0", "0 0 1"};
  for (int axis = 0; axis < 3; ++axis) {
    x.open("TransformAxis", "translation" + std::to_string(axis + 1));
    x.empty("coordinates");
    x.leaf("axis", kTranslationAxes[axis]);
    x.open("Constant", "function");
    x.leaf("value", "0");
    x.close("Constant");
    x.close("TransformAxis");
  }
  x.close("SpatialTransform");
  x.close("CustomJoint");
}

// Path points [first, last) as a GeometryPath, each on its segment. A point on a thigh stays
// where it is in upright standing, on the pelvis: the export has no thighs.
void writePath(Xml& x, const body::SpineModel& model, const body::MusclePaths& paths, int first, int last,
               const std::string& owner) {
  x.open("GeometryPath", "path");
  x.open("PathPointSet");
  x.open("objects");
  for (int p = first; p < last; ++p) {
    x.open("PathPoint", owner + "-P" + std::to_string(p - first + 1));
    x.leaf("socket_parent_frame", "/bodyset/" + model.segment(paths.point_segment[p]).name);
    x.leaf("location", vec(paths.point_local[p]));
    x.close("PathPoint");
  }
  x.close("objects");
  x.empty("groups");
  x.close("PathPointSet");
  x.close("GeometryPath");
}

void writeMuscle(Xml& x, const body::SpineModel& model, int f) {
  const muscle::MuscleParameters& p = model.muscles().parameters();
  const std::string& name = model.fascicle(f).name;
  x.open("DeGrooteFregly2016Muscle", name);
  x.leaf("min_control", "0");
  x.leaf("max_control", "1");
  writePath(x, model, model.paths(), model.paths().first_point[f], model.paths().first_point[f + 1], name);
  x.leaf("max_isometric_force", num(p.max_isometric_force[f]));
  x.leaf("optimal_fiber_length", num(p.optimal_fibre_length[f]));
  x.leaf("tendon_slack_length", num(p.tendon_slack_length[f]));
  x.leaf("pennation_angle_at_optimal", num(p.pennation_at_optimal[f]));
  x.leaf("max_contraction_velocity", num(p.max_contraction_velocity[f]));
  // Tonus's runs recruit with rigid tendons; its forward phases use compliant ones.
  x.leaf("ignore_tendon_compliance", "true");
  x.leaf("ignore_activation_dynamics", "false");
  x.leaf("activation_time_constant", num(p.activation_time_constant[f]));
  x.leaf("deactivation_time_constant", num(p.deactivation_time_constant[f]));
  x.leaf("default_activation", "0.01");
  x.leaf("active_force_width_scale", "1");
  x.leaf("fiber_damping", "0");
  x.leaf("ignore_passive_fiber_force", "false");
  x.leaf("passive_fiber_strain_at_one_norm_force", num(p.passive_strain_at_max_force[f]));
  x.leaf("tendon_strain_at_one_norm_force", num(p.tendon_strain_at_max_force[f]));
  x.close("DeGrooteFregly2016Muscle");
}

// Stretches at which a band's tension curve is sampled [length scales]: the exponential toe
// finely, then two points on its straight continuation (past 6 scales).
constexpr double kLigamentSamples[] = {0, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 9, 12};

void writeLigament(Xml& x, const body::SpineModel& model, int i) {
  const body::Ligaments& L = model.ligaments();
  x.open("Ligament", L.name[i]);
  writePath(x, model, L.paths, L.paths.first_point[i], L.paths.first_point[i + 1], L.name[i]);
  const double rest = L.rest_length[i], scale = L.length_scale[i], force = L.force_scale[i];
  x.leaf("resting_length", num(rest));
  x.leaf("pcsa_force", num(force));
  // Tension / pcsa_force against length / resting length; slack below the resting length.
  std::string xs = num(0.5), ys = "0";
  for (double k : kLigamentSamples) {
    xs.append(" ").append(num((rest + k * scale) / rest));
    ys.append(" ").append(num(body::ligamentTension(k * scale, force, scale) / force));
  }
  x.open("SimmSpline", "force_length_curve");
  x.leaf("x", xs);
  x.leaf("y", ys);
  x.close("SimmSpline");
  x.close("Ligament");
}

// An OpenSim Set: its members in <objects>, and no groups.
template <class WriteMembers>
void writeSet(Xml& x, const std::string& tag, const std::string& name, const WriteMembers& write_members) {
  x.open(tag, name);
  x.open("objects");
  write_members();
  x.close("objects");
  x.empty("groups");
  x.close(tag);
}

std::string firstComment(const body::SpineModel& model, std::string made_from) {
  // "--" may not appear inside an XML comment.
  for (std::size_t at = made_from.find("--"); at != std::string::npos; at = made_from.find("--", at)) {
    made_from.replace(at, 2, "- -");
  }
  std::ostringstream c;
  const body::Subject& s = model.subject();
  c << "<!-- generator: " << kOpenSimMark << " " << version() << ": the model " << model.name() << " from " << made_from << ",\n"
    << "     built for a " << body::toString(s.sex) << " subject of " << s.height << " m and " << s.mass << " kg.\n"
    << "     Coordinates are the Tonus joints' angles [rad], named as its dofs with '_' for '.';\n"
    << "     muscles are named as the columns of Tonus's activations.sto.\n"
    << "     What OpenSim cannot hold as Tonus has it (Tonus's docs/opensim.md):\n"
    << "     - the joints' passive moment-angle curves (tabulated in Tonus; OpenSim's coordinate\n"
    << "       forces take a formula): left out;\n"
    << "     - the discs' pressure (Tonus's, from the compression and the disc's area):\n"
    << "       left out; OpenSim's JointReaction analysis gives the loads;\n"
    << "     - the intra-abdominal pressure: left out;\n"
    << "     - the arms' weight (" << model.armsMass() << " kg, hung at the shoulders towards the hands): left out;\n"
    << "     - the points on the thighs, which turn with the hips' flexion: fixed to the pelvis\n"
    << "       where they are in upright standing;\n"
    << "     - the passive fibre curve starting at optimal length (Tonus): OpenSim's De Groote-Fregly\n"
    << "       curve, 1.8 % of the maximal force at optimal length, with the same strain at maximal force. -->\n";
  return c.str();
}

}  // namespace

std::string openSimCoordinateName(const body::SpineModel& model, int dof) {
  return model.segment(dof / 3).joint.name + "_" + body::kAxisNames[dof % 3];
}

std::string openSimModel(const body::SpineModel& model, const std::string& made_from) {
  Xml x;
  x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n");
  x.raw(firstComment(model, made_from));
  x.raw("<OpenSimDocument Version=\"40000\">\n");
  x.open("Model", model.name());
  x.open("Ground", "ground");
  x.close("Ground");
  x.leaf("gravity", "0 " + num(-model.gravity()) + " 0");
  x.leaf("credits", "Tonus " + std::string(version()) + " (tonus export-osim)");
  x.leaf("publications", "The sources of every parameter: Tonus's docs/model.md");
  x.leaf("length_units", "meters");
  x.leaf("force_units", "N");
  writeSet(x, "BodySet", "bodyset", [&] {
    for (int s = 0; s < model.segmentCount(); ++s) writeBody(x, model.segment(s));
  });
  writeSet(x, "JointSet", "jointset", [&] {
    for (int s = 0; s < model.segmentCount(); ++s) writeJoint(x, model, s);
  });
  writeSet(x, "ForceSet", "forceset", [&] {
    for (int f = 0; f < model.fascicleCount(); ++f) writeMuscle(x, model, f);
    for (int i = 0; i < model.ligaments().count(); ++i) writeLigament(x, model, i);
  });
  x.close("Model");
  x.raw("</OpenSimDocument>\n");
  return x.str();
}

}  // namespace tonus::results
