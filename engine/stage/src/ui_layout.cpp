#include "trialxr/stage/ui_layout.h"

#include <algorithm>
#include <cmath>

#include "trialxr/bundle/presentation.h"

namespace trialxr::stage {

namespace {

using render::UiQuad;
using render::UiQuadKind;

// Linear colours.
constexpr glm::vec4 kPlate{0.015f, 0.02f, 0.03f, 0.92f};
constexpr glm::vec4 kText{0.96f, 0.96f, 0.94f, 1.0f};
constexpr glm::vec4 kTextOutline{0.0f, 0.0f, 0.0f, 0.08f};  // w: width in field units
constexpr glm::vec4 kUntranslated{1.0f, 0.45f, 0.0f, 1.0f};
constexpr glm::vec4 kButton{0.05f, 0.11f, 0.20f, 0.96f};
constexpr glm::vec4 kButtonBorder{0.30f, 0.50f, 0.80f, 1.0f};
constexpr glm::vec4 kChosen{0.10f, 0.25f, 0.45f, 0.98f};
constexpr glm::vec4 kRight{0.15f, 0.70f, 0.30f, 1.0f};
constexpr glm::vec4 kWrong{0.95f, 0.40f, 0.10f, 1.0f};
constexpr glm::vec4 kAsked{0.55f, 0.20f, 0.55f, 0.98f};
constexpr glm::vec4 kLeader{0.96f, 0.96f, 0.94f, 0.95f};

constexpr float kPadding = 0.022f;  // metres around text on a plate
constexpr float kRadius = 0.018f;
constexpr float kBorder = 0.004f;
constexpr float kGap = 0.018f;

struct Frame3 {
  glm::vec3 right;
  glm::vec3 up;
};

// Axes of a panel at `center` that faces `eye`, kept upright.
Frame3 facing(const glm::vec3& center, const glm::vec3& eye) {
  glm::vec3 n = eye - center;
  n.y = 0.0f;  // upright panels: turn to the viewer about the vertical only
  n = glm::length(n) > 1e-5f ? glm::normalize(n) : glm::vec3(0, 0, 1);
  glm::vec3 right = glm::normalize(glm::cross(glm::vec3(0, 1, 0), n));
  return {right, glm::vec3(0, 1, 0)};
}

glm::vec3 ahead(const glm::vec3& eye, float yaw_degrees, float pitch_degrees, float distance) {
  const float yaw = glm::radians(yaw_degrees);
  const float pitch = glm::radians(pitch_degrees);
  return eye + distance * glm::vec3(-std::sin(yaw) * std::cos(pitch), std::sin(pitch),
                                    -std::cos(yaw) * std::cos(pitch));
}

// Half the size of the area around a visit's marker that chooses it (metres).
constexpr float kVisitTargetRadius = 0.03f;

class Builder {
 public:
  Builder(const bundle::Bundle& b, const scene::FrameState& f, const UiViewer& v, UiFrame& out)
      : b_(b), f_(f), v_(v), out_(out) {}

  void run() {
    if (!b_.has_text_layouts() || f_.language >= b_.fonts().size()) return;
    out_.text_atlas = f_.language;
    lines_ = find_ui_lines(b_);
    for (const scene::LabelText& l : f_.labels) label(l);
    if (f_.quiz.visible) {
      quiz();
    } else {
      subtitle();
    }
  }

 private:
  const bundle::TextLayoutRecord& layout(std::uint32_t line) const {
    return b_.text_layout(line, f_.language);
  }
  bool untranslated(std::uint32_t line) const {
    return (b_.line_text(line, f_.language).flags & (bundle::kTextMissing | bundle::kTextStale)) !=
           0;
  }
  glm::vec2 size_of(std::uint32_t line) const {
    const bundle::TextLayoutRecord& l = layout(line);
    return {l.width * l.em_size, l.height * l.em_size};
  }

