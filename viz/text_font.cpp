#include "text_font.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <vtkActor2D.h>
#include <vtkCoordinate.h>
#include <vtkImageData.h>
#include <vtkImageMapper.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkStdString.h>
#include <vtkTextRenderer.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <set>

namespace tonus::viz {
namespace {

// Installed fonts, in order of preference, after VTK's own for ASCII.
const char* const kFontFiles[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",             // Latin, Greek, Cyrillic, symbols
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",      // Chinese, Japanese, Korean
    "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",  // emoji and other symbols
};

// The fonts found on this machine, opened once with FreeType to ask which characters they have.
class FontShelf {
 public:
  static FontShelf& instance() {
    static FontShelf shelf;
    return shelf;
  }
  // The first font with this character, or -1; emoji and pictographs (U+1F000 on) from the last
  // font that has them first, the symbol font.
  int fontFor(char32_t c) {
    const std::lock_guard<std::mutex> lock(mutex_);
    const int n = static_cast<int>(faces_.size());
    for (int k = 0; k < n; ++k) {
      const int i = c >= 0x1F000 ? n - 1 - k : k;
      if (FT_Get_Char_Index(faces_[static_cast<std::size_t>(i)], c) != 0) return i;
    }
    return -1;
  }
  bool has(int font, char32_t c) {
    const std::lock_guard<std::mutex> lock(mutex_);
    return FT_Get_Char_Index(faces_[static_cast<std::size_t>(font)], c) != 0;
  }
  int count() const { return static_cast<int>(faces_.size()); }
  const std::string& file(int font) const { return files_[static_cast<std::size_t>(font)]; }

 private:
  FontShelf() {
    if (FT_Init_FreeType(&library_) != 0) return;
    for (const char* path : kFontFiles) {
      FT_Face face = nullptr;
      if (!std::filesystem::exists(path) || FT_New_Face(library_, path, 0, &face) != 0) continue;
      faces_.push_back(face);
      files_.emplace_back(path);
    }
  }
  ~FontShelf() {
    for (FT_Face face : faces_) FT_Done_Face(face);
    if (library_) FT_Done_FreeType(library_);
  }
  std::mutex mutex_;
  FT_Library library_ = nullptr;
  std::vector<FT_Face> faces_;
  std::vector<std::string> files_;
};

void appendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Says once per character that no installed font has it.
void warnMissing(char32_t c) {
  static std::mutex mutex;
  static std::set<char32_t> told;
  const std::lock_guard<std::mutex> lock(mutex);
  if (!told.insert(c).second) return;
  std::string shown;
  appendUtf8(shown, c);
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
  std::cerr << "tonus: no installed font draws '" << shown << "' (" << code
            << "); it is drawn as '?' (install fonts-noto-cjk, fonts-symbola)\n";
}

void applyFont(vtkTextProperty* property, const std::string& file) {
  if (file.empty()) {
    property->SetFontFamilyToArial();
    return;
  }
  property->SetFontFamily(VTK_FONT_FILE);
  property->SetFontFile(file.c_str());
}

// VTK's text drawing handles characters of the Basic Multilingual Plane only: emoji and other
// characters beyond U+FFFF are drawn here with FreeType into an image, `size` pixels high, in the
// text's colour with the glyphs' coverage as alpha. `width` returns the pen's advance.
vtkSmartPointer<vtkImageData> rasterise(const std::string& font_file, const std::vector<char32_t>& chars, int size,
                                        int& width) {
  width = 0;
  auto image = vtkSmartPointer<vtkImageData>::New();
  FT_Library library = nullptr;
  FT_Face face = nullptr;
  if (FT_Init_FreeType(&library) != 0) return image;
  if (FT_New_Face(library, font_file.c_str(), 0, &face) == 0 && FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(size)) == 0) {
    const int ascent = static_cast<int>(face->size->metrics.ascender >> 6);
    const int height = std::max(1, ascent - static_cast<int>(face->size->metrics.descender >> 6));
    // First the advance, for the image's width; then each glyph at its place.
    for (char32_t c : chars) {
      if (FT_Load_Char(face, c, FT_LOAD_DEFAULT) == 0) width += static_cast<int>(face->glyph->advance.x >> 6);
    }
    image->SetDimensions(std::max(1, width), height, 1);
    image->AllocateScalars(VTK_UNSIGNED_CHAR, 4);
    auto* pixels = static_cast<unsigned char*>(image->GetScalarPointer());
    std::fill(pixels, pixels + 4 * std::max(1, width) * height, static_cast<unsigned char>(0));
    int pen = 0;
    for (char32_t c : chars) {
      if (FT_Load_Char(face, c, FT_LOAD_RENDER) != 0) continue;
      const FT_Bitmap& glyph = face->glyph->bitmap;
      for (unsigned row = 0; row < glyph.rows; ++row) {
        // Image rows run from the bottom; the glyph's from its top, `bitmap_top` above the baseline.
        const int y = height - 1 - (ascent - face->glyph->bitmap_top + static_cast<int>(row));
        for (unsigned col = 0; col < glyph.width; ++col) {
          const int x = pen + face->glyph->bitmap_left + static_cast<int>(col);
          if (x < 0 || x >= width || y < 0 || y >= height) continue;
          unsigned char* p = pixels + 4 * (y * width + x);
          p[0] = p[1] = p[2] = 26;  // the labels' dark grey
          p[3] = std::max(p[3], glyph.buffer[row * static_cast<unsigned>(glyph.pitch) + col]);
        }
      }
      pen += static_cast<int>(face->glyph->advance.x >> 6);
    }
  }
  if (face) FT_Done_Face(face);
  FT_Done_FreeType(library);
  return image;
}

}  // namespace

