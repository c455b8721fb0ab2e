#include "text_lowering.h"

#include <fmt/format.h>

#include <algorithm>

#include "trialxr/bundle/presentation.h"
#include "trialxr/compiler/image_import.h"
#include "trialxr/core/check.h"
#include "trialxr/text/font_set.h"
#include "trialxr/text/glyph_atlas.h"
#include "trialxr/text/readability.h"
#include "trialxr/text/text_layout.h"
#include "trialxr/text/utf8.h"

namespace trialxr::compiler {

namespace {

struct UiText {
  const char* id;
  const char* en;
  const char* zh;
};

// The player's buttons. Other languages get English, marked missing, until their texts
// are added here.
constexpr UiText kUiTexts[] = {
    {"ui.continue", "Continue", "继续"},
    {"ui.ask", "Ask the coordinator", "我想问协调员"},
};

std::string_view primary_subtag(std::string_view language) {
  return language.substr(0, language.find('-'));
}

const char* kind_noun(bundle::LineKind kind) {
  switch (kind) {
    case bundle::LineKind::title:
      return "title";
    case bundle::LineKind::say:
      return "subtitle";
    case bundle::LineKind::label:
      return "label";
    case bundle::LineKind::question:
      return "question";
    case bundle::LineKind::option:
      return "answer option";
    case bundle::LineKind::feedback:
      return "feedback";
    case bundle::LineKind::caption:
      return "caption";
    case bundle::LineKind::ui:
      return "button";
  }
  return "text";
}

}  // namespace

void add_ui_lines(const SceneHeader& header, BundleContent& c, std::vector<LineSource>& sources) {
  for (const UiText& ui : kUiTexts) {
    c.lines.push_back(
        {c.strings.intern(ui.id), 0, static_cast<std::uint32_t>(bundle::LineKind::ui)});
    sources.push_back({header.loc, 0.0f});
    for (const std::string& language : header.languages) {
      std::string_view primary = primary_subtag(language);
      if (primary == "en") {
        c.line_text.push_back({c.strings.intern(ui.en), 0, 0});
      } else if (primary == "zh") {
        c.line_text.push_back({c.strings.intern(ui.zh), 0, 0});
      } else {
        c.line_text.push_back({c.strings.intern(ui.en), bundle::kTextMissing, 0});
      }
    }
  }
}

std::vector<std::string> lower_text(const SceneHeader& header,
                                    const std::vector<LineSource>& sources, BundleContent& c,
                                    Diagnostics& diags, const std::string& file) {
  const std::size_t languages = header.languages.size();
  TRIALXR_CHECK(sources.size() == c.lines.size());
  TRIALXR_CHECK(c.line_text.size() == c.lines.size() * languages);
  std::vector<std::string> font_files;
  c.text_layouts.assign(c.lines.size() * languages, bundle::TextLayoutRecord{});

  for (std::size_t l = 0; l < languages; ++l) {
    const std::string& language = header.languages[l];
    auto choice = header.fonts.find(language);
    if (choice == header.fonts.end()) choice = header.fonts.find("");
    const std::string family = choice != header.fonts.end() ? choice->second.family : "";
    const SourceLoc font_loc = choice != header.fonts.end() ? choice->second.loc : header.loc;
    auto fonts = text::FontSet::open(language, family);
    if (!fonts) {
      diags.error("TX0801", file, font_loc,
                  fmt::format("no font for language '{}': {}", language, fonts.error().message),
                  "install it (fc-list shows what fontconfig finds) or name another with "
                  "font LANG \"Family\"");
      continue;
    }
    const bool cjk = text::is_cjk_language(language);
    const text::ReadabilityLimits limits = text::readability_limits(language);
    const float character_height = fonts->character_height_em(cjk ? U'中' : U'H');

    std::vector<text::TextBlock> blocks(c.lines.size());
    std::vector<text::GlyphKey> keys;
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
      const bundle::LineRecord& line = c.lines[i];
      const auto kind = static_cast<bundle::LineKind>(line.kind);
      const bundle::TextStyle style = bundle::text_style(kind);
      const std::string_view text_utf8 = c.strings.view(c.line_text[i * languages + l].text);
      const std::string_view id = c.strings.view(line.id);
      const LineSource& src = sources[i];
      text::TextBlock& block = blocks[i];
      block = text::layout_text(
          *fonts, text_utf8,
          {style.wrap_width / style.em_size,
           style.align == bundle::TextAlign::center ? text::Align::center : text::Align::start});
      for (char32_t missing : block.missing) {
        const std::vector<text::CodePoint> cps = text::code_points(text_utf8);
        std::string_view glyph;
        for (std::size_t k = 0; k < cps.size() && glyph.empty(); ++k) {
          const std::size_t end = k + 1 < cps.size() ? cps[k + 1].offset : text_utf8.size();
          if (cps[k].value == missing) glyph = text_utf8.substr(cps[k].offset, end - cps[k].offset);
        }
        diags.error("TX0802", file, src.loc,
                    fmt::format("the {} text of line '{}' (\"{}\") has {}, which no installed "
                                "font draws",
                                language, id, text_utf8, text::describe_code_point(missing, glyph)),
                    fmt::format("install a font that has it (fc-list ':charset={:x}') and name it "
                                "with font {} \"Family\", or change the text",
                                static_cast<std::uint32_t>(missing), language));
      }
      for (const text::PlacedGlyph& g : block.glyphs) keys.push_back({g.face, g.glyph});

      // Readability where the patient sees it.
      const float distance = src.distance > 0.0f ? src.distance : style.distance;
      if (distance > 0.0f && kind != bundle::LineKind::ui) {
        const double degrees = text::angular_size_degrees(
            static_cast<double>(character_height * style.em_size), static_cast<double>(distance));
        const text::Readability r = text::classify(degrees, limits);
        const std::string what = fmt::format("the {} {} '{}' is {:.2f}° tall at {:.2f} m", language,
                                             kind_noun(kind), id, degrees, distance);
        if (r == text::Readability::too_small) {
          diags.error(
              "TX0803", file, src.loc,
              fmt::format("{}; {} text needs at least {:.2f}° to be read", what,
                          cjk ? "Chinese, Japanese and Korean" : "this", limits.minimum_degrees),
              "place the object nearer the viewer");
        } else if (r == text::Readability::small) {
          diags.warning("TX0804", file, src.loc,
                        fmt::format("{}; {:.2f}° or more reads comfortably", what,
                                    limits.comfortable_degrees),
                        "place the object nearer the viewer");
        }
      }
      if (kind == bundle::LineKind::say && block.lines.size() > bundle::kSubtitleMaxLines) {
        diags.warning("TX0805", file, src.loc,
                      fmt::format("the {} subtitle '{}' runs to {} lines; subtitles read best in "
                                  "{} or fewer",
                                  language, id, block.lines.size(), bundle::kSubtitleMaxLines),
                      "split it into two say cues");
      }
    }
    if (diags.has_errors()) continue;

    auto atlas = text::build_atlas(*fonts, keys);
    if (!atlas) {
      diags.error("TX0806", file, font_loc,
                  fmt::format("the {} glyph atlas: {}", language, atlas.error().message));
      continue;
    }
    bundle::FontAtlasRecord font{};
    font.family = c.strings.intern(fonts->info(0).family);
    font.texture = append_r8_texture(
        atlas->width, atlas->height, atlas->pixels,
        {bundle::Filter::linear, bundle::Filter::linear, bundle::Wrap::clamp, bundle::Wrap::clamp},
        fmt::format("text atlas {}", language), c);
    font.first_glyph = static_cast<std::uint32_t>(c.glyphs.size());
    font.glyph_count = static_cast<std::uint32_t>(atlas->glyphs.size());
    font.pixels_per_em = static_cast<float>(atlas->options.pixels_per_em);
    font.spread = static_cast<float>(atlas->options.spread);
    const float w = static_cast<float>(atlas->width);
    const float h = static_cast<float>(atlas->height);
    for (const text::AtlasGlyph& g : atlas->glyphs) {
      bundle::GlyphRecord r{};
      r.uv[0] = static_cast<float>(g.x) / w;
      r.uv[1] = static_cast<float>(g.y) / h;
      r.uv[2] = static_cast<float>(g.x + g.width) / w;
      r.uv[3] = static_cast<float>(g.y + g.height) / h;
      r.plane[0] = g.left;
      r.plane[1] = g.top;
      r.plane[2] = g.right;
      r.plane[3] = g.bottom;
      c.glyphs.push_back(r);
    }
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
      const text::TextBlock& block = blocks[i];
      const bundle::TextStyle style =
          bundle::text_style(static_cast<bundle::LineKind>(c.lines[i].kind));
      bundle::TextLayoutRecord& rec = c.text_layouts[i * languages + l];
      rec.first_glyph = static_cast<std::uint32_t>(c.placed_glyphs.size());
      rec.glyph_count = static_cast<std::uint32_t>(block.glyphs.size());
      rec.line_count = static_cast<std::uint32_t>(block.lines.size());
      rec.align = style.align;
      rec.em_size = style.em_size;
      rec.width = block.width;
      rec.height = block.height;
      for (const text::PlacedGlyph& g : block.glyphs) {
        int index = atlas->find({g.face, g.glyph});
        TRIALXR_CHECK(index >= 0);
        c.placed_glyphs.push_back({font.first_glyph + static_cast<std::uint32_t>(index), g.x, g.y});
      }
    }
    c.fonts.push_back(font);
    for (std::uint32_t face : fonts->opened_faces()) {
      const std::string& f = fonts->info(face).file;
      if (std::find(font_files.begin(), font_files.end(), f) == font_files.end())
        font_files.push_back(f);
    }
  }
  return font_files;
}

}  // namespace trialxr::compiler
