// Swapchains: three VkImages (one for a static swapchain) on the application's device, and
// the acquire / wait / release order the specification sets.
#include <algorithm>
#include <bit>

#include "entry_points.h"
#include "runtime.h"

namespace trialxr::xrt {
namespace {

// In order of preference.
constexpr int64_t kFormats[] = {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB,
                                VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_D32_SFLOAT};

constexpr XrSwapchainUsageFlags kKnownUsage =
    XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT |
    XR_SWAPCHAIN_USAGE_UNORDERED_ACCESS_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT |
    XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT | XR_SWAPCHAIN_USAGE_SAMPLED_BIT |
    XR_SWAPCHAIN_USAGE_MUTABLE_FORMAT_BIT;

constexpr XrSwapchainCreateFlags kKnownCreateFlags =
    XR_SWAPCHAIN_CREATE_PROTECTED_CONTENT_BIT | XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT;

// The image usage XR_KHR_vulkan_enable2 maps the swapchain usage to, plus what the runtime
// needs itself: the attachment usage of the layout it hands images over in, and TRANSFER_SRC
// to read submitted images back.
VkImageUsageFlags vulkan_usage(XrSwapchainUsageFlags usage, bool depth) {
  VkImageUsageFlags flags =
      VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
      (depth ? VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT : VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT);
  if (usage & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT) flags |= VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT)
    flags |= VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_UNORDERED_ACCESS_BIT) flags |= VK_IMAGE_USAGE_STORAGE_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT) flags |= VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_SAMPLED_BIT) flags |= VK_IMAGE_USAGE_SAMPLED_BIT;
  return flags;
}

XrResult check_create_info(const XrSwapchainCreateInfo& info) {
  if ((info.createFlags & ~kKnownCreateFlags) != 0 || (info.usageFlags & ~kKnownUsage) != 0)
    return XR_ERROR_VALIDATION_FAILURE;
  if (info.createFlags & XR_SWAPCHAIN_CREATE_PROTECTED_CONTENT_BIT)
    return XR_ERROR_FEATURE_UNSUPPORTED;
  if (std::find(std::begin(kFormats), std::end(kFormats), info.format) == std::end(kFormats))
    return XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED;
  // XrViewConfigurationView::maxSwapchainSampleCount is 1.
  if (info.sampleCount != 1 || info.width == 0 || info.height == 0 || info.arraySize == 0 ||
      info.mipCount == 0 || info.width > kMaxImageSize || info.height > kMaxImageSize)
    return XR_ERROR_VALIDATION_FAILURE;
  if (info.faceCount != 1 && info.faceCount != 6) return XR_ERROR_VALIDATION_FAILURE;
  // Cube swapchains serve XR_KHR_composition_layer_cube, which the runtime does not offer.
  if (info.faceCount == 6) return XR_ERROR_FEATURE_UNSUPPORTED;
  const auto full_chain = static_cast<uint32_t>(std::bit_width(std::max(info.width, info.height)));
  if (info.mipCount > full_chain) return XR_ERROR_VALIDATION_FAILURE;
  return XR_SUCCESS;
}

}  // namespace

XrResult xrEnumerateSwapchainFormats(XrSession session, uint32_t capacity, uint32_t* count,
                                     int64_t* formats) {
  auto lock = lock_runtime();
  Session* s = nullptr;
  if (XrResult r = runtime().get(session, s); XR_FAILED(r)) return r;
  return enumerate(capacity, count, formats,
                   std::vector<int64_t>(std::begin(kFormats), std::end(kFormats)));
}

XrResult xrCreateSwapchain(XrSession session, const XrSwapchainCreateInfo* info,
                           XrSwapchain* swapchain) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (info == nullptr || swapchain == nullptr || info->type != XR_TYPE_SWAPCHAIN_CREATE_INFO)
    return XR_ERROR_VALIDATION_FAILURE;
  if (XrResult r = check_create_info(*info); XR_FAILED(r)) return r;

  auto chain = std::make_unique<Swapchain>();
  chain->session = s->id;
  chain->create_flags = info->createFlags;
  chain->array_size = info->arraySize;
  ImageDesc& desc = chain->desc;
  desc.format = static_cast<VkFormat>(info->format);
  desc.depth = desc.format == VK_FORMAT_D32_SFLOAT;
  desc.width = info->width;
  desc.height = info->height;
  desc.layers = info->arraySize;
  desc.mips = info->mipCount;
  desc.usage = vulkan_usage(info->usageFlags, desc.depth);
  desc.flags = (info->usageFlags & XR_SWAPCHAIN_USAGE_MUTABLE_FORMAT_BIT)
                   ? VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT
                   : 0;
  if (!s->vk->supports(desc)) return XR_ERROR_FEATURE_UNSUPPORTED;
  const uint32_t count =
      (info->createFlags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT) ? 1 : kSwapchainImageCount;
  for (uint32_t i = 0; i < count; ++i) {
    VulkanImage image;
    if (XrResult r = s->vk->create_image(desc, image); XR_FAILED(r)) {
      for (VulkanImage& created : chain->images) s->vk->destroy_image(created);
      return r;
    }
    chain->images.push_back(image);
  }
  chain->id = rt.new_id();
  *swapchain = to_handle<XrSwapchain>(chain->id);
  rt.swapchains.emplace(chain->id, std::move(chain));
  return XR_SUCCESS;
}

