// The interface built from the sample scene's frames: which panels, glyphs and buttons
// appear, that they use the frame's language, and that untranslated text is marked.
#include <gtest/gtest.h>

#include <glm/glm.hpp>

#include "temp_dir.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/scene/player.h"
#include "trialxr/stage/pointer.h"
#include "trialxr/stage/ui_layout.h"

namespace trialxr::testing {
namespace {

using render::UiQuadKind;
using stage::UiButtonKind;

class UiLayout : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto compiled = compiler::compile_scene((source_dir() / "scenes/blood-draw.txs").string());
    ASSERT_TRUE(compiled && compiled->ok());
    auto bytes = compiler::write_bundle(compiled->content);
    ASSERT_TRUE(bytes);
    bytes_ = new std::vector<std::byte>(std::move(*bytes));
    auto b = bundle::Bundle::open_bytes(*bytes_, {bundle::TrustPolicy::allow_unsigned, {}});
    ASSERT_TRUE(b) << b.error().message;
    bundle_ = new bundle::Bundle(std::move(*b));
  }
  static void TearDownTestSuite() {
    delete bundle_;
    delete bytes_;
  }

  static std::size_t count(const stage::UiFrame& ui, UiQuadKind kind) {
    std::size_t n = 0;
    for (const render::UiQuad& q : ui.quads) n += q.kind == kind;
    return n;
  }
  std::uint32_t glyphs_of(std::uint32_t line, std::uint32_t language) const {
    return bundle_->text_layout(line, language).glyph_count;
  }

  static std::vector<std::byte>* bytes_;
  static bundle::Bundle* bundle_;
};
std::vector<std::byte>* UiLayout::bytes_ = nullptr;
bundle::Bundle* UiLayout::bundle_ = nullptr;

TEST_F(UiLayout, SubtitleAndLabelWithLeaderLineInEitherLanguage) {
  scene::Player player(*bundle_);
  const scene::FrameState& f = player.seek(12'000'000);  // tourniquet: a label and narration
  ASSERT_NE(f.subtitle_line, bundle::kNone);
  ASSERT_EQ(f.labels.size(), 1u);
  stage::UiFrame ui;
  stage::build_ui(*bundle_, f, {}, ui);
  EXPECT_EQ(ui.text_atlas, 0u);
  EXPECT_EQ(count(ui, UiQuadKind::glyph),
            glyphs_of(f.subtitle_line, 0) + glyphs_of(f.labels[0].line, 0));
  EXPECT_EQ(count(ui, UiQuadKind::line), 1u);   // the leader
  EXPECT_EQ(count(ui, UiQuadKind::panel), 3u);  // subtitle plate, label plate, anchor dot
  EXPECT_TRUE(ui.buttons.empty());
  // The leader line starts at the label's anchor on the arm.
  for (const render::UiQuad& q : ui.quads) {
    if (q.kind == UiQuadKind::line) {
      EXPECT_LT(glm::distance(q.origin, f.labels[0].anchor), 0.01f);
    }
  }

  // Switched to Chinese without restarting: the same moment in the zh atlas.
  ASSERT_TRUE(player.set_language(1));
  const scene::FrameState& zh = player.frame();
  stage::build_ui(*bundle_, zh, {}, ui);
  EXPECT_EQ(ui.text_atlas, 1u);
  EXPECT_EQ(count(ui, UiQuadKind::glyph),
            glyphs_of(zh.subtitle_line, 1) + glyphs_of(zh.labels[0].line, 1));
}

// A label stands beside its part towards the middle of the view: to the left of a part on
// the right, to the right of a part on the left, also when the viewer has turned.
TEST_F(UiLayout, LabelsStandTowardsTheMiddleOfTheView) {
  scene::Player player(*bundle_);
  scene::FrameState f = player.seek(12'000'000);
  ASSERT_EQ(f.labels.size(), 1u);
  f.subtitle_line = bundle::kNone;  // only the label's glyphs remain
  auto text_x = [&](float yaw, const glm::vec3& anchor) {
    f.labels[0].anchor = anchor;
    stage::UiFrame ui;
    stage::build_ui(*bundle_, f, {.eye = {0.0f, 1.2f, 0.0f}, .panel_yaw_degrees = yaw}, ui);
    glm::vec3 sum(0.0f);
    float n = 0.0f;
    for (const render::UiQuad& q : ui.quads) {
      if (q.kind != UiQuadKind::glyph) continue;
      sum += q.origin;
      n += 1.0f;
    }
    EXPECT_GT(n, 0.0f);
    return sum / std::max(n, 1.0f);
  };
  EXPECT_LT(text_x(0.0f, {0.3f, 0.9f, -0.7f}).x, 0.3f);
  EXPECT_GT(text_x(0.0f, {-0.3f, 0.9f, -0.7f}).x, -0.3f);
  // Turned 90° to the left (facing -X, right is -Z): a part at z = +0.3 is on the left.
  EXPECT_LT(text_x(90.0f, {-0.7f, 0.9f, 0.3f}).z, 0.3f);
  EXPECT_GT(text_x(90.0f, {-0.7f, 0.9f, -0.3f}).z, -0.3f);
}

