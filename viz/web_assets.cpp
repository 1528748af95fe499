// The lesson page's parts (web/, bundled at build time into TONUS_WEB_DIR), compiled in whole
// by the assembler's .incbin, each followed by a zero byte.
#include "web_assets.hpp"

#define TONUS_INCLUDE_ASSET(symbol, file)                    \
  __asm__(".section .rodata\n"                              \
          ".global " #symbol "\n"                           \
          ".balign 16\n" #symbol ":\n"                      \
          ".incbin \"" TONUS_WEB_DIR "/" file "\"\n"        \
          ".byte 0\n"                                       \
          ".previous\n")

TONUS_INCLUDE_ASSET(tonus_lesson_script, "lesson.js");
TONUS_INCLUDE_ASSET(tonus_lesson_style, "lesson.css");
TONUS_INCLUDE_ASSET(tonus_lesson_template, "lesson.html");

extern "C" {
extern const char tonus_lesson_script[];
extern const char tonus_lesson_style[];
extern const char tonus_lesson_template[];
}

namespace tonus::viz {

std::string_view lessonScript() { return tonus_lesson_script; }
std::string_view lessonStyle() { return tonus_lesson_style; }
std::string_view lessonTemplate() { return tonus_lesson_template; }

}  // namespace tonus::viz
