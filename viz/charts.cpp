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
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>

#include "colour_map.hpp"
#include "snapshot.hpp"

namespace tonus::viz {
namespace {

struct Series {
  std::string name;
  std::vector<double> values;
};

// The column's values in minutes of the run, as a VTK float column.
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

std::filesystem::path drawChart(const results::RunRecord& record, const std::vector<Series>& series, const std::string& title,
                                const std::string& y_title, double y_max, const ChartOptions& o,
                                const std::filesystem::path& out) {
  auto table = vtkSmartPointer<vtkTable>::New();
  table->AddColumn(column("time [min]", record.time, 1.0 / 60.0));
  // Phases shaded in alternate bands of the chart's full height.
  std::vector<double> band(record.time.size()), zero(record.time.size(), 0.0);
  for (std::size_t k = 0; k < record.time.size(); ++k) band[k] = record.phase[k] % 2 ? y_max : 0.0;
  table->AddColumn(column("band", band));
  table->AddColumn(column("zero", zero));
  for (const Series& s : series) table->AddColumn(column(s.name, s.values));
  // Spasm episodes: a mark at the top of the chart where each begins.
  auto marks = vtkSmartPointer<vtkTable>::New();
  std::vector<double> mark_t, mark_y;
  for (const auto& e : record.spasms) mark_t.push_back(e.start / 60.0), mark_y.push_back(0.95 * y_max);
  marks->AddColumn(column("start [min]", mark_t));
  marks->AddColumn(column("spasm", mark_y));

  auto view = vtkSmartPointer<vtkContextView>::New();
  view->GetRenderer()->SetBackground(1.0, 1.0, 1.0);
  view->GetRenderWindow()->SetOffScreenRendering(1);
  view->GetRenderWindow()->SetSize(o.width, o.height);
  auto chart = vtkSmartPointer<vtkChartXY>::New();
  view->GetScene()->AddItem(chart);
  chart->SetTitle(title);
  chart->GetTitleProperties()->SetFontSize(16);
  chart->GetAxis(vtkAxis::BOTTOM)->SetTitle("time [min]");
  chart->GetAxis(vtkAxis::LEFT)->SetTitle(y_title);
  chart->GetAxis(vtkAxis::LEFT)->SetBehavior(vtkAxis::FIXED);
  chart->GetAxis(vtkAxis::LEFT)->SetRange(0.0, y_max);
  auto* area = vtkPlotArea::SafeDownCast(chart->AddPlot(vtkChart::AREA));
  area->SetInputData(table);
  area->SetInputArray(0, "time [min]");
  area->SetInputArray(1, "zero");
  area->SetInputArray(2, "band");
  area->SetColor(236, 236, 236, 255);
  area->SetLabel("phases");
  for (std::size_t i = 0; i < series.size(); ++i) {
    vtkPlot* line = chart->AddPlot(vtkChart::LINE);
    line->SetInputData(table, 0, static_cast<vtkIdType>(3 + i));
    const Rgb c = colourAt(series.size() > 1 ? static_cast<double>(i) / static_cast<double>(series.size() - 1) : 0.0);
    line->SetColor(static_cast<unsigned char>(255 * c.r), static_cast<unsigned char>(255 * c.g),
                   static_cast<unsigned char>(255 * c.b), 255);
    line->SetWidth(2.0);
  }
  if (!mark_t.empty()) {
    auto* points = vtkPlotPoints::SafeDownCast(chart->AddPlot(vtkChart::POINTS));
    points->SetInputData(marks, 0, 1);
    points->SetMarkerStyle(vtkPlotPoints::CROSS);
    points->SetMarkerSize(12.0);
    points->SetColor(230, 40, 200, 255);
  }
  chart->SetShowLegend(true);
  view->GetRenderWindow()->Render();
  writePng(capture(view->GetRenderWindow()), out);
  return out;
}

}  // namespace

std::vector<std::filesystem::path> writeCharts(const results::RunRecord& r, const ChartOptions& o,
                                               const std::filesystem::path& dir) {
  const std::string name = r.scenario_name;
  std::vector<std::filesystem::path> written;
  written.push_back(drawChart(r, topGroups(r, "tone_", o.groups), name + ": involuntary tone by muscle group",
                              "tone (fraction of max)", 0.3, o, dir / kChartFiles[0]));
  written.push_back(drawChart(r, topGroups(r, "fatigue_", o.groups), name + ": fatigue by muscle group",
                              "fatigued fraction", 1.0, o, dir / kChartFiles[1]));
  const auto& pressure = r.channel("L4L5_idp_MPa");
  const double top = std::max(1.0, std::ceil(*std::max_element(pressure.begin(), pressure.end())));
  written.push_back(drawChart(r, {{"L4/L5", pressure}}, name + ": L4/L5 disc pressure", "pressure [MPa]", top, o,
                              dir / kChartFiles[2]));
  std::vector<Series> risk = topGroups(r, "risk_", o.groups - 1);
  risk.insert(risk.begin(), Series{"highest", r.channel("spasm_risk")});
  written.push_back(drawChart(r, risk, name + ": spasm risk", "risk", 1.0, o, dir / kChartFiles[3]));
  return written;
}

}  // namespace tonus::viz
