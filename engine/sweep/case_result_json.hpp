#pragma once
// A case's result as JSON, to send it from the MPI rank that ran it to the rank that stores
// it. Numbers keep 17 significant digits, so a result read back is bit-identical.
#include <nlohmann/json.hpp>

#include "sweep/case_result.hpp"

namespace tonus::sweep {

nlohmann::json toJson(const CaseResult& result);
CaseResult caseResultFromJson(const nlohmann::json& j);

}  // namespace tonus::sweep
