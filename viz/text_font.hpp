#pragma once
// Text in any script: VTK's built-in fonts draw Latin only and drop other characters without a
// word. A line of user text (a scenario's name in Chinese, with an emoji) is split into runs, each
// drawn with an installed font that has its glyphs (Noto Sans CJK, Symbola, DejaVu Sans; Debian's
// fonts-noto-cjk, fonts-symbola, fonts-dejavu-core), side by side; characters beyond U+FFFF
// (emoji), which VTK's text cannot draw, as images FreeType draws. A character no font has is
// drawn as '?' and named once on stderr: never dropped silently.
#include <vtkSmartPointer.h>

#include <string>
#include <vector>

class vtkActor2D;
class vtkRenderer;
class vtkTextProperty;

namespace tonus::viz {

// The Unicode code points of UTF-8 text (an invalid byte reads as U+FFFD).
std::vector<char32_t> codePoints(const std::string& utf8);

// A run of text and the font file that draws it ("" for VTK's own font).
struct TextRun {
  std::string text, font_file;
};
// `text` split into runs by the first font, in order of preference, that has each character.
std::vector<TextRun> fontRuns(const std::string& text);

// Sets a text property to draw `text` in one font: the one that has the most of its characters
// (charts and other single-font labels); characters it lacks become '?'. Returns the text to draw.
std::string useFontFor(vtkTextProperty* property, const std::string& text);

// One line of text at a place in a renderer's normalised viewport, drawn in as many fonts as it needs.
class TextLine {
 public:
  TextLine(vtkRenderer* renderer, int font_size, bool bold);
  ~TextLine();
  void setPosition(double x, double y);
  void set(const std::string& text);
  void setVisibility(bool on);
  const std::vector<vtkSmartPointer<vtkActor2D>>& actors() const { return actors_; }

 private:
  vtkRenderer* renderer_;
  int font_size_;
  bool bold_, visible_ = true;
  double x_ = 0.0, y_ = 0.0;
  std::vector<vtkSmartPointer<vtkActor2D>> actors_;  // text, or images of characters VTK cannot draw
};

}  // namespace tonus::viz