std::vector<char32_t> codePoints(const std::string& utf8) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    const int extra = byte < 0x80 ? 0 : (byte >> 5) == 0x6 ? 1 : (byte >> 4) == 0xE ? 2 : (byte >> 3) == 0x1E ? 3 : -1;
    if (extra < 0 || i + static_cast<std::size_t>(extra) >= utf8.size() + (extra == 0 ? 1 : 0)) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t c = extra == 0 ? byte : byte & (0x3F >> extra);
    bool valid = true;
    for (int k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(utf8[i + static_cast<std::size_t>(k)]);
      if ((next & 0xC0) != 0x80) valid = false;
      c = (c << 6) | (next & 0x3F);
    }
    out.push_back(valid ? c : 0xFFFD);
    i += valid ? static_cast<std::size_t>(extra) + 1 : 1;
  }
  return out;
}

std::vector<TextRun> fontRuns(const std::string& text) {
  FontShelf& shelf = FontShelf::instance();
  std::vector<TextRun> runs;
  for (const char32_t c : codePoints(text)) {
    // ASCII in VTK's font; anything else in the first installed font that has it.
    std::string file;
    char32_t drawn = c;
    if (c >= 0x80) {
      const int font = shelf.fontFor(c);
      if (font < 0) warnMissing(c), drawn = U'?';
      else file = shelf.file(font);
    }
    if (runs.empty() || runs.back().font_file != file) runs.push_back({"", file});
    appendUtf8(runs.back().text, drawn);
  }
  return runs;
}

std::string useFontFor(vtkTextProperty* property, const std::string& text) {
  FontShelf& shelf = FontShelf::instance();
  const std::vector<char32_t> chars = codePoints(text);
  // VTK's font when the text is ASCII; else the installed font that has the most characters.
  int best = -1, best_count = -1;
  bool ascii = true;
  for (char32_t c : chars) ascii = ascii && c < 0x80;
  if (!ascii) {
    for (int font = 0; font < shelf.count(); ++font) {
      int count = 0;
      for (char32_t c : chars) count += c < 0x80 || shelf.has(font, c);
      if (count > best_count) best = font, best_count = count;
    }
  }
  applyFont(property, best < 0 ? "" : shelf.file(best));
  std::string drawn;
  for (char32_t c : chars) {
    const bool has = c < 0x80 || (best >= 0 && shelf.has(best, c));
    if (!has) warnMissing(c);
    appendUtf8(drawn, has ? c : U'?');
  }
  return drawn;
}

TextLine::TextLine(vtkRenderer* renderer, int font_size, bool bold) : renderer_(renderer), font_size_(font_size), bold_(bold) {}

TextLine::~TextLine() {
  for (const auto& actor : actors_) renderer_->RemoveActor2D(actor);
}

void TextLine::setPosition(double x, double y) {
  x_ = x, y_ = y;
  if (!actors_.empty()) actors_.front()->SetPosition(x, y);
}

void TextLine::setVisibility(bool on) {
  visible_ = on;
  for (const auto& actor : actors_) actor->SetVisibility(on);
}

void TextLine::set(const std::string& text) {
  for (const auto& actor : actors_) renderer_->RemoveActor2D(actor);
  actors_.clear();
  // Each run after the one before, offset by the width it takes in its font, in pixels.
  double offset = 0.0;
  for (const TextRun& run : fontRuns(text)) {
    const std::vector<char32_t> chars = codePoints(run.text);
    const bool beyond_vtk = std::any_of(chars.begin(), chars.end(), [](char32_t c) { return c > 0xFFFF; });
    vtkSmartPointer<vtkActor2D> actor;
    double width = 0.0;
    if (beyond_vtk) {
      int pixels = 0;
      auto mapper = vtkSmartPointer<vtkImageMapper>::New();
      mapper->SetInputData(rasterise(run.font_file, chars, font_size_, pixels));
      mapper->SetColorWindow(255.0);
      mapper->SetColorLevel(127.5);
      actor = vtkSmartPointer<vtkActor2D>::New();
      actor->SetMapper(mapper);
      width = pixels;
    } else {
      auto words = vtkSmartPointer<vtkTextActor>::New();
      vtkTextProperty* property = words->GetTextProperty();
      property->SetFontSize(font_size_);
      property->SetBold(bold_);
      property->SetColor(0.1, 0.1, 0.1);
      applyFont(property, run.font_file);
      words->SetInput(run.text.c_str());
      int box[4] = {0, 0, 0, 0};
      vtkTextRenderer::GetInstance()->GetBoundingBox(property, vtkStdString(run.text), box, 72);
      width = box[1] - box[0] + 1;
      actor = words;
    }
    if (actors_.empty()) {
      actor->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
      actor->SetPosition(x_, y_);
    } else {
      actor->GetPositionCoordinate()->SetCoordinateSystemToDisplay();
      actor->GetPositionCoordinate()->SetReferenceCoordinate(actors_.front()->GetPositionCoordinate());
      actor->GetPositionCoordinate()->SetValue(offset, 0.0);
    }
    offset += width;
    actor->SetVisibility(visible_);
    renderer_->AddActor2D(actor);
    actors_.push_back(actor);
  }
}

}  // namespace tonus::viz
