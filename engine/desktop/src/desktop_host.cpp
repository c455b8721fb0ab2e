#include "trialxr/desktop/desktop_host.h"

#include <fmt/format.h>

#include <array>

#include "trialxr/desktop/imgui_layer.h"
#include "trialxr/desktop/swapchain.h"
#include "trialxr/headless/offscreen_target.h"
#include "trialxr/render/vk_check.h"
#include "trialxr/render/vk_init.h"

namespace trialxr::desktop {

namespace {

constexpr std::uint32_t kFramesInFlight = 2;

render::Unique<VkSemaphore> semaphore(VkDevice d) {
  auto info = render::vk_init<VkSemaphoreCreateInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO);
  VkSemaphore s = VK_NULL_HANDLE;
  VK_CHECK(vkCreateSemaphore(d, &info, nullptr, &s));
  return {d, s};
}

void image_barrier(VkCommandBuffer cmd, VkImage image, std::uint32_t layers, VkImageLayout from,
                   VkImageLayout to, VkPipelineStageFlags src_stage, VkAccessFlags src_access,
                   VkPipelineStageFlags dst_stage, VkAccessFlags dst_access) {
  auto b = render::vk_init<VkImageMemoryBarrier>(VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER);
  b.oldLayout = from;
  b.newLayout = to;
  b.srcAccessMask = src_access;
  b.dstAccessMask = dst_access;
  b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  b.image = image;
  b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, layers};
  vkCmdPipelineBarrier(cmd, src_stage, dst_stage, 0, 0, nullptr, 0, nullptr, 1, &b);
}

}  // namespace

struct DesktopHost::Impl {
  render::Device& device;
  Swapchain swapchain;
  std::unique_ptr<ImGuiLayer> imgui;
  render::Unique<VkCommandPool> pool;
  std::array<VkCommandBuffer, kFramesInFlight> cmds{};
  std::array<render::Unique<VkFence>, kFramesInFlight> fences;
  std::array<render::Unique<VkSemaphore>, kFramesInFlight> acquired;
  std::array<render::Unique<VkSemaphore>, kFramesInFlight> scene_done;
  std::vector<render::Unique<VkSemaphore>> present_ready;  // one per swapchain image
  std::optional<headless::OffscreenTarget> stereo;         // both eyes, shown side by side
  std::uint32_t slot = 0;
  bool needs_resize = false;
  bool vsync = true;

  Impl(render::Device& d, VkSurfaceKHR surface) : device(d), swapchain(d, surface) {}

  ~Impl() {
    vkDeviceWaitIdle(device.device());
    imgui.reset();
  }

  Status recreate(VkExtent2D size) {
    if (auto s = swapchain.create(size, vsync); !s) return s;
    present_ready.clear();
    for (std::uint32_t i = 0; i < swapchain.image_count(); ++i)
      present_ready.push_back(semaphore(device.device()));
    if (imgui) imgui->resize(swapchain);
    stereo.reset();
    needs_resize = false;
    return {};
  }
};

