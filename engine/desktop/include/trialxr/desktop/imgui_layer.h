// ImGuiLayer: Dear ImGui over the swapchain image, after the renderer has drawn the
// scene — its own render pass (load the scene, end in PRESENT_SRC_KHR), a framebuffer
// per swapchain image, and the GLFW and Vulkan backends of the Dear ImGui library.
#pragma once
#include <vulkan/vulkan.h>

#include <string>
#include <vector>

#include "trialxr/core/result.h"
#include "trialxr/desktop/glfw_window.h"
#include "trialxr/desktop/swapchain.h"
#include "trialxr/render/device.h"
#include "trialxr/render/vk_handles.h"

namespace trialxr::desktop {

class ImGuiLayer {
 public:
  // `fonts`: TrueType/OpenType files merged into the interface font in order (the first
  // for Latin, then e.g. a CJK face for Chinese glyphs); empty keeps ImGui's own font.
  ImGuiLayer(render::Device& device, const GlfwWindow& window, const Swapchain& swapchain,
             const std::vector<std::string>& fonts);
  ~ImGuiLayer();
  ImGuiLayer(const ImGuiLayer&) = delete;
  ImGuiLayer& operator=(const ImGuiLayer&) = delete;

  // After the swapchain was recreated.
  void resize(const Swapchain& swapchain);
  void new_frame();
  // Ends the frame and records its draw data into `cmd` over swapchain image `image`.
  void record(VkCommandBuffer cmd, std::uint32_t image, VkExtent2D extent);
  // Ends the frame without drawing (minimised window).
  void skip_frame();

 private:
  void create_framebuffers(const Swapchain& swapchain);

  render::Device& device_;
  render::Unique<VkRenderPass> pass_;
  render::Unique<VkDescriptorPool> pool_;
  std::vector<render::Unique<VkFramebuffer>> framebuffers_;
  bool frame_open_ = false;
};

}  // namespace trialxr::desktop