XrResult xrDestroySwapchain(XrSwapchain swapchain) {
  auto lock = lock_runtime();
  Swapchain* chain = nullptr;
  Session* s = nullptr;
  if (XrResult r = runtime().get(swapchain, chain, s, true); XR_FAILED(r)) return r;
  runtime().destroy_swapchain(chain->id);
  return XR_SUCCESS;
}

XrResult xrEnumerateSwapchainImages(XrSwapchain swapchain, uint32_t capacity, uint32_t* count,
                                    XrSwapchainImageBaseHeader* images) {
  auto lock = lock_runtime();
  Swapchain* chain = nullptr;
  Session* s = nullptr;
  if (XrResult r = runtime().get(swapchain, chain, s); XR_FAILED(r)) return r;
  if (count == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  const auto n = static_cast<uint32_t>(chain->images.size());
  *count = n;
  if (capacity == 0) return XR_SUCCESS;
  if (images == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  if (capacity < n) return XR_ERROR_SIZE_INSUFFICIENT;
  // A Vulkan session's swapchain images are XrSwapchainImageVulkan2KHR structures.
  auto* vulkan = reinterpret_cast<XrSwapchainImageVulkan2KHR*>(images);
  for (uint32_t i = 0; i < n; ++i)
    if (vulkan[i].type != XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR) return XR_ERROR_VALIDATION_FAILURE;
  for (uint32_t i = 0; i < n; ++i) vulkan[i].image = chain->images[i].image;
  return XR_SUCCESS;
}

XrResult xrAcquireSwapchainImage(XrSwapchain swapchain, const XrSwapchainImageAcquireInfo* info,
                                 uint32_t* index) {
  auto lock = lock_runtime();
  Swapchain* chain = nullptr;
  Session* s = nullptr;
  if (XrResult r = runtime().get(swapchain, chain, s); XR_FAILED(r)) return r;
  if (index == nullptr || (info != nullptr && info->type != XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO))
    return XR_ERROR_VALIDATION_FAILURE;
  const bool is_static = (chain->create_flags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT) != 0;
  if (is_static && chain->acquired_once) return XR_ERROR_CALL_ORDER_INVALID;
  const uint32_t next = chain->next_index;
  const bool busy =
      chain->waited == next ||
      std::find(chain->acquired.begin(), chain->acquired.end(), next) != chain->acquired.end();
  if (busy) return XR_ERROR_CALL_ORDER_INVALID;
  // The runtime may use the queue here: new images get the layout the application expects.
  if (!chain->layouts_initialized) {
    if (XrResult r = s->vk->initialize_layouts(chain->images, chain->desc); XR_FAILED(r)) return r;
    chain->layouts_initialized = true;
  }
  chain->acquired.push_back(next);
  chain->acquired_once = true;
  chain->next_index = (next + 1) % static_cast<uint32_t>(chain->images.size());
  *index = next;
  return XR_SUCCESS;
}

XrResult xrWaitSwapchainImage(XrSwapchain swapchain, const XrSwapchainImageWaitInfo* info) {
  auto lock = lock_runtime();
  Swapchain* chain = nullptr;
  Session* s = nullptr;
  if (XrResult r = runtime().get(swapchain, chain, s); XR_FAILED(r)) return r;
  if (info == nullptr || info->type != XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO)
    return XR_ERROR_VALIDATION_FAILURE;
  // The oldest acquired image, once the previously waited one has been released. The
  // runtime never holds an image, so the wait never times out.
  if (chain->acquired.empty() || chain->waited) return XR_ERROR_CALL_ORDER_INVALID;
  chain->waited = chain->acquired.front();
  chain->acquired.pop_front();
  return XR_SUCCESS;
}

XrResult xrReleaseSwapchainImage(XrSwapchain swapchain, const XrSwapchainImageReleaseInfo* info) {
  auto lock = lock_runtime();
  Swapchain* chain = nullptr;
  Session* s = nullptr;
  if (XrResult r = runtime().get(swapchain, chain, s); XR_FAILED(r)) return r;
  if (info != nullptr && info->type != XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO)
    return XR_ERROR_VALIDATION_FAILURE;
  if (!chain->waited) return XR_ERROR_CALL_ORDER_INVALID;
  chain->last_released = chain->waited;
  chain->waited.reset();
  return XR_SUCCESS;
}

}  // namespace trialxr::xrt
