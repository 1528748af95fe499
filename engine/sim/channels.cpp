#include "sim/channels.hpp"

#include <algorithm>
#include <map>

namespace tonus::sim {
namespace {

// Per-group physiology channels, each a max-force-weighted mean over the group's fascicles
// except risk, which takes the group's highest (a group is as close to spasm as its worst part).
constexpr const char* kGroupPhysiology[] = {"fatigue_", "capacity_", "flow_", "metabolite_", "tone_", "risk_"};

}  // namespace

std::string shortName(const std::string& joint) {
  std::string out;
  for (char c : joint) {
    if (c != '_') out += c;
  }
  return out;
}

Layout layoutOf(const body::SpineModel& model) {
  Layout l;
  for (int s = 0; s < model.segmentCount(); ++s) {
    if (!model.segment(s).joint.is_disc) continue;
    if (model.segment(s).joint.name == "L4_L5") l.l4l5 = static_cast<int>(l.discs.size());
    if (model.segment(s).joint.name == "L5_S1") l.l5s1 = static_cast<int>(l.discs.size());
    l.discs.push_back(s);
  }
  std::map<std::string, double> total;
  const auto& fmax = model.muscles().parameters().max_isometric_force;
  for (int f = 0; f < model.fascicleCount(); ++f) {
    const std::string& g = model.fascicle(f).group;
    auto it = std::find(l.groups.begin(), l.groups.end(), g);
    if (it == l.groups.end()) it = l.groups.insert(l.groups.end(), g);
    l.group_of.push_back(static_cast<int>(it - l.groups.begin()));
    total[g] += fmax[f];
  }
  for (int f = 0; f < model.fascicleCount(); ++f) l.group_weight.push_back(fmax[f] / total[model.fascicle(f).group]);
  return l;
}

Channels channelsOf(const body::SpineModel& model, const Layout& l) {
  Channels c;
  for (int s : l.discs) {
    const std::string j = shortName(model.segment(s).joint.name);
    for (const char* q : {"_compression_N", "_shear_ap_N", "_shear_lat_N", "_moment_flexion_Nm", "_moment_lateral_Nm",
                          "_moment_axial_Nm", "_idp_MPa"}) {
      c.names.push_back(j + q);
    }
  }
  for (const std::string& g : l.groups) c.names.push_back("act_" + g);
  for (const char* q : kGroupPhysiology) {
    for (const std::string& g : l.groups) c.names.push_back(q + g);
  }
  for (const char* name : {"intersegmental_max_Nm", "capacity_exceeded", "shortfall_Nm", "fatigue_max", "tone_max",
                           "spasm_risk", "hydration_deficit_percent", "recruitment_status", "exert_moment_Nm",
                           "backrest_force_N", "abdominal_pressure_kPa", "ligament_tension_N", "lumbar_flexion_kept",
                           "arm_support_force_N", "neck_flexion_kept"}) {
    c.names.push_back(name);
  }
  return c;
}

std::vector<double> channelValues(const FrameResult& frame, const physiology::PhysiologyState& state,
                                  const physiology::PhysiologyView& view, const Layout& l) {
  std::vector<double> v;
  for (int s : l.discs) {
    const body::JointLoad& j = frame.joints[s];
    v.insert(v.end(), {j.compression, j.shear_anterior, j.shear_lateral, j.moment_flexion, j.moment_lateral,
                       j.moment_axial, j.pressure * 1e-6});
  }
  const std::size_t groups = l.groups.size();
  // Activation, then fatigue, capacity, flow, metabolites, tone (weighted means), risk (max).
  std::vector<double> g(7 * groups, 0.0);
  for (std::size_t f = 0; f < l.group_of.size(); ++f) {
    const auto i = static_cast<Eigen::Index>(f);
    const std::size_t k = static_cast<std::size_t>(l.group_of[f]);
    const double w = l.group_weight[f];
    g[k] += w * frame.activation[i];
    g[groups + k] += w * state.fatigued[i];
    g[2 * groups + k] += w * view.capacity[i];
    g[3 * groups + k] += w * view.flow[i];
    g[4 * groups + k] += w * state.metabolites[i];
    g[5 * groups + k] += w * (state.tone[i] + state.burst[i]);
    g[6 * groups + k] = std::max(g[6 * groups + k], view.risk[i]);
  }
  v.insert(v.end(), g.begin(), g.end());
  v.push_back(frame.intersegmental.cwiseAbs().maxCoeff());
  v.push_back(frame.capacity_exceeded ? 1.0 : 0.0);
  v.push_back(frame.shortfall);
  v.push_back(state.fatigued.maxCoeff());
  v.push_back((state.tone + state.burst).maxCoeff());
  v.push_back(view.risk.maxCoeff());
  v.push_back(state.dehydration);
  // 0: Newton converged; 1: the active-set fallback finished; 2: no optimal answer.
  v.push_back(frame.recruitment_failed ? 2.0 : frame.recruitment_fell_back ? 1.0 : 0.0);
  // What a dynamometer and a chair back would read.
  v.push_back(frame.exert_moment);
  v.push_back(frame.backrest_force);
  // The passive and pressure mechanisms: intra-abdominal pressure, the ligaments' and fascia's
  // total pull, and the share of the rhythm's lumbar flexion the spine hangs at.
  v.push_back(frame.abdominal_pressure);
  v.push_back(frame.ligament_tension.size() > 0 ? frame.ligament_tension.sum() : 0.0);
  v.push_back(frame.lumbar_kept);
  v.push_back(frame.arm_support_force);
  v.push_back(frame.neck_kept);
  return v;
}

}  // namespace tonus::sim
