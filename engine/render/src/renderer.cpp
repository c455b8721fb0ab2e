// [SECTION] creation and destruction   [SECTION] scene   [SECTION] a frame
#include "trialxr/render/renderer.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <optional>
#include <vector>

#include "attachments.h"
#include "depth_target_plan.h"
#include "draw_list.h"
#include "draw_recorder.h"
#include "frame_constants.h"
#include "frame_slot.h"
#include "layouts.h"
#include "pipelines.h"
#include "render_pass.h"
#include "retire_queue.h"
#include "scene_resources.h"
#include "trialxr/core/check.h"
#include "trialxr/render/vk_check.h"
#include "trialxr/render/vk_init.h"

namespace trialxr::render {
namespace {

VkSampleCountFlagBits choose_samples(const VkPhysicalDeviceLimits& limits, std::uint32_t wanted) {
  const VkSampleCountFlags offered = limits.framebufferColorSampleCounts &
                                     limits.framebufferDepthSampleCounts &
                                     limits.framebufferStencilSampleCounts;
  for (std::uint32_t s = 64; s > 1; s /= 2) {
    if (s <= wanted && (offered & s) != 0) return static_cast<VkSampleCountFlagBits>(s);
  }
  return VK_SAMPLE_COUNT_1_BIT;
}

}  // namespace

struct Renderer::Impl {
  Impl(Device& d, const RendererDesc& desc_in)
      : desc(desc_in),
        samples(choose_samples(d.properties().limits, desc_in.msaa_samples)),
        depth_support(d),
        layouts(d),
        pipelines(d, layouts) {}

  RendererDesc desc;
  VkSampleCountFlagBits samples;
  DepthTargetSupport depth_support;
  Layouts layouts;
  PipelineCache pipelines;
  std::map<PassKey, Unique<VkRenderPass>> passes;
  Unique<VkDescriptorPool> frame_pool;
  std::vector<std::unique_ptr<FrameSlot>> slots;
  std::unique_ptr<Attachments> attachments;
  std::unique_ptr<SceneResources> scene;
  RetireQueue retired;  // declared last: emptied first, while everything it may use lives
  std::uint64_t submitted = 0;
  std::uint64_t completed = 0;
  std::uint64_t frame = 0;
};

// [SECTION] creation and destruction

Renderer::Renderer(std::unique_ptr<Device> device) : device_(std::move(device)) {}

Result<std::unique_ptr<Renderer>> Renderer::create(const RendererDesc& desc) {
  TRIALXR_CHECK(desc.frames_in_flight >= 1);
  auto device = Device::create(desc.device);
  if (!device) return fail(device.error().message);
  std::unique_ptr<Renderer> r(new Renderer(std::move(*device)));
  Device& d = *r->device_;
  r->impl_ = std::make_unique<Impl>(d, desc);
  Impl& impl = *r->impl_;

  const std::uint32_t n = desc.frames_in_flight;
  const std::array<VkDescriptorPoolSize, 2> sizes = {
      {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, n}, {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 4 * n}}};
  auto pool_info =
      vk_init<VkDescriptorPoolCreateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO);
  pool_info.maxSets = n;
  pool_info.poolSizeCount = static_cast<std::uint32_t>(sizes.size());
  pool_info.pPoolSizes = sizes.data();
  VkDescriptorPool pool = VK_NULL_HANDLE;
  VK_CHECK(vkCreateDescriptorPool(d.device(), &pool_info, nullptr, &pool));
  impl.frame_pool = Unique<VkDescriptorPool>(d.device(), pool);
  const std::vector<VkDescriptorSetLayout> layouts(n, impl.layouts.frame.get());
  std::vector<VkDescriptorSet> sets(n);
  auto alloc = vk_init<VkDescriptorSetAllocateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO);
  alloc.descriptorPool = pool;
  alloc.descriptorSetCount = n;
  alloc.pSetLayouts = layouts.data();
  VK_CHECK(vkAllocateDescriptorSets(d.device(), &alloc, sets.data()));
  for (VkDescriptorSet set : sets) impl.slots.push_back(std::make_unique<FrameSlot>(d, set));
  return r;
}

Renderer::~Renderer() {
  if (!impl_) return;
  device_->wait_idle();
  impl_->retired.destroy_all();
  impl_.reset();  // scene, attachments, slots, pools, pipelines, layouts
}

void Renderer::wait_idle() {
  device_->wait_idle();
  impl_->completed = impl_->submitted;
  impl_->retired.collect(impl_->completed);
}

// [SECTION] scene

