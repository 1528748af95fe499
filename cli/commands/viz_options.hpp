#pragma once
// Options the drawing commands share: a time in the run (--at), read against the run's length.
#include <string>

#include "core/duration.hpp"
#include "core/errors.hpp"
#include "results/run_record.hpp"
#include "viz/frame.hpp"

namespace tonus::cli {

// "end", or a duration such as 90s, 20min, 1.5h, within the run.
inline double timeInRun(const std::string& text, const results::RunRecord& record) {
  const double end = record.time.back();
  if (text == "end") return end;
  const auto seconds = parseDuration(text);
  if (!seconds) throw UserError("--at must be a time such as 90s, 20min, 1.5h or 'end', got '" + text + "'");
  if (*seconds > end + 1e-9) {
    throw UserError("--at " + text + " is after the end of the run (" + viz::clockText(end) + ")");
  }
  return *seconds;
}

}  // namespace tonus::cli
