#include "frame.hpp"

#include <cmath>
#include <cstdio>

#include "core/errors.hpp"
#include "sim/channels.hpp"

namespace tonus::viz {
namespace {

sim::FascicleQuantity quantityOf(MuscleColour c) {
  switch (c) {
    case MuscleColour::Activation: return sim::kActivation;
    case MuscleColour::Tone: return sim::kTone;
    case MuscleColour::Fatigue: return sim::kFatigue;
    case MuscleColour::Metabolite: return sim::kMetabolite;
    case MuscleColour::Risk: return sim::kRisk;
  }
  return sim::kActivation;
}

}  // namespace

std::string clockText(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  char text[32];
  if (s >= 3600) std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else std::snprintf(text, sizeof text, "%ld:%02ld", s / 60, s % 60);
  return text;
}

Frame frameAt(const results::RunRecord& record, const sim::PoseReplay& replay, double time, MuscleColour muscles,
              DiscColour discs) {
  const body::SpineModel& model = replay.model();
  if (static_cast<int>(record.fascicles.size()) != model.fascicleCount()) {
    throw UserError(record.dir.string() + ": the results have " + std::to_string(record.fascicles.size()) +
                    " fascicles, its model.yaml " + std::to_string(model.fascicleCount()));
  }
  // The picture shows the sample at or before the time, and the body as it was then.
  Frame frame;
  const int sample = record.sampleAt(time);
  time = record.time[static_cast<std::size_t>(sample)];
  frame.pose = replay.at(time);
  const auto& values = record.fascicle[quantityOf(muscles)];
  const int muscle_sample = record.muscleSampleAt(time);
  for (int f = 0; f < model.fascicleCount(); ++f) frame.muscle_value.push_back(values(muscle_sample, f));
  frame.disc_value.assign(static_cast<std::size_t>(model.segmentCount()), NAN);
  for (int s = 0; s < model.segmentCount(); ++s) {
    if (!model.segment(s).joint.is_disc) continue;
    const std::string column = sim::shortName(model.segment(s).joint.name) +
                               (discs == DiscColour::Compression ? "_compression_N" : "_idp_MPa");
    frame.disc_value[static_cast<std::size_t>(s)] = record.channel(column)[static_cast<std::size_t>(sample)];
  }
  frame.in_spasm.assign(static_cast<std::size_t>(model.fascicleCount()), false);
  for (const results::RunRecord::Spasm& e : record.spasms) {
    if (time < e.start || time > e.end) continue;
    for (int f = 0; f < model.fascicleCount(); ++f) {
      if (model.fascicle(f).name == e.muscle) frame.in_spasm[static_cast<std::size_t>(f)] = true;
    }
  }
  const int phase = record.phase[static_cast<std::size_t>(sample)];
  frame.title = record.scenario_name + ": " + scaleOf(muscles).title;
  frame.caption = clockText(time) + "   " + record.phase_kinds[static_cast<std::size_t>(phase)] + " (phase " +
                  std::to_string(phase + 1) + " of " + std::to_string(record.phase_kinds.size()) + ")";
  return frame;
}

}  // namespace tonus::viz
