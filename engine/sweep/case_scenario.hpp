#pragma once
// A case's scenario: the base scenario with each varied parameter set at its dotted path
// ("subject.height_m", "condition.stress", "timeline[0].lift.load_kg", "physiology.fatigue_rate").
// Maps on the way are created if the base lacks them (a base without `condition:` can still
// vary stress); list entries must exist. A path that cannot be set is an InputError naming the
// sweep file's `vary` entry.
#include <string>

#include "sweep/sweep.hpp"

namespace tonus::sweep {

std::string caseScenarioText(const Sweep& sweep, const Case& c);

}  // namespace tonus::sweep
