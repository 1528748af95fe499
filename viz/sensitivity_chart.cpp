#include "sensitivity_chart.hpp"

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkDoubleArray.h>
#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkPlotBar.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkStringArray.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>

#include "snapshot.hpp"

namespace tonus::viz {

// A listed parameter's label says which level its bar compares with which.
std::string labelOf(const sweep::Report& report, const std::string& parameter) {
  for (const sweep::OutputDrivers& o : report.outputs) {
    for (const sweep::Driver& d : o.ranked) {
      if (d.parameter == parameter && !d.contrast.empty()) return parameter + " (" + d.contrast + ")";
    }
  }
  return parameter;
}

void writeSensitivityChart(const sweep::Report& report, const std::filesystem::path& out, int width, int height) {
  // Parameters in the order of the first ranked output (the largest effect at the top).
  std::vector<std::string> parameters;
  for (const sweep::OutputDrivers& o : report.outputs) {
    for (const sweep::Driver& d : o.ranked) {
      if (std::find(parameters.begin(), parameters.end(), d.parameter) == parameters.end()) parameters.push_back(d.parameter);
    }
  }
  std::reverse(parameters.begin(), parameters.end());  // the chart's y axis counts upwards
  auto table = vtkSmartPointer<vtkTable>::New();
  auto position = vtkSmartPointer<vtkFloatArray>::New();
  position->SetName("parameter");
  for (std::size_t i = 0; i < parameters.size(); ++i) position->InsertNextValue(static_cast<float>(i + 1));
  table->AddColumn(position);
  // Outputs without a ranking (no spread, too few cases) have no bars.
  std::vector<const sweep::OutputDrivers*> ranked;
  for (const sweep::OutputDrivers& o : report.outputs) {
    if (!o.ranked.empty()) ranked.push_back(&o);
  }
  for (const sweep::OutputDrivers* output : ranked) {
    const sweep::OutputDrivers& o = *output;
    auto src = vtkSmartPointer<vtkFloatArray>::New();
    src->SetName(o.output.c_str());
    for (const std::string& p : parameters) {
      const auto d = std::find_if(o.ranked.begin(), o.ranked.end(), [&](const sweep::Driver& x) { return x.parameter == p; });
      src->InsertNextValue(d == o.ranked.end() ? 0.0F : static_cast<float>(d->src));
    }
    table->AddColumn(src);
  }
  auto view = vtkSmartPointer<vtkContextView>::New();
  view->GetRenderer()->SetBackground(1.0, 1.0, 1.0);
  view->GetRenderWindow()->SetOffScreenRendering(1);
  view->GetRenderWindow()->SetSize(width, height);
  auto chart = vtkSmartPointer<vtkChartXY>::New();
  view->GetScene()->AddItem(chart);
  chart->SetTitle("Sweep " + report.sweep + ": what drives the outputs (standardised regression coefficients)");
  chart->SetShowLegend(true);
  chart->GetLegend()->SetHorizontalAlignment(vtkChartLegend::RIGHT);
  chart->GetLegend()->SetVerticalAlignment(vtkChartLegend::BOTTOM);
  // Parameter names as the left axis's tick labels.
  vtkAxis* names = chart->GetAxis(vtkAxis::LEFT);
  auto ticks = vtkSmartPointer<vtkDoubleArray>::New();
  auto labels = vtkSmartPointer<vtkStringArray>::New();
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    ticks->InsertNextValue(static_cast<double>(i + 1));
    labels->InsertNextValue(labelOf(report, parameters[i]));
  }
  names->SetCustomTickPositions(ticks, labels);
  names->SetBehavior(vtkAxis::FIXED);
  // A free slot at the bottom keeps the legend off the bars.
  names->SetRange(-0.6, static_cast<double>(parameters.size()) + 0.6);
  names->SetTitle("");
  vtkAxis* values = chart->GetAxis(vtkAxis::BOTTOM);
  values->SetBehavior(vtkAxis::FIXED);
  values->SetRange(-1.0, 1.0);
  values->SetTitle("SRC (-1 .. 1): change in output SDs per SD of the parameter");
  const unsigned char colours[][3] = {{31, 119, 180}, {214, 39, 40}, {44, 160, 44}};
  for (std::size_t k = 0; k < ranked.size(); ++k) {
    auto* bars = vtkPlotBar::SafeDownCast(chart->AddPlot(vtkChart::BAR));
    bars->SetOrientation(vtkPlotBar::HORIZONTAL);
    bars->SetInputData(table, 0, static_cast<vtkIdType>(k + 1));
    const auto* c = colours[k % 3];
    bars->SetColor(c[0], c[1], c[2], 255);
    bars->SetLabel(ranked[k]->output);
  }
  view->GetRenderWindow()->Render();
  writePng(capture(view->GetRenderWindow()), out);
}

}  // namespace tonus::viz
