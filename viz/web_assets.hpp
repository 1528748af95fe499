#pragma once
// The lesson page's parts built from web/ (the bundled vtk.js, uPlot and app script, its styles
// and the page template), as compiled into the program.
#include <string_view>

namespace tonus::viz {

std::string_view lessonScript();
std::string_view lessonStyle();
std::string_view lessonTemplate();

}  // namespace tonus::viz
