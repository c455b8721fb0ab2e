// A host's depth target (render_target.h): which formats work with and without MSAA, the
// depth values written (resolved from the multisampled attachment, or written into the
// target as the attachment itself), one layer per view with multiview and with one pass per
// view, the clear value where nothing was drawn, and colour pixels the same as without it.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <glm/gtc/matrix_transform.hpp>
#include <optional>
#include <vector>

#include "render_fixture.h"
#include "test_scenes.h"
#include "trialxr/headless/offscreen_target.h"
#include "trialxr/render/memory.h"
#include "trialxr/render/vk_init.h"

namespace trialxr::testing {
namespace {

constexpr float kNear = 0.05f;  // seated_view's planes
constexpr float kFar = 50.0f;

// The depth a standard (not reversed) 0..1 projection gives a point `distance` in front of
// the eye.
float depth_at(float distance) {
  return kFar * (distance - kNear) / ((kFar - kNear) * distance);
}

// A depth image for the renderer to write, read back as floats (the depth aspect of
// D32_SFLOAT and D32_SFLOAT_S8_UINT copies out as 32-bit floats).
class DepthImage {
 public:
  DepthImage(render::Device& device, VkFormat format, std::uint32_t layers)
      : device_(&device),
        format_(format),
        layers_(layers),
        image_(device, {.format = format,
                        .extent = {kWidth, kHeight},
                        .layers = layers,
                        .usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT |
                                 VK_IMAGE_USAGE_TRANSFER_SRC_BIT,
                        .aspect = VK_IMAGE_ASPECT_DEPTH_BIT}),
        readback_(device, {.size = VkDeviceSize{kWidth} * kHeight * layers * 4,
                           .usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                           .memory = render::MemoryUse::readback}) {}

  // Left in TRANSFER_SRC_OPTIMAL for the read-back.
  render::DepthTarget target() const {
    return {image_.get(), format_, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL};
  }

  // Layer after layer, rows top first.
  std::vector<float> read() const {
    device_->run_now([&](VkCommandBuffer cmd) {
      VkBufferImageCopy region{};
      region.imageSubresource = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 0, layers_};
      region.imageExtent = {kWidth, kHeight, 1};
      vkCmdCopyImageToBuffer(cmd, image_.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                             readback_.get(), 1, &region);
      auto barrier = render::vk_init<VkMemoryBarrier>(VK_STRUCTURE_TYPE_MEMORY_BARRIER);
      barrier.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
      barrier.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
      vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1,
                           &barrier, 0, nullptr, 0, nullptr);
    });
    std::vector<float> out(std::size_t{kWidth} * kHeight * layers_);
    std::memcpy(out.data(), readback_.mapped(), out.size() * sizeof(float));
    return out;
  }

 private:
  render::Device* device_;
  VkFormat format_;
  std::uint32_t layers_;
  render::Image image_;
  render::Buffer readback_;
};

float depth_of(const std::vector<float>& depth, std::uint32_t layer, std::uint32_t x,
               std::uint32_t y) {
  return depth[(std::size_t{layer} * kHeight + y) * kWidth + x];
}

// A highlighted flat panel facing the viewer, its front face 1.19 m in front of the first
// eye; the second eye (when there is one) stands 0.31 m further back, 1.5 m from it.
struct Panel {
  bundle::Bundle bundle;
  render::FrameInput frame;
};

Panel panel(std::uint32_t views) {
  SceneBuilder b;
  const std::uint32_t mesh = b.shape(box(0.4f, 0.4f, 0.02f), b.material({0.3f, 0.6f, 0.8f, 1}));
  Panel p{b.build(), make_frame(1)};
  if (views == 2) {
    render::View back = seated_view(float(kWidth) / float(kHeight));
    back.eye_position.z = 0.31f;
    back.view = glm::translate(back.view, glm::vec3(0.0f, 0.0f, -0.31f));
    p.frame.views.push_back(back);
  }
  render::DrawItem item;
  item.mesh = mesh;
  item.world = place({0.0f, kEyeHeight, -1.2f});
  item.highlighted = true;  // the outline needs the stencil in every configuration
  p.frame.items.push_back(item);
  return p;
}

class DepthTargetTest : public RenderTest {
 protected:
  // Renders `p` into a fresh colour target and `format` depth target (when given); returns
  // the colour and fills `depth`.
  headless::RgbaImage render(const Panel& p, std::optional<VkFormat> format,
                             std::vector<float>* depth = nullptr) {
    render::Renderer& r = host_->renderer();
    EXPECT_TRUE(r.load(p.bundle));
    const auto layers = static_cast<std::uint32_t>(p.frame.views.size());
    auto color = headless::OffscreenTarget::create(r.device(), {kWidth, kHeight, layers});
    EXPECT_TRUE(color);
    if (!format) {
      EXPECT_TRUE(r.render(color->target(), p.frame));
      return color->read_back(r.device());
    }
    DepthImage image(r.device(), *format, layers);
    EXPECT_TRUE(r.render(color->target(), image.target(), p.frame));
    headless::RgbaImage out = color->read_back(r.device());
    if (depth != nullptr) *depth = image.read();
    r.wait_idle();
    return out;
  }
};

