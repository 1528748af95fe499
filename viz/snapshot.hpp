#pragma once
// Rendering renderers into pictures, offscreen: an RGB image in memory (for tests and movies)
// or a PNG file. VTK needs an X display even offscreen; the CLI provides one (xvfb-run) when
// there is none.
#include <vtkSmartPointer.h>

#include <filesystem>
#include <vector>

class vtkImageData;
class vtkRenderer;
class vtkRenderWindow;

namespace tonus::viz {

// An offscreen window of the given size showing the renderers (each keeps its viewport).
vtkSmartPointer<vtkRenderWindow> offscreenWindow(const std::vector<vtkRenderer*>& renderers, int width, int height);

// Renders the window and reads back its pixels (RGB, rows from the bottom).
vtkSmartPointer<vtkImageData> capture(vtkRenderWindow* window);

void writePng(vtkImageData* image, const std::filesystem::path& path);

// RGB of the pixel at (x, y) from the bottom left, in [0, 1].
std::array<double, 3> pixelAt(vtkImageData* image, int x, int y);

}  // namespace tonus::viz
