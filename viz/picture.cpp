#include "picture.hpp"

#include <vtkImageData.h>
#include <vtkRenderWindow.h>

#include "snapshot.hpp"

namespace tonus::viz {

void writePicture(const results::RunRecord& record, const sim::PoseReplay& replay, const PictureOptions& options,
                  const std::filesystem::path& out) {
  const Look& look = options.look;
  Scene scene(look.muscles, look.discs);
  scene.show(replay.model(), frameAt(record, replay, options.time, look.muscles, look.discs));
  scene.setView(look.view);
  vtkSmartPointer<vtkRenderWindow> window = offscreenWindow({scene.renderer()}, look.width, look.height);
  writePng(capture(window), out);
}

}  // namespace tonus::viz
