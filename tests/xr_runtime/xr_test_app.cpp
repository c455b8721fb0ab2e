#include "xr_test_app.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace trialxr::testing::xr {

std::string result_name(XrResult result) {
  switch (result) {
#define TRIALXR_CASE(name, value) \
  case name:                      \
    return #name;
    XR_LIST_ENUM_XrResult(TRIALXR_CASE)
#undef TRIALXR_CASE
            default : return "XrResult " +
                      std::to_string(static_cast<int>(result));
  }
}

void check(XrResult result, const char* what) {
  if (XR_FAILED(result)) throw std::runtime_error(std::string(what) + ": " + result_name(result));
}

void check_vk(VkResult result, const char* what) {
  if (result != VK_SUCCESS)
    throw std::runtime_error(std::string(what) + ": VkResult " +
                             std::to_string(static_cast<int>(result)));
}

// [RuntimeLibrary] ------------------------------------------------------------------------

RuntimeLibrary& RuntimeLibrary::get() {
  static RuntimeLibrary library;
  return library;
}

RuntimeLibrary::RuntimeLibrary() {
  const char* manifest_path = std::getenv("XR_RUNTIME_JSON");
  if (manifest_path == nullptr) throw std::runtime_error("XR_RUNTIME_JSON is not set");
  std::ifstream in(manifest_path);
  const nlohmann::json manifest = nlohmann::json::parse(in);
  path = manifest.at("runtime").at("library_path").get<std::string>();
  // The loader opens the same file, so both share the runtime's one state.
  handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle_ == nullptr) throw std::runtime_error(std::string("dlopen: ") + dlerror());
  auto load = [this](auto& pointer, const char* name) {
    void* symbol = dlsym(handle_, name);
    if (symbol == nullptr) throw std::runtime_error(std::string("missing symbol ") + name);
    pointer = reinterpret_cast<std::remove_reference_t<decltype(pointer)>>(symbol);
  };
  load(negotiate, "xrNegotiateLoaderRuntimeInterface");
  load(reset, "trialxr_test_reset");
  load(set_view_size, "trialxr_test_set_view_size");
  load(set_fov, "trialxr_test_set_fov");
  load(set_ipd, "trialxr_test_set_ipd");
  load(set_blend_modes, "trialxr_test_set_blend_modes");
  load(set_stage, "trialxr_test_set_stage");
  load(set_eye_height, "trialxr_test_set_eye_height");
  load(set_headset_connected, "trialxr_test_set_headset_connected");
  load(set_head_pose, "trialxr_test_set_head_pose");
  load(set_controller_connected, "trialxr_test_set_controller_connected");
  load(set_aim_pose, "trialxr_test_set_aim_pose");
  load(set_select, "trialxr_test_set_select");
  load(set_menu, "trialxr_test_set_menu");
  load(set_focus, "trialxr_test_set_focus");
  load(lose_session, "trialxr_test_lose_session");
  load(lose_instance, "trialxr_test_lose_instance");
  load(haptics, "trialxr_test_haptics");
  load(frames_ended, "trialxr_test_frames_ended");
  load(last_frame, "trialxr_test_last_frame");
  load(read_view, "trialxr_test_read_view");
  load(set_depth_extension_offered, "trialxr_test_set_depth_extension_offered");
  load(read_depth, "trialxr_test_read_depth");
}

std::vector<uint8_t> RuntimeLibrary::view_pixels(uint32_t index, uint32_t& width,
                                                 uint32_t& height) const {
  if (read_view(index, &width, &height, nullptr, 0) != XR_TRUE) return {};
  std::vector<uint8_t> rgba(std::size_t{width} * height * 4);
  if (read_view(index, &width, &height, rgba.data(), rgba.size()) != XR_TRUE) return {};
  return rgba;
}

std::vector<float> RuntimeLibrary::view_depth(uint32_t index, uint32_t& width,
                                              uint32_t& height) const {
  if (read_depth(index, &width, &height, nullptr, 0) != XR_TRUE) return {};
  std::vector<float> depth(std::size_t{width} * height);
  if (read_depth(index, &width, &height, depth.data(), depth.size()) != XR_TRUE) return {};
  return depth;
}

// [CoreValidationLog] ---------------------------------------------------------------------

CoreValidationLog& CoreValidationLog::get() {
  static CoreValidationLog log;
  return log;
}

