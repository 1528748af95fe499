#include "lesson_data.hpp"

#include <vtkCellArray.h>
#include <vtkIdList.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkTriangleFilter.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "bones.hpp"
#include "colour_map.hpp"
#include "colour_scale.hpp"
#include "core/version.hpp"
#include "figure.hpp"
#include "frame.hpp"
#include "quantity.hpp"
#include "sim/channels.hpp"

namespace tonus::viz {
namespace {

using nlohmann::json;

json stopsJson(const std::vector<Rgb>& stops) {
  json out = json::array();
  for (const Rgb& c : stops) out.push_back({c.r, c.g, c.b});
  return out;
}

template <typename T>
std::string encoded(const std::vector<T>& values) {
  return base64(values.data(), values.size() * sizeof(T));
}

// One segment's bones as triangles in its own frame, from their drawing in ground at a pose.
json bonesOf(const body::SpineModel& model, const sim::Pose& pose, int s) {
  auto triangles = vtkSmartPointer<vtkTriangleFilter>::New();
  triangles->SetInputData(boneMeshOf(model, pose.kin, s));
  triangles->Update();
  vtkPolyData* mesh = triangles->GetOutput();
  if (mesh->GetNumberOfPolys() == 0) return nullptr;
  const Eigen::Matrix3d& r = pose.kin.rotation[static_cast<std::size_t>(s)];
  const Eigen::Vector3d& o = pose.kin.origin[static_cast<std::size_t>(s)];
  std::vector<float> points;
  for (vtkIdType i = 0; i < mesh->GetNumberOfPoints(); ++i) {
    double p[3];
    mesh->GetPoint(i, p);
    const Eigen::Vector3d local = r.transpose() * (Eigen::Vector3d(p[0], p[1], p[2]) - o);
    for (int k = 0; k < 3; ++k) points.push_back(static_cast<float>(local[k]));
  }
  std::vector<std::uint32_t> indices;
  auto cell = vtkSmartPointer<vtkIdList>::New();
  vtkCellArray* polys = mesh->GetPolys();
  polys->InitTraversal();
  while (polys->GetNextCell(cell)) {
    if (cell->GetNumberOfIds() != 3) continue;
    for (int k = 0; k < 3; ++k) indices.push_back(static_cast<std::uint32_t>(cell->GetId(k)));
  }
  return {{"segment", s}, {"points", encoded(points)}, {"triangles", encoded(indices)}};
}

// The figure's rods and blocks at a pose, each with what it is (0 body, 1 furniture, 2 floor or
// bed, 3 load), appended to the frames' flat arrays.
struct PropArrays {
  std::vector<float> rods, blocks;  // 7 per rod (a, b, radius), 6 per block (centre, size)
  std::vector<std::uint8_t> rod_kind, block_kind;
  std::vector<int> rod_first{0}, block_first{0};
  void add(const Props& props, std::uint8_t kind) {
    for (const Rod& r : props.rods) {
      for (double v : {r.a.x(), r.a.y(), r.a.z(), r.b.x(), r.b.y(), r.b.z(), r.radius}) rods.push_back(static_cast<float>(v));
      rod_kind.push_back(kind);
    }
    for (const Block& b : props.blocks) {
      for (double v : {b.centre.x(), b.centre.y(), b.centre.z(), b.size.x(), b.size.y(), b.size.z()}) {
        blocks.push_back(static_cast<float>(v));
      }
      block_kind.push_back(kind);
    }
  }
  void endFrame() {
    rod_first.push_back(static_cast<int>(rod_kind.size()));
    block_first.push_back(static_cast<int>(block_kind.size()));
  }
};

// A series cut to at most `points` by keeping each bucket's largest value (peaks survive), or,
// for time, its first instant; float32, NaN where the run has no value.
std::vector<float> decimated(const std::vector<double>& values, int points, bool time) {
  const std::size_t n = values.size();
  const std::size_t stride = std::max<std::size_t>(1, (n + static_cast<std::size_t>(points) - 1) / static_cast<std::size_t>(points));
  std::vector<float> out;
  for (std::size_t i = 0; i < n; i += stride) {
    double v = values[i];
    if (!time) {
      for (std::size_t k = i; k < std::min(n, i + stride); ++k) {
        if (std::isfinite(values[k]) && (!std::isfinite(v) || values[k] > v)) v = values[k];
      }
    }
    out.push_back(std::isfinite(v) ? static_cast<float>(time ? v / 60.0 : v) : std::numeric_limits<float>::quiet_NaN());
  }
  return out;
}

}  // namespace

std::string base64(const void* data, std::size_t bytes) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const auto* in = static_cast<const unsigned char*>(data);
  std::string out;
  out.reserve((bytes + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes; i += 3) {
    const unsigned a = in[i], b = i + 1 < bytes ? in[i + 1] : 0u, c = i + 2 < bytes ? in[i + 2] : 0u;
    const unsigned triple = (a << 16) | (b << 8) | c;
    out += kAlphabet[(triple >> 18) & 63];
    out += kAlphabet[(triple >> 12) & 63];
    out += i + 1 < bytes ? kAlphabet[(triple >> 6) & 63] : '=';
    out += i + 2 < bytes ? kAlphabet[triple & 63] : '=';
  }
  return out;
}

std::vector<int> lessonFrames(const results::RunRecord& record, int max_frames) {
  const int samples = static_cast<int>(record.time.size());
  std::vector<int> frames;
  if (samples <= max_frames) {
    for (int i = 0; i < samples; ++i) frames.push_back(i);
    return frames;
  }
  for (int k = 0; k < max_frames; ++k) {
    frames.push_back(static_cast<int>(std::lround(static_cast<double>(k) * (samples - 1) / (max_frames - 1))));
  }
  return frames;
}

json lessonData(const results::RunRecord& record, const sim::PoseReplay& replay,
                const std::vector<const results::RunRecord*>& scale_runs, const json& summary, const LessonOptions& options) {
  const body::SpineModel& model = replay.model();
  const int segments = model.segmentCount(), fascicles = model.fascicleCount();
  const std::vector<int> frames = lessonFrames(record, options.max_frames);
  json lesson;
  lesson["format"] = "tonus-lesson 1";
  lesson["tonus_version"] = std::string(version());
  lesson["scenario"] = record.scenario_name;
  const body::Subject& subject = model.subject();
  lesson["subject"] = {{"sex", subject.sex == body::Sex::Female ? "female" : "male"},
                       {"height_m", subject.height},
                       {"mass_kg", subject.mass},
                       {"age_years", subject.age_years}};
  json phases = json::array();
  for (std::size_t p = 0; p < record.phase_kinds.size(); ++p) {
    phases.push_back({{"index", p}, {"kind", record.phase_kinds[p]}, {"start_s", record.phase_start[p]}, {"end_s", record.phase_end[p]}});
  }
  lesson["phases"] = phases;

  // What does not move with the pose: bones in their segments' frames, path points on their segments, discs.
  const sim::Pose first = replay.at(record.time.front());
  json bones = json::array();
  for (int s = 0; s < segments; ++s) {
    json piece = bonesOf(model, first, s);
    if (!piece.is_null()) bones.push_back(piece);
  }
  lesson["segments"] = segments;
  lesson["bones"] = bones;
  const body::MusclePaths& paths = model.paths();
  std::vector<float> local;
  std::vector<int> thigh_points;
  for (int p = 0; p < paths.pointCount(); ++p) {
    const body::Vec3d& q = paths.point_local[static_cast<std::size_t>(p)];
    for (int k = 0; k < 3; ++k) local.push_back(static_cast<float>(q[k]));
    if (paths.point_on_thigh[static_cast<std::size_t>(p)]) thigh_points.push_back(p);
  }
  json radius = json::array(), names = json::array(), groups = json::array();
  for (int f = 0; f < fascicles; ++f) {
    radius.push_back(std::max(0.002, 0.5 * std::sqrt(model.fascicle(f).pcsa / M_PI)));
    names.push_back(model.fascicle(f).name);
    groups.push_back(record.fascicle_groups.empty() ? std::string() : record.fascicle_groups[static_cast<std::size_t>(f)]);
  }
  lesson["paths"] = {{"first", paths.first_point}, {"segment", paths.point_segment}, {"local", encoded(local)},
                     {"thigh_points", thigh_points}, {"radius", radius}, {"names", names}, {"groups", groups}};
  json discs = json::array();
  std::vector<int> disc_segments;
  for (int s = 0; s < segments; ++s) {
    if (!model.segment(s).joint.is_disc) continue;
    disc_segments.push_back(s);
    discs.push_back({{"segment", s},
                     {"name", sim::shortName(model.segment(s).joint.name)},
                     {"radius", std::sqrt(model.segment(s).joint.disc_area / M_PI)},
                     {"centre", {0.005, 0.0, 0.0}},
                     {"thickness", 0.01}});
  }
  lesson["discs"] = discs;

  // Per frame: what moves, and what it shows.
  std::vector<float> transforms, thigh_ground, root;
  PropArrays props;
  json times = json::array();
  for (int sample : frames) {
    const double t = record.time[static_cast<std::size_t>(sample)];
    times.push_back(t);
    const sim::Pose pose = replay.at(t);
    for (int s = 0; s < segments; ++s) {
      const Eigen::Matrix3d& r = pose.kin.rotation[static_cast<std::size_t>(s)];
      for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 3; ++j) transforms.push_back(static_cast<float>(r(i, j)));
      }
      for (int k = 0; k < 3; ++k) transforms.push_back(static_cast<float>(pose.kin.origin[static_cast<std::size_t>(s)][k]));
    }
    for (int p : thigh_points) {
      for (int k = 0; k < 3; ++k) thigh_ground.push_back(static_cast<float>(pose.geometry.point_ground(k, p)));
    }
    // Lying turns the upright body onto its back (+90 deg about z) or face down (-90).
    root.push_back(pose.lying ? (pose.face_down ? -90.0f : 90.0f) : 0.0f);
    const LegsDrawn legs = legsAt(model, pose);
    props.add(legsProps(model, legs), 0);
    props.add(armsProps(model, pose), 0);
    props.add(furnitureProps(model, pose, legs), 1);
    props.add(floorProps(model, pose, legs), 2);
    props.add(loadsProps(pose.loads, model.gravity(), legs.floor_y), 3);
    props.endFrame();
  }
  lesson["times"] = times;
  lesson["frame_samples"] = frames;
  lesson["pose"] = {{"transforms", encoded(transforms)}, {"thigh_points", encoded(thigh_ground)}, {"root_deg", encoded(root)}};
  lesson["props"] = {{"rods", encoded(props.rods)},         {"rod_kind", encoded(props.rod_kind)},
                     {"rod_first", props.rod_first},        {"blocks", encoded(props.blocks)},
                     {"block_kind", encoded(props.block_kind)}, {"block_first", props.block_first}};

  // Each fascicle quantity at the muscle sample at or before each frame, as 0-255 of its scale.
  json values;
  // On the pictures' run range (colour_scale.hpp), shared by the runs compared.
  for (const std::string& name : muscleColourNames()) {
    const MuscleColour colour = muscleColourNamed(name);
    const Scale scale = muscleScale(colour, Range{}, scale_runs);
    const double high = scale.high;
    const Eigen::MatrixXf& data = record.fascicle[fascicleQuantityOf(colour)];
    std::vector<std::uint8_t> bytes;
    for (int sample : frames) {
      const int m = record.muscleSampleAt(record.time[static_cast<std::size_t>(sample)]);
      for (int f = 0; f < fascicles; ++f) {
        const double v = data.rows() > m ? data(m, f) : 0.0;
        const double x = std::isfinite(v) ? std::clamp(v / high, 0.0, 1.0) : 0.0;
        bytes.push_back(static_cast<std::uint8_t>(std::lround(255.0 * x)));
      }
    }
    values[name] = {{"title", scale.title},
                    {"low", scale.low},
                    {"high", high},
                    {"ticks", tickLabels(ticksFor(scale.low, high))},
                    {"data", encoded(bytes)}};
  }
  lesson["values"] = values;
  // Discs: compression and pressure in their units, on the runs' own scales.
  json disc_values;
  for (const auto& [name, colour, suffix] : {std::tuple{"compression", DiscColour::Compression, "_compression_N"},
                                             std::tuple{"pressure", DiscColour::Pressure, "_idp_MPa"}}) {
    const Scale scale = discScale(colour, Range{}, scale_runs);
    std::vector<float> data;
    for (int sample : frames) {
      for (int s : disc_segments) {
        const auto it = record.channels.find(sim::shortName(model.segment(s).joint.name) + suffix);
        data.push_back(it == record.channels.end() ? 0.0f : static_cast<float>(it->second[static_cast<std::size_t>(sample)]));
      }
    }
    disc_values[name] = {{"title", scale.title},
                         {"low", scale.low},
                         {"high", scale.high},
                         {"ticks", tickLabels(ticksFor(scale.low, scale.high))},
                         {"data", encoded(data)}};
  }
  lesson["disc_values"] = disc_values;
  // The pictures' own colour maps, so the page draws no map of its own.
  lesson["colour_maps"] = {{"muscle", stopsJson(muscleStops())}, {"disc", stopsJson(discStops())}};
  // Spasm episodes per frame and fascicle (1 inside one).
  std::vector<std::uint8_t> spasm;
  for (int sample : frames) {
    const double t = record.time[static_cast<std::size_t>(sample)];
    for (int f = 0; f < fascicles; ++f) {
      bool in = false;
      for (const auto& e : record.spasms) in = in || (e.muscle == model.fascicle(f).name && t >= e.start && t <= e.end);
      spasm.push_back(in ? 1 : 0);
    }
  }
  lesson["spasm"] = encoded(spasm);

  // Charts: the lumbar loads and every group's tone, fatigue and risk over the whole run.
  json charts;
  charts["time_min"] = encoded(decimated(record.time, options.max_chart_points, true));
  json series;
  for (const auto& [name, data] : record.channels) {
    const bool wanted = name == "L4L5_compression_N" || name == "L5S1_compression_N" || name == "L4L5_idp_MPa" ||
                        name == "spasm_risk" || name.rfind("tone_", 0) == 0 || name.rfind("fatigue_", 0) == 0 ||
                        name.rfind("risk_", 0) == 0;
    if (wanted) series[name] = encoded(decimated(data, options.max_chart_points, false));
  }
  charts["series"] = series;
  charts["niosh_limits_N"] = {{"action_limit", 3400}, {"max_permissible_limit", 6400}};
  lesson["charts"] = charts;

  // The summary panel: the per-phase table, the spasm episodes and what drives the risk.
  json table = json::array();
  for (const json& phase : summary.value("phases", json::array())) {
    json row = {{"index", phase.value("index", 0)}, {"kind", phase.value("kind", "")},
                {"start_s", phase.value("start_s", 0.0)}, {"end_s", phase.value("end_s", 0.0)}};
    for (const char* key : {"L4L5_compression_N", "L4L5_idp_MPa"}) {
      if (phase.contains(key)) row[key] = phase[key];
    }
    for (const char* key : {"tone_max", "fatigue_max", "spasm_risk_max"}) {
      if (phase.contains(key)) row[key] = phase[key];
    }
    table.push_back(row);
  }
  lesson["summary"] = {{"phases", table},
                       {"spasm_events", summary.value("spasm_events", json::array())},
                       {"risk_by_group", summary.value("risk_by_group", json::array())},
                       {"simulated_s", summary.value("simulated_s", 0.0)}};
  return lesson;
}

}  // namespace tonus::viz
