#include "sim/abdominal_pressure.hpp"

namespace tonus::sim {

std::array<body::PointLoad, 2> abdominalPush(const body::SpineModel& model, const body::Kinematics& kin,
                                             double pressure_kPa) {
  const body::Abdomen& a = *model.abdomen();
  const body::Vec3d top = kin.toGround(a.diaphragm_segment, a.diaphragm);
  const body::Vec3d bottom = kin.toGround(a.floor_segment, a.pelvic_floor);
  const body::Vec3d push = 1e3 * pressure_kPa * a.area * (top - bottom).normalized();
  return {body::PointLoad{a.diaphragm_segment, top, push, "abdominal pressure"},
          body::PointLoad{a.floor_segment, bottom, -push, "abdominal pressure"}};
}

}  // namespace tonus::sim
