// RenderTarget: an image the host hands in to be drawn into — an OpenXR swapchain
// image (one image with a layer per eye), a desktop swapchain image, or the headless
// host's offscreen image. The renderer never creates windows, swapchains or targets;
// it creates its own views, framebuffers, depth-stencil and MSAA images for them.
// A host that wants the frame's depth too (an OpenXR depth swapchain image for
// XR_KHR_composition_layer_depth) hands in a DepthTarget beside the colour target.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <span>

namespace trialxr::render {

struct RenderTarget {
  VkImage image = VK_NULL_HANDLE;             // created with COLOR_ATTACHMENT usage
  VkFormat format = VK_FORMAT_R8G8B8A8_SRGB;  // see Renderer::supports_target_format
  VkExtent2D extent{0, 0};
  // Layers [0, layer_count) hold views [0, layer_count): 1 for mono, 2 for stereo.
  std::uint32_t layer_count = 1;
  // The layout the image is left in: COLOR_ATTACHMENT_OPTIMAL for an OpenXR swapchain,
  // PRESENT_SRC_KHR for a desktop swapchain, TRANSFER_SRC_OPTIMAL for a readback. The
  // previous contents are discarded (the frame clears), so no initial layout is needed.
  VkImageLayout final_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
};

// An image the frame's depth is written into as well: the colour target's extent and at
// least its layer count (layer i holds view i's depth), created with DEPTH_STENCIL_ATTACHMENT
// usage. Values are the projection's depth (0 at the near plane, 1 at the far plane: the
// renderer clears to 1 and keeps the nearer fragment, no reversed Z); 1 where nothing was
// drawn. A stencil component, when the format has one, is left undefined. With MSAA the
// multisampled depth is resolved into it (sample 0 of each pixel); without MSAA it is the
// frame's depth-stencil attachment itself (Renderer::supports_depth_target_format says which
// formats work for the renderer's sample count).
struct DepthTarget {
  VkImage image = VK_NULL_HANDLE;
  VkFormat format = VK_FORMAT_UNDEFINED;
  // DEPTH_STENCIL_ATTACHMENT_OPTIMAL for an OpenXR depth swapchain image (the layout
  // XR_KHR_vulkan_enable2 hands images over and takes them back in), TRANSFER_SRC_OPTIMAL for
  // a readback. The previous contents are discarded.
  VkImageLayout final_layout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
};

// Semaphores for the frame's one queue submission (a desktop host: wait on the
// swapchain's acquire semaphore, signal its present semaphore).
struct SubmitSync {
  std::span<const VkSemaphore> wait;
  std::span<const VkPipelineStageFlags> wait_stages;  // one per wait semaphore
  std::span<const VkSemaphore> signal;
};

}  // namespace trialxr::render
