// Points on the thighs: read from the model's thighs: section, carried by the pelvis, turned by
// the hips' flexion about the pelvis's origin.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <Eigen/Geometry>

#include "body/body_fixtures.hpp"
#include "body/posture.hpp"
#include "input/yaml_reader.hpp"

namespace tonus::body {
namespace {

using ::testing::HasSubstr;

std::string twoSegmentWithThigh(const std::string& path_end) {
  std::string text = testing::readText(testing::testModelPath("two_segment.yaml"));
  const std::string muscles = "muscles:";
  text.replace(text.find(muscles), muscles.size(), "thighs:\n  landmarks: {knee_front_r: [0.05, -0.40, 0.08]}\nmuscles:");
  const std::string flexor_end = "path: [pelvis.front_r, trunk.front_r]";
  text.replace(text.find(flexor_end), flexor_end.size(), "path: [" + path_end + ", trunk.front_r]");
  return text;
}

TEST(ThighPoints, ARightThighPointAndItsMirrorRideOnThePelvis) {
  const ModelSpec spec = loadModelText(twoSegmentWithThigh("thigh.knee_front_r"), "m.yaml");
  const FascicleSpec* right = nullptr;
  const FascicleSpec* left = nullptr;
  for (const FascicleSpec& f : spec.fascicles) {
    if (f.group == "flexor") (f.side == 'r' ? right : left) = &f;
  }
  ASSERT_TRUE(right && left);
  EXPECT_TRUE(right->path.front().on_thigh);
  EXPECT_EQ(right->path.front().segment, spec.segmentIndex("pelvis"));
  EXPECT_DOUBLE_EQ(left->path.front().position[2], -0.08);
  EXPECT_TRUE(left->path.front().on_thigh);
  EXPECT_FALSE(right->path.back().on_thigh);
}

TEST(ThighPoints, AnUnknownThighLandmarkIsNamed) {
  try {
    loadModelText(twoSegmentWithThigh("thigh.hip_r"), "m.yaml");
    FAIL() << "an unknown thigh landmark was accepted";
  } catch (const tonus::input::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("unknown landmark 'hip_r' on thigh (the model's thighs: section lists them)"));
  }
}

TEST(ThighPoints, FlexingTheHipTurnsThePointAboutThePelvisOrigin) {
  const ModelSpec spec = loadModelText(twoSegmentWithThigh("thigh.knee_front_r"), "m.yaml");
  const SpineModel model(spec, testing::referenceOf(spec));
  int flexor = -1;
  for (int f = 0; f < model.fascicleCount(); ++f) {
    if (model.fascicle(f).name == "flexor_r") flexor = f;
  }
  ASSERT_GE(flexor, 0);
  auto posed = testing::pose(model, Eigen::VectorXd::Zero(model.dofCount()));
  const int first = model.paths().first_point[flexor];
  const Vec3d standing = posed.geometry.point_ground.col(first);
  const double standing_length = posed.geometry.length[flexor];
  // Sitting, the thigh horizontal: the point at R_z(90 deg) of its standing place.
  posed.kin.hip_flexion = M_PI / 2;
  computePathGeometry(model, posed.kin, posed.geometry);
  const Vec3d seated = posed.geometry.point_ground.col(first);
  EXPECT_TRUE(seated.isApprox(Eigen::AngleAxisd(M_PI / 2, Vec3d::UnitZ()) * standing, 1e-12));
  EXPECT_NEAR(seated.norm(), standing.norm(), 1e-12);
  EXPECT_GT(seated.x(), 0.3) << "the knee comes forward";
  EXPECT_NE(posed.geometry.length[flexor], standing_length);
}

TEST(ThighPoints, ThePsoasSlackensAsTheHipsFlex) {
  const ModelSpec spec = loadDefaultModel();
  const SpineModel model(spec, testing::referenceOf(spec));
  int psoas = -1;
  for (int f = 0; f < model.fascicleCount(); ++f) {
    if (model.fascicle(f).group == "psoas_major") psoas = f;
  }
  ASSERT_GE(psoas, 0);
  auto posed = testing::pose(model, Eigen::VectorXd::Zero(model.dofCount()));
  double previous = posed.geometry.length[psoas];
  for (double deg : {30.0, 60.0, 90.0}) {
    posed.kin.hip_flexion = deg * M_PI / 180;
    computePathGeometry(model, posed.kin, posed.geometry);
    EXPECT_LT(posed.geometry.length[psoas], previous) << deg;
    previous = posed.geometry.length[psoas];
  }
  // The pelvis tilting forward over vertical thighs flexes the hips as much.
  Eigen::VectorXd q = Eigen::VectorXd::Zero(model.dofCount());
  q[3 * model.segmentIndex("pelvis") + kFlexion] = 0.3;
  EXPECT_DOUBLE_EQ(hipFlexion(model, q, 0.0), 0.3);
  EXPECT_DOUBLE_EQ(hipFlexion(model, q, 1.5), 1.8);
}

}  // namespace
}  // namespace tonus::body
