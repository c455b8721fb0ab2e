// HeadlessHost: the offscreen host. It creates a renderer with its own Vulkan instance
// and device (no surface, no window), an offscreen target of the given size, and turns
// a FrameInput into an RgbaImage (stereo: both eyes side by side).
//
//   auto host = headless::HeadlessHost::create({.width = 256, .height = 192});
//   if (!host) die(host.error().message);  // "no Vulkan device found: install ..."
//   (*host)->renderer().load(bundle);
//   auto image = (*host)->render(frame);   // Result<RgbaImage>
//   headless::write_png("frame.png", *image);
#pragma once

#include <cstdint>
#include <memory>

#include "trialxr/core/result.h"
#include "trialxr/headless/offscreen_target.h"
#include "trialxr/headless/rgba_image.h"
#include "trialxr/render/frame_input.h"
#include "trialxr/render/renderer.h"

namespace trialxr::headless {

struct HeadlessDesc {
  std::uint32_t width = 256;  // per view
  std::uint32_t height = 192;
  std::uint32_t views = 1;  // 1 or 2
  VkFormat format = VK_FORMAT_R8G8B8A8_SRGB;
  render::RendererDesc renderer;
};

class HeadlessHost {
 public:
  static Result<std::unique_ptr<HeadlessHost>> create(const HeadlessDesc& desc);
  ~HeadlessHost();

  render::Renderer& renderer() { return *renderer_; }
  // Renders `input` (its view count must equal HeadlessDesc::views) and reads it back.
  Result<RgbaImage> render(const render::FrameInput& input);

 private:
  HeadlessHost() = default;
  std::unique_ptr<render::Renderer> renderer_;
  std::unique_ptr<OffscreenTarget> target_;  // destroyed before the renderer
};

}  // namespace trialxr::headless
