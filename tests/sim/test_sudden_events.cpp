// Sudden events simulated forward (docs/forward.md), against the sudden-loading studies
// (docs/validation.md, "Sudden events"): the erector spinae's onset after an unexpected catch
// within the published range; expecting the load pre-activates the extensors and lessens the
// trunk's flexion; reflexes, then the voluntary correction, limit it; the body rests until the
// event; the peak L5/S1 compression of a 9 kg catch near Madinei et al.'s.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "input/yaml_reader.hpp"
#include "sim/run_fixture.hpp"

namespace tonus::sim {
namespace {

struct Fixture : RunFixture {
  // Standing 2 s, then catching `load` kg (or another event's phase text).
  static std::string catching(double load, bool expected, const std::string& physiology = "") {
    return "name: catch\n" + physiology + "timeline:\n  - stand: {duration: 2s}\n  - catch: {load_kg: " +
           std::to_string(load) + ", expected: " + (expected ? "true" : "false") + "}\noutput: {sample_every: 0.01s}\n";
  }
};

const PhaseSummary& eventPhase(const RunResult& r) {
  for (const PhaseSummary& p : r.phases)
    if (p.peak_trunk_flexion_deg) return p;
  throw std::runtime_error("no forward phase");
}

// Mean of a channel over samples in [from, to).
double meanOver(const RunResult& r, const std::string& channel, double from, double to) {
  const int c = r.channelIndex(channel);
  double sum = 0.0;
  int count = 0;
  for (const Sample& s : r.samples)
    if (s.time >= from - 1e-9 && s.time < to - 1e-9) sum += s.values[c], ++count;
  return count > 0 ? sum / count : NAN;
}

const char* kNoReflexes =
    "physiology: {reflex_short_length_gain: 0, reflex_short_velocity_gain: 0, reflex_long_length_gain: 0, "
    "reflex_long_velocity_gain: 0}\n";

TEST(SuddenEvents, AnUnexpectedCatchBringsAnErectorBurstAfterTheShortLoop) {
  Fixture f;
  const RunResult r = f.run(Fixture::catching(9.0, false));
  const PhaseSummary& p = eventPhase(r);
  ASSERT_TRUE(p.event_time && p.reflex_latency_ms);
  // The load meets the box 0.5 s into the phase (a still box; the arms' spring may move it a little).
  EXPECT_NEAR(*p.event_time, 2.5, 0.01);
  // The onset (a rise) comes after the short loop's delay, and the erectors burst well above
  // their level before the load within the next 100 ms.
  EXPECT_GT(*p.reflex_latency_ms, 40.0);
  EXPECT_GT(meanOver(r, "act_multifidus", 2.6, 2.7), meanOver(r, "act_multifidus", 2.4, 2.5) + 0.05);
}

// The onset within the sudden-loading studies' range (docs/forward.md, "Validated against
// measured data"): 91 ms since the spindles' silence withdraws at most their share of the
// command; with the old unbounded withdrawal (reflex_withdrawal_share 1) it was 102 ms.
TEST(SuddenEvents, AnUnexpectedCatchGivesAPublishedErectorOnset) {
  Fixture f;
  // The run outlives the reference into its phases.
  const RunResult r = f.run(Fixture::catching(9.0, false));
  const PhaseSummary& p = eventPhase(r);
  ASSERT_TRUE(p.reflex_latency_ms);
  // Erector spinae onset after a sudden anterior load: ~50 ms (Leinonen et al. 2002), 48 (F) and
  // 60 (M) ms (Miller et al. 2010), 79 +- 9 ms, trial means 66-97 (Skotte et al. 2004).
  EXPECT_GE(*p.reflex_latency_ms, 45.0);
  EXPECT_LE(*p.reflex_latency_ms, 100.0);
}

TEST(SuddenEvents, ExpectingTheLoadPreActivatesTheExtensorsAndLessensTheFlexion) {
  Fixture f;
  const RunResult unexpected = f.run(Fixture::catching(9.0, false)), expected = f.run(Fixture::catching(9.0, true));
  // Cresswell et al. 1994, Thomas et al. 1998, Lavender & Marras 1995: less trunk flexion when
  // the load is expected.
  EXPECT_LT(*eventPhase(expected).peak_trunk_flexion_deg, *eventPhase(unexpected).peak_trunk_flexion_deg);
  // Thomas et al. 1998: more erector spinae activity before an expected load.
  EXPECT_GT(meanOver(expected, "act_multifidus", 2.4, 2.5), meanOver(unexpected, "act_multifidus", 2.4, 2.5) + 0.02);
}

TEST(SuddenEvents, ReflexesThenTheVoluntaryCorrectionLimitTheFlexion) {
  Fixture f;
  const double with_reflexes = *eventPhase(f.run(Fixture::catching(9.0, false))).peak_trunk_flexion_deg;
  const RunResult reflex_off = f.run(Fixture::catching(9.0, false, kNoReflexes));
  EXPECT_LT(with_reflexes + 2.0, *eventPhase(reflex_off).peak_trunk_flexion_deg);
  // Without reflexes no muscle answers before the voluntary correction (150 ms).
  EXPECT_GE(*eventPhase(reflex_off).reflex_latency_ms, 150.0);
  // Passive only (no reflexes, no voluntary correction), the trunk cannot hold the caught load.
  RunOptions passive;
  passive.forward.voluntary = false;
  try {
    f.run(Fixture::catching(9.0, false, kNoReflexes), passive);
    FAIL() << "the passive trunk held a caught 9 kg load";
  } catch (const input::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot withstand"), std::string::npos) << e.what();
  }
}

TEST(SuddenEvents, AReleasedLoadSwitchesTheAbdominalsOnBeforeTheErectorsRelax) {
  Fixture f;
  const RunResult r =
      f.run("name: release\ntimeline:\n  - stand: {duration: 2s}\n  - release: {load_kg: 9}\noutput: {sample_every: 0.01s}\n");
  const PhaseSummary& p = eventPhase(r);
  ASSERT_TRUE(p.reflex_latency_ms && p.abdominal_latency_ms);
  // Chow et al. 2005 (Ergonomics 48:591), loads released from standing lifts: the anterior trunk
  // muscles contract, then the posterior ones relax. (Radebold et al. 2000 found the opposite
  // order, 53 ms shut-off before 70 ms switch-on, seated against a cable: docs/forward.md.)
  EXPECT_LT(*p.abdominal_latency_ms, *p.reflex_latency_ms);
  // The switch-on is a reflex: after the short loop's 40 ms, within the textbook polysynaptic
  // range's end (80 ms; Miller et al. 2010 citing Matthews 1991).
  EXPECT_GT(*p.abdominal_latency_ms, 40.0);
  EXPECT_LT(*p.abdominal_latency_ms, 80.0);
}

TEST(SuddenEvents, TheBodyRestsUntilTheEvent) {
  Fixture f;
  const RunResult r = f.run(Fixture::catching(9.0, false));
  const int c = r.channelIndex("L4L5_compression_N");
  double lowest = 1e300, highest = -1e300;
  for (const Sample& s : r.samples) {
    if (s.time < 2.0 + 1e-9 || s.time > 2.49) continue;
    lowest = std::min(lowest, s.values[c]);
    highest = std::max(highest, s.values[c]);
  }
  // The forward body starts in the quasi-static frame's equilibrium: it does not drift.
  EXPECT_LT(highest - lowest, 0.005 * highest);
}

TEST(SuddenEvents, ANineKilogramCatchLoadsL5S1AsMeasured) {
  Fixture f;
  const RunResult r = f.run(Fixture::catching(9.0, false));
  const double peak = eventPhase(r).channels[r.channelIndex("L5S1_compression_N")].peak;
  // Madinei et al. 2018: 9 kg dropped into a box held in front, 15 adults, peak L5/S1
  // compression 2694-2861 N by configuration (means; their SD not seen): within 25 %.
  EXPECT_GT(peak, 2694.0 * 0.75);
  EXPECT_LT(peak, 2861.0 * 1.25);
}

TEST(SuddenEvents, EventPhasesRefuseWhatCannotBeSimulated) {
  const auto error = [](const std::string& phase) {
    try {
      scenario::loadScenarioText("name: e\ntimeline:\n  - " + phase + "\n", "e.yaml");
    } catch (const input::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error("catch: {load_kg: 9, duration: 0.5s}").find("e.yaml:3:"), std::string::npos);
  EXPECT_NE(error("catch: {load_kg: 9, duration: 0.5s}").find("at least 1 s"), std::string::npos);
  EXPECT_NE(error("catch: {load_kg: 9, duration: 10min}").find("at most 120 s"), std::string::npos);
  EXPECT_NE(error("catch: {duration: 2s}").find("load_kg"), std::string::npos);
  EXPECT_NE(error("perturb: {force_N: -5}").find("force_N"), std::string::npos);
  EXPECT_NE(error("perturb: {force_N: 50, duration_ms: 2000, duration: 2s}").find("within the phase"), std::string::npos);
  EXPECT_NE(error("perturb: {force_N: 50, direction: up}").find("direction"), std::string::npos);
  EXPECT_NE(error("release: {load_kg: 5, drop_height_m: 0.2}").find("unknown key"), std::string::npos);
}

// Three hours slumped, stressed, dehydrated and short of magnesium (or upright against a
// backrest and calm), then standing and catching 12 kg dropped 0.5 m, then 10 min standing.
// 3 h of sitting (slumped and strained, or upright and calm), 5 s of standing, a sudden 100 N
// push on the thorax for 0.3 s (or none), then 10 min of standing.
std::string afterSitting(bool tired, bool with_push) {
  std::string text = "name: spasm\n";
  text += tired ? "condition: {stress: 1.0, dehydration_percent: 3, electrolytes: low_magnesium}\n" : "condition: {stress: 0.1}\n";
  text += "timeline:\n";
  text += tired ? "  - sit: {duration: 3h, style: slumped}\n" : "  - sit: {duration: 3h, style: upright, backrest: true}\n";
  text += "  - stand: {duration: 5s}\n";
  if (with_push) text += "  - perturb: {force_N: 100, duration_ms: 300}\n";
  text += "  - stand: {duration: 10min}\noutput: {sample_every: 5s}\n";
  return text;
}

TEST(SuddenEvents, ASuddenPushTriggersASpasmInATiredStressedBackButNotInAFreshOne) {
  Fixture f;
  // The seed documents' claim, as a hypothesis of the physiology (docs/physiology.md): the
  // event's rapid stretch drives the small-fibre afferents and the fusimotor gain of a back
  // already full of metabolites and excitable, and its tone stays up.
  const RunResult tired = f.run(afterSitting(true, true));
  const RunResult fresh = f.run(afterSitting(false, true));
  const RunResult tired_no_push = f.run(afterSitting(true, false));
  EXPECT_FALSE(tired.spasm_events.empty());
  EXPECT_TRUE(fresh.spasm_events.empty());
  EXPECT_TRUE(tired_no_push.spasm_events.empty());
  // The spasm begins with the push (3 h 5 s in) or after it.
  for (const SpasmEvent& e : tired.spasm_events) EXPECT_GE(e.start, 3 * 3600.0 + 5.0);
}

TEST(SuddenEvents, ThePhysiologysCoarseStepAgreesWithStepsOfOneMillisecond) {
  Fixture f;
  // Cross-check of the forward phases' coarse physiology (docs/forward.md): advanced every
  // 5 ms on the means of its inputs, against every 1 ms step, on the tired back's push.
  RunOptions every_step;
  every_step.forward.physiology_step = 1e-3;
  const RunResult coarse = f.run(afterSitting(true, true)), fine = f.run(afterSitting(true, true), every_step);
  const PhaseSummary &a = eventPhase(coarse), &b = eventPhase(fine);
  for (const char* channel : {"tone_max", "fatigue_max", "spasm_risk"}) {
    const int c = coarse.channelIndex(channel);
    EXPECT_NEAR(a.channels[c].peak, b.channels[c].peak, 0.01 * std::fabs(b.channels[c].peak) + 1e-6) << channel;
  }
  // The same spasm, first in the same muscle at nearly the same time (a muscle whose tone peaks
  // right at the threshold may join one run and not the other).
  ASSERT_FALSE(coarse.spasm_events.empty());
  ASSERT_FALSE(fine.spasm_events.empty());
  EXPECT_EQ(coarse.spasm_events.front().muscle, fine.spasm_events.front().muscle);
  EXPECT_NEAR(coarse.spasm_events.front().start, fine.spasm_events.front().start, 10.0);
  EXPECT_NEAR(*a.peak_trunk_flexion_deg, *b.peak_trunk_flexion_deg, 0.1);
}

TEST(SuddenEvents, AnEventBeyondTheBodyIsAClearErrorNamingThePhase) {
  Fixture f;
  try {
    f.run("name: fall\ncondition: {core_strength: 0.3}\ntimeline:\n  - stand: {duration: 1s}\n"
          "  - catch: {load_kg: 50, drop_height_m: 1.0}\n");
    FAIL() << "a 50 kg load dropped 1 m onto a weak trunk was simulated";
  } catch (const input::InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("event.yaml:5:"), std::string::npos) << message;
    EXPECT_NE(message.find("timeline[1].catch"), std::string::npos) << message;
    EXPECT_NE(message.find("cannot withstand"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace tonus::sim
