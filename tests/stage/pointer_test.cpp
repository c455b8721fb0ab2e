#include <gtest/gtest.h>

#include "trialxr/stage/pointer.h"

namespace trialxr::stage {
namespace {

// Two buttons 1 m ahead, side by side, facing the viewer at the origin.
std::vector<UiButton> buttons() {
  return {{UiButtonKind::option, 0, {-0.2f, 0.0f, -1.0f}, {0.1f, 0, 0}, {0, 0.05f, 0}},
          {UiButtonKind::continue_scene, 0, {0.2f, 0.0f, -1.0f}, {0.1f, 0, 0}, {0, 0.05f, 0}}};
}

Ray towards(glm::vec3 p) {
  return {glm::vec3(0.0f), glm::normalize(p)};
}

TEST(Pointer, RayHitsTheButtonItPassesThrough) {
  const auto b = buttons();
  auto hit = hit_button(b, towards({0.2f, 0.0f, -1.0f}));
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->button, 1u);
  EXPECT_NEAR(hit->distance, std::sqrt(1.04f), 1e-4f);
  EXPECT_FALSE(hit_button(b, towards({0.0f, 0.0f, -1.0f})));   // between them
  EXPECT_FALSE(hit_button(b, towards({0.2f, 0.08f, -1.0f})));  // above
  EXPECT_FALSE(hit_button(b, {{0, 0, 0}, {0, 0, 1}}));         // behind the viewer
}

TEST(Pointer, DwellingSelectsOnceAndLeavingResets) {
  const auto b = buttons();
  GazeDwell dwell;
  const Ray at_option = towards({-0.2f, 0.0f, -1.0f});
  for (int i = 0; i < 89; ++i) EXPECT_FALSE(dwell.update(b, at_option, 1.0f / 60.0f));  // 1.48 s
  EXPECT_GT(dwell.progress(), 0.95f);
  auto fired = dwell.update(b, at_option, 2.0f / 60.0f);
  ASSERT_TRUE(fired);
  EXPECT_EQ(fired->kind, UiButtonKind::option);
  // Staying on it does not fire again.
  for (int i = 0; i < 200; ++i) EXPECT_FALSE(dwell.update(b, at_option, 1.0f / 60.0f));
  // Looking away and back starts over; moving to the other button starts over too.
  dwell.update(b, towards({0.0f, 0.5f, -1.0f}), 0.1f);
  EXPECT_EQ(dwell.progress(), 0.0f);
  EXPECT_FALSE(dwell.update(b, at_option, 1.0f));
  EXPECT_FALSE(dwell.update(b, towards({0.2f, 0.0f, -1.0f}), 1.0f));
  EXPECT_NEAR(dwell.progress(), 1.0f / GazeDwell::kDwellSeconds, 1e-5f);
  // The ring is drawn at the gaze point.
  UiFrame ui;
  dwell.draw(ui, glm::vec3(0.0f));
  ASSERT_EQ(ui.quads.size(), 2u);  // ring and progress dot
}

}  // namespace
}  // namespace trialxr::stage
