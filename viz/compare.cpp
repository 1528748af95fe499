#include "compare.hpp"

#include <vtkImageData.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

#include <vector>

#include "snapshot.hpp"

namespace tonus::viz {

void writeComparison(const results::RunRecord& a, const sim::PoseReplay& replay_a, const results::RunRecord& b,
                     const sim::PoseReplay& replay_b, const PictureOptions& o, const std::filesystem::path& out) {
  // Each run in its half, both on the scale that spans both.
  const Look& look = o.look;
  const SceneStyle style = styleFor(look, {&a, &b});
  Scene left(style), right(style);
  left.show(replay_a.model(), frameAt(a, replay_a, o.time < 0.0 ? a.time.back() : o.time, look.muscles, look.discs));
  right.show(replay_b.model(), frameAt(b, replay_b, o.time < 0.0 ? b.time.back() : o.time, look.muscles, look.discs));
  left.setViewport(0.0, 0.0, 0.5, 1.0);
  right.setViewport(0.5, 0.0, 1.0, 1.0);
  std::vector<vtkRenderer*> renderers = left.renderers();
  for (vtkRenderer* r : right.renderers()) renderers.push_back(r);
  vtkSmartPointer<vtkRenderWindow> window = offscreenWindow(renderers, look.width, look.height);
  // Both bodies framed alike, to the space either takes, so the same size on the page is the same size.
  Bounds both = left.bodyBounds();
  grow(both, right.bodyBounds());
  const auto centred = [&](const Bounds& own) {
    // The shared box's extent, about this body's own middle.
    Bounds shared{};
    for (int i = 0; i < 3; ++i) {
      const double mid = 0.5 * (own[2 * i] + own[2 * i + 1]), half = 0.5 * (both[2 * i + 1] - both[2 * i]);
      shared[2 * i] = mid - half, shared[2 * i + 1] = mid + half;
    }
    return shared;
  };
  left.setView(look.view, centred(left.bodyBounds()));
  right.setView(look.view, centred(right.bodyBounds()));
  writePng(capture(window), out);
}

}  // namespace tonus::viz