  void panel(const glm::vec3& center, const Frame3& axes, glm::vec2 size, glm::vec4 fill,
             glm::vec4 border, float radius = kRadius, float border_width = kBorder) {
    UiQuad q;
    q.kind = UiQuadKind::panel;
    q.origin = center - axes.right * (size.x * 0.5f) + axes.up * (size.y * 0.5f);
    q.right = axes.right * size.x;
    q.down = -axes.up * size.y;
    q.uv = {size.x, size.y, radius, border.a > 0.0f ? border_width : 0.0f};
    q.color = fill;
    q.outline = border;
    out_.quads.push_back(q);
  }

  // The line's glyphs with their block centred on `center`.
  void text(std::uint32_t line, const glm::vec3& center, const Frame3& axes, float opacity = 1.0f) {
    const bundle::TextLayoutRecord& l = layout(line);
    const float em = l.em_size;
    const glm::vec3 top_left =
        center - axes.right * (l.width * em * 0.5f) + axes.up * (l.height * em * 0.5f);
    const glm::vec3 down = -axes.up;
    const auto placed = b_.placed_glyphs().subspan(l.first_glyph, l.glyph_count);
    const auto glyphs = b_.glyphs();
    for (const bundle::PlacedGlyphRecord& p : placed) {
      const bundle::GlyphRecord& g = glyphs[p.glyph];
      if (g.uv[2] <= g.uv[0] || g.uv[3] <= g.uv[1]) continue;  // blank
      const float x0 = p.x + g.plane[0];
      const float y0 = p.y - g.plane[1];
      UiQuad q;
      q.kind = UiQuadKind::glyph;
      q.origin = top_left + axes.right * (x0 * em) + down * (y0 * em);
      q.right = axes.right * ((g.plane[2] - g.plane[0]) * em);
      q.down = down * ((g.plane[1] - g.plane[3]) * em);
      q.uv = {g.uv[0], g.uv[1], g.uv[2], g.uv[3]};
      q.color = {kText.r, kText.g, kText.b, kText.a * opacity};
      q.outline = kTextOutline;
      out_.quads.push_back(q);
    }
  }

  // A plate with the line on it; returns the plate's size.
  glm::vec2 plate_with_text(std::uint32_t line, const glm::vec3& center, const Frame3& axes,
                            glm::vec4 fill = kPlate, glm::vec4 border = {0, 0, 0, 0},
                            float min_width = 0.0f, float opacity = 1.0f) {
    glm::vec2 size = size_of(line) + glm::vec2(2.0f * kPadding);
    size.x = std::max(size.x, min_width);
    if (untranslated(line)) border = kUntranslated;
    fill.a *= opacity;
    border.a *= opacity;
    panel(center, axes, size, fill, border);
    text(line, center, axes, opacity);
    return size;
  }

  void button(UiButtonKind kind, std::uint32_t option, std::uint32_t line, const glm::vec3& center,
              const Frame3& axes, glm::vec4 fill, glm::vec4 border, float min_width) {
    glm::vec2 size = plate_with_text(line, center, axes, fill, border, min_width);
    out_.buttons.push_back(
        {kind, option, center, axes.right * (size.x * 0.5f), axes.up * (size.y * 0.5f)});
  }

  // Continue (when the scene waits for it) and Ask the coordinator, side by side, their
  // row's top edge at `top`.
  void button_row(const glm::vec3& top, const Frame3& axes) {
    std::vector<std::pair<UiButtonKind, std::uint32_t>> row;
    if (f_.waiting_for_continue && lines_.continue_line != bundle::kNone)
      row.emplace_back(UiButtonKind::continue_scene, lines_.continue_line);
    if (lines_.ask_line != bundle::kNone)
      row.emplace_back(UiButtonKind::ask_coordinator, lines_.ask_line);
    float total = 0.0f, height = 0.0f;
    std::vector<float> widths;
    for (const auto& [kind, line] : row) {
      glm::vec2 s = size_of(line) + glm::vec2(2.0f * kPadding);
      widths.push_back(std::max(s.x, 0.22f));
      total += widths.back();
      height = std::max(height, s.y);
    }
    total += kGap * static_cast<float>(row.size() > 0 ? row.size() - 1 : 0);
    float x = -total * 0.5f;
    for (std::size_t i = 0; i < row.size(); ++i) {
      const glm::vec3 c = top + axes.right * (x + widths[i] * 0.5f) - axes.up * (height * 0.5f);
      const bool ask = row[i].first == UiButtonKind::ask_coordinator;
      button(row[i].first, 0, row[i].second, c, axes,
             ask && f_.coordinator_requested ? kAsked : kButton, kButtonBorder, widths[i]);
      x += widths[i] + kGap;
    }
  }

