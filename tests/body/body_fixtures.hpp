#pragma once
// Shared helpers for the body tests: test model files, and one posture's kinematics and
// path geometry in a single call.
#include <fstream>
#include <sstream>
#include <string>

#include "body/kinematics.hpp"
#include "body/model_file.hpp"
#include "body/path_geometry.hpp"

namespace tonus::body::testing {

inline std::string testModelPath(const std::string& name) { return std::string(TONUS_TEST_MODELS_DIR) + "/" + name; }

inline std::string readText(const std::string& path) {
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

inline ModelSpec twoSegmentSpec() { return loadModelFile(testModelPath("two_segment.yaml")); }

inline Subject referenceOf(const ModelSpec& spec) {
  return {spec.reference_sex, spec.reference_height, spec.reference_mass, 40.0};
}

struct Posed {
  MultibodyState state;
  Kinematics kin;
  PathGeometry geometry;
};

inline Posed pose(const SpineModel& model, const Eigen::VectorXd& q) {
  Posed p{model.makeState(), {}, {}};
  model.multibody().setPositions(p.state, q);
  computeKinematics(model, p.state, p.kin);
  computePathGeometry(model, p.kin, p.geometry);
  return p;
}

}  // namespace tonus::body::testing
