// OffscreenTarget: a colour image with one layer per view that a renderer draws into
// (usage colour attachment + transfer source, left in TRANSFER_SRC_OPTIMAL), and the
// host-visible buffer it is read back into. Stereo layers come back side by side:
// left eye on the left.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>

#include "trialxr/core/result.h"
#include "trialxr/headless/rgba_image.h"
#include "trialxr/render/device.h"
#include "trialxr/render/memory.h"
#include "trialxr/render/render_target.h"

namespace trialxr::headless {

struct OffscreenDesc {
  std::uint32_t width = 256;
  std::uint32_t height = 192;
  std::uint32_t layers = 1;                   // 2 for stereo
  VkFormat format = VK_FORMAT_R8G8B8A8_SRGB;  // or R8G8B8A8_UNORM, B8G8R8A8_*
};

class OffscreenTarget {
 public:
  // Errors: a format other than the four RGBA8/BGRA8 ones, or one the device cannot
  // render to and copy from; a zero or too large size.
  static Result<OffscreenTarget> create(render::Device& device, const OffscreenDesc& desc);

  render::RenderTarget target() const;
  // Copies every layer into the readback buffer and waits (the caller has submitted the
  // frame on the same queue). BGRA formats are swizzled to RGBA.
  RgbaImage read_back(render::Device& device) const;

 private:
  OffscreenDesc desc_;
  render::Image image_;
  render::Buffer readback_;
};

}  // namespace trialxr::headless