TEST_F(DepthTargetTest, FormatsFollowTheSampleCount) {
  host({.msaa_samples = 4});
  const render::Renderer& msaa = host_->renderer();
  EXPECT_TRUE(msaa.supports_depth_target_format(VK_FORMAT_D32_SFLOAT));
  EXPECT_TRUE(msaa.supports_depth_target_format(VK_FORMAT_D24_UNORM_S8_UINT));
  EXPECT_TRUE(msaa.supports_depth_target_format(VK_FORMAT_D32_SFLOAT_S8_UINT));
  EXPECT_FALSE(msaa.supports_depth_target_format(VK_FORMAT_R8G8B8A8_SRGB));
  EXPECT_FALSE(msaa.supports_depth_target_format(VK_FORMAT_S8_UINT));
  destroy_host();
  // One sample: the target is the attachment and must carry the highlight's stencil.
  host({.msaa_samples = 1});
  const render::Renderer& single = host_->renderer();
  EXPECT_FALSE(single.supports_depth_target_format(VK_FORMAT_D32_SFLOAT));
  EXPECT_FALSE(single.supports_depth_target_format(VK_FORMAT_D16_UNORM));
  EXPECT_TRUE(single.supports_depth_target_format(VK_FORMAT_D24_UNORM_S8_UINT));
  EXPECT_TRUE(single.supports_depth_target_format(VK_FORMAT_D32_SFLOAT_S8_UINT));
}

TEST_F(DepthTargetTest, MultisampledDepthIsResolvedIntoEachViewsLayer) {
  host({.views = 2, .msaa_samples = 4});
  const Panel p = panel(2);
  std::vector<float> depth;
  const headless::RgbaImage with_depth = render(p, VK_FORMAT_D32_SFLOAT, &depth);
  const render::FrameStats& stats = host_->renderer().last_frame_stats();
  EXPECT_TRUE(stats.multiview);
  EXPECT_EQ(stats.samples, 4u);
  EXPECT_TRUE(stats.depth_target);
  EXPECT_TRUE(stats.depth_resolved);
  EXPECT_EQ(stats.outline_draws, 1u);
  ASSERT_EQ(depth.size(), std::size_t{kWidth} * kHeight * 2);
  const std::uint32_t cx = kWidth / 2, cy = kHeight / 2;
  EXPECT_NEAR(depth_of(depth, 0, cx, cy), depth_at(1.19f), 1e-5f);
  EXPECT_NEAR(depth_of(depth, 1, cx, cy), depth_at(1.5f), 1e-5f);
  EXPECT_EQ(depth_of(depth, 0, 2, 2), 1.0f);  // the clear value: nothing drawn there
  EXPECT_EQ(depth_of(depth, 1, kWidth - 3, kHeight - 3), 1.0f);
  // The depth target changes no colour pixel, the highlight's outline included.
  EXPECT_EQ(with_depth.pixels, render(p, std::nullopt).pixels);
}

TEST_F(DepthTargetTest, WithoutMsaaTheTargetIsTheDepthAttachment) {
  host({.views = 2, .allow_multiview = false, .msaa_samples = 1});
  const Panel p = panel(2);
  std::vector<float> depth;
  const headless::RgbaImage with_depth = render(p, VK_FORMAT_D32_SFLOAT_S8_UINT, &depth);
  const render::FrameStats& stats = host_->renderer().last_frame_stats();
  EXPECT_FALSE(stats.multiview);
  EXPECT_EQ(stats.render_passes, 2u);
  EXPECT_TRUE(stats.depth_target);
  EXPECT_FALSE(stats.depth_resolved);
  ASSERT_EQ(depth.size(), std::size_t{kWidth} * kHeight * 2);
  EXPECT_NEAR(depth_of(depth, 0, kWidth / 2, kHeight / 2), depth_at(1.19f), 1e-5f);
  EXPECT_NEAR(depth_of(depth, 1, kWidth / 2, kHeight / 2), depth_at(1.5f), 1e-5f);
  EXPECT_EQ(depth_of(depth, 0, 2, 2), 1.0f);
  EXPECT_EQ(depth_of(depth, 1, 2, 2), 1.0f);
  EXPECT_EQ(with_depth.pixels, render(p, std::nullopt).pixels);
}

TEST_F(DepthTargetTest, AFormatTheSampleCountCannotUseIsAnError) {
  host({.msaa_samples = 1});
  const Panel p = panel(1);
  render::Renderer& r = host_->renderer();
  auto color = headless::OffscreenTarget::create(r.device(), {kWidth, kHeight, 1});
  ASSERT_TRUE(color);
  render::DepthTarget depth;
  depth.image = reinterpret_cast<VkImage>(std::uintptr_t{1});  // never touched
  depth.format = VK_FORMAT_D32_SFLOAT;                         // no stencil, no MSAA
  const Status s = r.render(color->target(), depth, p.frame);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("depth target format"), std::string::npos) << s.error().message;
}

}  // namespace
}  // namespace trialxr::testing
