// Laying out one string: HarfBuzz shapes it run by run (a run is a stretch of text drawn
// with one face), libunibreak gives the break opportunities of UAX #14 (between words in
// English, between characters in Chinese, never before a closing mark), and lines fill
// greedily up to the wrap width. Coordinates are em units of the font size, x right and y
// down from the block's top-left corner; a glyph's position is its pen position on the
// baseline.
//
// Runs are laid out left to right. Right-to-left text needs bidi reordering per line
// (FriBidi) before the runs are placed; shaping and breaking already work on logical order.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "trialxr/text/font_set.h"

namespace trialxr::text {

enum class Align : std::uint8_t { start, center };

struct PlacedGlyph {
  std::uint32_t face = 0;
  std::uint32_t glyph = 0;  // glyph index in the face
  float x = 0.0f;           // pen position on the baseline, em
  float y = 0.0f;
};

struct TextLine {
  std::uint32_t first_glyph = 0;
  std::uint32_t glyph_count = 0;
  float width = 0.0f;  // em, without trailing spaces
};

struct TextBlock {
  std::vector<PlacedGlyph> glyphs;
  std::vector<TextLine> lines;
  float width = 0.0f;             // the widest line, em
  float height = 0.0f;            // lines × line height, em
  std::vector<char32_t> missing;  // characters no face of the set has, in order, unique
};

struct LayoutOptions {
  float wrap_width = 0.0f;  // em; 0 = never wrap
  Align align = Align::start;
};

// `text` must be valid UTF-8 (the compiler checks strings when it reads them). A line
// feed is a mandatory break.
TextBlock layout_text(FontSet& fonts, std::string_view text, const LayoutOptions& options);

}  // namespace trialxr::text