TEST_F(UiLayout, UntranslatedTextStandsOnAnAmberBorderedPlate) {
  scene::Player player(*bundle_, {1});
  const scene::FrameState& f = player.seek(12'000'000);
  stage::UiFrame ui;
  stage::build_ui(*bundle_, f, {}, ui);
  const bool untranslated = (bundle_->line_text(f.subtitle_line, 1).flags &
                             (bundle::kTextMissing | bundle::kTextStale)) != 0;
  bool amber = false;
  for (const render::UiQuad& q : ui.quads)
    if (q.kind == UiQuadKind::panel && q.uv.w > 0.0f && q.outline.r > 0.9f && q.outline.g < 0.6f)
      amber = true;
  EXPECT_EQ(amber, untranslated);
}

TEST_F(UiLayout, QuizOptionsAreButtonsAndAnswersShowFeedbackAndContinue) {
  scene::Player player(*bundle_);
  const scene::FrameState* f = &player.run_until(600'000'000, scene::kStopWhenWaiting);
  while (!f->quiz.visible && !f->ended) {
    player.press_continue();
    f = &player.run_until(600'000'000, scene::kStopWhenWaiting);
  }
  ASSERT_TRUE(f->quiz.visible);
  stage::UiFrame ui;
  stage::build_ui(*bundle_, *f, {}, ui);
  ASSERT_EQ(ui.buttons.size(), 4u);  // three options and Ask the coordinator
  for (std::uint32_t i = 0; i < 3; ++i) {
    EXPECT_EQ(ui.buttons[i].kind, UiButtonKind::option);
    EXPECT_EQ(ui.buttons[i].option, i);
    // Large targets: at least 0.6 m wide and 5 cm tall at 1.2 m.
    EXPECT_GE(glm::length(ui.buttons[i].half_right) * 2.0f, 0.6f);
    EXPECT_GE(glm::length(ui.buttons[i].half_up) * 2.0f, 0.05f);
  }
  // Stacked top to bottom in order.
  EXPECT_GT(ui.buttons[0].center.y, ui.buttons[1].center.y);
  EXPECT_GT(ui.buttons[1].center.y, ui.buttons[2].center.y);
  EXPECT_EQ(ui.buttons[3].kind, UiButtonKind::ask_coordinator);

  ASSERT_TRUE(player.choose(1));  // "Nothing at all": wrong, with feedback
  f = &player.frame();
  ASSERT_TRUE(f->quiz.answered);
  stage::build_ui(*bundle_, *f, {}, ui);
  ASSERT_EQ(ui.buttons.size(), 5u);
  EXPECT_EQ(ui.buttons[3].kind, UiButtonKind::continue_scene);
  EXPECT_EQ(ui.buttons[4].kind, UiButtonKind::ask_coordinator);
  std::size_t glyphs = glyphs_of(f->quiz.question_line, 0) + glyphs_of(f->quiz.feedback_line, 0);
  for (const scene::QuizOptionView& o : f->quiz.options) glyphs += glyphs_of(o.line, 0);
  const stage::UiLines ui_lines = stage::find_ui_lines(*bundle_);
  glyphs += glyphs_of(ui_lines.continue_line, 0) + glyphs_of(ui_lines.ask_line, 0);
  EXPECT_EQ(count(ui, UiQuadKind::glyph), glyphs);
}

