// Renderer: draws a FrameInput (frame_input.h) with the meshes, materials and textures
// of one loaded bundle into an image the host hands in.
//
//   auto r = render::Renderer::create({.device = {.validation = true}});
//   if (!r) return fail(r.error().message);     // "no Vulkan device found: ..."
//   if (auto s = (*r)->load(bundle); !s) ...    // uploads GEOM and TEXB once
//   render::RenderTarget target{.image = img, .format = VK_FORMAT_R8G8B8A8_SRGB,
//                               .extent = {w, h}, .layer_count = 2,
//                               .final_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
//   (*r)->render(target, frame_input, sync);    // records and submits one frame
//
// Each render() records one command buffer and submits it to the device's queue; up to
// frames_in_flight frames run at once and render() waits for the oldest one before
// reusing its buffers. Resources that a frame may still use (replaced buffers, a scene
// replaced by load(), per-frame views and framebuffers) are retired and destroyed only
// after that frame's fence has signalled. The destructor waits for the GPU and
// destroys everything in order.
//
// What a frame does (engine/render/README.md has the details):
//   - stereo: with multiview, both views in one render pass into the 2-layer target;
//     without it, one render pass per view (one layer each);
//   - MSAA (RendererDesc::msaa_samples where the device allows it), resolved into the
//     target;
//   - depth, when the host hands in a DepthTarget: resolved into it with MSAA (sample 0,
//     Vulkan 1.2's depth-stencil resolve), written straight into it without;
//   - opaque and alpha-mask items, then the highlight (stencil mark + outline), then
//     blended items (alpha blend materials and items with opacity < 1) back to front
//     by view depth;
//   - output: shaders write linear colour into *_SRGB targets (the hardware encodes)
//     and encode sRGB themselves into *_UNORM targets, so both show the same picture.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <glm/glm.hpp>
#include <memory>

#include "trialxr/bundle/bundle.h"
#include "trialxr/core/result.h"
#include "trialxr/render/device.h"
#include "trialxr/render/frame_input.h"
#include "trialxr/render/render_target.h"

namespace trialxr::render {

// The key light and the environment. Colours are linear.
struct LightingDesc {
  glm::vec3 key_direction{-0.35f, -0.8f, -0.45f};  // direction the light travels
  glm::vec3 key_color{1.0f, 0.93f, 0.82f};         // soft warm
  float key_intensity = 0.95f;                  // diffuse white facing the light = this * key_color
  glm::vec3 sky_color{0.36f, 0.40f, 0.46f};     // hemisphere ambient from above
  glm::vec3 ground_color{0.20f, 0.18f, 0.16f};  // and from below
};

// The highlight: a warm rim glow on the item and an outline around it, both pulsing.
struct HighlightDesc {
  glm::vec3 color{1.0f, 0.50f, 0.08f};  // linear
  // The outline is as wide as the larger of these: a minimum in pixels, and a share of
  // the image height so it reads the same in a small preview and a 2k-per-eye headset.
  float outline_width_px = 3.0f;
  float outline_width_fraction = 0.006f;
  float pulse_period_s = 1.6f;  // pulse = 0.5 + 0.5 * sin(2 pi t / period)
};

struct RendererDesc {
  DeviceDesc device;
  std::uint32_t frames_in_flight = 2;
  std::uint32_t msaa_samples = 4;  // lowered to what the device offers; 1 turns MSAA off
  bool allow_multiview = true;     // false forces one pass per view (tests, workarounds)
  LightingDesc lighting;
  HighlightDesc highlight;
};

// What the last render() did, for tests and the desktop host's overlay.
struct FrameStats {
  bool multiview = false;
  std::uint32_t render_passes = 0;
  std::uint32_t samples = 1;
  std::uint32_t opaque_draws = 0;
  std::uint32_t blend_draws = 0;
  std::uint32_t outline_draws = 0;
  std::uint32_t ui_quads = 0;   // text glyphs, panels and lines
  bool depth_target = false;    // the frame's depth went into a host's DepthTarget
  bool depth_resolved = false;  // by a multisample resolve (else as the attachment itself)
};

class Renderer {
 public:
  static Result<std::unique_ptr<Renderer>> create(const RendererDesc& desc);
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  Device& device() { return *device_; }
  const Device& device() const { return *device_; }

  // Uploads the bundle's geometry, textures and materials (the bundle may be closed
  // afterwards) and makes it the scene that FrameInput mesh indices refer to. A scene
  // loaded before is retired. Errors: limits the device cannot meet, unsupported
  // texture formats.
  Status load(const bundle::Bundle& bundle);
  void unload();
  bool has_scene() const;

  // Colour formats a target may have: R8G8B8A8/B8G8R8A8 in _SRGB or _UNORM, as the
  // device allows them as MSAA-resolvable colour attachments.
  bool supports_target_format(VkFormat format) const;

  // Depth formats a DepthTarget may have: D32_SFLOAT, X8_D24_UNORM_PACK32, D16_UNORM,
  // D24_UNORM_S8_UINT, D32_SFLOAT_S8_UINT, D16_UNORM_S8_UINT, as the device allows them as
  // depth-stencil attachments and as the renderer's sample count needs:
  //   - with MSAA the multisampled depth-stencil image is resolved into the target, so the
  //     device needs a depth-stencil format with the same depth bits and type (D32_SFLOAT
  //     pairs with D32_SFLOAT_S8_UINT) at that sample count, and sample-zero depth resolve;
  //   - without MSAA the target is the depth-stencil attachment itself, and the highlight's
  //     outline needs its stencil: only the formats with a stencil component.
  bool supports_depth_target_format(VkFormat format) const;

  // Draws `input` into `target` and submits. Errors: an unsupported target format.
  // Programming errors (a view count that does not fit the target's layers, a mesh,
  // joint or weight index out of range, items without a loaded scene) are
  // TRIALXR_CHECKs.
  Status render(const RenderTarget& target, const FrameInput& input, const SubmitSync& sync = {});
  // The same, and the frame's depth into `depth` (render_target.h). Errors also: a depth
  // format supports_depth_target_format refuses.
  Status render(const RenderTarget& target, const DepthTarget& depth, const FrameInput& input,
                const SubmitSync& sync = {});

  // Waits until every submitted frame has finished (a host's readback, shutdown).
  void wait_idle();

  const FrameStats& last_frame_stats() const { return stats_; }
  // Null when validation is off. Stays valid after the renderer is destroyed.
  std::shared_ptr<const ValidationLog> validation_log() const { return device_->validation_log(); }

 private:
  struct Impl;
  explicit Renderer(std::unique_ptr<Device> device);

  std::unique_ptr<Device> device_;  // declared first: destroyed last
  std::unique_ptr<Impl> impl_;
  FrameStats stats_;
};

}  // namespace trialxr::render
