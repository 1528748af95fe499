#include "scenario/scenario_file.hpp"

#include <cmath>

#include "io/error_collector.hpp"
#include "io/yaml_reader.hpp"
#include "scenario/phase_motion.hpp"

namespace tonus::scenario {
namespace {

using io::YamlNode;
constexpr double kDeg = M_PI / 180.0;

SourceRef refOf(const YamlNode& n) { return {n.file(), n.line(), n.column(), n.path(), n.text()}; }

// Angle keys every posture-taking phase may set.
const char* const kAngleKeys[] = {"trunk_flexion_deg", "lateral_bend_deg", "axial_rotation_deg", "neck_flexion_deg"};

void readAngles(const YamlNode& n, Phase& p) {
  double* targets[] = {&p.trunk_flexion, &p.lateral_bend, &p.axial_rotation, &p.neck_flexion};
  for (int i = 0; i < 4; ++i) {
    if (auto v = n.find(kAngleKeys[i])) {
      *targets[i] = v->asNumberIn(-180.0, 180.0, "deg") * kDeg;
      p.angle_fields[kAngleKeys[i]] = refOf(*v);
    }
  }
}

std::vector<std::string> keysWith(std::initializer_list<const char*> own, bool angles) {
  std::vector<std::string> keys(own.begin(), own.end());
  if (angles) keys.insert(keys.end(), std::begin(kAngleKeys), std::end(kAngleKeys));
  return keys;
}

double readDuration(const YamlNode& n) {
  const double seconds = n.at("duration").asDurationSeconds();
  if (seconds > 7 * 24 * 3600.0) n.at("duration").fail("must be at most 7 days");
  return seconds;
}

double readLoad(const YamlNode& n) {
  return n.find("load_kg") ? n.at("load_kg").asNumberIn(0.0, 100.0, "kg") : 0.0;
}

Phase readPhase(const std::string& kind, const YamlNode& n) {
  Phase p;
  p.where = refOf(n);
  if (kind == "stand" || kind == "walk") {
    p.kind = kind == "stand" ? PhaseKind::Stand : PhaseKind::Walk;
    n.allowOnlyKeys(keysWith({"duration"}, kind == "stand"));
    p.duration = readDuration(n);
    readAngles(n, p);
  } else if (kind == "stretch") {
    p.kind = PhaseKind::Stretch;
    n.allowOnlyKeys({"duration", "position"});
    p.duration = readDuration(n);
    if (auto s = n.find("position")) {
      p.stretch_position = s->asChoice({"lying", "standing"}) == "lying" ? StretchPosition::Lying : StretchPosition::Standing;
    }
  } else if (kind == "sit") {
    p.kind = PhaseKind::Sit;
    n.allowOnlyKeys(keysWith({"duration", "style", "backrest"}, true));
    p.duration = readDuration(n);
    if (auto s = n.find("style")) {
      const std::string style = s->asChoice({"upright", "slumped", "forward"});
      p.sit_style = style == "upright" ? SitStyle::Upright : style == "slumped" ? SitStyle::Slumped : SitStyle::Forward;
    }
    if (auto b = n.find("backrest")) p.backrest = b->asBool();
    readAngles(n, p);
  } else if (kind == "lie") {
    p.kind = PhaseKind::Lie;
    n.allowOnlyKeys({"duration", "position"});
    p.duration = readDuration(n);
    if (auto s = n.find("position")) {
      const std::string pos = s->asChoice({"supine", "prone", "side"});
      p.lie_position = pos == "supine" ? LiePosition::Supine : pos == "prone" ? LiePosition::Prone : LiePosition::Side;
    }
  } else if (kind == "hold") {
    p.kind = PhaseKind::Hold;
    n.allowOnlyKeys(keysWith({"duration", "load_kg", "hand_distance_m", "hand_height_m"}, true));
    p.duration = readDuration(n);
    p.load_kg = readLoad(n);
    if (auto d = n.find("hand_distance_m")) p.hand_distance = d->asNumberIn(0.0, 1.0, "m");
    if (auto h = n.find("hand_height_m")) p.hand_height = h->asNumberIn(-1.0, 1.0, "m");
    readAngles(n, p);
  } else if (kind == "exert") {
    p.kind = PhaseKind::Exert;
    n.allowOnlyKeys(keysWith({"duration", "effort_percent_mvc", "direction"}, true));
    p.duration = readDuration(n);
    p.effort = n.at("effort_percent_mvc").asNumberIn(0.0, 100.0, "%") / 100.0;
    if (auto d = n.find("direction")) {
      const std::string dir = d->asChoice({"extension", "flexion", "lateral_left", "lateral_right", "rotation_left",
                                           "rotation_right"});
      p.exert_direction = dir == "extension"       ? ExertDirection::Extension
                          : dir == "flexion"       ? ExertDirection::Flexion
                          : dir == "lateral_left"  ? ExertDirection::LateralLeft
                          : dir == "lateral_right" ? ExertDirection::LateralRight
                          : dir == "rotation_left" ? ExertDirection::RotationLeft
                                                   : ExertDirection::RotationRight;
    }
    readAngles(n, p);
  } else if (kind == "lift") {
    p.kind = PhaseKind::Lift;
    n.allowOnlyKeys({"reps", "load_kg", "style", "cycle_s", "from_height_m", "to_height_m", "neck_flexion_deg"});
    p.reps = n.at("reps").asIntegerIn(1, 100000);
    p.load_kg = readLoad(n);
    if (auto s = n.find("style")) p.lift_style = s->asChoice({"stoop", "squat"}) == "stoop" ? LiftStyle::Stoop : LiftStyle::Squat;
    p.cycle_s = n.find("cycle_s") ? n.at("cycle_s").asNumberIn(2.0, 600.0, "s") : 5.0;
    p.from_height = n.find("from_height_m") ? n.at("from_height_m").asNumberIn(0.0, 2.0, "m") : 0.1;
    p.to_height = n.find("to_height_m") ? n.at("to_height_m").asNumberIn(0.0, 2.0, "m") : 0.9;
    if (auto v = n.find("neck_flexion_deg")) {
      p.neck_flexion = v->asNumberIn(-180.0, 180.0, "deg") * kDeg;
      p.angle_fields["neck_flexion_deg"] = refOf(*v);
    }
    p.duration = p.reps * p.cycle_s;
  } else if (kind == "twist") {
    p.kind = PhaseKind::Twist;
    n.allowOnlyKeys({"reps", "angle_deg", "peak_speed_deg_s", "load_kg", "side"});
    p.reps = n.at("reps").asIntegerIn(1, 100000);
    p.twist_angle = n.at("angle_deg").asNumberIn(0.0, 180.0, "deg") * kDeg;
    p.angle_fields["angle_deg"] = refOf(n.at("angle_deg"));
    p.twist_peak_speed = n.find("peak_speed_deg_s") ? n.at("peak_speed_deg_s").asNumberIn(1.0, 1500.0, "deg/s") * kDeg
                                                     : 180.0 * kDeg;
    p.load_kg = readLoad(n);
    if (auto s = n.find("side")) {
      const std::string side = s->asChoice({"left", "right", "alternate"});
      p.twist_side = side == "left" ? TwistSide::Left : side == "right" ? TwistSide::Right : TwistSide::Alternate;
    }
    p.duration = p.reps * twistRepDuration(p.twist_angle, p.twist_peak_speed);
  } else if (kind == "carry") {
    p.kind = PhaseKind::Carry;
    n.allowOnlyKeys({"duration", "load_kg", "on"});
    p.duration = readDuration(n);
    p.load_kg = readLoad(n);
    if (auto o = n.find("on")) {
      const std::string on = o->asChoice({"right_shoulder", "left_shoulder", "right_hand", "left_hand", "both_hands", "backpack"});
      p.carry_on = on == "right_shoulder" ? CarryOn::RightShoulder
                   : on == "left_shoulder" ? CarryOn::LeftShoulder
                   : on == "right_hand"    ? CarryOn::RightHand
                   : on == "left_hand"     ? CarryOn::LeftHand
                   : on == "both_hands"    ? CarryOn::BothHands
                                           : CarryOn::Backpack;
    }
  } else if (kind == "heat" || kind == "cold" || kind == "massage") {
    p.kind = kind == "heat" ? PhaseKind::Heat : kind == "cold" ? PhaseKind::Cold : PhaseKind::Massage;
    n.allowOnlyKeys({"duration", "posture"});
    p.duration = readDuration(n);
    if (auto s = n.find("posture")) {
      const std::string posture = s->asChoice({"lying", "sitting", "standing"});
      p.therapy_posture = posture == "lying" ? TherapyPosture::Lying
                          : posture == "sitting" ? TherapyPosture::Sitting
                                                 : TherapyPosture::Standing;
    }
  } else if (kind == "drink") {
    p.kind = PhaseKind::Drink;
    n.allowOnlyKeys({"litres", "duration"});
    p.drink_litres = n.at("litres").asNumberIn(0.0, 3.0, "L");
    p.duration = n.find("duration") ? readDuration(n) : 0.0;
  }
  return p;
}

const std::vector<std::string> kPhaseKinds = {"stand", "sit", "lie", "hold", "exert", "lift", "twist", "carry",
                                              "walk", "stretch", "heat", "cold", "massage", "drink", "repeat"};

void readTimelineItem(const YamlNode& item, const std::string& source, std::size_t i, std::vector<Phase>& out,
                      int depth, io::ErrorCollector& errors);

void readTimeline(const YamlNode& list, const std::string& source, std::vector<Phase>& out, int depth,
                  io::ErrorCollector& errors) {
  if (!list.isSequence()) list.fail("must be a list of phases, such as - stand: {duration: 5min}");
  if (list.size() == 0) list.fail("must list at least one phase");
  // Each phase is read on its own, so every faulty phase is reported at once.
  for (std::size_t i = 0; i < list.size(); ++i) {
    errors.attempt([&] { readTimelineItem(list[i], source, i, out, depth, errors); });
  }
}

void readTimelineItem(const YamlNode& item, const std::string& source, std::size_t i, std::vector<Phase>& out,
                      int depth, io::ErrorCollector& errors) {
  {
    if (!item.isMap() || item.entries().size() != 1) item.fail("must be one phase, such as - stand: {duration: 5min}");
    item.allowOnlyKeys(kPhaseKinds);
    const auto [kind, body] = item.entries().front();
    const std::string where = source + "[" + std::to_string(i) + "]." + kind;
    if (kind == "repeat") {
      body.allowOnlyKeys({"times", "timeline"});
      if (depth > 4) body.fail("repeat blocks may nest at most 4 deep");
      const int times = body.at("times").asIntegerIn(1, 10000);
      std::vector<Phase> block;
      readTimeline(body.at("timeline"), where + ".timeline", block, depth + 1, errors);
      for (int t = 0; t < times; ++t) {
        for (Phase p : block) {
          p.source = where + "#" + std::to_string(t + 1) + p.source.substr(where.size());
          out.push_back(p);
        }
      }
      if (out.size() > 200000) body.fail("expands to more than 200000 phases");
      return;
    }
    if (!body.isMap()) body.fail("must be a map of the phase's settings");
    Phase p = readPhase(kind, body);
    p.source = where;
    out.push_back(p);
  }
}

// `physiology:` overrides: the reflex model by name, any constant of parameterTable by name.
void readPhysiology(const YamlNode& n, physiology::Parameters& p, io::ErrorCollector& errors) {
  if (!n.isMap()) n.fail("must be a map of physiology settings, such as {reflex_model: pain_adaptation}");
  std::vector<physiology::ParameterEntry> table = physiology::parameterTable(p);
  std::vector<std::string> keys = {"reflex_model"};
  for (const auto& entry : table) keys.push_back(entry.name);
  errors.attempt([&] { n.allowOnlyKeys(keys); });
  for (const auto& [key, value] : n.entries()) {
    errors.attempt([&, &key = key, &value = value] {
      if (key == "reflex_model") {
        p.reflex_model = value.asChoice({"vicious_cycle", "pain_adaptation"}) == "vicious_cycle"
                             ? physiology::ReflexModel::ViciousCycle
                             : physiology::ReflexModel::PainAdaptation;
        return;
      }
      for (const auto& entry : table) {
        if (key == entry.name) *entry.value = value.asNumberIn(entry.min, entry.max, entry.unit);
      }
    });
  }
  // Flow must first be free, then fall, then stop, as pressure rises.
  const auto& f = p.perfusion;
  if (!(f.pressure_at_rest < f.onset_pressure && f.onset_pressure < f.occlusion_pressure)) {
    errors.attempt([&] {
      n.failPlain("needs pressure_at_rest_mmhg < flow_onset_pressure_mmhg < occlusion_pressure_mmhg");
    });
  }
}

Scenario readScenario(const YamlNode& root) {
  root.allowOnlyKeys({"name", "description", "model", "subject", "condition", "physiology", "timeline", "output"});
  Scenario s;
  s.file = root.file();
  // The sections are independent: read them all and report every error together.
  io::ErrorCollector errors;
  errors.attempt([&] {
    s.name = root.at("name").asString();
    if (s.name.empty()) root.at("name").fail("must not be empty");
  });
  errors.attempt([&] {
    if (auto m = root.find("model")) s.model_file = m->asString();
  });
  if (auto subject = root.find("subject")) {
    errors.attempt([&] { subject->allowOnlyKeys({"sex", "height_m", "mass_kg", "age_years"}); });
    s.subject_given = true;
    errors.attempt([&] {
      if (auto v = subject->find("sex")) s.subject.sex = v->asChoice({"male", "female"}) == "male" ? body::Sex::Male : body::Sex::Female;
    });
    errors.attempt([&] {
      if (auto v = subject->find("height_m")) s.subject.height = v->asNumberIn(1.2, 2.2, "m");
    });
    errors.attempt([&] {
      if (auto v = subject->find("mass_kg")) s.subject.mass = v->asNumberIn(35.0, 180.0, "kg");
    });
    errors.attempt([&] {
      if (auto v = subject->find("age_years")) s.subject.age_years = v->asNumberIn(16.0, 100.0, "years");
    });
  }
  if (auto c = root.find("condition")) {
    errors.attempt([&] {
      c->allowOnlyKeys({"dehydration_percent", "electrolytes", "stress", "core_strength", "ambient_temperature_c"});
    });
    errors.attempt([&] {
      if (auto v = c->find("dehydration_percent")) s.condition.dehydration_percent = v->asNumberIn(0.0, 10.0, "%");
    });
    errors.attempt([&] {
      if (auto v = c->find("electrolytes")) {
        s.condition.electrolytes = v->asChoice({"normal", "low_sodium", "low_potassium", "low_calcium", "low_magnesium"});
      }
    });
    errors.attempt([&] {
      if (auto v = c->find("stress")) s.condition.stress = v->asNumberIn(0.0, 1.0);
    });
    errors.attempt([&] {
      if (auto v = c->find("core_strength")) s.condition.core_strength = v->asNumberIn(0.2, 2.0);
    });
    errors.attempt([&] {
      if (auto v = c->find("ambient_temperature_c")) s.condition.ambient_temperature_c = v->asNumberIn(-30.0, 50.0, "C");
    });
  }
  if (auto ph = root.find("physiology")) errors.attempt([&] { readPhysiology(*ph, s.physiology, errors); });
  errors.attempt([&] { readTimeline(root.at("timeline"), "timeline", s.phases, 0, errors); });
  errors.attempt([&] {
    if (auto o = root.find("output")) {
      o->allowOnlyKeys({"sample_every"});
      if (auto v = o->find("sample_every")) {
        s.sample_every = v->asDurationSeconds();
        if (!(s.sample_every >= 0.01)) v->fail("must be at least 10ms");
      }
    }
  });
  errors.throwIfAny();
  if (s.duration() <= 0.0) root.at("timeline").failPlain("the timeline lasts no time at all");
  if (s.duration() / s.sample_every > 2.0e6) {
    root.at("output").failPlain("sample_every gives more than 2 million samples; sample less often");
  }
  return s;
}

}  // namespace

const char* toString(PhaseKind kind) {
  switch (kind) {
    case PhaseKind::Stand: return "stand";
    case PhaseKind::Sit: return "sit";
    case PhaseKind::Lie: return "lie";
    case PhaseKind::Hold: return "hold";
    case PhaseKind::Exert: return "exert";
    case PhaseKind::Lift: return "lift";
    case PhaseKind::Twist: return "twist";
    case PhaseKind::Carry: return "carry";
    case PhaseKind::Walk: return "walk";
    case PhaseKind::Stretch: return "stretch";
    case PhaseKind::Heat: return "heat";
    case PhaseKind::Cold: return "cold";
    case PhaseKind::Massage: return "massage";
    case PhaseKind::Drink: return "drink";
  }
  return "?";
}

double Scenario::duration() const {
  double total = 0.0;
  for (const Phase& p : phases) total += p.duration;
  return total;
}

Scenario loadScenarioFile(const std::filesystem::path& file) { return readScenario(YamlNode::loadFile(file)); }

Scenario loadScenarioText(const std::string& text, const std::string& display_name) {
  return readScenario(YamlNode::loadString(text, display_name));
}

Scenario loadDefaultScenario() { return loadScenarioText(defaultScenarioText(), kDefaultScenarioName); }

}  // namespace tonus::scenario
