#include "textures.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "trialxr/core/check.h"
#include "trialxr/render/vk_check.h"
#include "trialxr/render/vk_init.h"

namespace trialxr::render {
namespace {

constexpr std::array<std::byte, 4> kWhite = {std::byte{255}, std::byte{255}, std::byte{255},
                                             std::byte{255}};

VkFormat vk_format(bundle::TextureFormat format) {
  switch (format) {
    case bundle::TextureFormat::rgba8_srgb:
      return VK_FORMAT_R8G8B8A8_SRGB;
    case bundle::TextureFormat::r8_unorm:
      return VK_FORMAT_R8_UNORM;  // text atlases: distance fields
    case bundle::TextureFormat::rgba8_unorm:
      break;
  }
  return VK_FORMAT_R8G8B8A8_UNORM;
}

VkFilter vk_filter(bundle::Filter f) {
  return f == bundle::Filter::nearest ? VK_FILTER_NEAREST : VK_FILTER_LINEAR;
}

VkSamplerAddressMode vk_wrap(bundle::Wrap w) {
  switch (w) {
    case bundle::Wrap::clamp:
      return VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    case bundle::Wrap::mirror:
      return VK_SAMPLER_ADDRESS_MODE_MIRRORED_REPEAT;
    case bundle::Wrap::repeat:
      break;
  }
  return VK_SAMPLER_ADDRESS_MODE_REPEAT;
}

std::vector<MipUpload> mip_layout(const bundle::TextureRecord& t) {
  std::vector<MipUpload> mips;
  std::uint64_t offset = 0;
  for (std::uint32_t level = 0; level < t.mip_count; ++level) {
    const std::uint32_t w = std::max(1u, t.width >> level);
    const std::uint32_t h = std::max(1u, t.height >> level);
    mips.push_back({offset, w, h});
    offset += std::uint64_t{w} * h * (t.format == bundle::TextureFormat::r8_unorm ? 1 : 4);
  }
  TRIALXR_CHECK(offset == t.size);  // the reader checked the chain's size
  return mips;
}

}  // namespace

Result<TextureSet> TextureSet::create(Device& device, const bundle::Bundle& bundle,
                                      UploadBatch& batch) {
  TextureSet set;
  const VkFormatFeatureFlags needed = VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT |
                                      VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT |
                                      VK_FORMAT_FEATURE_TRANSFER_DST_BIT;
  for (VkFormat f : {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_R8_UNORM}) {
    if (!device.format_supports(f, needed)) {
      return fail(fmt::format("{}: the Vulkan device cannot sample RGBA8 textures (format {})",
                              bundle.name(), static_cast<int>(f)));
    }
  }
  const std::uint32_t max_size = device.properties().limits.maxImageDimension2D;
  const std::span<const std::byte> texels = bundle.texels();
  for (const bundle::TextureRecord& t : bundle.textures()) {
    if (t.width > max_size || t.height > max_size) {
      return fail(fmt::format("{}: texture '{}' is {}x{}; this device allows {} at most",
                              bundle.name(), bundle.string(t.name), t.width, t.height, max_size));
    }
    Image image(device, {.format = vk_format(t.format),
                         .extent = {t.width, t.height},
                         .mip_levels = t.mip_count,
                         .usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT});
    batch.image(texels.subspan(t.offset, t.size), image.get(), mip_layout(t));
    set.images_.push_back(std::move(image));
    set.image_samplers_.push_back(set.sampler(device, t));
  }
  set.white_ =
      Image(device, {.format = VK_FORMAT_R8G8B8A8_UNORM,
                     .usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT});
  batch.image(kWhite, set.white_.get(), {{0, 1, 1}});
  bundle::TextureRecord white_sampler{};
  white_sampler.mag_filter = white_sampler.min_filter = bundle::Filter::nearest;
  white_sampler.mip_count = 1;
  set.white_sampler_ = set.sampler(device, white_sampler);
  return set;
}

SampledTexture TextureSet::get(std::uint32_t index) const {
  if (index == bundle::kNone) {
    return {white_.view(), white_sampler_};
  }
  TRIALXR_CHECK(index < images_.size());
  return {images_[index].view(), image_samplers_[index]};
}

VkSampler TextureSet::sampler(Device& device, const bundle::TextureRecord& t) {
  const SamplerKey key{t.mag_filter, t.min_filter, t.wrap_s, t.wrap_t};
  if (auto it = samplers_.find(key); it != samplers_.end()) return it->second.get();
  auto info = vk_init<VkSamplerCreateInfo>(VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO);
  info.magFilter = vk_filter(t.mag_filter);
  info.minFilter = vk_filter(t.min_filter);
  info.mipmapMode = t.min_filter == bundle::Filter::nearest ? VK_SAMPLER_MIPMAP_MODE_NEAREST
                                                            : VK_SAMPLER_MIPMAP_MODE_LINEAR;
  info.addressModeU = vk_wrap(t.wrap_s);
  info.addressModeV = vk_wrap(t.wrap_t);
  info.addressModeW = VK_SAMPLER_ADDRESS_MODE_REPEAT;
  info.maxLod = VK_LOD_CLAMP_NONE;
  VkSampler sampler = VK_NULL_HANDLE;
  VK_CHECK(vkCreateSampler(device.device(), &info, nullptr, &sampler));
  samplers_.emplace(key, Unique<VkSampler>(device.device(), sampler));
  return sampler;
}

}  // namespace trialxr::render