Status Renderer::load(const bundle::Bundle& bundle) {
  auto scene = SceneResources::create(*device_, impl_->layouts, bundle);
  if (!scene) return fail(scene.error().message);
  unload();
  impl_->scene = std::make_unique<SceneResources>(std::move(*scene));
  return {};
}

void Renderer::unload() {
  if (impl_->scene) impl_->retired.retire(std::move(impl_->scene), impl_->submitted);
  impl_->scene.reset();
}

bool Renderer::has_scene() const {
  return impl_->scene != nullptr;
}

bool Renderer::supports_target_format(VkFormat format) const {
  switch (format) {
    case VK_FORMAT_R8G8B8A8_SRGB:
    case VK_FORMAT_R8G8B8A8_UNORM:
    case VK_FORMAT_B8G8R8A8_SRGB:
    case VK_FORMAT_B8G8R8A8_UNORM:
      return device_->format_supports(format, VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BIT |
                                                  VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BLEND_BIT);
    default:
      return false;
  }
}

bool Renderer::supports_depth_target_format(VkFormat format) const {
  return impl_->depth_support.plan(format, impl_->samples).has_value();
}

// [SECTION] a frame

namespace {

Unique<VkFramebuffer> make_framebuffer(VkDevice device, VkRenderPass pass,
                                       const std::vector<VkImageView>& views, VkExtent2D extent) {
  auto info = vk_init<VkFramebufferCreateInfo>(VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO);
  info.renderPass = pass;
  info.attachmentCount = static_cast<std::uint32_t>(views.size());
  info.pAttachments = views.data();
  info.width = extent.width;
  info.height = extent.height;
  info.layers = 1;
  VkFramebuffer fb = VK_NULL_HANDLE;
  VK_CHECK(vkCreateFramebuffer(device, &info, nullptr, &fb));
  return {device, fb};
}

}  // namespace

Status Renderer::render(const RenderTarget& target, const FrameInput& input,
                        const SubmitSync& sync) {
  return render(target, DepthTarget{}, input, sync);
}

