#include "snapshot.hpp"

#include <vtkImageData.h>
#include <vtkPNGWriter.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkWindowToImageFilter.h>

#include <algorithm>
#include <array>

#include "core/errors.hpp"
#include "core/version.hpp"
#include "results/output_directory.hpp"

namespace tonus::viz {

vtkSmartPointer<vtkRenderWindow> offscreenWindow(const std::vector<vtkRenderer*>& renderers, int width, int height) {
  auto window = vtkSmartPointer<vtkRenderWindow>::New();
  window->SetOffScreenRendering(1);
  window->SetMultiSamples(4);
  // Layers above the first (the discs drawn through the muscles) need their own planes.
  int layers = 1;
  for (vtkRenderer* r : renderers) window->AddRenderer(r), layers = std::max(layers, r->GetLayer() + 1);
  window->SetNumberOfLayers(layers);
  window->SetSize(width, height);
  return window;
}

vtkSmartPointer<vtkImageData> capture(vtkRenderWindow* window) {
  window->Render();
  auto grab = vtkSmartPointer<vtkWindowToImageFilter>::New();
  grab->SetInput(window);
  grab->SetInputBufferTypeToRGB();
  grab->ReadFrontBufferOff();
  grab->Update();
  auto image = vtkSmartPointer<vtkImageData>::New();
  image->DeepCopy(grab->GetOutput());
  return image;
}

void writePng(vtkImageData* image, const std::filesystem::path& path) {
  // Written whole or not at all, never over a file Tonus did not write, and marked as Tonus's
  // so that a later drawing may replace it.
  results::writeFileAtomically(path, {}, "", [&](const std::filesystem::path& staging) {
    auto writer = vtkSmartPointer<vtkPNGWriter>::New();
    writer->SetFileName(staging.string().c_str());
    writer->SetInputData(image);
    const std::string mark = std::string(results::kPictureMarkValue) + " " + std::string(version());
    writer->AddText(results::kPictureMarkKey, mark.c_str());
    writer->Write();
    if (writer->GetErrorCode() != 0) throw UserError("could not write '" + path.string() + "'");
  });
}

std::array<double, 3> pixelAt(vtkImageData* image, int x, int y) {
  const auto* p = static_cast<const unsigned char*>(image->GetScalarPointer(x, y, 0));
  return {p[0] / 255.0, p[1] / 255.0, p[2] / 255.0};
}

}  // namespace tonus::viz
