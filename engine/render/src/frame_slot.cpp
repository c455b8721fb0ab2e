#include "frame_slot.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "trialxr/core/check.h"
#include "trialxr/render/vk_check.h"
#include "trialxr/render/vk_init.h"

namespace trialxr::render {
namespace {

template <class T>
void copy_into(const Buffer& buffer, const std::vector<T>& items) {
  if (!items.empty()) std::memcpy(buffer.mapped(), items.data(), items.size() * sizeof(T));
}

}  // namespace

FrameSlot::FrameSlot(Device& device, VkDescriptorSet set) : device_(device), set_(set) {
  const VkDevice d = device.device();
  auto pool = vk_init<VkCommandPoolCreateInfo>(VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO);
  pool.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  pool.queueFamilyIndex = device.queue_family();
  VkCommandPool raw_pool = VK_NULL_HANDLE;
  VK_CHECK(vkCreateCommandPool(d, &pool, nullptr, &raw_pool));
  pool_ = Unique<VkCommandPool>(d, raw_pool);
  auto alloc = vk_init<VkCommandBufferAllocateInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO);
  alloc.commandPool = raw_pool;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VK_CHECK(vkAllocateCommandBuffers(d, &alloc, &cmd_));
  auto fence = vk_init<VkFenceCreateInfo>(VK_STRUCTURE_TYPE_FENCE_CREATE_INFO);
  fence.flags = VK_FENCE_CREATE_SIGNALED_BIT;
  VkFence raw_fence = VK_NULL_HANDLE;
  VK_CHECK(vkCreateFence(d, &fence, nullptr, &raw_fence));
  fence_ = Unique<VkFence>(d, raw_fence);
  constants_ = Buffer(device, {.size = sizeof(gpu::FrameUbo),
                               .usage = VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT,
                               .memory = MemoryUse::upload});
}

std::uint64_t FrameSlot::wait() {
  const VkFence fence = fence_.get();
  VK_CHECK(vkWaitForFences(device_.device(), 1, &fence, VK_TRUE, UINT64_MAX));
  return serial_;
}

VkCommandBuffer FrameSlot::begin() {
  VK_CHECK(vkResetCommandPool(device_.device(), pool_.get(), 0));
  auto begin = vk_init<VkCommandBufferBeginInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO);
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK(vkBeginCommandBuffer(cmd_, &begin));
  return cmd_;
}

void FrameSlot::ensure(Buffer& buffer, VkDeviceSize size, VkBufferUsageFlags usage) {
  if (buffer.get() != VK_NULL_HANDLE && buffer.size() >= size) return;
  // Grow to a power of two (at least 1 KiB) so a scene settles after a few frames. The
  // old buffer was used only by this slot's previous frame, which has finished.
  const VkDeviceSize capacity = std::bit_ceil(std::max<VkDeviceSize>(size, 1024));
  buffer = Buffer(device_, {.size = capacity, .usage = usage, .memory = MemoryUse::upload});
}

void FrameSlot::write(const gpu::FrameUbo& constants, const DrawList& list,
                      const FrameInput& input) {
  std::memcpy(constants_.mapped(), &constants, sizeof(constants));
  constexpr VkBufferUsageFlags kStorage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT;
  ensure(draws_, list.draws.size() * sizeof(gpu::DrawData), kStorage);
  ensure(joints_, input.joint_matrices.size() * sizeof(glm::mat4), kStorage);
  ensure(weights_, input.morph_weights.size() * sizeof(float), kStorage);
  copy_into(draws_, list.draws);
  copy_into(joints_, input.joint_matrices);
  copy_into(weights_, input.morph_weights);
  ui_data_.clear();
  for (const UiQuad& q : input.ui) {
    ui_data_.push_back({glm::vec4(q.origin, 1.0f), glm::vec4(q.right, 0.0f),
                        glm::vec4(q.down, 0.0f), q.uv, q.color, q.outline,
                        glm::uvec4(static_cast<std::uint32_t>(q.kind), 0u, 0u, 0u)});
  }
  ensure(ui_, ui_data_.size() * sizeof(gpu::UiQuadData), kStorage);
  copy_into(ui_, ui_data_);

  const std::array<VkDescriptorBufferInfo, 5> buffers = {{
      {constants_.get(), 0, VK_WHOLE_SIZE},
      {draws_.get(), 0, VK_WHOLE_SIZE},
      {joints_.get(), 0, VK_WHOLE_SIZE},
      {weights_.get(), 0, VK_WHOLE_SIZE},
      {ui_.get(), 0, VK_WHOLE_SIZE},
  }};
  std::array<VkWriteDescriptorSet, 5> writes{};
  for (std::uint32_t i = 0; i < writes.size(); ++i) {
    writes[i] = vk_init<VkWriteDescriptorSet>(VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET);
    writes[i].dstSet = set_;
    writes[i].dstBinding = i;
    writes[i].descriptorCount = 1;
    writes[i].descriptorType =
        i == 0 ? VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER : VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    writes[i].pBufferInfo = &buffers[i];
  }
  vkUpdateDescriptorSets(device_.device(), static_cast<std::uint32_t>(writes.size()), writes.data(),
                         0, nullptr);
}

void FrameSlot::submit(VkQueue queue, std::uint64_t serial, const VkSubmitInfo& sync) {
  VK_CHECK(vkEndCommandBuffer(cmd_));
  VkSubmitInfo submit = sync;
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd_;
  const VkFence fence = fence_.get();
  VK_CHECK(vkResetFences(device_.device(), 1, &fence));
  VK_CHECK(vkQueueSubmit(queue, 1, &submit, fence));
  serial_ = serial;
}

}  // namespace trialxr::render
