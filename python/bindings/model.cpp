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
