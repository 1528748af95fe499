#include "viewer.hpp"

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkImageData.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkProperty2D.h>
#include <vtkRenderWindow.h>
#include <vtkRenderWindowInteractor.h>
#include <vtkRenderer.h>
#include <vtkSliderRepresentation2D.h>
#include <vtkSliderWidget.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <memory>

#include "snapshot.hpp"

namespace tonus::viz {
namespace {

const MuscleColour kColours[] = {MuscleColour::Tone,       MuscleColour::Activation, MuscleColour::Fatigue,
                                 MuscleColour::Flow,       MuscleColour::Metabolite, MuscleColour::Risk};
const View kViews[] = {View::Oblique, View::Side, View::Back, View::Top};

// The scene takes the window above a strip along the bottom for the time slider and its clock.
constexpr double kSliderStrip = 0.1;

// What the window shows now, and how to redraw it.
struct ViewerState {
  const results::RunRecord* record = nullptr;
  const sim::PoseReplay* replay = nullptr;
  vtkRenderWindow* window = nullptr;
  vtkTextActor* clock = nullptr;
  std::unique_ptr<Scene> scene;
  ViewerOptions options;
  int colour = 0, view = 0;

  void rebuild() {
    if (scene) {
      for (vtkRenderer* r : scene->renderers()) window->RemoveRenderer(r);
    }
    options.look.muscles = kColours[colour];
    scene = std::make_unique<Scene>(styleFor(options.look, {record}));
    scene->setViewport(0.0, kSliderStrip, 1.0, 1.0);
    for (vtkRenderer* r : scene->renderers()) window->AddRenderer(r);
    redraw(true);
  }
  void redraw(bool reframe) {
    scene->show(replay->model(), frameAt(*record, *replay, options.time, options.look.muscles, options.look.discs));
    if (reframe) scene->setView(kViews[view]);
    if (clock) clock->SetInput(clockText(options.time).c_str());
    window->Render();
  }
};

void onSlider(vtkObject* caller, unsigned long, void* data, void*) {
  auto* state = static_cast<ViewerState*>(data);
  auto* slider = static_cast<vtkSliderWidget*>(caller);
  state->options.time = static_cast<vtkSliderRepresentation2D*>(slider->GetRepresentation())->GetValue();
  state->redraw(false);
}

void onKey(vtkObject* caller, unsigned long, void* data, void*) {
  auto* state = static_cast<ViewerState*>(data);
  const std::string key = static_cast<vtkRenderWindowInteractor*>(caller)->GetKeySym();
  if (key == "c") {
    state->colour = (state->colour + 1) % static_cast<int>(std::size(kColours));
    state->rebuild();
  } else if (key == "v") {
    state->view = (state->view + 1) % static_cast<int>(std::size(kViews));
    state->redraw(true);
  }
}

}  // namespace

void runViewer(const results::RunRecord& record, const sim::PoseReplay& replay, const ViewerOptions& options,
               const std::filesystem::path& snapshot) {
  auto window = vtkSmartPointer<vtkRenderWindow>::New();
  window->SetSize(options.look.width, options.look.height);
  window->SetWindowName(("tonus view: " + record.scenario_name).c_str());
  if (!snapshot.empty()) window->SetOffScreenRendering(1);
  auto interactor = vtkSmartPointer<vtkRenderWindowInteractor>::New();
  interactor->SetRenderWindow(window);
  interactor->SetInteractorStyle(vtkSmartPointer<vtkInteractorStyleTrackballCamera>::New());

  ViewerState state;
  state.record = &record;
  state.replay = &replay;
  state.window = window;
  state.options = options;
  for (int i = 0; i < static_cast<int>(std::size(kColours)); ++i) {
    if (kColours[i] == options.look.muscles) state.colour = i;
  }
  for (int i = 0; i < static_cast<int>(std::size(kViews)); ++i) {
    if (kViews[i] == options.look.view) state.view = i;
  }
  // The strip below the scene, in the scene's background colour, under the slider.
  auto strip = vtkSmartPointer<vtkRenderer>::New();
  strip->SetViewport(0.0, 0.0, 1.0, kSliderStrip);
  strip->SetBackground(0.97, 0.97, 0.95);
  strip->InteractiveOff();
  window->AddRenderer(strip);
  // The slider and its clock live in an overlay renderer, so the scene above can be rebuilt freely.
  window->SetNumberOfLayers(2);
  auto overlay = vtkSmartPointer<vtkRenderer>::New();
  overlay->SetLayer(1);
  overlay->InteractiveOff();
  window->AddRenderer(overlay);
  auto clock = vtkSmartPointer<vtkTextActor>::New();
  clock->GetTextProperty()->SetFontSize(18);
  clock->GetTextProperty()->SetBold(true);
  clock->GetTextProperty()->SetColor(0.1, 0.1, 0.1);
  clock->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
  clock->SetPosition(0.83, 0.035);
  overlay->AddActor2D(clock);
  state.clock = clock;
  state.rebuild();
  // The time slider along the bottom, below the body; the clock beside it reads h:mm:ss.
  auto slider = vtkSmartPointer<vtkSliderRepresentation2D>::New();
  slider->SetMinimumValue(0.0);
  slider->SetMaximumValue(record.time.back());
  slider->SetValue(options.time);
  slider->SetTitleText("time   (c: colour, v: view, drag: turn)");
  slider->GetPoint1Coordinate()->SetCoordinateSystemToNormalizedDisplay();
  slider->GetPoint1Coordinate()->SetValue(0.05, 0.05);
  slider->GetPoint2Coordinate()->SetCoordinateSystemToNormalizedDisplay();
  slider->GetPoint2Coordinate()->SetValue(0.80, 0.05);
  slider->SetTitleHeight(0.02);
  slider->SetLabelHeight(0.02);
  slider->ShowSliderLabelOff();
  slider->GetSliderProperty()->SetColor(0.85, 0.3, 0.1);
  slider->GetTitleProperty()->SetColor(0.1, 0.1, 0.1);
  slider->GetTitleProperty()->ShadowOff();
  slider->GetTubeProperty()->SetColor(0.5, 0.5, 0.5);
  auto widget = vtkSmartPointer<vtkSliderWidget>::New();
  widget->SetInteractor(interactor);
  widget->SetDefaultRenderer(overlay);
  widget->SetCurrentRenderer(overlay);
  widget->SetRepresentation(slider);
  widget->SetAnimationModeToJump();
  widget->EnabledOn();
  auto slid = vtkSmartPointer<vtkCallbackCommand>::New();
  slid->SetCallback(onSlider);
  slid->SetClientData(&state);
  widget->AddObserver(vtkCommand::InteractionEvent, slid);
  auto keyed = vtkSmartPointer<vtkCallbackCommand>::New();
  keyed->SetCallback(onKey);
  keyed->SetClientData(&state);
  interactor->AddObserver(vtkCommand::KeyPressEvent, keyed);

  interactor->Initialize();
  if (!snapshot.empty()) {
    writePng(capture(window), snapshot);
    return;
  }
  window->Render();
  interactor->Start();
}

}  // namespace tonus::viz
