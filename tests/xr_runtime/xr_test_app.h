// A small OpenXR application for the runtime's tests, going through the Khronos loader:
// the runtime library and its control API (the same file the manifest names, opened with
// dlopen), the capture of the core validation layer's messages, and XrApp, which creates an
// instance, a Vulkan instance and device through XR_KHR_vulkan_enable2 (with the Vulkan
// validation layer and synchronization validation on), a session, swapchains and frames.
//
// Failures inside the helpers throw std::runtime_error naming the call and its result, which
// GoogleTest reports as a failure of the test.
#pragma once

#include <vulkan/vulkan.h>
#define XR_USE_GRAPHICS_API_VULKAN
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>
#include <openxr/openxr_reflection.h>

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "loader_interface.h"
#include "trialxr_test_runtime.h"

namespace trialxr::testing::xr {

// A zeroed OpenXR structure with its type set.
template <class T>
T xr_struct(XrStructureType type) {
  T s{};
  s.type = type;
  return s;
}

// Throws when `result` is a failure: "what: XR_ERROR_…".
void check(XrResult result, const char* what);
void check_vk(VkResult result, const char* what);
std::string result_name(XrResult result);

// The runtime library named by the manifest at XR_RUNTIME_JSON, and its exported functions.
struct RuntimeLibrary {
  static RuntimeLibrary& get();

  std::string path;  // the manifest's library_path
  PFN_xrNegotiateLoaderRuntimeInterface negotiate = nullptr;
  PFN_trialxr_test_reset reset = nullptr;
  PFN_trialxr_test_set_view_size set_view_size = nullptr;
  PFN_trialxr_test_set_fov set_fov = nullptr;
  PFN_trialxr_test_set_ipd set_ipd = nullptr;
  PFN_trialxr_test_set_blend_modes set_blend_modes = nullptr;
  PFN_trialxr_test_set_stage set_stage = nullptr;
  PFN_trialxr_test_set_eye_height set_eye_height = nullptr;
  PFN_trialxr_test_set_headset_connected set_headset_connected = nullptr;
  PFN_trialxr_test_set_head_pose set_head_pose = nullptr;
  PFN_trialxr_test_set_controller_connected set_controller_connected = nullptr;
  PFN_trialxr_test_set_aim_pose set_aim_pose = nullptr;
  PFN_trialxr_test_set_select set_select = nullptr;
  PFN_trialxr_test_set_menu set_menu = nullptr;
  PFN_trialxr_test_set_focus set_focus = nullptr;
  PFN_trialxr_test_lose_session lose_session = nullptr;
  PFN_trialxr_test_lose_instance lose_instance = nullptr;
  PFN_trialxr_test_haptics haptics = nullptr;
  PFN_trialxr_test_frames_ended frames_ended = nullptr;
  PFN_trialxr_test_last_frame last_frame = nullptr;
  PFN_trialxr_test_read_view read_view = nullptr;
  PFN_trialxr_test_set_depth_extension_offered set_depth_extension_offered = nullptr;
  PFN_trialxr_test_read_depth read_depth = nullptr;

  // View `index` of the last projection layer as RGBA8; empty when there is none.
  std::vector<uint8_t> view_pixels(uint32_t index, uint32_t& width, uint32_t& height) const;
  // The depth view `index` chained; empty when there is none.
  std::vector<float> view_depth(uint32_t index, uint32_t& width, uint32_t& height) const;

 private:
  RuntimeLibrary();
  void* handle_ = nullptr;
};

// The core validation layer writes its messages to the file XR_CORE_VALIDATION_FILE_NAME
// names, opened once per process: get() points it at a file of this process's own before
// the first instance; a test marks the file's end when it starts and reads what came after.
class CoreValidationLog {
 public:
  static CoreValidationLog& get();
  ~CoreValidationLog();
  std::size_t mark() const;
  std::string since(std::size_t mark) const;

 private:
  CoreValidationLog();
  std::string path_;
};

struct AppOptions {
  bool depth_extension = false;  // enable XR_KHR_composition_layer_depth
  bool get_system = true;        // call xrGetSystem in the constructor
};

struct Swapchain {
  XrSwapchain handle = XR_NULL_HANDLE;
  std::vector<VkImage> images;
  uint32_t width = 0;
  uint32_t height = 0;
  uint32_t layers = 1;
};

class XrApp {
 public:
  explicit XrApp(const AppOptions& options = {});
  ~XrApp();
  XrApp(const XrApp&) = delete;
  XrApp& operator=(const XrApp&) = delete;