  void subtitle() {
    const glm::vec3 center = ahead(v_.eye, v_.panel_yaw_degrees, bundle::kSubtitlePitchDegrees,
                                   bundle::kSubtitleDistance);
    const Frame3 axes = facing(center, v_.eye);
    float bottom = 0.0f;
    if (f_.subtitle_line != bundle::kNone) {
      glm::vec2 size = plate_with_text(f_.subtitle_line, center, axes);
      bottom = size.y * 0.5f;
    }
    if (f_.waiting_for_continue || f_.coordinator_requested)
      button_row(center - axes.up * (bottom + kGap), axes);
  }

  void label(const scene::LabelText& l) {
    if (l.opacity <= 0.0f) return;
    const glm::vec3 anchor = l.anchor;
    // Up and to the side of the part, towards the middle of the view, so the leader
    // line does not cross the part itself.
    const Frame3 axes = facing(anchor, v_.eye);
    const glm::vec2 size = size_of(l.line) + glm::vec2(2.0f * kPadding);
    // Which side of the view the part is on: against the direction the viewer faces
    // (the panels' yaw), not the plate's own axes, which always face the eye head-on.
    const float yaw = glm::radians(v_.panel_yaw_degrees);
    const glm::vec3 view_right(std::cos(yaw), 0.0f, -std::sin(yaw));
    const float side = glm::dot(anchor - v_.eye, view_right) > 0.0f ? -1.0f : 1.0f;
    const glm::vec3 corner = anchor + glm::vec3(0, 0.09f, 0) + axes.right * (0.05f * side);
    const glm::vec3 center =
        corner + axes.right * (side * size.x * 0.5f) + axes.up * (size.y * 0.5f);
    // Leader line from the anchor to the plate's near bottom corner, and a dot on the part.
    const glm::vec3 along = corner - anchor;
    const glm::vec3 across = glm::normalize(glm::cross(along, v_.eye - anchor)) * 0.003f;
    UiQuad line;
    line.kind = UiQuadKind::line;
    line.origin = anchor - across * 0.5f;
    line.right = along;
    line.down = across;
    line.color = {kLeader.r, kLeader.g, kLeader.b, kLeader.a * l.opacity};
    out_.quads.push_back(line);
    panel(anchor, axes, glm::vec2(0.014f), {kLeader.r, kLeader.g, kLeader.b, l.opacity},
          {0.0f, 0.0f, 0.0f, 0.8f * l.opacity}, 0.007f, 0.0025f);
    plate_with_text(l.line, center, axes, kPlate, {0, 0, 0, 0}, 0.0f, l.opacity);
  }

