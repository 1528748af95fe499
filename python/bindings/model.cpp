// tonus.Model: a model file (or the built-in one) for a subject; what it contains (as
// `tonus model info --json`) and its muscle groups' moment arms in a posture (as
// `tonus model moment-arms --json`, in arrays).
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.hpp"
#include "body/model_file.hpp"
#include "body/model_report.hpp"

namespace tonus::python {
namespace {

PyModel build(body::ModelSpec spec, std::filesystem::path path, const std::optional<std::string>& sex,
              std::optional<double> height, std::optional<double> mass) {
  const body::Subject subject = body::subjectOf(spec, sex, height, mass);
  PyModel m{std::move(spec), std::move(path), nullptr};
  m.model = std::make_shared<const body::SpineModel>(m.spec, subject);
  return m;
}

// Per group and side at one joint: names, and per axis the mean moment arm [cm] and the moment
// at full activation [N m], each an array in the groups' order.
py::dict momentArms(const PyModel& m, const std::string& level, const py::kwargs& posture) {
  std::vector<std::pair<std::string, double>> angles;
  for (const auto& [key, value] : posture) angles.emplace_back(py::cast<std::string>(key), py::cast<double>(value));
  const body::TrunkPosture trunk = body::trunkPostureFromDegrees(angles);
  std::vector<body::GroupMomentArm> rows;
  {
    py::gil_scoped_release unlocked;
    rows = body::momentArmsInPosture(*m.model, level, trunk);
  }
  const auto n = static_cast<py::ssize_t>(rows.size());
  py::list groups, sides;
  const char* axes[3] = {"flexion", "lateral_bending", "axial_rotation"};
  py::dict out;
  for (const auto& r : rows) {
    groups.append(r.group);
    sides.append(std::string(1, r.side));
  }
  out["group"] = groups;
  out["side"] = sides;
  for (int axis = 0; axis < 3; ++axis) {
    py::array_t<double> arm(n), moment(n);
    for (py::ssize_t i = 0; i < n; ++i) {
      arm.mutable_at(i) = 100 * rows[static_cast<std::size_t>(i)].mean_moment_arm[axis];
      moment.mutable_at(i) = rows[static_cast<std::size_t>(i)].max_moment[axis];
    }
    out[py::str(std::string("moment_arm_cm_") + axes[axis])] = arm;
    out[py::str(std::string("max_moment_Nm_") + axes[axis])] = moment;
  }
  return out;
}

// Per body: its name, parent, joint, mass [kg], centre of mass and inertia about it [kg m^2]
// in its frame, the joint's centre in the parent [m] and the joint's ranges [rad] per axis.
py::list bodies(const PyModel& m) {
  py::list out;
  for (int s = 0; s < m.model->segmentCount(); ++s) {
    const body::Segment& seg = m.model->segment(s);
    const auto& c = seg.joint.centre_in_parent;
    py::array_t<double> inertia({3, 3});
    for (py::ssize_t i = 0; i < 3; ++i) {
      for (py::ssize_t j = 0; j < 3; ++j) inertia.mutable_at(i, j) = seg.inertia_about_com(i, j);
    }
    py::dict b;
    b["name"] = seg.name;
    b["parent"] = seg.parent < 0 ? std::string("ground") : m.model->segment(seg.parent).name;
    b["joint"] = seg.joint.name;
    b["mass_kg"] = seg.mass;
    b["centre_of_mass_m"] = std::vector<double>{seg.centre_of_mass.x(), seg.centre_of_mass.y(), seg.centre_of_mass.z()};
    b["inertia_kg_m2"] = inertia;
    b["joint_centre_in_parent_m"] = std::vector<double>{c[0], c[1], c[2]};
    b["range_min_rad"] = std::vector<double>(seg.joint.range_min.begin(), seg.joint.range_min.end());
    b["range_max_rad"] = std::vector<double>(seg.joint.range_max.begin(), seg.joint.range_max.end());
    out.append(b);
  }
  return out;
}

// Per fascicle: its name, group, side, Hill parameters as the bank holds them (scaled to the
// subject) and its path points (body and place in its frame [m]; on_thigh for a femur's point).
py::list fascicles(const PyModel& m) {
  const muscle::MuscleParameters& p = m.model->muscles().parameters();
  const body::MusclePaths& paths = m.model->paths();
  py::list out;
  for (int f = 0; f < m.model->fascicleCount(); ++f) {
    const body::FascicleInfo& info = m.model->fascicle(f);
    py::list path;
    for (int k = paths.first_point[f]; k < paths.first_point[f + 1]; ++k) {
      const body::Vec3d& at = paths.point_local[k];
      path.append(py::dict(py::arg("body") = m.model->segment(paths.point_segment[k]).name,
                           py::arg("location_m") = std::vector<double>{at.x(), at.y(), at.z()},
                           py::arg("on_thigh") = paths.point_on_thigh[k] != 0));
    }
    py::dict d;
    d["name"] = info.name;
    d["group"] = info.group;
    d["side"] = std::string(1, info.side);
    d["max_isometric_force_N"] = p.max_isometric_force[f];
    d["optimal_fibre_length_m"] = p.optimal_fibre_length[f];
    d["tendon_slack_length_m"] = p.tendon_slack_length[f];
    d["pennation_at_optimal_rad"] = p.pennation_at_optimal[f];
    d["max_contraction_velocity"] = p.max_contraction_velocity[f];
    d["activation_time_constant_s"] = p.activation_time_constant[f];
    d["deactivation_time_constant_s"] = p.deactivation_time_constant[f];
    d["tendon_strain_at_max_force"] = p.tendon_strain_at_max_force[f];
    d["passive_strain_at_max_force"] = p.passive_strain_at_max_force[f];
    d["path"] = path;
    out.append(d);
  }
  return out;
}

// The joint angles [rad] of a trunk posture (the model's rhythm), in the model's dof order.
py::array_t<double> jointAngles(const PyModel& m, const py::kwargs& posture) {
  std::vector<std::pair<std::string, double>> angles;
  for (const auto& [key, value] : posture) angles.emplace_back(py::cast<std::string>(key), py::cast<double>(value));
  const Eigen::VectorXd q = body::jointAngles(*m.model, body::trunkPostureFromDegrees(angles));
  return py::array_t<double>(q.size(), q.data());
}

}  // namespace

void registerModel(py::module_& m) {
  py::class_<PyModel>(m, "Model", "A spine model built for one subject (Model.default() or Model.from_file(path))")
      .def_static(
          "default",
          [](std::optional<std::string> sex, std::optional<double> height, std::optional<double> mass) {
            return build(body::loadDefaultModel(), {}, sex, height, mass);
          },
          py::kw_only(), py::arg("sex") = py::none(), py::arg("height") = py::none(), py::arg("mass") = py::none(),
          "The built-in model (models/spine.yaml), for its reference subject unless sex, height [m] or mass [kg] "
          "are given")
      .def_static(
          "from_file",
          [](const std::filesystem::path& path, std::optional<std::string> sex, std::optional<double> height,
             std::optional<double> mass) { return build(body::loadModelFile(path), path, sex, height, mass); },
          py::arg("path"), py::kw_only(), py::arg("sex") = py::none(), py::arg("height") = py::none(),
          py::arg("mass") = py::none(), "A model file; raises tonus.InputError naming file, line and field")
      .def("info", [](const PyModel& self) { return toPython(body::modelInfoJson(*self.model, self.spec)); },
           "What the model contains: equal to `tonus model info --json`")
      .def("moment_arms", &momentArms, py::arg("level") = "L4_L5",
           "Moment arms per muscle group and side at a joint, e.g. moment_arms('L4_L5', trunk_flexion_deg=30); "
           "posture keys: trunk_flexion_deg, lateral_bend_deg, axial_rotation_deg, neck_flexion_deg")
      .def("bodies", &bodies, "The bodies: name, parent, joint, mass, centre of mass, inertia, joint centre and ranges")
      .def("fascicles", &fascicles, "The fascicles: name, group, side, Hill parameters and path points")
      .def("joint_angles", &jointAngles,
           "The joint angles [rad] of a trunk posture (keys as moment_arms), in dof_names order")
      .def_property_readonly("path", [](const PyModel& self) -> py::object {
        return self.path.empty() ? py::none() : py::cast(self.path.string());
      })
      .def_property_readonly("name", [](const PyModel& self) { return self.model->name(); })
      .def_property_readonly("dof_names", [](const PyModel& self) {
        std::vector<std::string> names;
        for (int d = 0; d < self.model->dofCount(); ++d) names.push_back(self.model->dofName(d));
        return names;
      })
      .def("__repr__", [](const PyModel& self) {
        return "<tonus.Model " + self.model->name() + (self.path.empty() ? " (built-in)" : " from " + self.path.string()) +
               ">";
      });
}

}  // namespace tonus::python
