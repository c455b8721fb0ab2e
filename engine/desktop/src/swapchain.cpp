#include "trialxr/desktop/swapchain.h"

#include <fmt/format.h>

#include <algorithm>

#include "trialxr/render/memory.h"
#include "trialxr/render/vk_check.h"
#include "trialxr/render/vk_init.h"

namespace trialxr::desktop {

namespace {

VkSurfaceFormatKHR choose_format(const std::vector<VkSurfaceFormatKHR>& formats) {
  // sRGB formats: the renderer writes linear colour and the hardware encodes.
  for (VkFormat wanted : {VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_R8G8B8A8_SRGB}) {
    for (const VkSurfaceFormatKHR& f : formats)
      if (f.format == wanted && f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR) return f;
  }
  return formats.front();  // a UNORM format: the renderer encodes sRGB itself
}

VkPresentModeKHR choose_mode(const std::vector<VkPresentModeKHR>& modes, bool vsync) {
  if (vsync) return VK_PRESENT_MODE_FIFO_KHR;
  for (VkPresentModeKHR wanted : {VK_PRESENT_MODE_MAILBOX_KHR, VK_PRESENT_MODE_IMMEDIATE_KHR}) {
    if (std::find(modes.begin(), modes.end(), wanted) != modes.end()) return wanted;
  }
  return VK_PRESENT_MODE_FIFO_KHR;
}

}  // namespace

Swapchain::~Swapchain() {
  destroy();
}

void Swapchain::destroy() {
  views_.clear();
  images_.clear();
  if (swapchain_ != VK_NULL_HANDLE) vkDestroySwapchainKHR(device_.device(), swapchain_, nullptr);
  swapchain_ = VK_NULL_HANDLE;
}

Status Swapchain::create(VkExtent2D extent, bool vsync) {
  const VkDevice d = device_.device();
  const VkPhysicalDevice gpu = device_.physical_device();
  VK_CHECK(vkDeviceWaitIdle(d));
  VkSurfaceCapabilitiesKHR caps{};
  VK_CHECK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(gpu, surface_, &caps));
  std::uint32_t count = 0;
  VK_CHECK(vkGetPhysicalDeviceSurfaceFormatsKHR(gpu, surface_, &count, nullptr));
  std::vector<VkSurfaceFormatKHR> formats(count);
  VK_CHECK(vkGetPhysicalDeviceSurfaceFormatsKHR(gpu, surface_, &count, formats.data()));
  VK_CHECK(vkGetPhysicalDeviceSurfacePresentModesKHR(gpu, surface_, &count, nullptr));
  std::vector<VkPresentModeKHR> modes(count);
  VK_CHECK(vkGetPhysicalDeviceSurfacePresentModesKHR(gpu, surface_, &count, modes.data()));
  if (formats.empty()) return fail("the window surface offers no image formats");

  if (caps.currentExtent.width != 0xFFFFFFFFu) {
    extent = caps.currentExtent;
  } else {
    extent.width = std::clamp(extent.width, caps.minImageExtent.width, caps.maxImageExtent.width);
    extent.height =
        std::clamp(extent.height, caps.minImageExtent.height, caps.maxImageExtent.height);
  }
  const VkSurfaceFormatKHR format = choose_format(formats);
  std::uint32_t images = caps.minImageCount + 1;
  if (caps.maxImageCount > 0) images = std::min(images, caps.maxImageCount);

  auto info =
      render::vk_init<VkSwapchainCreateInfoKHR>(VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR);
  info.surface = surface_;
  info.minImageCount = images;
  info.imageFormat = format.format;
  info.imageColorSpace = format.colorSpace;
  info.imageExtent = extent;
  info.imageArrayLayers = 1;
  info.imageUsage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT |
                    (caps.supportedUsageFlags &
                     (VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT));
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = caps.currentTransform;
  info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
  info.presentMode = choose_mode(modes, vsync);
  info.clipped = VK_TRUE;
  info.oldSwapchain = swapchain_;
  VkSwapchainKHR next = VK_NULL_HANDLE;
  VK_CHECK(vkCreateSwapchainKHR(d, &info, nullptr, &next));
  destroy();
  swapchain_ = next;
  format_ = format.format;
  extent_ = extent;
  min_images_ = caps.minImageCount;
  vsync_ = vsync;

  VK_CHECK(vkGetSwapchainImagesKHR(d, swapchain_, &count, nullptr));
  images_.resize(count);
  VK_CHECK(vkGetSwapchainImagesKHR(d, swapchain_, &count, images_.data()));
  for (VkImage image : images_)
    views_.push_back(render::create_view(d, image, format_, VK_IMAGE_ASPECT_COLOR_BIT, 0, 1));
  return {};
}

std::optional<std::uint32_t> Swapchain::acquire(VkSemaphore signal) {
  std::uint32_t index = 0;
  VkResult r = vkAcquireNextImageKHR(device_.device(), swapchain_, UINT64_MAX, signal,
                                     VK_NULL_HANDLE, &index);
  if (r == VK_ERROR_OUT_OF_DATE_KHR) return std::nullopt;
  if (r != VK_SUBOPTIMAL_KHR) VK_CHECK(r);
  return index;
}

bool Swapchain::present(VkQueue queue, std::uint32_t image, VkSemaphore wait) {
  auto info = render::vk_init<VkPresentInfoKHR>(VK_STRUCTURE_TYPE_PRESENT_INFO_KHR);
  info.waitSemaphoreCount = 1;
  info.pWaitSemaphores = &wait;
  info.swapchainCount = 1;
  info.pSwapchains = &swapchain_;
  info.pImageIndices = &image;
  VkResult r = vkQueuePresentKHR(queue, &info);
  if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) return false;
  VK_CHECK(r);
  return true;
}

}  // namespace trialxr::desktop
