// The scene's textures: one image per TextureRecord with its full mip chain copied from
// TEXB (one vkCmdCopyBufferToImage region per mip), a sampler per distinct filter/wrap
// combination, and the 1x1 white texture that stands in for every missing slot.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "trialxr/bundle/bundle.h"
#include "trialxr/core/result.h"
#include "trialxr/render/memory.h"
#include "upload.h"

namespace trialxr::render {

struct SampledTexture {
  VkImageView view = VK_NULL_HANDLE;
  VkSampler sampler = VK_NULL_HANDLE;
};

class TextureSet {
 public:
  // Creates the images and queues their uploads in `batch` (the bundle's texels must
  // stay mapped until the batch is submitted). Errors: unsupported formats or sizes.
  static Result<TextureSet> create(Device& device, const bundle::Bundle& bundle,
                                   UploadBatch& batch);

  // Texture `index` of the bundle, or the white one for bundle::kNone.
  SampledTexture get(std::uint32_t index) const;

 private:
  using SamplerKey = std::tuple<bundle::Filter, bundle::Filter, bundle::Wrap, bundle::Wrap>;
  VkSampler sampler(Device& device, const bundle::TextureRecord& record);

  std::vector<Image> images_;
  std::vector<VkSampler> image_samplers_;
  Image white_;
  VkSampler white_sampler_ = VK_NULL_HANDLE;
  std::map<SamplerKey, Unique<VkSampler>> samplers_;
};

}  // namespace trialxr::render
