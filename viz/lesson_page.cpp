#include "lesson_page.hpp"

#include <stdexcept>
#include <string_view>

#include "web_assets.hpp"

namespace tonus::viz {
namespace {

// The template cut at its marks, in order: the text before each mark, and after the last.
std::vector<std::string_view> cutAt(std::string_view page, const std::vector<std::string_view>& marks) {
  std::vector<std::string_view> pieces;
  std::size_t from = 0;
  for (std::string_view mark : marks) {
    const std::size_t at = page.find(mark, from);
    if (at == std::string_view::npos) throw std::logic_error("the lesson template lacks " + std::string(mark));
    pieces.push_back(page.substr(from, at - from));
    from = at + mark.size();
  }
  pieces.push_back(page.substr(from));
  return pieces;
}

// Text inside a <script> element must not close it early: "</" becomes "<\/", which scripts
// and JSON read the same.
std::string safeInScript(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '<' && i + 1 < text.size() && text[i + 1] == '/') out += '\\';
  }
  return out;
}

// JSON inside a <script> element: every '<' (which JSON has only inside strings) as \u003c, so no
// markup in a scenario's name can end the element or open another.
std::string jsonInScript(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<') out += "\\u003c";
    else out += c;
  }
  return out;
}

}  // namespace

std::string lessonPage(const std::vector<nlohmann::json>& lessons) {
  // Cut first and then joined, so nothing inlined (a scenario's name, the script) is ever
  // searched for the marks.
  const std::vector<std::string_view> pieces = cutAt(lessonTemplate(), {"/*TONUS_STYLE*/", "<!--TONUS_DATA-->", "/*TONUS_SCRIPT*/"});
  std::string page(pieces[0]);
  page += safeInScript(lessonStyle());
  page += pieces[1];
  for (const nlohmann::json& lesson : lessons) {
    page += "<script type=\"application/json\" data-tonus-lesson>";
    page += jsonInScript(lesson.dump());
    page += "</script>\n";
  }
  page += pieces[2];
  page += safeInScript(lessonScript());
  page += pieces[3];
  return page;
}

}  // namespace tonus::viz
