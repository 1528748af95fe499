#include "animation.hpp"

#include <vtkImageData.h>
#include <vtkOggTheoraWriter.h>
#include <vtkRenderWindow.h>
#include <vtkWindowToImageFilter.h>

#include <cstdio>

#include "core/errors.hpp"
#include "snapshot.hpp"

namespace tonus::viz {

void writeAnimation(const results::RunRecord& record, const sim::PoseReplay& replay, const AnimationOptions& o,
                    const std::filesystem::path& movie, const std::filesystem::path& frames_dir,
                    const std::function<void(int, int)>& progress) {
  if (o.look.width % 2 || o.look.height % 2) throw UserError("a movie's width and height must be even");
  if (o.frames < 2) throw UserError("an animation needs at least 2 frames");
  const double to = o.to < 0.0 ? record.time.back() : o.to;
  if (!(to > o.from)) throw UserError("an animation needs a span of time: --from must come before --to");
  if (!frames_dir.empty()) std::filesystem::create_directories(frames_dir);

  Scene scene(styleFor(o.look, {&record}));
  vtkSmartPointer<vtkRenderWindow> window = offscreenWindow(scene.renderers(), o.look.width, o.look.height);
  auto grab = vtkSmartPointer<vtkWindowToImageFilter>::New();
  grab->SetInput(window);
  grab->SetInputBufferTypeToRGB();
  grab->ReadFrontBufferOff();
  vtkSmartPointer<vtkOggTheoraWriter> writer;
  if (!movie.empty()) {
    writer = vtkSmartPointer<vtkOggTheoraWriter>::New();
    writer->SetInputConnection(grab->GetOutputPort());
    writer->SetFileName(movie.string().c_str());
    writer->SetRate(o.fps);
    writer->SetQuality(2);
    writer->Start();
  }
  const auto timeOf = [&](int i) { return o.from + (to - o.from) * i / (o.frames - 1); };
  // The camera holds still and frames everything the body reaches over the movie (a stoop's
  // bottom, the hands and the box), upright and lying apart: it moves only when the body lies
  // down or gets up.
  Bounds upright = emptyBounds(), lying = emptyBounds();
  for (int i = 0; i < o.frames; ++i) {
    const Frame frame = frameAt(record, replay, timeOf(i), o.look.muscles, o.look.discs);
    scene.show(replay.model(), frame);
    grow(frame.pose.lying ? lying : upright, scene.bodyBounds());
  }
  bool framed_lying = false;
  for (int i = 0; i < o.frames; ++i) {
    const Frame frame = frameAt(record, replay, timeOf(i), o.look.muscles, o.look.discs);
    scene.show(replay.model(), frame);
    if (i == 0 || frame.pose.lying != framed_lying) {
      scene.setView(o.look.view, frame.pose.lying ? lying : upright);
      framed_lying = frame.pose.lying;
    }
    window->Render();
    grab->Modified();
    if (writer) writer->Write();
    if (!frames_dir.empty()) {
      char name[32];
      std::snprintf(name, sizeof name, "frame_%04d.png", i + 1);
      grab->Update();
      writePng(grab->GetOutput(), frames_dir / name);
    }
    if (progress) progress(i + 1, o.frames);
  }
  if (writer) {
    writer->End();
    if (writer->GetError() || !std::filesystem::exists(movie)) throw UserError("could not write '" + movie.string() + "'");
  }
}

}  // namespace tonus::viz
