#pragma once
// One self-contained HTML file of a lesson: the page template with its styles, its script
// (vtk.js, uPlot and the app, bundled) and the lessons' data inlined. It opens from a USB stick
// or an e-mail attachment in any current browser, with no network and no server.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace tonus::viz {

// One lesson, or two shown side by side on one slider (a comparison).
std::string lessonPage(const std::vector<nlohmann::json>& lessons);

}  // namespace tonus::viz
