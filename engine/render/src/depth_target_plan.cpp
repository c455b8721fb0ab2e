#include "depth_target_plan.h"

#include "trialxr/render/vk_init.h"

namespace trialxr::render {
namespace {

// The depth-stencil format whose depth has the same bits and type as `format`'s.
VkFormat stencil_partner(VkFormat format) {
  switch (format) {
    case VK_FORMAT_D16_UNORM:
    case VK_FORMAT_D16_UNORM_S8_UINT:
      return VK_FORMAT_D16_UNORM_S8_UINT;
    case VK_FORMAT_X8_D24_UNORM_PACK32:
    case VK_FORMAT_D24_UNORM_S8_UINT:
      return VK_FORMAT_D24_UNORM_S8_UINT;
    case VK_FORMAT_D32_SFLOAT:
    case VK_FORMAT_D32_SFLOAT_S8_UINT:
      return VK_FORMAT_D32_SFLOAT_S8_UINT;
    default:
      return VK_FORMAT_UNDEFINED;
  }
}

}  // namespace

bool has_stencil(VkFormat format) {
  return format == VK_FORMAT_D16_UNORM_S8_UINT || format == VK_FORMAT_D24_UNORM_S8_UINT ||
         format == VK_FORMAT_D32_SFLOAT_S8_UINT || format == VK_FORMAT_S8_UINT;
}

VkImageAspectFlags depth_aspects(VkFormat format) {
  VkImageAspectFlags aspects = VK_IMAGE_ASPECT_DEPTH_BIT;
  if (has_stencil(format)) aspects |= VK_IMAGE_ASPECT_STENCIL_BIT;
  return aspects;
}

DepthTargetSupport::DepthTargetSupport(const Device& device) : device_(&device) {
  auto resolve = vk_init<VkPhysicalDeviceDepthStencilResolveProperties>(
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DEPTH_STENCIL_RESOLVE_PROPERTIES);
  auto props = vk_init<VkPhysicalDeviceProperties2>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2);
  props.pNext = &resolve;
  vkGetPhysicalDeviceProperties2(device.physical_device(), &props);
  depth_resolve_modes_ = resolve.supportedDepthResolveModes;
  stencil_resolve_modes_ = resolve.supportedStencilResolveModes;
}

bool DepthTargetSupport::attachment_supports(VkFormat format, VkSampleCountFlagBits samples) const {
  VkImageFormatProperties props{};
  const VkResult r = vkGetPhysicalDeviceImageFormatProperties(
      device_->physical_device(), format, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_OPTIMAL,
      VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT, 0, &props);
  return r == VK_SUCCESS && (props.sampleCounts & samples) != 0 &&
         device_->format_supports(format, VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT);
}

std::optional<DepthTargetPlan> DepthTargetSupport::plan(VkFormat format,
                                                        VkSampleCountFlagBits samples) const {
  const VkFormat partner = stencil_partner(format);
  if (partner == VK_FORMAT_UNDEFINED || !attachment_supports(format, VK_SAMPLE_COUNT_1_BIT))
    return std::nullopt;
  if (samples == VK_SAMPLE_COUNT_1_BIT) {
    if (!has_stencil(format)) return std::nullopt;
    return DepthTargetPlan{format, false};
  }
  const bool resolvable =
      (depth_resolve_modes_ & VK_RESOLVE_MODE_SAMPLE_ZERO_BIT) != 0 &&
      (!has_stencil(format) || (stencil_resolve_modes_ & VK_RESOLVE_MODE_SAMPLE_ZERO_BIT) != 0);
  if (!resolvable || !attachment_supports(partner, samples)) return std::nullopt;
  return DepthTargetPlan{partner, true};
}

}  // namespace trialxr::render
