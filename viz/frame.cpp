#include "frame.hpp"

#include <cmath>
#include <cstdio>

#include "core/errors.hpp"
#include "sim/channels.hpp"

namespace tonus::viz {

sim::FascicleQuantity fascicleQuantityOf(MuscleColour c) {
  switch (c) {
    case MuscleColour::Activation: return sim::kActivation;
    case MuscleColour::Tone: return sim::kTone;
    case MuscleColour::Fatigue: return sim::kFatigue;
    case MuscleColour::Flow: return sim::kFlow;
    case MuscleColour::Metabolite: return sim::kMetabolite;
    case MuscleColour::Risk: return sim::kRisk;
  }
  return sim::kActivation;
}

namespace {

// A segment's forward lean from upright in the sagittal plane [deg]: its long axis against the vertical.
double forwardLeanDeg(const body::Kinematics& kin, int segment) {
  const Eigen::Vector3d axis = kin.rotation[static_cast<std::size_t>(segment)].col(1);
  return std::atan2(axis.x(), axis.y()) * 180.0 / M_PI;
}

}  // namespace

std::string postureText(const body::SpineModel& model, const sim::Pose& pose) {
  const body::Kinematics& kin = pose.kin;
  // The thorax's lean, and the lumbar spine's flexion: the thorax's lean less the pelvis's.
  const double thorax = forwardLeanDeg(kin, model.arms().segment);
  const double lumbar = thorax - forwardLeanDeg(kin, 0);
  const auto lean = [](double deg, const char* ahead, const char* behind) {
    char text[48];
    if (std::fabs(deg) < 0.5) std::snprintf(text, sizeof text, "%s", "upright");
    else std::snprintf(text, sizeof text, "%.0f\u00b0 %s", std::fabs(deg), deg > 0 ? ahead : behind);
    return std::string(text);
  };
  const std::string spine = "lumbar spine " + (std::fabs(lumbar) < 0.5 ? std::string("neutral") : lean(lumbar, "flexed", "extended"));
  // Lying, the thorax's lean from upright says nothing: how the body lies does.
  if (pose.lying) return std::string(pose.over_edge ? "held out over a bench's edge" : pose.face_down ? "lying face down" : "lying") + ", " + spine;
  return "thorax " + lean(thorax, "forward", "back") + ", " + spine;
}

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
  const auto& values = record.fascicle[fascicleQuantityOf(muscles)];
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
  // Phases numbered from 0, as summary.json and phases.csv number them.
  frame.caption = clockText(time) + "   phase " + std::to_string(phase) + " of 0-" +
                  std::to_string(record.phase_kinds.size() - 1) + ": " + record.phase_kinds[static_cast<std::size_t>(phase)];
  frame.posture = postureText(model, frame.pose);
  return frame;
}

}  // namespace tonus::viz
