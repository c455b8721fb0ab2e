// FrameSlot: what one frame in flight owns — its command buffer and fence, and the
// host-visible buffers the shaders read that frame (frame constants, per-item draw
// data, joint matrices, morph weights) with the descriptor set over them. A slot is
// reused only after its fence has signalled, so its buffers can be rewritten and
// grown in place.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <vector>

#include "draw_list.h"
#include "gpu_types.h"
#include "trialxr/render/device.h"
#include "trialxr/render/frame_input.h"
#include "trialxr/render/memory.h"

namespace trialxr::render {

class FrameSlot {
 public:
  FrameSlot(Device& device, VkDescriptorSet set);

  // Waits for the slot's previous frame; returns its serial (0 when none yet).
  std::uint64_t wait();
  // Resets the command buffer and begins recording.
  VkCommandBuffer begin();
  // Writes this frame's shader data and points the descriptor set at it.
  void write(const gpu::FrameUbo& constants, const DrawList& list, const FrameInput& input);
  // Ends recording and submits with `sync`; remembers `serial`.
  void submit(VkQueue queue, std::uint64_t serial, const VkSubmitInfo& sync);

  VkDescriptorSet descriptor_set() const { return set_; }

 private:
  void ensure(Buffer& buffer, VkDeviceSize size, VkBufferUsageFlags usage);

  Device& device_;
  VkDescriptorSet set_;
  Unique<VkCommandPool> pool_;
  VkCommandBuffer cmd_ = VK_NULL_HANDLE;
  Unique<VkFence> fence_;
  std::uint64_t serial_ = 0;
  Buffer constants_;
  Buffer draws_;
  Buffer joints_;
  Buffer weights_;
  Buffer ui_;
  std::vector<gpu::UiQuadData> ui_data_;  // reused staging for the UI quads
};

}  // namespace trialxr::render
