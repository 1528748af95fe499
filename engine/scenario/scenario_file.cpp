#include "scenario/scenario_file.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>

#include "core/file_name.hpp"
#include "input/error_collector.hpp"
#include "input/yaml_reader.hpp"
#include "scenario/phase_motion.hpp"

namespace tonus::scenario {
namespace {

using input::YamlNode;
constexpr double kDeg = M_PI / 180.0;
// The Biering-Sorensen test's usual cut-off (Biering-Sorensen 1984; docs/scenarios.md).
constexpr double kSorensenTestSeconds = 240.0;

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

// The longest a forward phase may last: at about ten simulated seconds per second, longer
// stretches belong to the quasi-static run (docs/forward.md).
constexpr double kLongestForwardSeconds = 120.0;

// A lift's or twist's `dynamics`: quasi_static (the default) or forward (docs/forward.md), for
// a phase of `duration` seconds.
bool readDynamics(const YamlNode& n, double duration) {
  const auto d = n.find("dynamics");
  if (!d || !d->asOneOf<bool>({{"quasi_static", false}, {"forward", true}})) return false;
  if (duration > kLongestForwardSeconds) {
    d->fail("forward runs at most " + std::to_string(static_cast<int>(kLongestForwardSeconds)) + " s of motion (these reps last " +
            std::to_string(static_cast<long>(std::lround(duration))) + " s: use fewer reps, or quasi_static for a shift)");
  }
  return true;
}

// A sudden event's phase: 3 s unless given, long enough to hold the event (0.5 s in) and its
// aftermath, short enough for forward dynamics (docs/forward.md).

double readEventDuration(const YamlNode& n) {
  if (!n.find("duration")) return 3.0;
  const double seconds = n.at("duration").asDurationSeconds();
  if (seconds < 1.0) n.at("duration").fail("must be at least 1 s (the event comes 0.5 s in)");
  if (seconds > 120.0) n.at("duration").fail("must be at most 120 s (a forward-dynamics phase; hold or stand for longer)");
  return seconds;
}

// Reads one setting of a phase; a mistake is kept and the phase's other settings are still read.
class PhaseReader {
 public:
  explicit PhaseReader(input::ErrorCollector& errors) : errors_(errors), before_(errors.count()) {}
  template <class Read>
  void operator()(Read&& read) {
    errors_.attempt(read);
  }
  bool clean() const { return errors_.count() == before_; }

