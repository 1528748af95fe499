#pragma once
// --sex, --height, --mass for commands that build a model for a subject; unset values fall
// back to the model's reference subject.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "body/model_spec.hpp"
#include "body/model_report.hpp"
#include "body/subject.hpp"

namespace tonus::cli {

struct SubjectOptions {
  std::string sex;
  std::optional<double> height, mass;

  body::Subject resolve(const body::ModelSpec& spec) const {
    return body::subjectOf(spec, sex.empty() ? std::nullopt : std::optional<std::string>(sex), height, mass);
  }
};

inline void addSubjectOptions(CLI::App& app, SubjectOptions& o) {
  app.add_option("--sex", o.sex, "Subject sex")->check(CLI::IsMember({"male", "female"}));
  app.add_option("--height", o.height, "Subject height [m]")->check(CLI::Range(1.0, 2.3));
  app.add_option("--mass", o.mass, "Subject mass [kg]")->check(CLI::Range(30.0, 200.0));
}

}  // namespace tonus::cli
