// UploadBatch: copies bytes (spans into the mapped bundle, kept valid by the caller)
// into device buffers and image mips through one staging buffer and one submission.
// Planning first, copying later: the staging buffer is sized once and each source is
// copied straight from where it lies, never through an intermediate vector.
#pragma once

#include <vulkan/vulkan.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "trialxr/render/device.h"

namespace trialxr::render {

struct MipUpload {
  std::uint64_t offset;  // into the image's bytes
  std::uint32_t width;
  std::uint32_t height;
};

class UploadBatch {
 public:
  explicit UploadBatch(Device& device) : device_(device) {}

  void buffer(std::span<const std::byte> bytes, VkBuffer dst, VkDeviceSize dst_offset = 0);
  // `bytes` holds every mip tightly packed; `mips` says where each one starts. The
  // image ends in SHADER_READ_ONLY_OPTIMAL.
  void image(std::span<const std::byte> bytes, VkImage dst, std::vector<MipUpload> mips);

  // Creates the staging buffer, copies every source into it, records the copies and
  // barriers, submits and waits. The batch is empty afterwards.
  void submit_and_wait();

 private:
  struct BufferCopy {
    std::span<const std::byte> bytes;
    VkBuffer dst;
    VkDeviceSize dst_offset;
  };
  struct ImageCopy {
    std::span<const std::byte> bytes;
    VkImage dst;
    std::vector<MipUpload> mips;
  };
  Device& device_;
  std::vector<BufferCopy> buffers_;
  std::vector<ImageCopy> images_;
};

}  // namespace trialxr::render
