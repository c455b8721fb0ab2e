#include "trialxr/text/text_layout.h"

#include <hb.h>
#include <linebreak.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "trialxr/text/utf8.h"

namespace trialxr::text {

namespace {

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == 0x3000;
}
bool is_newline(char32_t c) {
  return c == U'\n' || c == 0x2028;
}

// A glyph in logical order, before lines are made.
struct Shaped {
  std::uint32_t face = 0;
  std::uint32_t glyph = 0;
  std::uint32_t cluster = 0;  // byte offset of its first character
  float advance = 0.0f;       // em
  float dx = 0.0f, dy = 0.0f;
  bool space = false;
  bool break_before = false;  // UAX #14 allows a line break before this glyph
  bool must_break = false;    // … requires one
};

// Consecutive characters drawn with one face; spaces and punctuation that the current
// face has stay in its run so that shaping sees whole words.
struct Run {
  std::uint32_t face = 0;
  std::uint32_t begin = 0, end = 0;  // bytes
};

void shape_run(FontSet& fonts, std::string_view text, const Run& run, hb_language_t language,
               std::vector<Shaped>& out) {
  auto* font = static_cast<hb_font_t*>(fonts.hb_font(run.face));
  hb_buffer_t* buffer = hb_buffer_create();
  hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(text.size()), run.begin,
                     static_cast<int>(run.end - run.begin));
  hb_buffer_set_language(buffer, language);
  hb_buffer_guess_segment_properties(buffer);
  hb_shape(font, buffer, nullptr, 0);
  unsigned count = 0;
  hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
  hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
  int x_scale = 0, y_scale = 0;
  hb_font_get_scale(font, &x_scale, &y_scale);
  const float sx = 1.0f / static_cast<float>(x_scale);
  const float sy = 1.0f / static_cast<float>(y_scale);
  for (unsigned i = 0; i < count; ++i) {
    Shaped g;
    g.face = run.face;
    g.glyph = info[i].codepoint;
    g.cluster = info[i].cluster;
    g.advance = static_cast<float>(pos[i].x_advance) * sx;
    g.dx = static_cast<float>(pos[i].x_offset) * sx;
    g.dy = static_cast<float>(pos[i].y_offset) * sy;
    out.push_back(g);
  }
  hb_buffer_destroy(buffer);
}

}  // namespace

TextBlock layout_text(FontSet& fonts, std::string_view text, const LayoutOptions& options) {
  static std::once_flag unibreak_init;
  std::call_once(unibreak_init, [] { init_linebreak(); });

  TextBlock block;
  const std::vector<CodePoint> cps = code_points(text);
  const std::string language(fonts.language());

  // Faces and runs.
  std::vector<Run> runs;
  std::vector<bool> space_at(text.size() + 1, false);
  std::uint32_t current = kNoFace;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const CodePoint& cp = cps[i];
    std::uint32_t end =
        i + 1 < cps.size() ? cps[i + 1].offset : static_cast<std::uint32_t>(text.size());
    if (is_newline(cp.value)) {
      current = kNoFace;
      continue;
    }
    space_at[cp.offset] = is_space(cp.value);
    // Neutral characters (spaces, ASCII punctuation) stay in the running face when it has
    // them, so that a Chinese sentence's spaces and digits do not split its run.
    bool neutral =
        is_space(cp.value) || (cp.value < 0x80 && !std::isalpha(static_cast<int>(cp.value)));
    std::uint32_t face = neutral && current != kNoFace && fonts.covers(current, cp.value)
                             ? current
                             : fonts.face_for(cp.value);
    if (face == kNoFace) {
      if (std::find(block.missing.begin(), block.missing.end(), cp.value) == block.missing.end())
        block.missing.push_back(cp.value);
      current = kNoFace;
      continue;
    }
    if (!runs.empty() && runs.back().face == face && runs.back().end == cp.offset) {
      runs.back().end = end;
    } else {
      runs.push_back({face, cp.offset, end});
    }
    current = face;
  }

  std::vector<Shaped> shaped;
  hb_language_t hb_lang = hb_language_from_string(language.c_str(), -1);
  for (const Run& run : runs) shape_run(fonts, text, run, hb_lang, shaped);

  // UAX #14 break opportunities: brks[i] tells whether a line may break after byte i.
  std::vector<char> brks(text.size());
  if (!text.empty()) {
    set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(text.data()), text.size(), language.c_str(),
                        brks.data());
  }
  for (std::size_t i = 0; i < shaped.size(); ++i) {
    Shaped& g = shaped[i];
    g.space = space_at[g.cluster];
    bool first_of_cluster = i == 0 || shaped[i - 1].cluster != g.cluster;
    if (first_of_cluster && g.cluster > 0) {
      char b = brks[g.cluster - 1];
      g.must_break = b == LINEBREAK_MUSTBREAK;
      g.break_before = g.must_break || b == LINEBREAK_ALLOWBREAK;
    }
  }

  // Greedy line filling, a segment (the glyphs between two break opportunities) at a time.
  struct LineSpan {
    std::size_t begin = 0, end = 0;
    float width = 0.0f;  // without trailing spaces
  };
  std::vector<LineSpan> spans;
  LineSpan line;
  float pen = 0.0f;
  std::size_t i = 0;
  while (i < shaped.size()) {
    std::size_t j = i + 1;
    while (j < shaped.size() && !shaped[j].break_before) ++j;
    float seg_width = 0.0f, seg_visible = 0.0f;
    for (std::size_t k = i; k < j; ++k) {
      seg_width += shaped[k].advance;
      if (!shaped[k].space) seg_visible = seg_width;
    }
    bool fits = options.wrap_width <= 0.0f || pen + seg_visible <= options.wrap_width;
    if (line.end > line.begin && (shaped[i].must_break || !fits)) {
      spans.push_back(line);
      line = {i, i, 0.0f};
      pen = 0.0f;
    }
    if (line.end == line.begin) line.begin = i;
    line.end = j;
    if (seg_visible > 0.0f) line.width = pen + seg_visible;
    pen += seg_width;
    i = j;
  }
  if (line.end > line.begin) spans.push_back(line);

  const LineMetrics metrics = fonts.line_metrics();
  for (const LineSpan& s : spans) block.width = std::max(block.width, s.width);
  for (std::size_t n = 0; n < spans.size(); ++n) {
    const LineSpan& s = spans[n];
    TextLine out;
    out.first_glyph = static_cast<std::uint32_t>(block.glyphs.size());
    out.width = s.width;
    float x = options.align == Align::center ? (block.width - s.width) * 0.5f : 0.0f;
    const float baseline = metrics.ascender + static_cast<float>(n) * metrics.line_height;
    for (std::size_t k = s.begin; k < s.end; ++k) {
      const Shaped& g = shaped[k];
      if (!g.space) block.glyphs.push_back({g.face, g.glyph, x + g.dx, baseline - g.dy});
      x += g.advance;
    }
    out.glyph_count = static_cast<std::uint32_t>(block.glyphs.size()) - out.first_glyph;
    block.lines.push_back(out);
  }
  block.height = static_cast<float>(spans.size()) * metrics.line_height;
  return block;
}

}  // namespace trialxr::text
