#include "quantity.hpp"

#include "core/errors.hpp"

namespace tonus::viz {
namespace {

struct Entry {
  const char* name;
  MuscleColour colour;
  Scale scale;
};

// Tone's scale tops at twice the spasm threshold, so a spasm is mid-scale and unmistakable;
// metabolites at 5 (a heavily worked, poorly perfused muscle). Flow falls from 1, so a run's
// range would hide how far it fell: its whole scale is always shown.
const Entry kEntries[] = {
    {"activation", MuscleColour::Activation, {0.0, 1.0, "activation (fraction of max)"}},
    {"tone", MuscleColour::Tone, {0.0, 0.3, "involuntary tone (fraction of max)"}},
    {"fatigue", MuscleColour::Fatigue, {0.0, 1.0, "fatigued fraction of motor units"}},
    {"flow", MuscleColour::Flow, {0.0, 1.0, "blood flow (fraction of unoccluded)", true}},
    {"metabolite", MuscleColour::Metabolite, {0.0, 5.0, "metabolite index"}},
    {"risk", MuscleColour::Risk, {0.0, 1.0, "spasm risk"}},
};

}  // namespace

std::vector<std::string> muscleColourNames() {
  std::vector<std::string> names;
  for (const Entry& e : kEntries) names.emplace_back(e.name);
  return names;
}

MuscleColour muscleColourNamed(const std::string& name) {
  for (const Entry& e : kEntries) {
    if (name == e.name) return e.colour;
  }
  std::string all;
  for (const Entry& e : kEntries) all += (all.empty() ? "" : ", ") + std::string(e.name);
  throw UserError("unknown colour quantity '" + name + "' (choose one of " + all + ")");
}

DiscColour discColourNamed(const std::string& name) {
  if (name == "compression") return DiscColour::Compression;
  if (name == "pressure") return DiscColour::Pressure;
  throw UserError("unknown disc quantity '" + name + "' (choose compression or pressure)");
}

const char* nameOf(MuscleColour c) {
  for (const Entry& e : kEntries) {
    if (e.colour == c) return e.name;
  }
  return "?";
}

Scale scaleOf(MuscleColour c) {
  for (const Entry& e : kEntries) {
    if (e.colour == c) return e.scale;
  }
  return {0.0, 1.0, ""};
}

Scale scaleOf(DiscColour c) {
  return c == DiscColour::Compression ? Scale{0.0, 4000.0, "disc compression [N]"}
                                      : Scale{0.0, 3.0, "disc pressure [MPa]"};
}

}  // namespace tonus::viz