CoreValidationLog::CoreValidationLog() {
  path_ = (std::filesystem::temp_directory_path() /
           ("trialxr_xr_core_validation_" + std::to_string(getpid()) + ".txt"))
              .string();
  std::filesystem::remove(path_);
  setenv("XR_CORE_VALIDATION_EXPORT_TYPE", "text", 1);
  setenv("XR_CORE_VALIDATION_FILE_NAME", path_.c_str(), 1);
}

CoreValidationLog::~CoreValidationLog() {
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

std::size_t CoreValidationLog::mark() const {
  std::error_code error;
  const auto size = std::filesystem::file_size(path_, error);
  return error ? 0 : static_cast<std::size_t>(size);
}

std::string CoreValidationLog::since(std::size_t mark) const {
  std::ifstream in(path_, std::ios::binary);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() > mark ? all.substr(mark) : std::string();
}

// [XrApp] ---------------------------------------------------------------------------------

namespace {

VKAPI_ATTR VkBool32 VKAPI_CALL on_vulkan_message(VkDebugUtilsMessageSeverityFlagBitsEXT,
                                                 VkDebugUtilsMessageTypeFlagsEXT,
                                                 const VkDebugUtilsMessengerCallbackDataEXT* data,
                                                 void* user) {
  static_cast<std::vector<std::string>*>(user)->emplace_back(data->pMessage);
  return VK_FALSE;
}

VkDebugUtilsMessengerCreateInfoEXT messenger_info(std::vector<std::string>* messages) {
  VkDebugUtilsMessengerCreateInfoEXT info{};
  info.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT;
  info.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                         VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  info.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                     VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                     VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  info.pfnUserCallback = on_vulkan_message;
  info.pUserData = messages;
  return info;
}

}  // namespace

XrApp::XrApp(const AppOptions& options) {
  CoreValidationLog::get();
  std::vector<const char*> extensions{XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME};
  if (options.depth_extension) extensions.push_back(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
  auto info = xr_struct<XrInstanceCreateInfo>(XR_TYPE_INSTANCE_CREATE_INFO);
  std::strcpy(info.applicationInfo.applicationName, "trialxr xr_runtime_test");
  info.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
  info.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  info.enabledExtensionNames = extensions.data();
  check(xrCreateInstance(&info, &instance), "xrCreateInstance");
  if (!options.get_system) return;
  auto system_info = xr_struct<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
  system_info.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  check(xrGetSystem(instance, &system_info, &system), "xrGetSystem");
}

XrApp::~XrApp() {
  shutdown();
}

void XrApp::shutdown() {
  for (Swapchain& s : swapchains_) xrDestroySwapchain(s.handle);
  swapchains_.clear();
  if (session != XR_NULL_HANDLE) xrDestroySession(session);
  session = XR_NULL_HANDLE;
  if (pool_ != VK_NULL_HANDLE) vkDestroyCommandPool(device, pool_, nullptr);
  pool_ = VK_NULL_HANDLE;
  if (device != VK_NULL_HANDLE) vkDestroyDevice(device, nullptr);
  device = VK_NULL_HANDLE;
  if (messenger_ != VK_NULL_HANDLE) {
    auto destroy_messenger = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(vk_instance, "vkDestroyDebugUtilsMessengerEXT"));
    destroy_messenger(vk_instance, messenger_, nullptr);
  }
  messenger_ = VK_NULL_HANDLE;
  if (vk_instance != VK_NULL_HANDLE) vkDestroyInstance(vk_instance, nullptr);
  vk_instance = VK_NULL_HANDLE;
  if (instance != XR_NULL_HANDLE) xrDestroyInstance(instance);
  instance = XR_NULL_HANDLE;
}

void XrApp::create_vulkan() {
  auto requirements =
      xr_struct<XrGraphicsRequirementsVulkan2KHR>(XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR);
  check(function<PFN_xrGetVulkanGraphicsRequirements2KHR>("xrGetVulkanGraphicsRequirements2KHR")(
            instance, system, &requirements),
        "xrGetVulkanGraphicsRequirements2KHR");

  VkApplicationInfo app{};
  app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
  app.pApplicationName = "trialxr xr_runtime_test";
  app.apiVersion = VK_API_VERSION_1_2;
  const char* layers[] = {"VK_LAYER_KHRONOS_validation"};
  const char* vk_extensions[] = {VK_EXT_DEBUG_UTILS_EXTENSION_NAME};
  VkValidationFeatureEnableEXT enables[] = {
      VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT};
  VkValidationFeaturesEXT features{};
  features.sType = VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT;
  features.enabledValidationFeatureCount = 1;
  features.pEnabledValidationFeatures = enables;
  VkDebugUtilsMessengerCreateInfoEXT messenger = messenger_info(&vulkan_messages);
  messenger.pNext = &features;
  VkInstanceCreateInfo vk_info{};
  vk_info.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
  vk_info.pNext = &messenger;
  vk_info.pApplicationInfo = &app;
  vk_info.enabledLayerCount = 1;
  vk_info.ppEnabledLayerNames = layers;
  vk_info.enabledExtensionCount = 1;
  vk_info.ppEnabledExtensionNames = vk_extensions;
  auto create = xr_struct<XrVulkanInstanceCreateInfoKHR>(XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR);
  create.systemId = system;
  create.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
  create.vulkanCreateInfo = &vk_info;
  VkResult vk_result = VK_ERROR_UNKNOWN;
  check(function<PFN_xrCreateVulkanInstanceKHR>("xrCreateVulkanInstanceKHR")(
            instance, &create, &vk_instance, &vk_result),
        "xrCreateVulkanInstanceKHR");
  check_vk(vk_result, "vkCreateInstance");
  VkDebugUtilsMessengerCreateInfoEXT after = messenger_info(&vulkan_messages);
  auto create_messenger = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
      vkGetInstanceProcAddr(vk_instance, "vkCreateDebugUtilsMessengerEXT"));
  check_vk(create_messenger(vk_instance, &after, nullptr, &messenger_),
           "vkCreateDebugUtilsMessengerEXT");

  auto device_info =
      xr_struct<XrVulkanGraphicsDeviceGetInfoKHR>(XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR);
  device_info.systemId = system;
  device_info.vulkanInstance = vk_instance;
  check(function<PFN_xrGetVulkanGraphicsDevice2KHR>("xrGetVulkanGraphicsDevice2KHR")(
            instance, &device_info, &physical),
        "xrGetVulkanGraphicsDevice2KHR");

  uint32_t family_count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(physical, &family_count, nullptr);
  std::vector<VkQueueFamilyProperties> families(family_count);
  vkGetPhysicalDeviceQueueFamilyProperties(physical, &family_count, families.data());
  while (queue_family < family_count &&
         (families[queue_family].queueFlags & VK_QUEUE_GRAPHICS_BIT) == 0)
    ++queue_family;
  const float priority = 1.0f;
  VkDeviceQueueCreateInfo queue_info{};
  queue_info.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
  queue_info.queueFamilyIndex = queue_family;
  queue_info.queueCount = 1;
  queue_info.pQueuePriorities = &priority;
  VkDeviceCreateInfo device_create{};
  device_create.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
  device_create.queueCreateInfoCount = 1;
  device_create.pQueueCreateInfos = &queue_info;
  auto create_device =
      xr_struct<XrVulkanDeviceCreateInfoKHR>(XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR);
  create_device.systemId = system;
  create_device.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
  create_device.vulkanPhysicalDevice = physical;
  create_device.vulkanCreateInfo = &device_create;
  check(function<PFN_xrCreateVulkanDeviceKHR>("xrCreateVulkanDeviceKHR")(instance, &create_device,
                                                                         &device, &vk_result),
        "xrCreateVulkanDeviceKHR");
  check_vk(vk_result, "vkCreateDevice");
  vkGetDeviceQueue(device, queue_family, 0, &queue);
  VkCommandPoolCreateInfo pool_info{};
  pool_info.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  pool_info.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  pool_info.queueFamilyIndex = queue_family;
  check_vk(vkCreateCommandPool(device, &pool_info, nullptr, &pool_), "vkCreateCommandPool");
}

