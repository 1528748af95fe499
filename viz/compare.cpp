#include "compare.hpp"

#include <vtkImageData.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

#include "snapshot.hpp"

namespace tonus::viz {

void writeComparison(const results::RunRecord& a, const sim::PoseReplay& replay_a, const results::RunRecord& b,
                     const sim::PoseReplay& replay_b, const PictureOptions& o, const std::filesystem::path& out) {
  // Each run in its half; the same quantities give both the same fixed scale.
  const Look& look = o.look;
  Scene left(look.muscles, look.discs), right(look.muscles, look.discs);
  left.show(replay_a.model(), frameAt(a, replay_a, std::min(o.time, a.time.back()), look.muscles, look.discs));
  right.show(replay_b.model(), frameAt(b, replay_b, std::min(o.time, b.time.back()), look.muscles, look.discs));
  left.setView(look.view);
  right.setView(look.view);
  left.renderer()->SetViewport(0.0, 0.0, 0.5, 1.0);
  right.renderer()->SetViewport(0.5, 0.0, 1.0, 1.0);
  vtkSmartPointer<vtkRenderWindow> window = offscreenWindow({left.renderer(), right.renderer()}, look.width, look.height);
  writePng(capture(window), out);
}

}  // namespace tonus::viz
