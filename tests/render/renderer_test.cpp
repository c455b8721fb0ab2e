// Renderer behaviour beyond single images: determinism, teardown without validation
// messages, scene replacement and frames in flight, output encodings, errors.
#include <gtest/gtest.h>

#include <cstdlib>

#include "image_compare.h"
#include "render_fixture.h"
#include "test_scenes.h"
#include "trialxr/compiler/image_import.h"

namespace trialxr::testing {
namespace {

struct Simple {
  bundle::Bundle bundle;
  render::FrameInput frame;
};

Simple simple_scene(std::array<float, 4> color = {0.8f, 0.4f, 0.2f, 1}) {
  SceneBuilder b;
  const std::uint32_t tex = b.texture(checker(16, 4, {200, 200, 200, 255}, {90, 90, 90, 255}),
                                      bundle::TextureFormat::rgba8_srgb);
  const std::uint32_t mat = b.material(color);
  b.material_record(mat).base_color_texture = {tex, 0, 1.0f};
  const std::uint32_t cube = b.shape(box(0.3f, 0.3f, 0.3f), mat);
  Simple s{b.build(), make_frame()};
  render::DrawItem i;
  i.mesh = cube;
  i.world = place({0.0f, 1.2f, -1.2f}, {30, 30, 0});
  i.highlighted = true;
  s.frame.items.push_back(i);
  return s;
}

using Renderer = RenderTest;

TEST_F(Renderer, SameFrameTwiceGivesIdenticalPixels) {
  Simple s = simple_scene();
  ASSERT_TRUE(host().renderer().load(s.bundle));
  auto first = host().render(s.frame);
  auto second = host().render(s.frame);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->pixels, second->pixels);
}

TEST_F(Renderer, DestroyingTheRendererLeavesNoValidationMessages) {
  Simple s = simple_scene();
  ASSERT_TRUE(host().renderer().load(s.bundle));
  ASSERT_TRUE(host().render(s.frame));
  ASSERT_TRUE(log_);
  destroy_host();  // renderer, device, messenger and instance
  EXPECT_EQ(log_->count(), 0u);
}

TEST_F(Renderer, UsesMultiviewAndFourSamplesOnLavapipe) {
  Simple s = simple_scene();
  s.frame = make_frame(2);
  render::DrawItem i;
  i.world = place({0.0f, 1.2f, -1.2f});
  s.frame.items.push_back(i);
  ASSERT_TRUE(host({.views = 2}).renderer().load(s.bundle));
  ASSERT_TRUE(host().render(s.frame));
  const render::FrameStats& stats = host().renderer().last_frame_stats();
  EXPECT_TRUE(stats.multiview);
  EXPECT_EQ(stats.samples, 4u);
  EXPECT_EQ(stats.opaque_draws, 1u);
  EXPECT_EQ(stats.outline_draws, 0u);
}

TEST_F(Renderer, EmptyFrameIsTheClearColourInSrgb) {
  render::FrameInput frame = make_frame();
  frame.clear_color = {0.8f, 0.2f, 0.05f, 1.0f};
  auto image = host().render(frame);
  ASSERT_TRUE(image);
  const std::uint8_t* p = image->pixel(10, 10);
  EXPECT_NEAR(p[0], compiler::linear_to_srgb8(0.8f), 1);
  EXPECT_NEAR(p[1], compiler::linear_to_srgb8(0.2f), 1);
  EXPECT_NEAR(p[2], compiler::linear_to_srgb8(0.05f), 1);
  EXPECT_EQ(p[3], 255);
}

// Without MSAA and blending (which average in the target's space), encoding in the
// shader gives the hardware encoder's values up to rounding.
TEST_F(Renderer, UnormTargetShowsTheSamePictureAsSrgb) {
  Simple s = simple_scene();
  s.frame.items[0].highlighted = false;
  ASSERT_TRUE(host({.msaa_samples = 1}).renderer().load(s.bundle));
  auto srgb = host().render(s.frame);
  ASSERT_TRUE(srgb);
  destroy_host();
  ASSERT_TRUE(
      host({.format = VK_FORMAT_B8G8R8A8_UNORM, .msaa_samples = 1}).renderer().load(s.bundle));
  auto unorm = host().render(s.frame);
  ASSERT_TRUE(unorm);
  const CompareResult r = compare_images(*unorm, *srgb, 1);
  EXPECT_EQ(r.differing_pixels, 0u) << r.describe();
  EXPECT_LT(r.mean_error, 0.1) << r.describe();
}

TEST_F(Renderer, ReplacingTheSceneWithFramesInFlight) {
  Simple a = simple_scene();
  Simple b = simple_scene({0.2f, 0.5f, 0.9f, 1});
  render::Renderer& r = host().renderer();
  ASSERT_TRUE(r.load(a.bundle));
  auto image_a = host().render(a.frame);
  ASSERT_TRUE(image_a);
  // Several frames without reading back, then a new scene while they may still run.
  for (int i = 0; i < 4; ++i) {
    a.frame.time_seconds = 0.1f * static_cast<float>(i);
    ASSERT_TRUE(host().render(a.frame));
  }
  ASSERT_TRUE(r.load(b.bundle));
  auto image_b = host().render(b.frame);
  ASSERT_TRUE(image_b);
  EXPECT_NE(image_a->pixels, image_b->pixels);
  r.unload();
  EXPECT_FALSE(r.has_scene());
  render::FrameInput empty = make_frame();
  ASSERT_TRUE(host().render(empty));
}

TEST_F(Renderer, FadedOutItemsAreNotDrawn) {
  Simple s = simple_scene();
  ASSERT_TRUE(host().renderer().load(s.bundle));
  s.frame.items[0].opacity = 0.0f;
  ASSERT_TRUE(host().render(s.frame));
  EXPECT_EQ(host().renderer().last_frame_stats().opaque_draws, 0u);
  EXPECT_EQ(host().renderer().last_frame_stats().blend_draws, 0u);
  s.frame.items[0].opacity = 0.5f;
  ASSERT_TRUE(host().render(s.frame));
  EXPECT_EQ(host().renderer().last_frame_stats().blend_draws, 1u);
  EXPECT_EQ(host().renderer().last_frame_stats().outline_draws, 1u);
}

TEST_F(Renderer, UnsupportedTargetFormatIsAnError) {
  render::FrameInput frame = make_frame();
  render::RenderTarget target{};
  target.image = reinterpret_cast<VkImage>(std::uintptr_t{1});  // never touched
  target.format = VK_FORMAT_R16G16B16A16_SFLOAT;
  target.extent = {16, 16};
  const Status s = host().renderer().render(target, frame);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("not supported"), std::string::npos) << s.error().message;

  headless::HeadlessDesc desc;
  desc.format = VK_FORMAT_R16G16B16A16_SFLOAT;
  auto other = headless::HeadlessHost::create(desc);
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message.find("unsupported offscreen format"), std::string::npos)
      << other.error().message;
}

TEST(RendererErrors, NoDeviceSaysWhatToInstall) {
  const char* old = std::getenv("VK_ICD_FILENAMES");
  const std::string saved = old != nullptr ? old : "";
  ::setenv("VK_ICD_FILENAMES", "/nonexistent/trialxr_icd.json", 1);
  auto host = headless::HeadlessHost::create({});
  if (old != nullptr)
    ::setenv("VK_ICD_FILENAMES", saved.c_str(), 1);
  else
    ::unsetenv("VK_ICD_FILENAMES");
  ASSERT_FALSE(host);
  EXPECT_EQ(host.error().message,
            "no Vulkan device found: install mesa-vulkan-drivers for the CPU driver");
}

}  // namespace
}  // namespace trialxr::testing