XrGraphicsBindingVulkan2KHR XrApp::binding() const {
  auto b = xr_struct<XrGraphicsBindingVulkan2KHR>(XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR);
  b.instance = vk_instance;
  b.physicalDevice = physical;
  b.device = device;
  b.queueFamilyIndex = queue_family;
  b.queueIndex = 0;
  return b;
}

void XrApp::create_session() {
  if (device == VK_NULL_HANDLE) create_vulkan();
  const XrGraphicsBindingVulkan2KHR b = binding();
  auto info = xr_struct<XrSessionCreateInfo>(XR_TYPE_SESSION_CREATE_INFO);
  info.next = &b;
  info.systemId = system;
  check(xrCreateSession(instance, &info, &session), "xrCreateSession");
  auto space = xr_struct<XrReferenceSpaceCreateInfo>(XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
  space.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_LOCAL;
  space.poseInReferenceSpace.orientation.w = 1.0f;
  check(xrCreateReferenceSpace(session, &space, &local), "xrCreateReferenceSpace");
}

std::vector<XrSessionState> XrApp::poll() {
  std::vector<XrSessionState> states;
  for (;;) {
    auto event = xr_struct<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
    const XrResult r = xrPollEvent(instance, &event);
    check(r, "xrPollEvent");
    if (r == XR_EVENT_UNAVAILABLE) return states;
    if (event.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED) {
      const auto& changed = reinterpret_cast<const XrEventDataSessionStateChanged&>(event);
      state = changed.state;
      states.push_back(changed.state);
    } else {
      events.push_back(event);
    }
  }
}

void XrApp::begin_session() {
  auto info = xr_struct<XrSessionBeginInfo>(XR_TYPE_SESSION_BEGIN_INFO);
  info.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  check(xrBeginSession(session, &info), "xrBeginSession");
}

void XrApp::run_to_focused() {
  poll();
  begin_session();
  for (int i = 0; i < 10 && state != XR_SESSION_STATE_FOCUSED; ++i) {
    empty_frame();
    poll();
  }
  if (state != XR_SESSION_STATE_FOCUSED) throw std::runtime_error("the session never got focus");
}

XrFrameState XrApp::wait_frame() {
  auto frame = xr_struct<XrFrameState>(XR_TYPE_FRAME_STATE);
  check(xrWaitFrame(session, nullptr, &frame), "xrWaitFrame");
  return frame;
}

void XrApp::begin_frame() {
  check(xrBeginFrame(session, nullptr), "xrBeginFrame");
}

XrResult XrApp::end_frame(const std::vector<const XrCompositionLayerBaseHeader*>& layers,
                          XrTime display_time, XrEnvironmentBlendMode blend) {
  auto info = xr_struct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
  info.displayTime = display_time;
  info.environmentBlendMode = blend;
  info.layerCount = static_cast<uint32_t>(layers.size());
  info.layers = layers.empty() ? nullptr : layers.data();
  return xrEndFrame(session, &info);
}

XrFrameState XrApp::empty_frame() {
  const XrFrameState frame = wait_frame();
  begin_frame();
  check(end_frame({}, frame.predictedDisplayTime), "xrEndFrame");
  return frame;
}

Swapchain XrApp::create_swapchain(int64_t format, uint32_t width, uint32_t height, uint32_t layers,
                                  XrSwapchainUsageFlags usage, XrSwapchainCreateFlags flags) {
  auto info = xr_struct<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
  info.createFlags = flags;
  info.usageFlags = usage;
  info.format = format;
  info.sampleCount = 1;
  info.width = width;
  info.height = height;
  info.faceCount = 1;
  info.arraySize = layers;
  info.mipCount = 1;
  Swapchain s;
  s.width = width;
  s.height = height;
  s.layers = layers;
  check(xrCreateSwapchain(session, &info, &s.handle), "xrCreateSwapchain");
  uint32_t count = 0;
  check(xrEnumerateSwapchainImages(s.handle, 0, &count, nullptr), "xrEnumerateSwapchainImages");
  std::vector<XrSwapchainImageVulkan2KHR> images(
      count, xr_struct<XrSwapchainImageVulkan2KHR>(XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR));
  check(xrEnumerateSwapchainImages(s.handle, count, &count,
                                   reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data())),
        "xrEnumerateSwapchainImages");
  for (const auto& image : images) s.images.push_back(image.image);
  swapchains_.push_back(s);
  return s;
}

