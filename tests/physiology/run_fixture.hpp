#pragma once
// Whole runs for the physiology's tests: a scenario's text in, the run out, and the figures the
// tests compare (phase and run means and peaks of a channel, samples at a time).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "body/model_file.hpp"
#include "scenario/scenario_file.hpp"
#include "sim/run.hpp"

namespace tonus::sim {

struct Fixture {
  body::ModelSpec spec = body::loadDefaultModel();

  RunResult run(const std::string& text) {
    const scenario::Scenario s = scenario::loadScenarioText(text, "test.yaml");
    const body::SpineModel model(spec, subjectFor(s, spec));
    const scenario::Timeline timeline(s, model);
    return runScenario(s, model, timeline);
  }
  static double phaseMean(const RunResult& r, int phase, const std::string& channel) {
    return r.phases[phase].channels[r.channelIndex(channel)].mean();
  }
  static double phasePeak(const RunResult& r, int phase, const std::string& channel) {
    return r.phases[phase].channels[r.channelIndex(channel)].peak;
  }
  static double runMean(const RunResult& r, const std::string& channel) {
    return r.overall.channels[r.channelIndex(channel)].mean();
  }
  static double runPeak(const RunResult& r, const std::string& channel) {
    return r.overall.channels[r.channelIndex(channel)].peak;
  }
  static const Sample& sampleAt(const RunResult& r, double time) {
    const auto at = std::find_if(r.samples.begin(), r.samples.end(), [&](const Sample& s) { return s.time == time; });
    EXPECT_NE(at, r.samples.end()) << "no sample at " << time << " s";
    return at != r.samples.end() ? *at : r.samples.back();
  }
  static const Sample& lastSampleOfPhase(const RunResult& r, int phase) {
    const auto at = std::find_if(r.samples.rbegin(), r.samples.rend(), [&](const Sample& s) { return s.phase == phase; });
    EXPECT_NE(at, r.samples.rend()) << "no sample in phase " << phase;
    return at != r.samples.rend() ? *at : r.samples.back();
  }
};

}  // namespace tonus::sim
