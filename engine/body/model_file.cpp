#include "body/model_file.hpp"

#include <cmath>
#include <set>

#include "input/error_collector.hpp"
#include "input/yaml_reader.hpp"
#include "muscle/muscle_bank.hpp"

namespace tonus::body {
namespace {

using input::YamlNode;
constexpr double kDeg = M_PI / 180.0;

std::string mirrorName(const std::string& name) {
  if (name.size() > 2 && name.compare(name.size() - 2, 2, "_r") == 0) return name.substr(0, name.size() - 2) + "_l";
  if (name.size() > 2 && name.compare(name.size() - 2, 2, "_l") == 0) return name.substr(0, name.size() - 2) + "_r";
  return name;
}
Vec3 mirror(const Vec3& v) { return {v[0], v[1], -v[2]}; }

Sex readSex(const YamlNode& n) { return n.asChoice({"male", "female"}) == "male" ? Sex::Male : Sex::Female; }

// {male: x, female: y} in percent of body mass.
std::pair<double, double> readPercentBySex(const YamlNode& n) {
  n.allowOnlyKeys({"male", "female"});
  return {n.at("male").asNumberIn(0.0, 100.0, "% of body mass"), n.at("female").asNumberIn(0.0, 100.0, "% of body mass")};
}

// A passive moment-angle table: [[angle_deg, moment_Nm], ...], angles increasing, moments
// non-decreasing, passing through (0, 0).
MonotoneCurve readStiffness(const YamlNode& n) {
  std::vector<double> xs, ys;
  for (const YamlNode& row : n.items()) {
    if (!row.isSequence() || row.size() != 2) row.fail("must be a pair [angle_deg, moment_Nm]");
    xs.push_back(row[0].asNumberIn(-90.0, 90.0, "deg") * kDeg);
    ys.push_back(row[1].asNumber());
    if (xs.size() > 1 && !(xs.back() > xs[xs.size() - 2])) row[0].fail("angles must increase down the table");
    if (ys.size() > 1 && ys.back() < ys[ys.size() - 2]) row[1].fail("moments must not decrease as the angle increases");
  }
  if (xs.size() < 2) n.fail("needs at least two [angle_deg, moment_Nm] points");
  const MonotoneCurve curve(xs, ys);
  if (xs.front() > 0 || xs.back() < 0 || std::fabs(curve.value(0.0)) > 1e-9) {
    n.fail("must span angle 0 and pass through moment 0 there");
  }
  return curve;
}

JointSpec readJoint(const YamlNode& n) {
  n.allowOnlyKeys({"name", "centre_m", "disc", "range_deg", "stiffness"});
  JointSpec j;
  j.name = n.at("name").asString();
  j.centre_in_parent = n.at("centre_m").asVec3();
  if (auto disc = n.find("disc")) {
    disc->allowOnlyKeys({"area_cm2", "inclination_deg", "swelling_pressure_MPa"});
    j.is_disc = true;
    j.disc_area = disc->at("area_cm2").asNumberIn(1.0, 40.0, "cm^2") * 1e-4;
    j.disc_inclination = disc->at("inclination_deg").asNumberIn(-60.0, 60.0, "deg") * kDeg;
    if (auto p = disc->find("swelling_pressure_MPa")) j.disc_swelling_pressure = p->asNumberIn(0.0, 1.0, "MPa") * 1e6;
  }
  const YamlNode range = n.at("range_deg");
  range.allowOnlyKeys({"flexion", "lateral_bending", "axial_rotation"});
  for (int a = 0; a < 3; ++a) {
    const YamlNode r = range.at(kAxisNames[a]);
    if (!r.isSequence() || r.size() != 2) r.fail("must be [min_deg, max_deg]");
    j.range_min[a] = r[0].asNumberIn(-90.0, 0.0, "deg") * kDeg;
    j.range_max[a] = r[1].asNumberIn(0.0, 90.0, "deg") * kDeg;
  }
  if (auto stiffness = n.find("stiffness")) {
    stiffness->allowOnlyKeys({"flexion", "lateral_bending", "axial_rotation"});
    for (int a = 0; a < 3; ++a) {
      if (auto curve = stiffness->find(kAxisNames[a])) j.stiffness[a] = readStiffness(*curve);
    }
  }
  return j;
}

SegmentSpec readSegment(const YamlNode& n, const ModelSpec& model, std::set<std::string>& joint_names) {
  n.allowOnlyKeys({"name", "parent", "joint", "mass_percent", "centre_of_mass_m", "radii_of_gyration_m", "landmarks"});
  SegmentSpec s;
  s.name = n.at("name").asString();
  if (s.name == "ground" || model.segmentIndex(s.name) >= 0) n.at("name").fail("must be a new segment name");
  const YamlNode parent = n.at("parent");
  const std::string parent_name = parent.asString();
  s.parent = parent_name == "ground" ? -1 : model.segmentIndex(parent_name);
  if (parent_name != "ground" && s.parent < 0) parent.fail("unknown body (parents must be listed before their children)");
  s.joint = readJoint(n.at("joint"));
  if (!joint_names.insert(s.joint.name).second) n.at("joint").at("name").fail("joint names must be unique");
  std::tie(s.mass_percent_male, s.mass_percent_female) = readPercentBySex(n.at("mass_percent"));
  s.centre_of_mass = n.at("centre_of_mass_m").asVec3();
  s.radii_of_gyration = n.at("radii_of_gyration_m").asVec3();
  for (double r : s.radii_of_gyration) {
    if (!(r > 0.0 && r < 1.0)) n.at("radii_of_gyration_m").fail("each radius must be in (0, 1) m");
  }
  if (auto landmarks = n.find("landmarks")) {
    for (const auto& [name, value] : landmarks->entries()) {
      s.landmarks[name] = value.asVec3();
      // Right-side landmarks define their left mirror images too.
      if (mirrorName(name) != name) s.landmarks.emplace(mirrorName(name), mirror(s.landmarks[name]));
    }
  }
  return s;
}

ArmsSpec readArms(const YamlNode& n, const ModelSpec& model) {
  n.allowOnlyKeys({"hang_from", "shoulder", "mass_percent", "length_m", "com_from_shoulder"});
  ArmsSpec a;
  const YamlNode from = n.at("hang_from");
  a.segment = model.segmentIndex(from.asString());
  if (a.segment < 0) from.fail("unknown body");
  const YamlNode shoulder = n.at("shoulder");
  a.shoulder_landmark = shoulder.asString();
  if (!model.segments[a.segment].landmarks.count(a.shoulder_landmark)) {
    shoulder.fail("must be a landmark of " + model.segments[a.segment].name);
  }
  std::tie(a.mass_percent_male, a.mass_percent_female) = readPercentBySex(n.at("mass_percent"));
  a.length = n.at("length_m").asNumberIn(0.2, 1.2, "m");
  a.com_fraction = n.at("com_from_shoulder").asNumberIn(0.0, 1.0);
  return a;
}

RhythmSpec readRhythm(const YamlNode& n, const ModelSpec& model) {
  n.allowOnlyKeys({"flexion", "lateral_bending", "axial_rotation", "lumbar_flexion_limit_deg", "lumbar_flexion_order"});
  RhythmSpec r;
  if (auto limit = n.find("lumbar_flexion_limit_deg")) r.lumbar_flexion_limit = limit->asNumberIn(10.0, 120.0, "deg") * kDeg;
  if (auto order = n.find("lumbar_flexion_order")) {
    if (!n.find("lumbar_flexion_limit_deg")) order->fail("needs lumbar_flexion_limit_deg beside it");
    r.lumbar_flexion_order = order->asNumberIn(1.0, 20.0);
  }
  for (int a = 0; a < 3; ++a) {
    const YamlNode axis = n.at(kAxisNames[a]);
    double total = 0.0;
    for (const auto& [joint, share] : axis.entries()) {
      int index = -1;
      for (std::size_t s = 0; s < model.segments.size(); ++s) {
        if (model.segments[s].joint.name == joint) index = static_cast<int>(s);
      }
      if (index < 0) share.failPlain("unknown joint '" + joint + "'");
      const double fraction = share.asNumberIn(0.0, 1.0);
      r.shares[a].emplace_back(index, fraction);
      total += fraction;
    }
    if (std::fabs(total - 1.0) > 1e-6) axis.fail("shares must sum to 1 (they sum to " + std::to_string(total) + ")");
  }
  return r;
}

// A path point: "SEGMENT.LANDMARK", or {segment: NAME, at_m: [x, y, z]}.
PathPointSpec readPathPoint(const YamlNode& n, const ModelSpec& model) {
  PathPointSpec p;
  if (n.isScalar()) {
    const std::string text = n.asString();
    const auto dot = text.find('.');
    if (dot == std::string::npos) n.fail("must be SEGMENT.LANDMARK or {segment:, at_m:}");
    const std::string segment = text.substr(0, dot), landmark = text.substr(dot + 1);
    if (segment == "thigh") {
      // A femur's point rides on the pelvis, the thighs' parent, turning with the hip's flexion.
      const auto found = model.thigh_landmarks.find(landmark);
      if (found == model.thigh_landmarks.end()) {
        n.fail("unknown landmark '" + landmark + "' on thigh (the model's thighs: section lists them)");
      }
      for (std::size_t s = 0; s < model.segments.size(); ++s) {
        if (model.segments[s].parent < 0) p.segment = static_cast<int>(s);
      }
      p.position = found->second;
      p.label = text;
      p.on_thigh = true;
      return p;
    }
    p.segment = model.segmentIndex(segment);
    if (p.segment < 0) n.fail("attachment on a missing body '" + segment + "'");
    const auto& landmarks = model.segments[p.segment].landmarks;
    const auto found = landmarks.find(landmark);
    if (found == landmarks.end()) n.fail("unknown landmark '" + landmark + "' on " + segment);
    p.position = found->second;
    p.label = text;
    return p;
  }
  n.allowOnlyKeys({"segment", "at_m"});
  const YamlNode segment = n.at("segment");
  p.segment = model.segmentIndex(segment.asString());
  if (p.segment < 0) segment.fail("attachment on a missing body");
  p.position = n.at("at_m").asVec3();
  p.label = segment.asString() + "@point";
  return p;
}

// A muscle's or a ligament's path: at least two points, on at least two bodies (a path within
// one body `verb`s nothing).
std::vector<PathPointSpec> readPath(const YamlNode& n, const ModelSpec& model, const char* too_short, const char* verb) {
  std::vector<PathPointSpec> path;
  std::set<int> segments;
  for (const YamlNode& pn : n.items()) {
    path.push_back(readPathPoint(pn, model));
    segments.insert(path.back().segment);
  }
  if (path.size() < 2) n.fail(too_short);
  if (segments.size() < 2) n.fail(std::string("must attach to at least two different bodies (else it ") + verb + " nothing)");
  return path;
}

// The left side's path of a bilateral pair, described in the file for the right.
std::vector<PathPointSpec> mirrored(std::vector<PathPointSpec> path) {
  for (auto& p : path) {
    p.position = mirror(p.position);
    p.label = mirrorName(p.label);
  }
  return path;
}

// Muscle parameters a group sets for its fascicles and a fascicle may override.
const std::vector<std::string> kMuscleParameterKeys = {
    "optimal_fibre_length_cm", "pennation_deg", "tendon_slack_cm", "max_contraction_velocity",
    "activation_time_constant_s", "deactivation_time_constant_s", "tendon_strain_at_max_force",
    "passive_strain_at_max_force", "passive_from_optimal_length", "standing_norm_fibre_length"};

void readMuscleParameters(const YamlNode& n, FascicleSpec& f) {
  if (auto v = n.find("optimal_fibre_length_cm")) f.optimal_fibre_length = v->asPositive("cm") * 0.01;
  if (auto v = n.find("pennation_deg")) f.pennation = v->asNumberIn(0.0, 60.0, "deg") * kDeg;
  if (auto v = n.find("tendon_slack_cm")) {
    if (v->isScalar() && v->asString() == "auto") f.tendon_slack_length.reset();
    else f.tendon_slack_length = v->asPositive("cm") * 0.01;
  }
  if (auto v = n.find("max_contraction_velocity")) f.max_contraction_velocity = v->asNumber();
  if (auto v = n.find("activation_time_constant_s")) f.activation_time_constant = v->asNumber();
  if (auto v = n.find("deactivation_time_constant_s")) f.deactivation_time_constant = v->asNumber();
  if (auto v = n.find("tendon_strain_at_max_force")) f.tendon_strain_at_max_force = v->asNumber();
  if (auto v = n.find("passive_strain_at_max_force")) f.passive_strain_at_max_force = v->asNumber();
  if (auto v = n.find("passive_from_optimal_length")) f.passive_from_optimal_length = v->asBool();
  if (auto v = n.find("standing_norm_fibre_length")) f.standing_norm_fibre_length = v->asNumberIn(0.5, 1.5);
}

// The muscle bank's own rules, reported at the fascicle's place in the file.
void checkWithBankRules(const FascicleSpec& f, const YamlNode& where, int index, double specific_tension) {
  muscle::MuscleSpec m;
  m.name = f.name;
  m.max_isometric_force = f.pcsa * specific_tension;
  m.optimal_fibre_length = f.optimal_fibre_length;
  m.tendon_slack_length = f.tendon_slack_length.value_or(0.01);
  m.pennation_at_optimal = f.pennation;
  m.max_contraction_velocity = f.max_contraction_velocity;
  m.activation_time_constant = f.activation_time_constant;
  m.deactivation_time_constant = f.deactivation_time_constant;
  m.tendon_strain_at_max_force = f.tendon_strain_at_max_force;
  m.passive_strain_at_max_force = f.passive_strain_at_max_force;
  m.passive_from_optimal_length = f.passive_from_optimal_length;
  try {
    muscle::validate(m, index);
  } catch (const ParameterError& e) {
    where.failPlain(e.what());
  }
}

void readFascicle(const YamlNode& fn, const std::vector<std::string>& fascicle_keys, const FascicleSpec& base,
                  bool bilateral, ModelSpec& model);

// A muscle group: its shared parameters, then each fascicle on its own (every mistake kept).
void readMuscleGroup(const YamlNode& n, ModelSpec& model, const YamlNode& defaults, input::ErrorCollector& errors) {
  std::vector<std::string> keys = {"group", "region", "side", "fascicles"};
  keys.insert(keys.end(), kMuscleParameterKeys.begin(), kMuscleParameterKeys.end());
  n.allowOnlyKeys(keys);
  FascicleSpec base;
  readMuscleParameters(defaults, base);
  readMuscleParameters(n, base);
  base.group = n.at("group").asString();
  base.region = n.at("region").asChoice({"lumbar", "thoracic", "abdominal", "neck", "shoulder"});
  const bool bilateral = n.at("side").asChoice({"bilateral", "midline"}) == "bilateral";

  std::vector<std::string> fascicle_keys = {"name", "path", "pcsa_cm2"};
  fascicle_keys.insert(fascicle_keys.end(), kMuscleParameterKeys.begin(), kMuscleParameterKeys.end());
  for (const YamlNode& fn : n.at("fascicles").items()) {
    errors.attempt([&] { readFascicle(fn, fascicle_keys, base, bilateral, model); });
  }
}

// One fascicle of a group (two, mirrored, for a bilateral group).
void readFascicle(const YamlNode& fn, const std::vector<std::string>& fascicle_keys, const FascicleSpec& base,
                  bool bilateral, ModelSpec& model) {
  fn.allowOnlyKeys(fascicle_keys);
  FascicleSpec f = base;
  readMuscleParameters(fn, f);
  const std::string name = fn.at("name").asString();
  f.pcsa = fn.at("pcsa_cm2").asPositive("cm^2") * 1e-4;
  if (!(f.optimal_fibre_length > 0)) fn.failPlain("needs optimal_fibre_length_cm (here or in its group)");
  f.path = readPath(fn.at("path"), model, "needs at least an origin and an insertion", "moves");

  if (!bilateral) {
    f.name = name;
    f.side = 'm';
    checkWithBankRules(f, fn, static_cast<int>(model.fascicles.size()), model.specific_tension);
    model.fascicles.push_back(f);
    return;
  }
  // Bilateral: the file describes the right fascicle; the left one is its mirror image.
  FascicleSpec left = f;
  f.name = name + "_r";
  f.side = 'r';
  left.name = name + "_l";
  left.side = 'l';
  left.path = mirrored(left.path);
  checkWithBankRules(f, fn, static_cast<int>(model.fascicles.size()), model.specific_tension);
  model.fascicles.push_back(f);
  model.fascicles.push_back(left);
}

// One passive band (two, mirrored, when bilateral): its path and its tension law.
void readLigament(const YamlNode& n, ModelSpec& model) {
  n.allowOnlyKeys({"name", "group", "side", "path", "force_scale_N", "length_scale_mm"});
  LigamentSpec l;
  const std::string name = n.at("name").asString();
  l.group = n.at("group").asString();
  const bool bilateral = n.at("side").asChoice({"bilateral", "midline"}) == "bilateral";
  // Ranges wide enough for any tissue, narrow enough that no posture overflows the law.
  l.force_scale = n.at("force_scale_N").asNumberIn(1e-6, 1e4, "N");
  l.length_scale = n.at("length_scale_mm").asNumberIn(0.05, 500.0, "mm") * 1e-3;
  l.path = readPath(n.at("path"), model, "needs at least two attachments", "resists");
  if (!bilateral) {
    l.name = name;
    model.ligaments.push_back(l);
    return;
  }
  LigamentSpec left = l;
  l.name = name + "_r";
  l.side = 'r';
  left.name = name + "_l";
  left.side = 'l';
  left.path = mirrored(left.path);
  model.ligaments.push_back(l);
  model.ligaments.push_back(left);
}

// Reads the model's sections one after another, keeping every mistake: a section that depends
// on the segments (arms, rhythm, neck, muscles) is read only when the segments read cleanly,
// so one wrong segment does not bring a cascade of "unknown body" errors.
ModelSpec readModel(const YamlNode& root, input::ErrorCollector& errors) {
  root.expectKind(input::FileKind::Model);
  if (!root.isMap()) root.fail("must be a model: a map starting with format: tonus-model/1");
  errors.attempt([&] {
    root.allowOnlyKeys({"format", "name", "description", "reference_subject", "gravity_m_per_s2", "muscle_strength",
                        "segments", "arms", "neck_joint", "rhythm", "thighs", "muscle_defaults", "muscles",
                        "ligaments", "abdomen"});
  });
  ModelSpec m;
  m.source = root.file();
  errors.attempt([&] {
    const YamlNode format = root.at("format");
    if (format.asString() != "tonus-model/1") format.fail("must be tonus-model/1");
  });
  errors.attempt([&] { m.name = root.at("name").asString(); });
  errors.attempt([&] {
    if (auto d = root.find("description")) m.description = d->asString();
  });
  errors.attempt([&] {
    const YamlNode subject = root.at("reference_subject");
    subject.allowOnlyKeys({"sex", "height_m", "mass_kg"});
    m.reference_sex = readSex(subject.at("sex"));
    m.reference_height = subject.at("height_m").asNumberIn(1.0, 2.3, "m");
    m.reference_mass = subject.at("mass_kg").asNumberIn(30.0, 200.0, "kg");
  });
  errors.attempt([&] {
    if (auto g = root.find("gravity_m_per_s2")) m.gravity = g->asNumberIn(0.0, 20.0, "m/s^2");
  });
  errors.attempt([&] {
    const YamlNode strength = root.at("muscle_strength");
    strength.allowOnlyKeys({"specific_tension_N_per_cm2", "female_to_male_ratio", "body_mass_exponent"});
    m.specific_tension = strength.at("specific_tension_N_per_cm2").asNumberIn(10.0, 150.0, "N/cm^2") * 1e4;
    m.female_strength_ratio = strength.at("female_to_male_ratio").asNumberIn(0.3, 1.2);
    m.strength_mass_exponent = strength.at("body_mass_exponent").asNumberIn(0.0, 1.5);
  });

  const std::size_t before_segments = errors.count();
  errors.attempt([&] {
    std::set<std::string> joint_names;
    for (const YamlNode& s : root.at("segments").items()) m.segments.push_back(readSegment(s, m, joint_names));
    if (m.segments.empty()) root.at("segments").fail("needs at least one segment");
  });
  if (errors.count() > before_segments) return m;
  errors.attempt([&] { m.arms = readArms(root.at("arms"), m); });
  const std::size_t before_rhythm = errors.count();
  errors.attempt([&] { m.rhythm = readRhythm(root.at("rhythm"), m); });
  errors.attempt([&] {
    const auto neck = root.find("neck_joint");
    if (!neck) return;
    for (std::size_t s = 0; s < m.segments.size(); ++s) {
      if (m.segments[s].joint.name == neck->asString()) m.neck_segment = static_cast<int>(s);
    }
    if (m.neck_segment < 0) neck->fail("must name a joint of the model");
    if (errors.count() > before_rhythm) return;
    for (const auto& shares : m.rhythm.shares) {
      for (const auto& [segment, share] : shares) {
        if (segment == m.neck_segment) neck->fail("must not also take a share of the trunk rhythm");
      }
    }
  });

  errors.attempt([&] {
    const auto thighs = root.find("thighs");
    if (!thighs) return;
    thighs->allowOnlyKeys({"landmarks"});
    for (const auto& [name, point] : thighs->at("landmarks").entries()) {
      m.thigh_landmarks[name] = point.asVec3();
      if (mirrorName(name) != name) m.thigh_landmarks.emplace(mirrorName(name), mirror(m.thigh_landmarks[name]));
    }
  });

  std::optional<YamlNode> defaults;
  errors.attempt([&] {
    defaults = root.find("muscle_defaults");
    if (defaults) defaults->allowOnlyKeys(kMuscleParameterKeys);
  });
  const YamlNode no_defaults = YamlNode::loadString("{}", root.file());
  errors.attempt([&] {
    for (const YamlNode& g : root.at("muscles").items()) {
      errors.attempt([&] { readMuscleGroup(g, m, defaults ? *defaults : no_defaults, errors); });
    }
  });
  errors.attempt([&] {
    std::set<std::string> names;
    for (const auto& f : m.fascicles) {
      if (!names.insert(f.name).second) root.at("muscles").failPlain("fascicle name '" + f.name + "' is used twice");
    }
  });
  errors.attempt([&] {
    const auto abdomen = root.find("abdomen");
    if (!abdomen) return;
    abdomen->allowOnlyKeys({"diaphragm", "pelvic_floor", "area_cm2"});
    AbdomenSpec a;
    a.diaphragm = readPathPoint(abdomen->at("diaphragm"), m);
    a.pelvic_floor = readPathPoint(abdomen->at("pelvic_floor"), m);
    if (a.diaphragm.segment == a.pelvic_floor.segment) abdomen->at("pelvic_floor").fail("must be on another body than the diaphragm");
    a.area = abdomen->at("area_cm2").asNumberIn(10.0, 2000.0, "cm^2") * 1e-4;
    m.abdomen = a;
  });
  // Ligaments are optional: a model without them has joints whose curves carry all passive tissue.
  errors.attempt([&] {
    const auto ligaments = root.find("ligaments");
    if (!ligaments) return;
    for (const YamlNode& l : ligaments->items()) errors.attempt([&] { readLigament(l, m); });
    std::set<std::string> names;
    for (const auto& l : m.ligaments) {
      if (!names.insert(l.name).second) ligaments->failPlain("ligament name '" + l.name + "' is used twice");
    }
  });
  return m;
}

ModelSpec readModelThrowing(const YamlNode& root) {
  input::ErrorCollector errors(root);
  ModelSpec m;
  errors.attempt([&] { m = readModel(root, errors); });
  errors.throwIfAny();
  return m;
}

}  // namespace

const char* toString(Sex sex) { return sex == Sex::Male ? "male" : "female"; }

int ModelSpec::segmentIndex(const std::string& segment_name) const {
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (segments[i].name == segment_name) return static_cast<int>(i);
  }
  return -1;
}

ModelSpec loadModelFile(const std::filesystem::path& file) { return readModelThrowing(YamlNode::loadFile(file)); }

ModelSpec loadModelText(const std::string& text, const std::string& display_name) {
  return readModelThrowing(YamlNode::loadString(text, display_name));
}

ModelSpec loadDefaultModel() { return loadModelText(defaultModelText(), kDefaultModelName); }

}  // namespace tonus::body