uint32_t XrApp::acquire(const Swapchain& swapchain) {
  uint32_t index = 0;
  check(xrAcquireSwapchainImage(swapchain.handle, nullptr, &index), "xrAcquireSwapchainImage");
  auto wait = xr_struct<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
  wait.timeout = XR_INFINITE_DURATION;
  check(xrWaitSwapchainImage(swapchain.handle, &wait), "xrWaitSwapchainImage");
  return index;
}

void XrApp::release(const Swapchain& swapchain) {
  check(xrReleaseSwapchainImage(swapchain.handle, nullptr), "xrReleaseSwapchainImage");
}

void XrApp::run_commands(const std::function<void(VkCommandBuffer)>& record) {
  VkCommandBufferAllocateInfo alloc{};
  alloc.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
  alloc.commandPool = pool_;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  check_vk(vkAllocateCommandBuffers(device, &alloc, &cmd), "vkAllocateCommandBuffers");
  VkCommandBufferBeginInfo begin{};
  begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  check_vk(vkBeginCommandBuffer(cmd, &begin), "vkBeginCommandBuffer");
  record(cmd);
  check_vk(vkEndCommandBuffer(cmd), "vkEndCommandBuffer");
  VkSubmitInfo submit{};
  submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  check_vk(vkQueueSubmit(queue, 1, &submit, VK_NULL_HANDLE), "vkQueueSubmit");
  check_vk(vkQueueWaitIdle(queue), "vkQueueWaitIdle");
  vkFreeCommandBuffers(device, pool_, 1, &cmd);
}

