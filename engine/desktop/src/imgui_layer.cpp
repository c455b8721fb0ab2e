#include "trialxr/desktop/imgui_layer.h"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_vulkan.h>
#include <imgui.h>

#include <array>

#include "trialxr/render/vk_check.h"
#include "trialxr/render/vk_init.h"

namespace trialxr::desktop {

namespace {

void check_vk(VkResult r) {
  VK_CHECK(r);
}

render::Unique<VkRenderPass> overlay_pass(VkDevice d, VkFormat format) {
  VkAttachmentDescription color{};
  color.format = format;
  color.samples = VK_SAMPLE_COUNT_1_BIT;
  color.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;  // the scene the renderer drew
  color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  color.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  color.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  color.initialLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  color.finalLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
  VkAttachmentReference ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  VkSubpassDescription subpass{};
  subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  subpass.colorAttachmentCount = 1;
  subpass.pColorAttachments = &ref;
  // The scene's colour writes (another submission, ordered by a semaphore) and the
  // transfers of the side-by-side view come before the overlay reads and writes.
  VkSubpassDependency dep{};
  dep.srcSubpass = VK_SUBPASS_EXTERNAL;
  dep.dstSubpass = 0;
  dep.srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
  dep.dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  dep.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
  dep.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  auto info = render::vk_init<VkRenderPassCreateInfo>(VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO);
  info.attachmentCount = 1;
  info.pAttachments = &color;
  info.subpassCount = 1;
  info.pSubpasses = &subpass;
  info.dependencyCount = 1;
  info.pDependencies = &dep;
  VkRenderPass pass = VK_NULL_HANDLE;
  VK_CHECK(vkCreateRenderPass(d, &info, nullptr, &pass));
  return {d, pass};
}

}  // namespace

ImGuiLayer::ImGuiLayer(render::Device& device, const GlfwWindow& window, const Swapchain& swapchain,
                       const std::vector<std::string>& fonts)
    : device_(device) {
  const VkDevice d = device.device();
  pass_ = overlay_pass(d, swapchain.format());
  const std::array<VkDescriptorPoolSize, 1> sizes = {
      {{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16}}};
  auto pool_info =
      render::vk_init<VkDescriptorPoolCreateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO);
  pool_info.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
  pool_info.maxSets = 16;
  pool_info.poolSizeCount = static_cast<std::uint32_t>(sizes.size());
  pool_info.pPoolSizes = sizes.data();
  VkDescriptorPool pool = VK_NULL_HANDLE;
  VK_CHECK(vkCreateDescriptorPool(d, &pool_info, nullptr, &pool));
  pool_ = render::Unique<VkDescriptorPool>(d, pool);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is the program's, not a file's
  ImGui::StyleColorsDark();
  bool merge = false;
  for (const std::string& file : fonts) {
    ImFontConfig config;
    config.MergeMode = merge;
    const ImWchar* ranges = merge ? io.Fonts->GetGlyphRangesChineseSimplifiedCommon()
                                  : io.Fonts->GetGlyphRangesDefault();
    if (io.Fonts->AddFontFromFileTTF(file.c_str(), 16.0f, &config, ranges) != nullptr) merge = true;
  }
  ImGui_ImplGlfw_InitForVulkan(window.handle(), true);
  ImGui_ImplVulkan_InitInfo init{};
  init.Instance = device.instance();
  init.PhysicalDevice = device.physical_device();
  init.Device = d;
  init.QueueFamily = device.queue_family();
  init.Queue = device.queue();
  init.DescriptorPool = pool;
  init.MinImageCount = std::max(2u, swapchain.min_image_count());
  init.ImageCount = std::max(init.MinImageCount, swapchain.image_count());
  init.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
  init.CheckVkResultFn = check_vk;
  ImGui_ImplVulkan_Init(&init, pass_.get());
  create_framebuffers(swapchain);

  // The font atlas, uploaded once with a one-time command buffer.
  auto pool_ci =
      render::vk_init<VkCommandPoolCreateInfo>(VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO);
  pool_ci.queueFamilyIndex = device.queue_family();
  VkCommandPool cmd_pool = VK_NULL_HANDLE;
  VK_CHECK(vkCreateCommandPool(d, &pool_ci, nullptr, &cmd_pool));
  auto alloc =
      render::vk_init<VkCommandBufferAllocateInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO);
  alloc.commandPool = cmd_pool;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VK_CHECK(vkAllocateCommandBuffers(d, &alloc, &cmd));
  auto begin =
      render::vk_init<VkCommandBufferBeginInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO);
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK(vkBeginCommandBuffer(cmd, &begin));
  ImGui_ImplVulkan_CreateFontsTexture(cmd);
  VK_CHECK(vkEndCommandBuffer(cmd));
  auto submit = render::vk_init<VkSubmitInfo>(VK_STRUCTURE_TYPE_SUBMIT_INFO);
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  VK_CHECK(vkQueueSubmit(device.queue(), 1, &submit, VK_NULL_HANDLE));
  VK_CHECK(vkQueueWaitIdle(device.queue()));
  ImGui_ImplVulkan_DestroyFontUploadObjects();
  vkDestroyCommandPool(d, cmd_pool, nullptr);
}

ImGuiLayer::~ImGuiLayer() {
  vkDeviceWaitIdle(device_.device());
  if (frame_open_) ImGui::EndFrame();
  ImGui_ImplVulkan_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
}

void ImGuiLayer::create_framebuffers(const Swapchain& swapchain) {
  framebuffers_.clear();
  const VkDevice d = device_.device();
  for (std::uint32_t i = 0; i < swapchain.image_count(); ++i) {
    const VkImageView view = swapchain.view(i);
    auto info = render::vk_init<VkFramebufferCreateInfo>(VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO);
    info.renderPass = pass_.get();
    info.attachmentCount = 1;
    info.pAttachments = &view;
    info.width = swapchain.extent().width;
    info.height = swapchain.extent().height;
    info.layers = 1;
    VkFramebuffer fb = VK_NULL_HANDLE;
    VK_CHECK(vkCreateFramebuffer(d, &info, nullptr, &fb));
    framebuffers_.emplace_back(d, fb);
  }
}

void ImGuiLayer::resize(const Swapchain& swapchain) {
  ImGui_ImplVulkan_SetMinImageCount(std::max(2u, swapchain.min_image_count()));
  create_framebuffers(swapchain);
}

void ImGuiLayer::new_frame() {
  ImGui_ImplVulkan_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  frame_open_ = true;
}

void ImGuiLayer::skip_frame() {
  if (frame_open_) ImGui::EndFrame();
  frame_open_ = false;
}

void ImGuiLayer::record(VkCommandBuffer cmd, std::uint32_t image, VkExtent2D extent) {
  ImGui::Render();
  frame_open_ = false;
  auto begin = render::vk_init<VkRenderPassBeginInfo>(VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO);
  begin.renderPass = pass_.get();
  begin.framebuffer = framebuffers_[image].get();
  begin.renderArea = {{0, 0}, extent};
  vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);
  ImGui_ImplVulkan_RenderDrawData(ImGui::GetDrawData(), cmd, VK_NULL_HANDLE);
  vkCmdEndRenderPass(cmd);
}

}  // namespace trialxr::desktop
