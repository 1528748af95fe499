#include "picture.hpp"

#include <vtkImageData.h>
#include <vtkRenderWindow.h>

#include "snapshot.hpp"

namespace tonus::viz {

void writePicture(const results::RunRecord& record, const sim::PoseReplay& replay, const PictureOptions& options,
                  const std::filesystem::path& out) {
  const Look& look = options.look;
  Scene scene(styleFor(look, {&record}));
  scene.show(replay.model(), frameAt(record, replay, options.time, look.muscles, look.discs));
  vtkSmartPointer<vtkRenderWindow> window = offscreenWindow(scene.renderers(), look.width, look.height);
  scene.setView(look.view);
  writePng(capture(window), out);
}

}  // namespace tonus::viz