  XrInstance instance = XR_NULL_HANDLE;
  XrSystemId system = XR_NULL_SYSTEM_ID;
  XrSession session = XR_NULL_HANDLE;
  XrSpace local = XR_NULL_HANDLE;  // created with the session
  XrSessionState state = XR_SESSION_STATE_UNKNOWN;

  // Vulkan, created through the runtime.
  VkInstance vk_instance = VK_NULL_HANDLE;
  VkPhysicalDevice physical = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  uint32_t queue_family = 0;
  VkQueue queue = VK_NULL_HANDLE;
  std::vector<std::string> vulkan_messages;  // validation warnings and errors

  template <class Pfn>
  Pfn function(const char* name) const {
    PFN_xrVoidFunction f = nullptr;
    check(xrGetInstanceProcAddr(instance, name, &f), name);
    return reinterpret_cast<Pfn>(f);
  }

  // xrGetVulkanGraphicsRequirements2KHR, xrCreateVulkanInstanceKHR,
  // xrGetVulkanGraphicsDevice2KHR, xrCreateVulkanDeviceKHR.
  void create_vulkan();
  XrGraphicsBindingVulkan2KHR binding() const;
  // create_vulkan() when needed, then xrCreateSession and a LOCAL space.
  void create_session();

  // Drains the event queue: session state changes update `state` and are returned; other
  // events are kept in `events`.
  std::vector<XrSessionState> poll();
  std::vector<XrEventDataBuffer> events;

  // Destroys the swapchains, session, Vulkan objects and instance (the destructor's work),
  // so that a test can look at what the validation layers said about it.
  void shutdown();

  void begin_session();
  // begin_session() and frames with no layers until the session is FOCUSED.
  void run_to_focused();

  XrFrameState wait_frame();
  void begin_frame();
  XrResult end_frame(const std::vector<const XrCompositionLayerBaseHeader*>& layers,
                     XrTime display_time,
                     XrEnvironmentBlendMode blend = XR_ENVIRONMENT_BLEND_MODE_OPAQUE);
  // A whole frame without layers.
  XrFrameState empty_frame();

  Swapchain create_swapchain(int64_t format, uint32_t width, uint32_t height, uint32_t layers,
                             XrSwapchainUsageFlags usage, XrSwapchainCreateFlags flags = 0);
  // Acquire and wait; returns the image index.
  uint32_t acquire(const Swapchain& swapchain);
  void release(const Swapchain& swapchain);
  // Clears every array layer `l` of the image to colors[l] (which the image holds after).
  void clear(const Swapchain& swapchain, uint32_t index,
             const std::vector<VkClearColorValue>& colors);
  // The same for a depth image (created with TRANSFER_DST usage): layer `l` to depths[l].
  void clear_depth(const Swapchain& swapchain, uint32_t index, const std::vector<float>& depths);

  std::array<XrView, 2> locate_views(XrTime time, XrSpace space);

 private:
  // Records into a one-time command buffer, submits it and waits for the queue.
  void run_commands(const std::function<void(VkCommandBuffer)>& record);
  VkCommandPool pool_ = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
  std::vector<Swapchain> swapchains_;
};

// A projection layer whose two views show `swapchain`'s array layers 0 and 1 (or, for a
// one-layer swapchain, the same layer twice) across its whole size.
struct ProjectionLayer {
  ProjectionLayer(const std::array<XrView, 2>& located, XrSpace space, const Swapchain& color);
  ProjectionLayer(const ProjectionLayer&) = delete;  // `layer` points into `views`
  ProjectionLayer& operator=(const ProjectionLayer&) = delete;
  XrCompositionLayerProjection layer{};
  std::array<XrCompositionLayerProjectionView, 2> views{};
  std::array<XrCompositionLayerDepthInfoKHR, 2> depth{};
  // Chains XrCompositionLayerDepthInfoKHR for `depth_swapchain` to both views.
  void add_depth(const Swapchain& depth_swapchain);
  const XrCompositionLayerBaseHeader* header() const {
    return reinterpret_cast<const XrCompositionLayerBaseHeader*>(&layer);
  }
};

}  // namespace trialxr::testing::xr
