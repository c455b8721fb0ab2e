// Swapchain: the window surface's images, recreated when the window's size changes.
// Images are colour attachments (the renderer and Dear ImGui draw into them) and
// transfer sources and destinations (screenshots, the side-by-side stereo view).
#pragma once
#include <vulkan/vulkan.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "trialxr/core/result.h"
#include "trialxr/render/device.h"
#include "trialxr/render/vk_handles.h"

namespace trialxr::desktop {

class Swapchain {
 public:
  Swapchain(const render::Device& device, VkSurfaceKHR surface)
      : device_(device), surface_(surface) {}
  ~Swapchain();
  Swapchain(const Swapchain&) = delete;
  Swapchain& operator=(const Swapchain&) = delete;

  // (Re)creates the images for `extent` (clamped to what the surface allows). vsync: FIFO;
  // otherwise MAILBOX, else IMMEDIATE where offered. Waits for the device first.
  Status create(VkExtent2D extent, bool vsync);

  // The next image, or nullopt when the swapchain is out of date (recreate and retry).
  std::optional<std::uint32_t> acquire(VkSemaphore signal);
  // False when out of date or suboptimal: recreate before the next frame.
  bool present(VkQueue queue, std::uint32_t image, VkSemaphore wait);

  VkSwapchainKHR handle() const { return swapchain_; }
  VkFormat format() const { return format_; }
  VkExtent2D extent() const { return extent_; }
  std::uint32_t image_count() const { return static_cast<std::uint32_t>(images_.size()); }
  std::uint32_t min_image_count() const { return min_images_; }
  VkImage image(std::uint32_t i) const { return images_[i]; }
  VkImageView view(std::uint32_t i) const { return views_[i].get(); }
  bool vsync() const { return vsync_; }

 private:
  void destroy();

  const render::Device& device_;
  VkSurfaceKHR surface_;
  VkSwapchainKHR swapchain_ = VK_NULL_HANDLE;
  VkFormat format_ = VK_FORMAT_UNDEFINED;
  VkExtent2D extent_{0, 0};
  std::uint32_t min_images_ = 2;
  bool vsync_ = true;
  std::vector<VkImage> images_;
  std::vector<render::Unique<VkImageView>> views_;
};

}  // namespace trialxr::desktop