Status Renderer::render(const RenderTarget& target, const DepthTarget& depth_target,
                        const FrameInput& input, const SubmitSync& sync) {
  Impl& m = *impl_;
  const VkDevice d = device_->device();
  if (!supports_target_format(target.format)) {
    return fail(
        fmt::format("render target format {} is not supported: use R8G8B8A8 or B8G8R8A8, "
                    "_SRGB or _UNORM",
                    static_cast<int>(target.format)));
  }
  const VkSampleCountFlagBits samples = m.samples;
  const bool depth_out = depth_target.image != VK_NULL_HANDLE;
  std::optional<DepthTargetPlan> depth_plan;
  if (depth_out) {
    depth_plan = m.depth_support.plan(depth_target.format, samples);
    if (!depth_plan) {
      return fail(
          fmt::format("depth target format {} is not supported with {} sample(s): see "
                      "Renderer::supports_depth_target_format",
                      static_cast<int>(depth_target.format), static_cast<int>(samples)));
    }
  }
  const auto view_count = static_cast<std::uint32_t>(input.views.size());
  TRIALXR_CHECK(view_count == 1 || view_count == 2);
  TRIALXR_CHECK(view_count <= target.layer_count);
  TRIALXR_CHECK(target.image != VK_NULL_HANDLE && target.extent.width > 0 &&
                target.extent.height > 0);
  TRIALXR_CHECK(input.items.empty() || m.scene != nullptr);
  TRIALXR_CHECK(sync.wait.size() == sync.wait_stages.size());

  // Reuse the oldest slot once its frame has finished; destroy what that frees.
  FrameSlot& slot = *m.slots[m.frame++ % m.slots.size()];
  m.completed = std::max(m.completed, slot.wait());
  m.retired.collect(m.completed);

  const bool multiview = view_count == 2 && device_->multiview() && m.desc.allow_multiview;
  const bool encode = is_unorm_target(target.format);
  const std::uint32_t pass_count = multiview ? 1 : view_count;
  // The depth-stencil attachment: the renderer's own image, resolved into a depth target
  // with MSAA, or (one sample) the depth target itself.
  const VkFormat depth_format =
      depth_plan ? depth_plan->attachment : device_->depth_stencil_format();
  const bool own_depth = !depth_plan || depth_plan->resolve;
  const AttachmentKey attachment_key{.color = target.format,
                                     .depth = own_depth ? depth_format : VK_FORMAT_UNDEFINED,
                                     .width = target.extent.width,
                                     .height = target.extent.height,
                                     .layers = multiview ? 2u : 1u,
                                     .samples = samples};
  if (!m.attachments || m.attachments->key != attachment_key) {
    if (m.attachments) m.retired.retire(std::move(m.attachments), m.submitted);
    m.attachments = std::make_unique<Attachments>(*device_, attachment_key);
  }
  const PassKey pass_key{.color = target.format,
                         .depth = depth_format,
                         .samples = samples,
                         .multiview = multiview,
                         .final_layout = target.final_layout,
                         .depth_target = depth_out ? depth_target.format : VK_FORMAT_UNDEFINED,
                         .depth_final_layout = depth_target.final_layout};
  auto [pass_it, new_pass] = m.passes.try_emplace(pass_key);
  if (new_pass) pass_it->second = create_render_pass(d, pass_key);
  const VkRenderPass pass = pass_it->second.get();

  const DrawList list = m.scene ? build_draw_list(*m.scene, input) : DrawList{};
  slot.write(frame_constants(input, m.desc, target.extent, encode), list, input);
  const VkCommandBuffer cmd = slot.begin();

  // Attachments 0 colour and 1 depth-stencil are cleared; resolve attachments are not.
  std::array<VkClearValue, 4> clears{};
  clears[0].color = clear_value(input.clear_color, encode);
  clears[1].depthStencil = {1.0f, 0};
  std::vector<Unique<VkImageView>> views;
  std::vector<Unique<VkFramebuffer>> framebuffers;
  RecordCounts counts;
  std::uint32_t ui_quads = 0;
  for (std::uint32_t p = 0; p < pass_count; ++p) {
    const std::uint32_t layers = multiview ? 2u : 1u;
    views.push_back(
        create_view(d, target.image, target.format, VK_IMAGE_ASPECT_COLOR_BIT, p, layers));
    const VkImageView color_view = views.back().get();
    VkImageView depth_view = VK_NULL_HANDLE;
    if (depth_out) {
      views.push_back(create_view(d, depth_target.image, depth_target.format,
                                  depth_aspects(depth_target.format), p, layers));
      depth_view = views.back().get();
    }
    std::vector<VkImageView> fb_views;
    if (samples != VK_SAMPLE_COUNT_1_BIT) {
      fb_views = {m.attachments->color.view(), m.attachments->depth.view(), color_view};
      if (depth_out) fb_views.push_back(depth_view);
    } else {
      fb_views = {color_view, own_depth ? m.attachments->depth.view() : depth_view};
    }
    framebuffers.push_back(make_framebuffer(d, pass, fb_views, target.extent));

    auto begin = vk_init<VkRenderPassBeginInfo>(VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO);
    begin.renderPass = pass;
    begin.framebuffer = framebuffers.back().get();
    begin.renderArea = {{0, 0}, target.extent};
    begin.clearValueCount = static_cast<std::uint32_t>(fb_views.size());
    begin.pClearValues = clears.data();
    vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);
    const VkViewport viewport{0.0f,
                              0.0f,
                              static_cast<float>(target.extent.width),
                              static_cast<float>(target.extent.height),
                              0.0f,
                              1.0f};
    const VkRect2D scissor{{0, 0}, target.extent};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
    const VkDescriptorSet frame_set = slot.descriptor_set();
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m.layouts.pipeline.get(), 0, 1,
                            &frame_set, 0, nullptr);
    const RecordContext context{cmd,
                                m.layouts.pipeline.get(),
                                pass,
                                {target.format, samples, multiview, depth_format},
                                &m.pipelines,
                                m.scene.get(),
                                multiview ? 0u : p};
    counts = record_draws(context, list);
    ui_quads = record_ui(context, static_cast<std::uint32_t>(input.ui.size()), input.text_atlas);
    vkCmdEndRenderPass(cmd);
  }

  auto submit = vk_init<VkSubmitInfo>(VK_STRUCTURE_TYPE_SUBMIT_INFO);
  submit.waitSemaphoreCount = static_cast<std::uint32_t>(sync.wait.size());
  submit.pWaitSemaphores = sync.wait.data();
  submit.pWaitDstStageMask = sync.wait_stages.data();
  submit.signalSemaphoreCount = static_cast<std::uint32_t>(sync.signal.size());
  submit.pSignalSemaphores = sync.signal.data();
  slot.submit(device_->queue(), ++m.submitted, submit);
  m.retired.retire(std::move(framebuffers), m.submitted);
  m.retired.retire(std::move(views), m.submitted);

  stats_ = {multiview,     pass_count,   static_cast<std::uint32_t>(samples),
            counts.opaque, counts.blend, counts.outline,
            ui_quads,      depth_out,    depth_plan && depth_plan->resolve};
  return {};
}

}  // namespace trialxr::render