// The visit schedule's explore prompt: a button per visit and Continue from the start;
// choosing a visit adds its details (in the frame's language) and a label on its marker,
// and the buttons stay choosable.
TEST(UiLayoutExplore, VisitsAreButtonsAndTheChosenOneShowsItsDetails) {
  auto compiled = compiler::compile_scene((source_dir() / "scenes/visit-schedule.txs").string());
  ASSERT_TRUE(compiled && compiled->ok());
  auto bytes = compiler::write_bundle(compiled->content);
  ASSERT_TRUE(bytes);
  auto b = bundle::Bundle::open_bytes(*bytes, {bundle::TrustPolicy::allow_unsigned, {}});
  ASSERT_TRUE(b) << b.error().message;
  scene::Player player(*b, {.language = 1});
  const scene::FrameState* f = &player.run_until(600'000'000, scene::kStopWhenWaiting);
  while (!f->quiz.visible && !f->ended) {
    player.press_continue();
    f = &player.run_until(600'000'000, scene::kStopWhenWaiting);
  }
  ASSERT_TRUE(f->quiz.visible);
  ASSERT_EQ(f->quiz.kind, bundle::QuizKind::explore);
  const std::size_t visits = f->quiz.options.size();
  ASSERT_EQ(visits, 6u);
  auto glyphs = [&](std::uint32_t line) { return b->text_layout(line, 1).glyph_count; };
  const stage::UiLines ui_lines = stage::find_ui_lines(*b);
  stage::UiFrame ui;
  stage::build_ui(*b, *f, {}, ui);
  // The visits on the panel, then around their markers, then Continue and Ask.
  ASSERT_EQ(ui.buttons.size(), 2 * visits + 2);
  for (std::uint32_t i = 0; i < 2 * visits; ++i) {
    EXPECT_EQ(ui.buttons[i].kind, UiButtonKind::option);
    EXPECT_EQ(ui.buttons[i].option, i % visits);
  }
  EXPECT_EQ(ui.buttons[2 * visits].kind, UiButtonKind::continue_scene);
  // Pointing from the eye at week 4's marker on the table chooses week 4.
  const bundle::VisitRecord week4 = b->visits()[3];
  glm::vec3 marker{0.0f};
  for (const scene::DrawItem& item : f->items)
    if (item.node == week4.node) marker = glm::vec3(item.world[3]);
  const glm::vec3 eye = stage::UiViewer{}.eye;
  auto hit = stage::hit_button(ui.buttons, {eye, glm::normalize(marker - eye)});
  ASSERT_TRUE(hit);
  EXPECT_EQ(ui.buttons[hit->button].kind, UiButtonKind::option);
  EXPECT_EQ(ui.buttons[hit->button].option, 3u);
  std::size_t expected =
      glyphs(f->quiz.question_line) + glyphs(ui_lines.continue_line) + glyphs(ui_lines.ask_line);
  for (const scene::QuizOptionView& o : f->quiz.options) expected += glyphs(o.line);
  std::size_t shown = 0;
  for (const render::UiQuad& q : ui.quads) shown += q.kind == UiQuadKind::glyph;
  EXPECT_EQ(shown, expected);

  ASSERT_TRUE(player.choose(3));  // week 4
  f = &player.frame();
  stage::build_ui(*b, *f, {}, ui);
  ASSERT_EQ(ui.buttons.size(), 2 * visits + 2);
  EXPECT_EQ(b->text(f->quiz.feedback_line, 1),
            "第 29 天\n第 26 天到第 32 天之间都可以\n\u2022 抽一次血\n\u2022 询问你的感受");
  ASSERT_EQ(f->labels.size(), 1u);
  expected += glyphs(f->quiz.feedback_line) + glyphs(f->labels[0].line);
  shown = 0;
  for (const render::UiQuad& q : ui.quads) shown += q.kind == UiQuadKind::glyph;
  EXPECT_EQ(shown, expected);
}

TEST_F(UiLayout, PanelsFaceTheViewerWhereverTheyTurn) {
  scene::Player player(*bundle_);
  const scene::FrameState& f = player.seek(3'000'000);  // welcome: narration only
  stage::UiFrame ui;
  stage::build_ui(*bundle_, f, {{0.0f, 1.2f, 0.0f}, 90.0f}, ui);  // turned to the left (-X)
  ASSERT_FALSE(ui.quads.empty());
  const render::UiQuad& plate = ui.quads.front();
  ASSERT_EQ(plate.kind, UiQuadKind::panel);
  const glm::vec3 center = plate.origin + plate.right * 0.5f + plate.down * 0.5f;
  EXPECT_LT(center.x, -1.3f);  // 1.4 m to the left
  EXPECT_NEAR(glm::dot(glm::normalize(plate.right), glm::vec3(0, 0, -1)), 1.0f, 1e-4f);
  // Nothing at all for a bundle language that does not exist.
  scene::FrameState other = f;
  other.language = 7;
  stage::build_ui(*bundle_, other, {}, ui);
  EXPECT_TRUE(ui.quads.empty());
}

}  // namespace
}  // namespace trialxr::testing
