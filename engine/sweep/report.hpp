#pragma once
// What a finished sweep says: the share of cases that could do the task (as ergonomists read
// 3DSSPP's "% capable"), and which varied parameters drive the peak spinal load and the spasm
// risk (standardised regression coefficients, SRC: the slope of each output against each
// parameter when both are scaled to unit standard deviation; with R^2 near 1 the SRCs rank the
// parameters' importance, their squares summing to about R^2 (Saltelli et al. 2008)).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sweep/results_store.hpp"
#include "sweep/sweep.hpp"

namespace tonus::sweep {

struct Capability {
  int cases = 0, invalid = 0;
  double completed = 0.0;      // share never short of muscle capacity and with no task failure
  double under_niosh = 0.0;    // share never above the NIOSH action limit (L4/L5 and L5/S1)
  double without_spasm = 0.0;  // share with no spasm episode
  double all_three = 0.0;
  double risk_below_half = 0.0;  // share whose peak spasm risk stayed below 0.5 (docs/physiology.md)
};

struct Driver {
  std::string parameter;
  double src = 0.0;  // for a listed (categorical) parameter, the largest of its levels' SRCs by size
  std::string contrast;  // for a listed parameter, which level against which: "female vs male"
};

struct OutputDrivers {
  std::string output;
  double r_squared = 0.0;
  std::vector<Driver> ranked;  // by |src|, largest first
  std::string note;            // when a ranking cannot be made (too few cases, no spread)
};

struct Report {
  std::string sweep;
  Capability capability;
  std::vector<OutputDrivers> outputs;
};

Report makeReport(const Sweep& sweep, const ResultsStore& store);
std::string reportText(const Report& report);
nlohmann::json reportJson(const Report& report);

}  // namespace tonus::sweep