 private:
  input::ErrorCollector& errors_;
  std::size_t before_;
};

// A phase's settings; nothing when any of them is wrong (every mistake is in `errors`).
std::optional<Phase> readPhase(const std::string& kind, const YamlNode& n, input::ErrorCollector& errors) {
  Phase p;
  p.where = refOf(n);
  PhaseReader read(errors);
  const auto duration = [&] { read([&] { p.duration = readDuration(n); }); };
  const auto load = [&] { read([&] { p.load_kg = readLoad(n); }); };
  const auto angles = [&] { read([&] { readAngles(n, p); }); };
  if (kind == "stand" || kind == "walk") {
    p.kind = kind == "stand" ? PhaseKind::Stand : PhaseKind::Walk;
    read([&] { n.allowOnlyKeys(kind == "stand" ? keysWith({"duration", "arm_support"}, true) : keysWith({"duration"}, false)); });
    duration();
    angles();
    // Standing, the hands can rest only on the thighs.
    read([&] {
      if (auto a = n.find("arm_support")) {
        p.arm_support = a->asOneOf<ArmSupport>({{"none", ArmSupport::None}, {"thighs", ArmSupport::Thighs}});
      }
    });
  } else if (kind == "stretch") {
    p.kind = PhaseKind::Stretch;
    read([&] { n.allowOnlyKeys({"duration", "position"}); });
    duration();
    read([&] {
      if (auto s = n.find("position")) {
        p.stretch_position = s->asOneOf<StretchPosition>({{"lying", StretchPosition::Lying}, {"standing", StretchPosition::Standing}});
      }
    });
  } else if (kind == "sit") {
    p.kind = PhaseKind::Sit;
    read([&] { n.allowOnlyKeys(keysWith({"duration", "style", "backrest", "arm_support"}, true)); });
    duration();
    read([&] {
      if (auto s = n.find("style")) {
        p.sit_style = s->asOneOf<SitStyle>(
            {{"upright", SitStyle::Upright}, {"slumped", SitStyle::Slumped}, {"forward", SitStyle::Forward}});
      }
    });
    read([&] {
      if (auto b = n.find("backrest")) {
        p.backrest = b->asBool();
        // Leaning forward over a desk the back leaves the chair: a backrest there is a mistake.
        if (p.backrest && p.sit_style == SitStyle::Forward) b->fail("cannot be used with style: forward (the back leans away from it)");
      }
    });
    read([&] {
      if (auto a = n.find("arm_support")) {
        p.arm_support = a->asOneOf<ArmSupport>({{"none", ArmSupport::None},
                                                {"desk", ArmSupport::Desk},
                                                {"thighs", ArmSupport::Thighs},
                                                {"knees", ArmSupport::Knees}});
      }
    });
    angles();
  } else if (kind == "lie") {
    p.kind = PhaseKind::Lie;
    read([&] { n.allowOnlyKeys({"duration", "position"}); });
    duration();
    read([&] {
      if (auto s = n.find("position")) {
        p.lie_position = s->asOneOf<LiePosition>(
            {{"supine", LiePosition::Supine}, {"prone", LiePosition::Prone}, {"side", LiePosition::Side}});
      }
    });
  } else if (kind == "hold") {
    p.kind = PhaseKind::Hold;
    read([&] { n.allowOnlyKeys(keysWith({"duration", "load_kg", "hand_distance_m", "hand_height_m"}, true)); });
    duration();
    load();
    read([&] {
      if (auto d = n.find("hand_distance_m")) p.hand_distance = d->asNumberIn(0.0, 1.0, "m");
    });
    read([&] {
      if (auto h = n.find("hand_height_m")) p.hand_height = h->asNumberIn(-1.0, 1.0, "m");
    });
    angles();
  } else if (kind == "exert") {
    p.kind = PhaseKind::Exert;
    read([&] { n.allowOnlyKeys(keysWith({"duration", "effort_percent_mvc", "direction"}, true)); });
    duration();
    read([&] { p.effort = n.at("effort_percent_mvc").asNumberIn(0.0, 100.0, "%") / 100.0; });
    read([&] {
      if (auto d = n.find("direction")) {
        p.exert_direction = d->asOneOf<ExertDirection>(
            {{"extension", ExertDirection::Extension}, {"flexion", ExertDirection::Flexion},
             {"lateral_left", ExertDirection::LateralLeft}, {"lateral_right", ExertDirection::LateralRight},
             {"rotation_left", ExertDirection::RotationLeft}, {"rotation_right", ExertDirection::RotationRight}});
      }
    });
    angles();
  } else if (kind == "sorensen") {
    // The Biering-Sorensen test: by default the 240 s its protocol stops at.
    p.kind = PhaseKind::Sorensen;
    read([&] { n.allowOnlyKeys({"duration"}); });
    read([&] { p.duration = n.find("duration") ? readDuration(n) : kSorensenTestSeconds; });
  } else if (kind == "lift") {
    p.kind = PhaseKind::Lift;
    read([&] {
      n.allowOnlyKeys({"reps", "load_kg", "style", "between_knees", "knee_flexion_deg", "cycle_s", "from_height_m",
                       "to_height_m", "neck_flexion_deg", "dynamics"});
    });
    read([&] { p.reps = n.at("reps").asIntegerIn(1, 100000); });
    load();
    read([&] {
      if (auto s = n.find("style")) p.lift_style = s->asOneOf<LiftStyle>({{"stoop", LiftStyle::Stoop}, {"squat", LiftStyle::Squat}});
    });
    read([&] {
      if (auto b = n.find("between_knees")) {
        p.between_knees = b->asBool();
        if (p.between_knees && p.lift_style != LiftStyle::Squat) b->fail("needs style: squat (a stoop keeps the knees straight)");
      }
    });
    read([&] {
      if (auto k = n.find("knee_flexion_deg")) {
        p.knee_flexion = k->asNumberIn(10.0, 140.0, "deg") * kDeg;
        if (p.lift_style != LiftStyle::Squat) k->fail("needs style: squat (a stoop keeps the knees straight)");
      }
    });
    p.cycle_s = 5.0;
    read([&] {
      if (auto c = n.find("cycle_s")) p.cycle_s = c->asNumberIn(2.0, 600.0, "s");
    });
    p.from_height = 0.1;
    read([&] {
      if (auto h = n.find("from_height_m")) p.from_height = h->asNumberIn(0.0, 2.0, "m");
    });
    p.to_height = 0.9;
    read([&] {
      if (auto h = n.find("to_height_m")) p.to_height = h->asNumberIn(0.0, 2.0, "m");
    });
    read([&] {
      if (auto v = n.find("neck_flexion_deg")) {
        p.neck_flexion = v->asNumberIn(-180.0, 180.0, "deg") * kDeg;
        p.angle_fields["neck_flexion_deg"] = refOf(*v);
      }
    });
    p.duration = p.reps * p.cycle_s;
    read([&] { p.forward_dynamics = readDynamics(n, p.duration); });
  } else if (kind == "twist") {
    p.kind = PhaseKind::Twist;
    read([&] { n.allowOnlyKeys({"reps", "angle_deg", "peak_speed_deg_s", "load_kg", "side", "dynamics"}); });
    read([&] { p.reps = n.at("reps").asIntegerIn(1, 100000); });
    read([&] {
      p.twist_angle = n.at("angle_deg").asNumberIn(0.0, 180.0, "deg") * kDeg;
      p.angle_fields["angle_deg"] = refOf(n.at("angle_deg"));
    });
    p.twist_peak_speed = 180.0 * kDeg;
    read([&] {
      if (auto v = n.find("peak_speed_deg_s")) p.twist_peak_speed = v->asNumberIn(1.0, 1500.0, "deg/s") * kDeg;
    });
    load();
    read([&] {
      if (auto s = n.find("side")) {
        p.twist_side = s->asOneOf<TwistSide>(
            {{"left", TwistSide::Left}, {"right", TwistSide::Right}, {"alternate", TwistSide::Alternate}});
      }
    });
    p.duration = p.reps * twistRepDuration(p.twist_angle, p.twist_peak_speed);
    read([&] { p.forward_dynamics = readDynamics(n, p.duration); });
  } else if (kind == "carry") {
    p.kind = PhaseKind::Carry;
    read([&] { n.allowOnlyKeys({"duration", "load_kg", "on"}); });
    duration();
    load();
    read([&] {
      if (auto o = n.find("on")) {
        p.carry_on = o->asOneOf<CarryOn>({{"right_shoulder", CarryOn::RightShoulder}, {"left_shoulder", CarryOn::LeftShoulder},
                                          {"right_hand", CarryOn::RightHand}, {"left_hand", CarryOn::LeftHand},
                                          {"both_hands", CarryOn::BothHands}, {"backpack", CarryOn::Backpack}});
      }
    });
  } else if (kind == "heat" || kind == "cold" || kind == "massage") {
    p.kind = kind == "heat" ? PhaseKind::Heat : kind == "cold" ? PhaseKind::Cold : PhaseKind::Massage;
    read([&] { n.allowOnlyKeys({"duration", "posture"}); });
    duration();
    read([&] {
      if (auto s = n.find("posture")) {
        p.therapy_posture = s->asOneOf<TherapyPosture>(
            {{"lying", TherapyPosture::Lying}, {"sitting", TherapyPosture::Sitting}, {"standing", TherapyPosture::Standing}});
      }
    });
  } else if (kind == "catch" || kind == "release") {
    // A load falls into a box held in front, or a held load is suddenly let go.
    p.kind = kind == "catch" ? PhaseKind::Catch : PhaseKind::Release;
    read([&] {
      n.allowOnlyKeys(kind == "catch" ? std::vector<std::string>{"load_kg", "drop_height_m", "hand_distance_m", "expected", "duration"}
                                      : std::vector<std::string>{"load_kg", "hand_distance_m", "expected", "duration"});
    });
    read([&] { p.load_kg = n.at("load_kg").asNumberIn(0.0, 50.0, "kg"); });
    read([&] {
      if (auto h = n.find("drop_height_m")) p.drop_height = h->asNumberIn(0.0, 1.0, "m");
    });
    read([&] {
      if (auto d = n.find("hand_distance_m")) p.hand_distance = d->asNumberIn(0.1, 0.7, "m");
    });
    read([&] {
      if (auto e = n.find("expected")) p.expected = e->asBool();
    });
    read([&] { p.duration = readEventDuration(n); });
  } else if (kind == "perturb") {
    // A push or pull on the standing trunk.
    p.kind = PhaseKind::Perturb;
    read([&] { n.allowOnlyKeys({"force_N", "direction", "at", "duration_ms", "expected", "duration"}); });
    read([&] { p.perturb_force = n.at("force_N").asNumberIn(0.0, 1000.0, "N"); });
    read([&] {
      if (auto d = n.find("direction")) {
        p.perturb_direction = d->asOneOf<PerturbDirection>({{"forward", PerturbDirection::Forward},
                                                             {"backward", PerturbDirection::Backward},
                                                             {"left", PerturbDirection::Left},
                                                             {"right", PerturbDirection::Right}});
      }
    });
    read([&] {
      if (auto a = n.find("at")) p.perturb_at = a->asOneOf<PerturbAt>({{"thorax", PerturbAt::Thorax}, {"head", PerturbAt::Head}});
    });
    read([&] {
      if (auto d = n.find("duration_ms")) p.perturb_duration = d->asNumberIn(1.0, 2000.0, "ms") / 1000.0;
    });
    read([&] {
      if (auto e = n.find("expected")) p.expected = e->asBool();
    });
    read([&] { p.duration = readEventDuration(n); });
    read([&] {
      if (p.perturb_duration > p.duration - kEventTime) {
        (n.find("duration_ms") ? n.at("duration_ms") : n).fail("the push must end within the phase (it starts 0.5 s in)");
      }
    });
  } else if (kind == "drink") {
    p.kind = PhaseKind::Drink;
    read([&] { n.allowOnlyKeys({"litres", "duration"}); });
    read([&] { p.drink_litres = n.at("litres").asNumberIn(0.0, 3.0, "L"); });
    read([&] { p.duration = n.find("duration") ? readDuration(n) : 0.0; });
  }
  if (!read.clean()) return std::nullopt;
  return p;
}

// The most phases a timeline may expand to (repeat blocks included).
constexpr std::size_t kMostPhases = 200000;

const std::vector<std::string> kPhaseKinds = {"stand", "sit", "lie", "hold", "exert", "sorensen", "lift", "twist", "carry",
                                              "walk", "stretch", "heat", "cold", "massage", "drink", "catch", "release",
                                              "perturb", "repeat"};

void readTimelineItem(const YamlNode& item, const std::string& source, std::size_t i, std::vector<Phase>& out,
                      int depth, input::ErrorCollector& errors);

void readTimeline(const YamlNode& list, const std::string& source, std::vector<Phase>& out, int depth,
                  input::ErrorCollector& errors) {
  if (!list.isSequence()) list.fail("must be a list of phases, such as - stand: {duration: 5min}");
  if (list.size() == 0) list.fail("must list at least one phase");
  // Each phase is read on its own, so every faulty phase is reported at once.
  for (std::size_t i = 0; i < list.size(); ++i) {
    errors.attempt([&] { readTimelineItem(list[i], source, i, out, depth, errors); });
  }
}

void readTimelineItem(const YamlNode& item, const std::string& source, std::size_t i, std::vector<Phase>& out,
                      int depth, input::ErrorCollector& errors) {
  {
    if (!item.isMap() || item.entries().size() != 1) item.fail("must be one phase, such as - stand: {duration: 5min}");
    item.allowOnlyKeys(kPhaseKinds);
    const auto [kind, body] = item.entries().front();
    const std::string where = source + "[" + std::to_string(i) + "]." + kind;
    if (kind == "repeat") {
      body.allowOnlyKeys({"times", "timeline"});
      if (depth > 4) body.fail("repeat blocks may nest at most 5 deep");
      const int times = body.at("times").asIntegerIn(1, 10000);
      std::vector<Phase> block;
      readTimeline(body.at("timeline"), where + ".timeline", block, depth + 1, errors);
      // Checked before expanding, so a nest of large repeats never fills the memory.
      if (out.size() + block.size() * static_cast<std::size_t>(times) > kMostPhases) {
        body.fail("expands to more than " + std::to_string(kMostPhases) + " phases");
      }
      for (int t = 0; t < times; ++t) {
        for (Phase p : block) {
          p.source = where + "#" + std::to_string(t + 1) + p.source.substr(where.size());
          out.push_back(p);
        }
      }
      return;
    }
    if (!body.isMap()) body.fail("must be a map of the phase's settings");
    std::optional<Phase> p = readPhase(kind, body, errors);
    if (!p) return;
    p->source = where;
    out.push_back(*p);
  }
}

// `physiology:` overrides: the reflex model by name, any constant of parameterTable by name.
void readPhysiology(const YamlNode& n, physiology::Parameters& p, input::ErrorCollector& errors) {
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

// A results folder is named after the scenario: the name must be a plain file name.
void checkName(const YamlNode& n, const std::string& name) {
  if (const auto why = whyNotPlainFileName(name)) n.fail(*why + " (it names the results folder results/<name>)");
}

// The nicest interval, from these, that keeps a series within `most` samples.
double intervalFor(double duration, double most, double at_least) {
  const double nice[] = {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};
  for (double step : nice) {
    if (step + 1e-12 >= at_least && duration / step <= most) return step;
  }
  return std::max(at_least, duration / most);
}

// Default sampling keeps an 8-hour day's files near 25 MB: at most 7,200 rows of time series
// (5 s for 8 h) and 500 samples of every fascicle (1 min for 8 h); short runs sample each second.
constexpr double kMostSeriesSamples = 7200.0;
constexpr double kMostMuscleSamples = 500.0;

void readOutput(const YamlNode& o, Scenario& s, input::ErrorCollector& errors, std::optional<YamlNode>& sample_node,
                std::optional<YamlNode>& muscles_node) {
  errors.attempt([&] { o.allowOnlyKeys({"sample_every", "muscles_every", "files"}); });
  errors.attempt([&] {
    if (auto v = o.find("sample_every")) {
      sample_node = v;
      s.sample_every = v->asDurationSeconds();
      if (!(s.sample_every >= 0.01)) v->fail("must be at least 10ms");
    }
  });
  errors.attempt([&] {
    if (auto v = o.find("muscles_every")) {
      muscles_node = v;
      s.muscles_every = v->asDurationSeconds();
      if (!(s.muscles_every >= 0.01)) v->fail("must be at least 10ms");
    }
  });
  errors.attempt([&] {
    if (auto v = o.find("files")) {
      if (!v->isSequence()) v->fail("must be a list such as [summary, timeseries, muscles, sto, phases]");
      s.files.fill(false);
      for (const YamlNode& item : v->items()) {
        const std::string f = item.asChoice({"summary", "timeseries", "muscles", "sto", "phases"});
        if (f == "timeseries") s.files[static_cast<std::size_t>(OutputFile::Timeseries)] = true;
        if (f == "muscles") s.files[static_cast<std::size_t>(OutputFile::Muscles)] = true;
        if (f == "sto") s.files[static_cast<std::size_t>(OutputFile::Sto)] = true;
        if (f == "phases") s.files[static_cast<std::size_t>(OutputFile::Phases)] = true;
      }
    }
  });
}

Scenario readScenario(const YamlNode& root, input::ErrorCollector& errors) {
  Scenario s;
  s.file = root.file();
  root.expectKind(input::FileKind::Scenario);
  if (!root.isMap()) root.fail("must be a scenario: a map with name and timeline, such as {name: x, timeline: [...]}");
  // The sections are independent: read them all and report every error together.
  errors.attempt([&] {
    root.allowOnlyKeys(
        {"name", "description", "model", "subject", "condition", "mechanics", "physiology", "timeline", "output"});
  });
  errors.attempt([&] {
    const YamlNode name = root.at("name");
    s.name = name.asString();
    checkName(name, s.name);
  });
  errors.attempt([&] {
    if (auto d = root.find("description")) d->asString();
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
  if (auto m = root.find("mechanics")) {
    errors.attempt([&] { m->allowOnlyKeys({"intra_abdominal_pressure"}); });
    errors.attempt([&] {
      if (auto v = m->find("intra_abdominal_pressure")) s.mechanics.intra_abdominal_pressure = v->asBool();
    });
  }
  if (auto ph = root.find("physiology")) errors.attempt([&] { readPhysiology(*ph, s.physiology, errors); });
  const std::size_t before_timeline = errors.count();
  errors.attempt([&] { readTimeline(root.at("timeline"), "timeline", s.phases, 0, errors); });
  std::optional<YamlNode> sample_node, muscles_node;
  if (auto o = root.find("output")) errors.attempt([&] { readOutput(*o, s, errors, sample_node, muscles_node); });

  // Checks of the whole: only meaningful once the timeline read cleanly.
  if (errors.count() > before_timeline) return s;
  errors.attempt([&] {
    if (s.duration() <= 0.0) root.at("timeline").failPlain("the timeline lasts no time at all");
  });
  if (s.duration() <= 0.0) return s;
  if (!sample_node) s.sample_every = intervalFor(s.duration(), kMostSeriesSamples, 1.0);
  errors.attempt([&] {
    if (s.duration() / s.sample_every > 2.0e6) {
      sample_node->failPlain("sample_every gives more than 2 million samples; sample less often");
    }
  });
  if (!muscles_node) {
    // The default: a whole multiple of sample_every.
    const double every = intervalFor(s.duration(), kMostMuscleSamples, s.sample_every);
    s.muscles_every = s.sample_every * std::max(1.0, std::round(every / s.sample_every));
  }
  errors.attempt([&] {
    if (!muscles_node) return;
    const double ratio = s.muscles_every / s.sample_every;
    if (ratio < 1.0 - 1e-9 || std::fabs(ratio - std::round(ratio)) > 1e-6) {
      std::ostringstream every;
      every << s.sample_every;
      muscles_node->fail("must be a whole multiple of sample_every (" + every.str() + " s)");
    }
  });
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
    case PhaseKind::Sorensen: return "sorensen";
    case PhaseKind::Lift: return "lift";
    case PhaseKind::Twist: return "twist";
    case PhaseKind::Carry: return "carry";
    case PhaseKind::Walk: return "walk";
    case PhaseKind::Stretch: return "stretch";
    case PhaseKind::Heat: return "heat";
    case PhaseKind::Cold: return "cold";
    case PhaseKind::Massage: return "massage";
    case PhaseKind::Drink: return "drink";
    case PhaseKind::Catch: return "catch";
    case PhaseKind::Release: return "release";
    case PhaseKind::Perturb: return "perturb";
  }
  return "?";
}

bool hasSuddenEvent(const Phase& phase) {
  return phase.kind == PhaseKind::Catch || phase.kind == PhaseKind::Release || phase.kind == PhaseKind::Perturb;
}

bool runsForward(const Phase& phase) {
  return hasSuddenEvent(phase) || phase.forward_dynamics;
}

double Scenario::duration() const {
  double total = 0.0;
  for (const Phase& p : phases) total += p.duration;
  return total;
}

long Scenario::musclesStride() const { return std::max(1L, std::lround(muscles_every / sample_every)); }

namespace {

ScenarioReading readRoot(const YamlNode& root) {
  ScenarioReading reading{{}, input::ErrorCollector(root)};
  reading.errors.attempt([&] { reading.scenario = readScenario(root, reading.errors); });
  return reading;
}

Scenario throwingAll(ScenarioReading reading) {
  reading.errors.throwIfAny();
  return std::move(reading.scenario);
}

}  // namespace

ScenarioReading readScenarioFile(const std::filesystem::path& file) { return readRoot(YamlNode::loadFile(file)); }

ScenarioReading readScenarioText(const std::string& text, const std::string& display_name) {
  return readRoot(YamlNode::loadString(text, display_name));
}

Scenario loadScenarioFile(const std::filesystem::path& file) { return throwingAll(readScenarioFile(file)); }

Scenario loadScenarioText(const std::string& text, const std::string& display_name) {
  return throwingAll(readScenarioText(text, display_name));
}

Scenario loadDefaultScenario() { return loadScenarioText(defaultScenarioText(), kDefaultScenarioName); }

}  // namespace tonus::scenario