Result<std::unique_ptr<DesktopHost>> DesktopHost::create(const DesktopDesc& desc) {
  std::unique_ptr<DesktopHost> host(new DesktopHost());
  auto window = GlfwWindow::create(desc.title, desc.width, desc.height);
  if (!window) return tl::unexpected(std::move(window.error()));
  host->window_ = std::move(*window);

  render::RendererDesc rd = desc.renderer;
  for (const std::string& e : host->window_->required_instance_extensions())
    rd.device.instance_extensions.push_back(e);
  rd.device.device_extensions.push_back(VK_KHR_SWAPCHAIN_EXTENSION_NAME);
  DesktopHost* self = host.get();
  std::string surface_error;
  rd.device.create_instance = [self, &surface_error](const VkInstanceCreateInfo& info,
                                                     VkInstance& instance) {
    VkResult r = vkCreateInstance(&info, nullptr, &instance);
    if (r != VK_SUCCESS) return r;
    auto surface = self->window_->create_surface(instance);
    if (!surface) {
      surface_error = surface.error().message;
      return VK_ERROR_INITIALIZATION_FAILED;
    }
    self->surface_ = *surface;
    return VK_SUCCESS;
  };
  rd.device.accept_queue_family = [self](VkPhysicalDevice gpu, std::uint32_t family) {
    VkBool32 ok = VK_FALSE;
    return vkGetPhysicalDeviceSurfaceSupportKHR(gpu, family, self->surface_, &ok) == VK_SUCCESS &&
           ok == VK_TRUE;
  };
  auto renderer = render::Renderer::create(rd);
  if (!renderer) {
    if (!surface_error.empty()) return fail(surface_error);
    return tl::unexpected(std::move(renderer.error()));
  }
  host->renderer_ = std::move(*renderer);

  render::Device& device = host->renderer_->device();
  host->impl_ = std::make_unique<Impl>(device, host->surface_);
  Impl& m = *host->impl_;
  m.vsync = desc.vsync;
  if (auto s = m.recreate(host->window_->framebuffer_size()); !s) return tl::unexpected(s.error());
  m.imgui = std::make_unique<ImGuiLayer>(device, *host->window_, m.swapchain, desc.ui_fonts);

  const VkDevice d = device.device();
  auto pool = render::vk_init<VkCommandPoolCreateInfo>(VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO);
  pool.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pool.queueFamilyIndex = device.queue_family();
  VkCommandPool raw_pool = VK_NULL_HANDLE;
  VK_CHECK(vkCreateCommandPool(d, &pool, nullptr, &raw_pool));
  m.pool = render::Unique<VkCommandPool>(d, raw_pool);
  auto alloc =
      render::vk_init<VkCommandBufferAllocateInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO);
  alloc.commandPool = raw_pool;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = kFramesInFlight;
  VK_CHECK(vkAllocateCommandBuffers(d, &alloc, m.cmds.data()));
  for (std::uint32_t i = 0; i < kFramesInFlight; ++i) {
    auto fence = render::vk_init<VkFenceCreateInfo>(VK_STRUCTURE_TYPE_FENCE_CREATE_INFO);
    fence.flags = VK_FENCE_CREATE_SIGNALED_BIT;
    VkFence f = VK_NULL_HANDLE;
    VK_CHECK(vkCreateFence(d, &fence, nullptr, &f));
    m.fences[i] = render::Unique<VkFence>(d, f);
    m.acquired[i] = semaphore(d);
    m.scene_done[i] = semaphore(d);
  }
  host->last_frame_ = std::chrono::steady_clock::now();
  return host;
}

DesktopHost::~DesktopHost() {
  impl_.reset();
  if (surface_ != VK_NULL_HANDLE && renderer_)
    vkDestroySurfaceKHR(renderer_->device().instance(), surface_, nullptr);
  renderer_.reset();
  window_.reset();
}

bool DesktopHost::begin_frame() {
  window_->poll_events();
  const VkExtent2D size = window_->framebuffer_size();
  if (size.width == 0 || size.height == 0) {
    window_->wait_events(0.05);  // minimised: sleep until something happens
    return false;
  }
  impl_->imgui->new_frame();
  return true;
}

VkExtent2D DesktopHost::view_extent(bool stereo) const {
  VkExtent2D e = impl_->swapchain.extent();
  if (stereo) e.width = std::max(1u, e.width / 2);
  return e;
}

void DesktopHost::set_vsync(bool vsync) {
  if (impl_->vsync == vsync) return;
  impl_->vsync = vsync;
  impl_->needs_resize = true;
}

bool DesktopHost::vsync() const {
  return impl_->vsync;
}

