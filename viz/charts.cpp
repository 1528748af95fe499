#include "charts.hpp"

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkPen.h>
#include <vtkPlot.h>
#include <vtkPlotArea.h>
#include <vtkPlotPoints.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkTable.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>

#include "colour_map.hpp"
#include "colour_scale.hpp"
#include "snapshot.hpp"
#include "text_font.hpp"

namespace tonus::viz {
namespace {

struct Series {
  std::string name;
  std::vector<double> values;
};

// A horizontal line at a published level, named in the legend.
struct Reference {
  std::string name;
  double value;
};

struct ChartSpec {
  std::string title, y_title;
  double y_max = 1.0;
  std::vector<Series> series;
  std::vector<Reference> references;
};

// The column's values, scaled, as a VTK float column.
vtkSmartPointer<vtkFloatArray> column(const std::string& name, const std::vector<double>& values, double scale = 1.0) {
  auto array = vtkSmartPointer<vtkFloatArray>::New();
  array->SetName(name.c_str());
  for (double v : values) array->InsertNextValue(static_cast<float>(v * scale));
  return array;
}

// The `count` per-group channels with this prefix that reach the highest values.
std::vector<Series> topGroups(const results::RunRecord& record, const std::string& prefix, int count) {
  std::vector<Series> all;
  for (const auto& [name, values] : record.channels) {
    if (name.rfind(prefix, 0) == 0 && name != "fatigue_max" && name != "tone_max") {
      all.push_back({name.substr(prefix.size()), values});
    }
  }
  std::sort(all.begin(), all.end(), [](const Series& a, const Series& b) {
    return *std::max_element(a.values.begin(), a.values.end()) > *std::max_element(b.values.begin(), b.values.end());
  });
  if (static_cast<int>(all.size()) > count) all.resize(static_cast<std::size_t>(count));
  return all;
}

// Lines told apart by more than colour: each its own dash pattern, and those drawn first wider,
// so that a line lying on another still shows at its edges.
void styleLine(vtkPlot* line, std::size_t i, std::size_t count) {
  const Rgb c = colourAt(count > 1 ? static_cast<double>(i) / static_cast<double>(count - 1) : 0.0);
  line->SetColor(static_cast<unsigned char>(255 * c.r), static_cast<unsigned char>(255 * c.g),
                 static_cast<unsigned char>(255 * c.b), 255);
  line->SetWidth(static_cast<float>(std::max(1.5, 4.0 - 0.5 * static_cast<double>(i))));
  const int patterns[] = {vtkPen::SOLID_LINE, vtkPen::DASH_LINE, vtkPen::DOT_LINE, vtkPen::DASH_DOT_LINE,
                          vtkPen::DASH_DOT_DOT_LINE};
  line->GetPen()->SetLineType(patterns[i % std::size(patterns)]);
}

// Each phase's name above its band where the band is wide enough to hold it.
void labelPhases(const results::RunRecord& record, vtkChartXY* chart, vtkRenderer* renderer) {
  vtkAxis* x_axis = chart->GetAxis(vtkAxis::BOTTOM);
  vtkAxis* y_axis = chart->GetAxis(vtkAxis::LEFT);
  const float* left = x_axis->GetPoint1();
  const float* right = x_axis->GetPoint2();
  const double t0 = x_axis->GetMinimum(), t1 = x_axis->GetMaximum();
  const double top = y_axis->GetPoint2()[1];
  const auto pixelOf = [&](double minutes) { return left[0] + (right[0] - left[0]) * (minutes - t0) / (t1 - t0); };
  const std::vector<int> band = phaseBands(record);
  double free_from = -1e9;  // labels never overlap: each starts right of the one before
  for (std::size_t p = 0; p < record.phase_kinds.size(); ++p) {
    const double a = pixelOf(record.phase_start[p] / 60.0), b = pixelOf(record.phase_end[p] / 60.0);
    const std::string text = std::to_string(p) + " " + record.phase_kinds[p];
    const double width = 7.0 * static_cast<double>(text.size()) + 6.0;
    if (b - a < width || a < free_from) continue;
    auto label = vtkSmartPointer<vtkTextActor>::New();
    label->SetInput(text.c_str());
    label->GetTextProperty()->SetFontSize(12);
    label->GetTextProperty()->SetColor(0.35, 0.35, 0.35);
    label->SetDisplayPosition(static_cast<int>(a + 3), static_cast<int>(top - 16 - 13 * (band[p] % 2)));
    renderer->AddActor2D(label);
    free_from = a + width;
  }
}

std::filesystem::path drawChart(const results::RunRecord& record, const ChartSpec& spec, const ChartOptions& o,
                                const std::filesystem::path& out) {
  auto table = vtkSmartPointer<vtkTable>::New();
  table->AddColumn(column("time [min]", record.time, 1.0 / 60.0));
  // Phases shaded in alternate bands of the chart's full height.
  const std::vector<int> band_of = phaseBands(record);
  std::vector<double> band(record.time.size()), zero(record.time.size(), 0.0);
  for (std::size_t k = 0; k < record.time.size(); ++k) {
    band[k] = band_of[static_cast<std::size_t>(record.phase[k])] % 2 ? spec.y_max : 0.0;
  }
  table->AddColumn(column("band", band));
  table->AddColumn(column("zero", zero));
  for (const Series& s : spec.series) table->AddColumn(column(s.name, s.values));
  // Reference levels: a flat line over the whole run each.
  auto levels = vtkSmartPointer<vtkTable>::New();
  levels->AddColumn(column("time [min]", {record.time.front() / 60.0, record.time.back() / 60.0}));
  for (const Reference& r : spec.references) levels->AddColumn(column(r.name, {r.value, r.value}));
  // Spasm episodes: a mark at the top of the chart where each begins.
  auto marks = vtkSmartPointer<vtkTable>::New();
  std::vector<double> mark_t, mark_y;
  for (const auto& e : record.spasms) mark_t.push_back(e.start / 60.0), mark_y.push_back(0.95 * spec.y_max);
  marks->AddColumn(column("start [min]", mark_t));
  marks->AddColumn(column("spasm begins", mark_y));

  auto view = vtkSmartPointer<vtkContextView>::New();
  view->GetRenderer()->SetBackground(1.0, 1.0, 1.0);
  view->GetRenderWindow()->SetOffScreenRendering(1);
  view->GetRenderWindow()->SetSize(o.width, o.height);
  auto chart = vtkSmartPointer<vtkChartXY>::New();
  view->GetScene()->AddItem(chart);
  chart->SetTitle(useFontFor(chart->GetTitleProperties(), spec.title));
  chart->GetTitleProperties()->SetFontSize(16);
  chart->GetAxis(vtkAxis::BOTTOM)->SetTitle("time [min]");
  chart->GetAxis(vtkAxis::LEFT)->SetTitle(spec.y_title);
  chart->GetAxis(vtkAxis::LEFT)->SetBehavior(vtkAxis::FIXED);
  chart->GetAxis(vtkAxis::LEFT)->SetRange(0.0, spec.y_max);
  auto* area = vtkPlotArea::SafeDownCast(chart->AddPlot(vtkChart::AREA));
  area->SetInputData(table);
  area->SetInputArray(0, "time [min]");
  area->SetInputArray(1, "zero");
  area->SetInputArray(2, "band");
  area->SetColor(236, 236, 236, 255);
  area->SetLabel("phases (numbered as in summary.json)");
  for (std::size_t i = 0; i < spec.references.size(); ++i) {
    vtkPlot* line = chart->AddPlot(vtkChart::LINE);
    line->SetInputData(levels, 0, static_cast<vtkIdType>(1 + i));
    line->SetColor(90, 90, 90, 255);
    line->SetWidth(1.5);
    line->GetPen()->SetLineType(i % 2 ? vtkPen::DOT_LINE : vtkPen::DASH_LINE);
  }
  for (std::size_t i = 0; i < spec.series.size(); ++i) {
    vtkPlot* line = chart->AddPlot(vtkChart::LINE);
    line->SetInputData(table, 0, static_cast<vtkIdType>(3 + i));
    styleLine(line, i, spec.series.size());
  }
  if (!mark_t.empty()) {
    auto* points = vtkPlotPoints::SafeDownCast(chart->AddPlot(vtkChart::POINTS));
    points->SetInputData(marks, 0, 1);
    points->SetMarkerStyle(vtkPlotPoints::CROSS);
    points->SetMarkerSize(12.0);
    points->SetColor(230, 40, 200, 255);
  }
  // The legend beside the plot, never over the lines or the phases' names.
  chart->SetShowLegend(true);
  chart->GetLegend()->SetInline(false);
  chart->GetLegend()->SetHorizontalAlignment(vtkChartLegend::RIGHT);
  chart->GetLegend()->SetVerticalAlignment(vtkChartLegend::TOP);
  // The axes are placed by the first render; the phases' labels go where it put them.
  view->GetRenderWindow()->Render();
  labelPhases(record, chart, view->GetRenderer());
  writePng(capture(view->GetRenderWindow()), out);
  return out;
}

// A round top for the y axis a little above the data.
double topFor(double largest) { return roundUp(1.05 * largest); }

// The largest value of some series.
double largestOf(const std::vector<Series>& series) {
  double top = 0.0;
  for (const Series& s : series) {
    for (double v : s.values) top = std::isfinite(v) ? std::max(top, v) : top;
  }
  return top;
}

}  // namespace

std::vector<int> phaseBands(const results::RunRecord& record) {
  std::vector<int> band(record.phase_kinds.size(), 0);
  int next = 0;
  for (std::size_t p = 0; p < band.size(); ++p) {
    band[p] = next;
    if (record.phase_end[p] > record.phase_start[p]) ++next;
  }
  return band;
}

std::vector<std::filesystem::path> writeCharts(const results::RunRecord& r, const ChartOptions& o,
                                               const std::filesystem::path& dir) {
  const std::string name = r.scenario_name;
  std::vector<std::filesystem::path> written;
  // Tone and risk on the run's own scale (a desk day's low tone is not a flat line on the floor);
  // the spasm threshold, 0.15, is marked when the tone comes near it.
  ChartSpec tone{name + ": involuntary tone by muscle group", "tone (fraction of max)", 0.0, topGroups(r, "tone_", o.groups), {}};
  tone.y_max = topFor(std::max(0.006, largestOf(tone.series)));
  if (tone.y_max >= 0.1) tone.references.push_back({"default spasm threshold 0.15", 0.15});
  written.push_back(drawChart(r, tone, o, dir / kChartFiles[0]));
  ChartSpec fatigue{name + ": fatigue by muscle group", "fatigued fraction", 1.0, topGroups(r, "fatigue_", o.groups), {}};
  written.push_back(drawChart(r, fatigue, o, dir / kChartFiles[1]));
  // L4/L5 pressure with Wilke et al. 1999's in-vivo levels (one subject, L4/L5) below the top.
  ChartSpec pressure{name + ": L4/L5 disc pressure", "pressure [MPa]", 0.0, {{"L4/L5", r.channel("L4L5_idp_MPa")}}, {}};
  pressure.y_max = std::max(1.0, topFor(largestOf(pressure.series)));
  for (const Reference& level : {Reference{"Wilke 1999: lying supine 0.10 MPa", 0.10},
                                 Reference{"Wilke 1999: relaxed standing 0.50 MPa", 0.50},
                                 Reference{"Wilke 1999: standing flexed forward 1.1 MPa", 1.1},
                                 Reference{"Wilke 1999: lifting 20 kg, round back 2.3 MPa", 2.3}}) {
    if (level.value < pressure.y_max) pressure.references.push_back(level);
  }
  written.push_back(drawChart(r, pressure, o, dir / kChartFiles[2]));
  std::vector<Series> risk = topGroups(r, "risk_", o.groups - 1);
  risk.insert(risk.begin(), Series{"highest", r.channel("spasm_risk")});
  written.push_back(drawChart(r, {name + ": spasm risk", "risk", 1.0, risk, {}}, o, dir / kChartFiles[3]));
  // Compression in newtons against the NIOSH limits (Waters et al. 1993; NIOSH 1981), both always
  // in view when reached, the action limit always.
  ChartSpec compression{name + ": lumbar compression", "compression [N]", 0.0,
                        {{"L4/L5", r.channel("L4L5_compression_N")}, {"L5/S1", r.channel("L5S1_compression_N")}},
                        {{"NIOSH action limit 3400 N", 3400.0}}};
  const double peak = largestOf(compression.series);
  compression.y_max = topFor(std::max(3600.0, peak));
  if (peak > 3400.0 || compression.y_max > 6400.0) compression.references.push_back({"NIOSH maximum permissible 6400 N", 6400.0});
  written.push_back(drawChart(r, compression, o, dir / kChartFiles[4]));
  return written;
}

}  // namespace tonus::viz