  void quiz() {
    const scene::QuizPrompt& q = f_.quiz;
    const glm::vec3 center =
        ahead(v_.eye, v_.panel_yaw_degrees, bundle::kQuizPitchDegrees, bundle::kQuizDistance);
    const Frame3 axes = facing(center, v_.eye);
    const float option_width =
        bundle::text_style(bundle::LineKind::option).wrap_width + 2 * kPadding;

    // Heights of the parts, top to bottom.
    float height = kPadding;
    const float question_h = q.question_line != bundle::kNone ? size_of(q.question_line).y : 0.0f;
    height += question_h + kGap;
    std::vector<float> option_h;
    for (const scene::QuizOptionView& o : q.options) {
      option_h.push_back(size_of(o.line).y + 2.0f * kPadding);
      height += option_h.back() + kGap * 0.6f;
    }
    // An explore prompt (a schedule's visits) shows the chosen visit's details at once.
    const bool explore = q.kind == bundle::QuizKind::explore;
    const bool feedback = (q.answered || explore) && q.feedback_line != bundle::kNone;
    if (feedback) height += size_of(q.feedback_line).y + kGap;
    float row_h = 0.0f;
    if (lines_.ask_line != bundle::kNone) row_h = size_of(lines_.ask_line).y + 2.0f * kPadding;
    height += row_h + kPadding;
    const float width = option_width + 2.0f * kPadding + 0.06f;
    panel(center, axes, {width, height}, kPlate, {0, 0, 0, 0}, 0.03f);

    float y = height * 0.5f - kPadding;  // from the panel's centre, downwards
    auto at = [&](float h) {
      glm::vec3 c = center + axes.up * (y - h * 0.5f);
      y -= h;
      return c;
    };
    if (q.question_line != bundle::kNone) text(q.question_line, at(question_h), axes);
    y -= kGap;
    for (std::size_t i = 0; i < q.options.size(); ++i) {
      const scene::QuizOptionView& o = q.options[i];
      glm::vec4 fill = o.chosen ? kChosen : kButton;
      glm::vec4 border = kButtonBorder;
      if (q.answered && o.correct) border = kRight;
      if (q.answered && o.chosen && !o.correct) border = kWrong;
      const float h = option_h[i];
      // Option text starts at the button's left padding: centre the block on its own
      // width, shifted left within the fixed-width button.
      glm::vec3 c = at(h);
      const float text_w = size_of(o.line).x;
      const glm::vec3 text_center =
          c - axes.right * (option_width * 0.5f - kPadding - text_w * 0.5f);
      panel(c, axes, {option_width, h}, fill, untranslated(o.line) ? kUntranslated : border,
            kRadius, q.answered && (o.correct || o.chosen) ? kBorder * 2.0f : kBorder);
      text(o.line, text_center, axes);
      out_.buttons.push_back({UiButtonKind::option, static_cast<std::uint32_t>(i), c,
                              axes.right * (option_width * 0.5f), axes.up * (h * 0.5f)});
      y -= kGap * 0.6f;
    }
    if (feedback) {
      const float h = size_of(q.feedback_line).y;
      text(q.feedback_line, at(h), axes);
      y -= kGap;
    }
    if (explore) visit_targets();
    button_row(center + axes.up * y, axes);
  }

  // While exploring a schedule, each visit's marker in the scene can be chosen too: an
  // invisible button around it, facing the viewer, so a controller ray or a mouse that
  // points at the marker chooses that visit like its button on the panel.
  void visit_targets() {
    if (f_.quiz.quiz >= b_.quizzes().size()) return;
    const auto visits = b_.visits_of(b_.quizzes()[f_.quiz.quiz].schedule);
    for (std::uint32_t i = 0; i < visits.size() && i < f_.quiz.options.size(); ++i) {
      for (const scene::DrawItem& item : f_.items) {
        if (item.node != visits[i].node || item.opacity <= 0.0f) continue;
        const glm::vec3 at = glm::vec3(item.world[3]);
        const Frame3 axes = facing(at, v_.eye);
        out_.buttons.push_back({UiButtonKind::option, i, at, axes.right * kVisitTargetRadius,
                                axes.up * kVisitTargetRadius});
        break;
      }
    }
  }

  const bundle::Bundle& b_;
  const scene::FrameState& f_;
  const UiViewer& v_;
  UiFrame& out_;
  UiLines lines_;
};

}  // namespace

UiLines find_ui_lines(const bundle::Bundle& bundle) {
  UiLines out;
  const auto lines = bundle.lines();
  for (std::uint32_t i = 0; i < lines.size(); ++i) {
    if (static_cast<bundle::LineKind>(lines[i].kind) != bundle::LineKind::ui) continue;
    const std::string_view id = bundle.string(lines[i].id);
    if (id == "ui.continue") out.continue_line = i;
    if (id == "ui.ask") out.ask_line = i;
  }
  return out;
}

void build_ui(const bundle::Bundle& bundle, const scene::FrameState& frame, const UiViewer& viewer,
              UiFrame& out) {
  out.clear();
  Builder(bundle, frame, viewer, out).run();
}

}  // namespace trialxr::stage