Status DesktopHost::end_frame(const render::FrameInput& input) {
  const auto start = std::chrono::steady_clock::now();
  Impl& m = *impl_;
  render::Device& device = renderer_->device();
  const VkDevice d = device.device();
  const VkExtent2D window_size = window_->framebuffer_size();
  if (m.needs_resize || window_size.width != m.swapchain.extent().width ||
      window_size.height != m.swapchain.extent().height) {
    if (window_size.width == 0 || window_size.height == 0) {
      m.imgui->skip_frame();
      return {};
    }
    if (auto s = m.recreate(window_size); !s) return s;
  }

  const std::uint32_t slot = m.slot;
  const VkFence fence = m.fences[slot].get();
  VK_CHECK(vkWaitForFences(d, 1, &fence, VK_TRUE, UINT64_MAX));
  const std::optional<std::uint32_t> image = m.swapchain.acquire(m.acquired[slot].get());
  if (!image) {
    m.needs_resize = true;
    m.imgui->skip_frame();
    return {};
  }
  const bool stereo = input.views.size() == 2;
  const VkImage swap_image = m.swapchain.image(*image);
  const VkSemaphore acquired = m.acquired[slot].get();
  const VkSemaphore scene_done = m.scene_done[slot].get();
  const VkPipelineStageFlags color_stage = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;

  // The scene: into the swapchain image, or for stereo into the two-layer offscreen image.
  if (stereo) {
    const VkExtent2D eye = view_extent(true);
    if (!m.stereo) {
      auto target = headless::OffscreenTarget::create(
          device, {eye.width, eye.height, 2, VK_FORMAT_R8G8B8A8_SRGB});
      if (!target) return tl::unexpected(target.error());
      m.stereo.emplace(std::move(*target));
    }
    const std::array<VkSemaphore, 1> signal = {scene_done};
    if (auto s = renderer_->render(m.stereo->target(), input, {{}, {}, signal}); !s) return s;
  } else {
    render::RenderTarget target{swap_image, m.swapchain.format(), m.swapchain.extent(), 1,
                                VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
    const std::array<VkSemaphore, 1> wait = {acquired};
    const std::array<VkPipelineStageFlags, 1> stages = {color_stage};
    const std::array<VkSemaphore, 1> signal = {scene_done};
    if (auto s = renderer_->render(target, input, {wait, stages, signal}); !s) return s;
  }

  // The overlay: the side-by-side copy for stereo, then ImGui, ending in PRESENT_SRC.
  const VkCommandBuffer cmd = m.cmds[slot];
  VK_CHECK(vkResetCommandBuffer(cmd, 0));
  auto begin =
      render::vk_init<VkCommandBufferBeginInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO);
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK(vkBeginCommandBuffer(cmd, &begin));
  if (stereo) {
    const render::RenderTarget src = m.stereo->target();
    image_barrier(cmd, swap_image, 1, VK_IMAGE_LAYOUT_UNDEFINED,
                  VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_TRANSFER_BIT, 0,
                  VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT);
    image_barrier(cmd, src.image, 2, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                  VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                  VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                  VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT,
                  VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_READ_BIT);
    const auto w = static_cast<std::int32_t>(src.extent.width);
    const auto h = static_cast<std::int32_t>(src.extent.height);
    for (std::uint32_t layer = 0; layer < 2; ++layer) {
      VkImageBlit blit{};
      blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
      blit.srcOffsets[1] = {w, h, 1};
      blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
      blit.dstOffsets[0] = {w * static_cast<std::int32_t>(layer), 0, 0};
      blit.dstOffsets[1] = {w * static_cast<std::int32_t>(layer + 1), h, 1};
      vkCmdBlitImage(cmd, src.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, swap_image,
                     VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &blit, VK_FILTER_NEAREST);
    }
    image_barrier(cmd, swap_image, 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                  VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_TRANSFER_BIT,
                  VK_ACCESS_TRANSFER_WRITE_BIT, color_stage,
                  VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT);
  }
  m.imgui->record(cmd, *image, m.swapchain.extent());
  VK_CHECK(vkEndCommandBuffer(cmd));

  std::vector<VkSemaphore> waits = {scene_done};
  std::vector<VkPipelineStageFlags> wait_stages = {
      stereo ? VkPipelineStageFlags{VK_PIPELINE_STAGE_TRANSFER_BIT} : color_stage};
  if (stereo) {  // the swapchain image was acquired for this submission, not the scene's
    waits.push_back(acquired);
    wait_stages.push_back(VK_PIPELINE_STAGE_TRANSFER_BIT);
  }
  const VkSemaphore ready = m.present_ready[*image].get();
  auto submit = render::vk_init<VkSubmitInfo>(VK_STRUCTURE_TYPE_SUBMIT_INFO);
  submit.waitSemaphoreCount = static_cast<std::uint32_t>(waits.size());
  submit.pWaitSemaphores = waits.data();
  submit.pWaitDstStageMask = wait_stages.data();
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  submit.signalSemaphoreCount = 1;
  submit.pSignalSemaphores = &ready;
  VK_CHECK(vkResetFences(d, 1, &fence));
  VK_CHECK(vkQueueSubmit(device.queue(), 1, &submit, fence));
  if (!m.swapchain.present(device.queue(), *image, ready)) m.needs_resize = true;
  m.slot = (m.slot + 1) % kFramesInFlight;

  const auto end = std::chrono::steady_clock::now();
  cpu_seconds_ = std::chrono::duration<double>(end - start).count();
  frame_seconds_ = std::chrono::duration<double>(end - last_frame_).count();
  last_frame_ = end;
  return {};
}

Result<headless::RgbaImage> DesktopHost::capture(const render::FrameInput& input) {
  const VkExtent2D eye = view_extent(input.views.size() == 2);
  auto target = headless::OffscreenTarget::create(
      renderer_->device(), {eye.width, eye.height, static_cast<std::uint32_t>(input.views.size()),
                            VK_FORMAT_R8G8B8A8_SRGB});
  if (!target) return tl::unexpected(target.error());
  if (auto s = renderer_->render(target->target(), input, {}); !s) return tl::unexpected(s.error());
  return target->read_back(renderer_->device());
}

}  // namespace trialxr::desktop