void XrApp::clear(const Swapchain& swapchain, uint32_t index,
                  const std::vector<VkClearColorValue>& colors) {
  run_commands([&](VkCommandBuffer cmd) {
    VkImageMemoryBarrier barrier{};
    barrier.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
    barrier.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    barrier.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    barrier.oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    barrier.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.image = swapchain.images[index];
    barrier.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, swapchain.layers};
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                         VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 1, &barrier);
    for (uint32_t layer = 0; layer < swapchain.layers; ++layer) {
      const VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, layer, 1};
      vkCmdClearColorImage(cmd, barrier.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                           &colors.at(layer), 1, &range);
    }
    barrier.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    barrier.dstAccessMask =
        VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    barrier.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    barrier.newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0, 0, nullptr, 0, nullptr,
                         1, &barrier);
  });
}

void XrApp::clear_depth(const Swapchain& swapchain, uint32_t index,
                        const std::vector<float>& depths) {
  run_commands([&](VkCommandBuffer cmd) {
    constexpr VkPipelineStageFlags kDepthStages =
        VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
    VkImageMemoryBarrier barrier{};
    barrier.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
    barrier.srcAccessMask = VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
    barrier.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    barrier.oldLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
    barrier.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.image = swapchain.images[index];
    barrier.subresourceRange = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 1, 0, swapchain.layers};
    vkCmdPipelineBarrier(cmd, kDepthStages, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0,
                         nullptr, 1, &barrier);
    for (uint32_t layer = 0; layer < swapchain.layers; ++layer) {
      const VkImageSubresourceRange range{VK_IMAGE_ASPECT_DEPTH_BIT, 0, 1, layer, 1};
      const VkClearDepthStencilValue value{depths.at(layer), 0};
      vkCmdClearDepthStencilImage(cmd, barrier.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &value,
                                  1, &range);
    }
    barrier.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    barrier.dstAccessMask =
        VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
    barrier.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    barrier.newLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, kDepthStages, 0, 0, nullptr, 0,
                         nullptr, 1, &barrier);
  });
}

std::array<XrView, 2> XrApp::locate_views(XrTime time, XrSpace space) {
  auto info = xr_struct<XrViewLocateInfo>(XR_TYPE_VIEW_LOCATE_INFO);
  info.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  info.displayTime = time;
  info.space = space;
  auto view_state = xr_struct<XrViewState>(XR_TYPE_VIEW_STATE);
  std::array<XrView, 2> views{xr_struct<XrView>(XR_TYPE_VIEW), xr_struct<XrView>(XR_TYPE_VIEW)};
  uint32_t count = 0;
  check(xrLocateViews(session, &info, &view_state, 2, &count, views.data()), "xrLocateViews");
  return views;
}

// [ProjectionLayer] -----------------------------------------------------------------------

ProjectionLayer::ProjectionLayer(const std::array<XrView, 2>& located, XrSpace space,
                                 const Swapchain& color) {
  layer.type = XR_TYPE_COMPOSITION_LAYER_PROJECTION;
  layer.space = space;
  layer.viewCount = 2;
  layer.views = views.data();
  for (uint32_t i = 0; i < 2; ++i) {
    views[i].type = XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW;
    views[i].pose = located[i].pose;
    views[i].fov = located[i].fov;
    views[i].subImage.swapchain = color.handle;
    views[i].subImage.imageRect = {
        {0, 0}, {static_cast<int32_t>(color.width), static_cast<int32_t>(color.height)}};
    views[i].subImage.imageArrayIndex = color.layers > 1 ? i : 0;
  }
}

void ProjectionLayer::add_depth(const Swapchain& depth_swapchain) {
  for (uint32_t i = 0; i < 2; ++i) {
    depth[i].type = XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR;
    depth[i].subImage.swapchain = depth_swapchain.handle;
    depth[i].subImage.imageRect = views[i].subImage.imageRect;
    depth[i].subImage.imageArrayIndex = depth_swapchain.layers > 1 ? i : 0;
    depth[i].minDepth = 0.0f;
    depth[i].maxDepth = 1.0f;
    depth[i].nearZ = 0.05f;
    depth[i].farZ = 100.0f;
    views[i].next = &depth[i];
  }
}

}  // namespace trialxr::testing::xr
