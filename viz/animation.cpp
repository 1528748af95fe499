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

  Scene scene(o.look.muscles, o.look.discs);
  vtkSmartPointer<vtkRenderWindow> window = offscreenWindow({scene.renderer()}, o.look.width, o.look.height);
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
  sim::Stance framed_for = sim::Stance::Standing;
  for (int i = 0; i < o.frames; ++i) {
    const double t = o.from + (to - o.from) * i / (o.frames - 1);
    const Frame frame = frameAt(record, replay, t, o.look.muscles, o.look.discs);
    scene.show(replay.model(), frame);
    // The camera moves only when the body lies down or gets up, so the body does not jitter.
    if (i == 0 || (frame.pose.stance == sim::Stance::Lying) != (framed_for == sim::Stance::Lying)) {
      scene.setView(o.look.view);
      framed_for = frame.pose.stance;
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
