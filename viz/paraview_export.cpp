#include "paraview_export.hpp"

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkFloatArray.h>
#include <vtkIntArray.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkXMLPolyDataWriter.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "bones.hpp"
#include "core/errors.hpp"
#include "sim/channels.hpp"

namespace tonus::viz {
namespace {

vtkSmartPointer<vtkFloatArray> floatArray(const char* name) {
  auto a = vtkSmartPointer<vtkFloatArray>::New();
  a->SetName(name);
  return a;
}

vtkSmartPointer<vtkPolyData> musclesAt(const results::RunRecord& record, const sim::PoseReplay& replay, const sim::Pose& pose,
                                      int sample) {
  const body::SpineModel& model = replay.model();
  auto mesh = vtkSmartPointer<vtkPolyData>::New();
  auto points = vtkSmartPointer<vtkPoints>::New();
  auto lines = vtkSmartPointer<vtkCellArray>::New();
  auto radius = floatArray("radius");
  const body::MusclePaths& paths = model.paths();
  for (int f = 0; f < model.fascicleCount(); ++f) {
    const int first = paths.first_point[static_cast<std::size_t>(f)], last = paths.first_point[static_cast<std::size_t>(f) + 1];
    lines->InsertNextCell(last - first);
    const double r = std::sqrt(model.fascicle(f).pcsa / M_PI);
    for (int p = first; p < last; ++p) {
      const auto q = pose.geometry.point_ground.col(p);
      lines->InsertCellPoint(points->InsertNextPoint(q.x(), q.y(), q.z()));
      radius->InsertNextValue(static_cast<float>(r));
    }
  }
  mesh->SetPoints(points);
  mesh->SetLines(lines);
  mesh->GetPointData()->AddArray(radius);
  const int muscle_sample = record.muscleSampleAt(record.time[static_cast<std::size_t>(sample)]);
  for (int q = 0; q < sim::kFascicleQuantityCount; ++q) {
    auto values = floatArray(sim::kFascicleQuantityNames[q]);
    for (int f = 0; f < model.fascicleCount(); ++f) {
      values->InsertNextValue(record.fascicle[static_cast<std::size_t>(q)](muscle_sample, f));
    }
    mesh->GetCellData()->AddArray(values);
  }
  // Each fascicle's group, as an index into the groups in model order.
  auto group = vtkSmartPointer<vtkIntArray>::New();
  group->SetName("group_index");
  std::vector<std::string> groups;
  for (int f = 0; f < model.fascicleCount(); ++f) {
    const std::string& g = model.fascicle(f).group;
    auto it = std::find(groups.begin(), groups.end(), g);
    if (it == groups.end()) it = groups.insert(groups.end(), g);
    group->InsertNextValue(static_cast<int>(it - groups.begin()));
  }
  mesh->GetCellData()->AddArray(group);
  return mesh;
}

vtkSmartPointer<vtkPolyData> discsAt(const results::RunRecord& record, const sim::PoseReplay& replay, const sim::Pose& pose,
                                    int sample) {
  const body::SpineModel& model = replay.model();
  std::vector<double> compression(static_cast<std::size_t>(model.segmentCount()), NAN), pressure = compression;
  for (int s = 0; s < model.segmentCount(); ++s) {
    if (!model.segment(s).joint.is_disc) continue;
    const std::string j = sim::shortName(model.segment(s).joint.name);
    compression[static_cast<std::size_t>(s)] = record.channel(j + "_compression_N")[static_cast<std::size_t>(sample)];
    pressure[static_cast<std::size_t>(s)] = record.channel(j + "_idp_MPa")[static_cast<std::size_t>(sample)];
  }
  vtkSmartPointer<vtkPolyData> discs = discsMesh(model, pose.kin, compression);
  discs->GetPointData()->GetScalars()->SetName("compression_N");
  // The same cylinders carry the pressure too: same points, one value per disc.
  vtkSmartPointer<vtkPolyData> with_pressure = discsMesh(model, pose.kin, pressure);
  vtkDataArray* p = with_pressure->GetPointData()->GetScalars();
  p->SetName("pressure_MPa");
  discs->GetPointData()->AddArray(p);
  return discs;
}

void writeVtp(vtkPolyData* mesh, const std::filesystem::path& path) {
  auto writer = vtkSmartPointer<vtkXMLPolyDataWriter>::New();
  writer->SetFileName(path.string().c_str());
  writer->SetInputData(mesh);
  writer->SetDataModeToBinary();
  if (writer->Write() != 1) throw UserError("could not write '" + path.string() + "'");
}

}  // namespace

std::filesystem::path exportParaView(const results::RunRecord& record, const sim::PoseReplay& replay,
                                     const std::filesystem::path& dir, int every,
                                     const std::function<void(int, int)>& progress) {
  if (every < 1) throw UserError("--every must be at least 1");
  std::filesystem::create_directories(dir);
  const std::filesystem::path pvd = dir / (record.scenario_name + ".pvd");
  std::ofstream index(pvd);
  if (!index) throw UserError("could not write '" + pvd.string() + "'");
  index << "<?xml version=\"1.0\"?>\n<VTKFile type=\"Collection\" version=\"0.1\">\n  <Collection>\n";
  const int samples = static_cast<int>(record.time.size());
  for (int k = 0; k < samples; k += every) {
    const sim::Pose pose = replay.at(record.time[static_cast<std::size_t>(k)]);
    char name[64];
    const char* parts[] = {"muscles", "discs", "skeleton"};
    for (int part = 0; part < 3; ++part) {
      std::snprintf(name, sizeof name, "%s_%05d.vtp", parts[part], k);
      vtkSmartPointer<vtkPolyData> mesh = part == 0 ? musclesAt(record, replay, pose, k)
                                          : part == 1 ? discsAt(record, replay, pose, k)
                                                      : skeletonMesh(replay.model(), pose.kin);
      writeVtp(mesh, dir / name);
      index << "    <DataSet timestep=\"" << record.time[static_cast<std::size_t>(k)] << "\" part=\"" << part
            << "\" file=\"" << name << "\"/>\n";
    }
    if (progress) progress(std::min(k + every, samples), samples);
  }
  index << "  </Collection>\n</VTKFile>\n";
  if (!index) throw UserError("could not write '" + pvd.string() + "'");
  return pvd;
}

}  // namespace tonus::viz
