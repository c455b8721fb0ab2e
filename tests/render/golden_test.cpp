// Golden images: small focused scenes rendered on lavapipe at 256x192 (stereo 512x192)
// and compared with tests/render/golden/*.png within a tolerance (image_compare.h).
// tools/update-goldens.sh regenerates them; look at them before committing.
#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "image_compare.h"
#include "render_fixture.h"
#include "test_scenes.h"

namespace trialxr::testing {
namespace {

using bundle::TextureFormat;

struct Scene {
  bundle::Bundle bundle;
  render::FrameInput frame;
};

render::DrawItem item(std::uint32_t mesh, const glm::mat4& world) {
  render::DrawItem i;
  i.mesh = mesh;
  i.world = world;
  return i;
}

Scene textured_scene(std::uint32_t views) {
  SceneBuilder b;
  const std::uint32_t tex = b.texture(checker(64, 8, {235, 120, 40, 255}, {250, 240, 220, 255}),
                                      TextureFormat::rgba8_srgb);
  const std::uint32_t mat = b.material({1, 1, 1, 1});
  b.material_record(mat).base_color_texture = {tex, 0, 1.0f};
  const std::uint32_t cube = b.shape(box(0.3f, 0.3f, 0.3f), mat);
  const std::uint32_t ball = b.shape(sphere(0.18f), mat);
  Scene s{b.build(), make_frame(views, float(kWidth) / float(kHeight))};
  s.frame.items.push_back(item(cube, place({-0.28f, 1.15f, -1.3f}, {35, 25, 0})));
  s.frame.items.push_back(item(ball, place({0.3f, 1.15f, -1.3f}, {20, 0, 0})));
  return s;
}

class Golden : public RenderTest {
 protected:
  void expect_golden(const std::string& name, Scene scene, const HostOptions& options = {}) {
    auto& h = host(options);
    ASSERT_TRUE(h.renderer().load(scene.bundle));
    auto image = h.render(scene.frame);
    ASSERT_TRUE(image) << image.error().message;
    const std::string failure = check_golden(name, *image);
    EXPECT_TRUE(failure.empty()) << failure;
  }
};

TEST_F(Golden, Textured) {
  expect_golden("textured", textured_scene(1));
}

TEST_F(Golden, NormalMapped) {
  SceneBuilder b;
  const std::uint32_t normals = b.texture(bump_normal_map(64, 4), TextureFormat::rgba8_unorm);
  const std::uint32_t mat = b.material({0.55f, 0.65f, 0.8f, 1}, 0.0f, 0.45f);
  b.material_record(mat).normal_texture = {normals, 0, 1.0f};
  const std::uint32_t with_tangents = b.mesh(compiler::build_quad(0.42f, 0.42f), mat);
  compiler::MeshData bare = compiler::build_quad(0.42f, 0.42f);
  bare.tangents.clear();  // the shader derives the tangent frame from derivatives
  const std::uint32_t without_tangents = b.mesh(std::move(bare), mat);
  Scene s{b.build(), make_frame()};
  s.frame.items.push_back(item(with_tangents, place({-0.24f, 1.2f, -1.2f}, {-15, 10, 0})));
  s.frame.items.push_back(item(without_tangents, place({0.24f, 1.2f, -1.2f}, {-15, -10, 0})));
  expect_golden("normal_map", std::move(s));
}

TEST_F(Golden, Skinned) {
  SceneBuilder b;
  const std::uint32_t mat = b.material({0.85f, 0.55f, 0.45f, 1}, 0.0f, 0.5f);
  const std::uint32_t tube = b.mesh(skinned_tube(0.045f, 0.5f, 16, 20), mat);
  Scene s{b.build(), make_frame()};
  for (int bent = 0; bent < 2; ++bent) {
    const glm::mat4 world = place({bent ? 0.12f : -0.25f, 0.92f, -1.2f});
    render::DrawItem i = item(tube, world);
    i.first_joint_matrix = static_cast<std::uint32_t>(s.frame.joint_matrices.size());
    i.joint_count = 2;
    const glm::mat4 bend =
        glm::translate(glm::mat4(1), {0, 0.25f, 0}) *
        glm::rotate(glm::mat4(1), glm::radians(bent ? -60.0f : 0.0f), {0, 0, 1}) *
        glm::translate(glm::mat4(1), {0, -0.25f, 0});
    s.frame.joint_matrices.push_back(world);
    s.frame.joint_matrices.push_back(world * bend);
    s.frame.items.push_back(i);
  }
  expect_golden("skinned", std::move(s));
}

TEST_F(Golden, Morph) {
  SceneBuilder b;
  const std::uint32_t mat = b.material({0.45f, 0.75f, 0.5f, 1}, 0.0f, 0.5f);
  compiler::MeshData ball = compiler::build_shape(sphere(0.15f));
  compiler::MorphTargetData target;
  for (const auto& p : ball.positions) {
    target.positions.push_back({0.0f, p[1] > 0.0f ? p[1] * 1.2f : 0.0f, 0.0f});
  }
  ball.targets.push_back(std::move(target));
  const std::uint32_t mesh = b.mesh(std::move(ball), mat);
  Scene s{b.build(), make_frame()};
  s.frame.morph_weights = {0.0f, 1.0f};
  for (std::uint32_t k = 0; k < 2; ++k) {
    render::DrawItem i = item(mesh, place({k ? 0.22f : -0.22f, 1.08f, -1.2f}));
    i.first_weight = k;
    i.weight_count = 1;
    s.frame.items.push_back(i);
  }
  expect_golden("morph", std::move(s));
}

TEST_F(Golden, AlphaBlendSorted) {
  SceneBuilder b;
  const std::uint32_t wall = b.shape(box(1.2f, 0.8f, 0.05f), b.material({0.6f, 0.6f, 0.62f, 1}));
  const std::uint32_t red = b.shape(box(0.25f, 0.25f, 0.02f), b.material({0.9f, 0.1f, 0.1f, 0.5f}));
  const std::uint32_t green =
      b.shape(box(0.25f, 0.25f, 0.02f), b.material({0.1f, 0.8f, 0.1f, 0.5f}));
  const std::uint32_t blue =
      b.shape(box(0.25f, 0.25f, 0.02f), b.material({0.1f, 0.2f, 0.9f, 0.5f}));
  const std::uint32_t faded = b.shape(sphere(0.1f), b.material({0.95f, 0.85f, 0.2f, 1}));
  Scene s{b.build(), make_frame()};
  // Given nearest first: the renderer must draw them back to front.
  s.frame.items.push_back(item(red, place({-0.12f, 1.24f, -1.1f})));
  s.frame.items.push_back(item(green, place({0.0f, 1.16f, -1.3f})));
  s.frame.items.push_back(item(blue, place({0.12f, 1.08f, -1.5f})));
  render::DrawItem fading = item(faded, place({0.38f, 1.3f, -1.3f}));
  fading.opacity = 0.4f;
  s.frame.items.push_back(fading);
  s.frame.items.push_back(item(wall, place({0.0f, 1.2f, -1.9f})));
  expect_golden("blend", std::move(s));
}

TEST_F(Golden, Highlight) {
  SceneBuilder b;
  const std::uint32_t ball = b.shape(sphere(0.11f), b.material({0.7f, 0.7f, 0.72f, 1}));
  const std::uint32_t cube = b.shape(box(0.17f, 0.17f, 0.17f), b.material({0.3f, 0.5f, 0.75f, 1}));
  Scene s{b.build(), make_frame()};
  s.frame.time_seconds = 0.4f;  // the pulse's peak with the default 1.6 s period
  s.frame.items.push_back(item(cube, place({-0.32f, 1.15f, -1.2f}, {30, 20, 0})));
  render::DrawItem lit_cube = item(cube, place({0.0f, 1.15f, -1.2f}, {30, 20, 0}));
  lit_cube.highlighted = true;
  s.frame.items.push_back(lit_cube);
  render::DrawItem lit_ball = item(ball, place({0.32f, 1.15f, -1.2f}));
  lit_ball.highlighted = true;
  s.frame.items.push_back(lit_ball);
  expect_golden("highlight", std::move(s));
}

TEST_F(Golden, Materials) {
  SceneBuilder b;
  // Alpha mask, double-sided, seen from behind.
  const std::uint32_t holes =
      b.texture(checker(32, 4, {60, 160, 220, 255}, {0, 0, 0, 0}), TextureFormat::rgba8_srgb,
                {.mag_filter = bundle::Filter::nearest});
  const std::uint32_t mask = b.material({1, 1, 1, 1});
  auto& m = b.material_record(mask);
  m.base_color_texture = {holes, 0, 1.0f};
  m.alpha_mode = bundle::AlphaMode::mask;
  m.flags = bundle::kMaterialDoubleSided;
  const std::uint32_t quad = b.mesh(compiler::build_quad(0.3f, 0.3f), mask);
  // Vertex colours.
  compiler::MeshData colored = compiler::build_shape(box(0.2f, 0.2f, 0.2f));
  for (const auto& p : colored.positions) {
    colored.colors.push_back({p[0] * 2.5f + 0.5f, p[1] * 2.5f + 0.5f, p[2] * 2.5f + 0.5f, 1.0f});
  }
  const std::uint32_t cube = b.mesh(std::move(colored), b.material({1, 1, 1, 1}));
  // Emissive and metallic spheres; a box with no material (the default one).
  const std::uint32_t glow_mat = b.material({0.1f, 0.1f, 0.1f, 1});
  b.material_record(glow_mat).emissive[0] = 0.2f;
  b.material_record(glow_mat).emissive[1] = 0.9f;
  b.material_record(glow_mat).emissive[2] = 0.6f;
  const std::uint32_t glow = b.shape(sphere(0.09f), glow_mat);
  const std::uint32_t gold =
      b.shape(sphere(0.09f), b.material({1.0f, 0.78f, 0.34f, 1}, 1.0f, 0.3f));
  const std::uint32_t plain = b.shape(box(0.15f, 0.15f, 0.15f), bundle::kNone);
  Scene s{b.build(), make_frame()};
  s.frame.items.push_back(item(quad, place({-0.3f, 1.3f, -1.2f}, {150, 0, 0})));
  s.frame.items.push_back(item(cube, place({0.0f, 1.3f, -1.2f}, {40, 30, 0})));
  s.frame.items.push_back(item(glow, place({0.3f, 1.3f, -1.2f})));
  s.frame.items.push_back(item(gold, place({-0.15f, 1.02f, -1.2f})));
  s.frame.items.push_back(item(plain, place({0.15f, 1.02f, -1.2f}, {20, 20, 0})));
  expect_golden("materials", std::move(s));
}

TEST_F(Golden, StereoMultiview) {
  expect_golden("stereo", textured_scene(2), {.views = 2});
  EXPECT_TRUE(host_->renderer().last_frame_stats().multiview);
  EXPECT_EQ(host_->renderer().last_frame_stats().render_passes, 1u);
}

// The fallback without multiview draws the same pixels. Without MSAA: lavapipe 22.3
// resolves a subpass into layer 0 even when the resolve attachment is a view of layer 1,
// so the fallback is compared at one sample (see engine/render/README.md).
TEST_F(Golden, StereoOnePassPerViewMatchesMultiview) {
  Scene scene = textured_scene(2);
  ASSERT_TRUE(host({.views = 2, .msaa_samples = 1}).renderer().load(scene.bundle));
  auto multiview = host().render(scene.frame);
  ASSERT_TRUE(multiview);
  EXPECT_TRUE(host().renderer().last_frame_stats().multiview);
  destroy_host();
  ASSERT_TRUE(host({.views = 2, .allow_multiview = false, .msaa_samples = 1})
                  .renderer()
                  .load(scene.bundle));
  auto per_view = host().render(scene.frame);
  ASSERT_TRUE(per_view);
  EXPECT_FALSE(host().renderer().last_frame_stats().multiview);
  EXPECT_EQ(host().renderer().last_frame_stats().render_passes, 2u);
  const CompareResult r = compare_images(*per_view, *multiview, 1);
  EXPECT_EQ(r.differing_pixels, 0u) << r.describe();
}

}  // namespace
}  // namespace trialxr::testing
