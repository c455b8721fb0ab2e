#include "trialxr/xr/xr_host.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <glm/gtc/matrix_transform.hpp>

#include "trialxr/core/check.h"
#include "trialxr/render/vk_check.h"
#include "xr_call.h"
#include "xr_input.h"
#include "xr_math.h"

namespace trialxr::xr {

std::string result_name(XrInstance instance, XrResult result) {
  char text[XR_MAX_RESULT_STRING_SIZE] = {};
  if (instance != XR_NULL_HANDLE && XR_SUCCEEDED(xrResultToString(instance, result, text)))
    return text;
  return fmt::format("XrResult {}", static_cast<int>(result));
}

std::string_view session_state_name(SessionState s) {
  static constexpr std::string_view kNames[] = {"unknown",      "idle",         "ready",
                                                "synchronized", "visible",      "focused",
                                                "stopping",     "loss pending", "exiting"};
  return kNames[static_cast<std::size_t>(s)];
}

std::string_view blend_mode_name(BlendMode m) {
  switch (m) {
    case BlendMode::opaque:
      return "opaque";
    case BlendMode::additive:
      return "additive";
    case BlendMode::alpha_blend:
      return "alpha blend";
  }
  return "?";
}

namespace {

// The scene's seated eye; LOCAL space has its origin at the eyes.
constexpr glm::vec3 kEyeOrigin{0.0f, 1.2f, 0.0f};

SessionState from_xr(XrSessionState s) {
  switch (s) {
    case XR_SESSION_STATE_IDLE:
      return SessionState::idle;
    case XR_SESSION_STATE_READY:
      return SessionState::ready;
    case XR_SESSION_STATE_SYNCHRONIZED:
      return SessionState::synchronized;
    case XR_SESSION_STATE_VISIBLE:
      return SessionState::visible;
    case XR_SESSION_STATE_FOCUSED:
      return SessionState::focused;
    case XR_SESSION_STATE_STOPPING:
      return SessionState::stopping;
    case XR_SESSION_STATE_LOSS_PENDING:
      return SessionState::loss_pending;
    case XR_SESSION_STATE_EXITING:
      return SessionState::exiting;
    default:
      return SessionState::unknown;
  }
}

}  // namespace

struct XrHost::Impl {
  XrDesc desc;
  XrInstance instance = XR_NULL_HANDLE;
  XrSystemId system = XR_NULL_SYSTEM_ID;
  std::string runtime;
  PFN_xrGetVulkanGraphicsRequirements2KHR get_requirements = nullptr;
  PFN_xrCreateVulkanInstanceKHR create_vk_instance = nullptr;
  PFN_xrGetVulkanGraphicsDevice2KHR get_vk_device = nullptr;
  PFN_xrCreateVulkanDeviceKHR create_vk_device = nullptr;
  std::unique_ptr<render::Renderer> renderer;
  XrSession session = XR_NULL_HANDLE;
  XrSpace space = XR_NULL_HANDLE;  // LOCAL or STAGE
  XrSpace view_space = XR_NULL_HANDLE;
  XrReferenceSpaceType space_type = XR_REFERENCE_SPACE_TYPE_LOCAL;
  XrSwapchain swapchain = XR_NULL_HANDLE;
  std::vector<VkImage> images;
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent2D extent{0, 0};
  // XR_KHR_composition_layer_depth: enabled when offered; the depth swapchain exists when
  // the runtime also lists a depth format the renderer can write.
  bool depth_extension = false;
  XrSwapchain depth_swapchain = XR_NULL_HANDLE;
  std::vector<VkImage> depth_images;
  VkFormat depth_format = VK_FORMAT_UNDEFINED;
  XrEnvironmentBlendMode blend = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  SessionState state = SessionState::unknown;
  bool session_running = false;
  bool exit = false;  // the session has ended for good
  std::unique_ptr<XrInput> input = std::make_unique<XrInput>();
  XrTime last_time = 0;
  glm::vec3 origin = kEyeOrigin;

  ~Impl() {
    if (renderer) renderer->wait_idle();
    if (depth_swapchain != XR_NULL_HANDLE) xrDestroySwapchain(depth_swapchain);
    if (swapchain != XR_NULL_HANDLE) xrDestroySwapchain(swapchain);
    if (view_space != XR_NULL_HANDLE) xrDestroySpace(view_space);
    if (space != XR_NULL_HANDLE) xrDestroySpace(space);
    input.reset();  // action spaces and sets belong to the session and instance
    if (session != XR_NULL_HANDLE) xrDestroySession(session);
    renderer.reset();  // the Vulkan device and instance, before the OpenXR instance
    if (instance != XR_NULL_HANDLE) xrDestroyInstance(instance);
  }

  template <class F>
  Status proc(const char* name, F& out) {
    XR_TRY(instance,
           xrGetInstanceProcAddr(instance, name, reinterpret_cast<PFN_xrVoidFunction*>(&out)));
    return {};
  }

  Status create_instance() {
    std::uint32_t count = 0;
    XrResult r = xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr);
    if (XR_FAILED(r)) {
      return fail(
          "no OpenXR runtime: install one (Monado, SteamVR, a headset vendor's) or point "
          "XR_RUNTIME_JSON at its manifest");
    }
    std::vector<XrExtensionProperties> extensions(
        count, xr_struct<XrExtensionProperties>(XR_TYPE_EXTENSION_PROPERTIES));
    XR_TRY(XR_NULL_HANDLE,
           xrEnumerateInstanceExtensionProperties(nullptr, count, &count, extensions.data()));
    auto offered = [&](const char* name) {
      return std::any_of(extensions.begin(), extensions.end(), [&](const XrExtensionProperties& e) {
        return std::strcmp(e.extensionName, name) == 0;
      });
    };
    if (!offered(XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME))
      return fail("the OpenXR runtime does not offer Vulkan (XR_KHR_vulkan_enable2)");
    // Depth lets the compositor reproject with the scene's real distances.
    depth_extension = offered(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
    std::vector<const char*> enabled = {XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME};
    if (depth_extension) enabled.push_back(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
    auto info = xr_struct<XrInstanceCreateInfo>(XR_TYPE_INSTANCE_CREATE_INFO);
    std::strncpy(info.applicationInfo.applicationName, desc.application_name.c_str(),
                 XR_MAX_APPLICATION_NAME_SIZE - 1);
    std::strncpy(info.applicationInfo.engineName, "TrialXR", XR_MAX_ENGINE_NAME_SIZE - 1);
    info.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
    info.enabledExtensionCount = static_cast<std::uint32_t>(enabled.size());
    info.enabledExtensionNames = enabled.data();
    XR_TRY(XR_NULL_HANDLE, xrCreateInstance(&info, &instance));
    auto props = xr_struct<XrInstanceProperties>(XR_TYPE_INSTANCE_PROPERTIES);
    XR_TRY(instance, xrGetInstanceProperties(instance, &props));
    runtime = props.runtimeName;
    auto sys = xr_struct<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
    sys.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
    r = xrGetSystem(instance, &sys, &system);
    if (r == XR_ERROR_FORM_FACTOR_UNAVAILABLE)
      return fail(
          fmt::format("the OpenXR runtime '{}' finds no headset: connect and wake it", runtime));
    XR_TRY(instance, r);
    if (auto s = proc("xrGetVulkanGraphicsRequirements2KHR", get_requirements); !s) return s;
    if (auto s = proc("xrCreateVulkanInstanceKHR", create_vk_instance); !s) return s;
    if (auto s = proc("xrGetVulkanGraphicsDevice2KHR", get_vk_device); !s) return s;
    if (auto s = proc("xrCreateVulkanDeviceKHR", create_vk_device); !s) return s;
    return {};
  }

  Status create_renderer() {
    auto req =
        xr_struct<XrGraphicsRequirementsVulkan2KHR>(XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR);
    XR_TRY(instance, get_requirements(instance, system, &req));
    if (XR_VERSION_MAJOR(req.minApiVersionSupported) > 1 ||
        (XR_VERSION_MAJOR(req.maxApiVersionSupported) == 1 &&
         XR_VERSION_MINOR(req.maxApiVersionSupported) < 2)) {
      return fail("the OpenXR runtime cannot use Vulkan 1.2");
    }
    render::RendererDesc rd = desc.renderer;
    rd.device.create_instance = [this](const VkInstanceCreateInfo& info, VkInstance& out) {
      auto ci = xr_struct<XrVulkanInstanceCreateInfoKHR>(XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR);
      ci.systemId = system;
      ci.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
      ci.vulkanCreateInfo = &info;
      VkResult vk = VK_SUCCESS;
      if (XR_FAILED(create_vk_instance(instance, &ci, &out, &vk)))
        return VK_ERROR_INITIALIZATION_FAILED;
      return vk;
    };
    rd.device.select_physical_device = [this](VkInstance vk_instance) {
      auto info =
          xr_struct<XrVulkanGraphicsDeviceGetInfoKHR>(XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR);
      info.systemId = system;
      info.vulkanInstance = vk_instance;
      VkPhysicalDevice gpu = VK_NULL_HANDLE;
      if (XR_FAILED(get_vk_device(instance, &info, &gpu))) return VkPhysicalDevice{VK_NULL_HANDLE};
      return gpu;
    };
    rd.device.create_device = [this](VkPhysicalDevice gpu, const VkDeviceCreateInfo& info,
                                     VkDevice& out) {
      auto ci = xr_struct<XrVulkanDeviceCreateInfoKHR>(XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR);
      ci.systemId = system;
      ci.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
      ci.vulkanPhysicalDevice = gpu;
      ci.vulkanCreateInfo = &info;
      VkResult vk = VK_SUCCESS;
      if (XR_FAILED(create_vk_device(instance, &ci, &out, &vk)))
        return VK_ERROR_INITIALIZATION_FAILED;
      return vk;
    };
    auto r = render::Renderer::create(rd);
    if (!r) return tl::unexpected(std::move(r.error()));
    renderer = std::move(*r);
    return {};
  }

  Status create_session() {
    render::Device& device = renderer->device();
    auto binding = xr_struct<XrGraphicsBindingVulkan2KHR>(XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR);
    binding.instance = device.instance();
    binding.physicalDevice = device.physical_device();
    binding.device = device.device();
    binding.queueFamilyIndex = device.queue_family();
    binding.queueIndex = 0;
    auto info = xr_struct<XrSessionCreateInfo>(XR_TYPE_SESSION_CREATE_INFO);
    info.next = &binding;
    info.systemId = system;
    XR_TRY(instance, xrCreateSession(instance, &info, &session));

    // Reference space: LOCAL for a seated patient; STAGE when asked for and offered.
    std::uint32_t count = 0;
    XR_TRY(instance, xrEnumerateReferenceSpaces(session, 0, &count, nullptr));
    std::vector<XrReferenceSpaceType> spaces(count);
    XR_TRY(instance, xrEnumerateReferenceSpaces(session, count, &count, spaces.data()));
    if (desc.prefer_stage &&
        std::find(spaces.begin(), spaces.end(), XR_REFERENCE_SPACE_TYPE_STAGE) != spaces.end()) {
      space_type = XR_REFERENCE_SPACE_TYPE_STAGE;
      origin = glm::vec3(0.0f);  // STAGE: the floor is y = 0, as in the scene
    }
    if (auto s = make_space(space_type, {}, space); !s) return s;
    if (auto s = make_space(XR_REFERENCE_SPACE_TYPE_VIEW, {}, view_space); !s) return s;

    // Blend mode: what the runtime offers, passthrough first when the scene prefers it.
    XR_TRY(instance,
           xrEnumerateEnvironmentBlendModes(
               instance, system, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &count, nullptr));
    std::vector<XrEnvironmentBlendMode> modes(count);
    XR_TRY(instance, xrEnumerateEnvironmentBlendModes(instance, system,
                                                      XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO,
                                                      count, &count, modes.data()));
    if (modes.empty()) return fail("the OpenXR runtime offers no environment blend mode");
    blend = modes.front();  // the runtime's preference
    if (desc.prefer_passthrough) {
      for (XrEnvironmentBlendMode m :
           {XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND, XR_ENVIRONMENT_BLEND_MODE_ADDITIVE})
        if (std::find(modes.begin(), modes.end(), m) != modes.end()) {
          blend = m;
          break;
        }
    }

    // One array swapchain for both eyes at the recommended size.
    XR_TRY(instance,
           xrEnumerateViewConfigurationViews(
               instance, system, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &count, nullptr));
    std::vector<XrViewConfigurationView> views(
        count, xr_struct<XrViewConfigurationView>(XR_TYPE_VIEW_CONFIGURATION_VIEW));
    XR_TRY(instance, xrEnumerateViewConfigurationViews(instance, system,
                                                       XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO,
                                                       count, &count, views.data()));
    if (views.size() != 2)
      return fail(fmt::format("the headset has {} views; TrialXR needs 2", views.size()));
    extent = {views[0].recommendedImageRectWidth, views[0].recommendedImageRectHeight};
    XR_TRY(instance, xrEnumerateSwapchainFormats(session, 0, &count, nullptr));
    std::vector<std::int64_t> formats(count);
    XR_TRY(instance, xrEnumerateSwapchainFormats(session, count, &count, formats.data()));
    format = VK_FORMAT_UNDEFINED;
    for (VkFormat wanted : {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB}) {
      if (std::find(formats.begin(), formats.end(), static_cast<std::int64_t>(wanted)) !=
          formats.end()) {
        format = wanted;
        break;
      }
    }
    if (format == VK_FORMAT_UNDEFINED)
      return fail("the OpenXR runtime offers no sRGB swapchain format");
    if (auto s = make_swapchain(
            format, XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_SAMPLED_BIT,
            swapchain, images);
        !s)
      return s;

    // Depth for XR_KHR_composition_layer_depth: a second array swapchain of the same size in
    // the first format the runtime lists among these that the renderer can write (with MSAA
    // it resolves into any of them; without MSAA it needs one with stencil).
    if (depth_extension) {
      for (VkFormat wanted : {VK_FORMAT_D32_SFLOAT, VK_FORMAT_D24_UNORM_S8_UINT,
                              VK_FORMAT_D16_UNORM, VK_FORMAT_D32_SFLOAT_S8_UINT}) {
        if (std::find(formats.begin(), formats.end(), static_cast<std::int64_t>(wanted)) !=
                formats.end() &&
            renderer->supports_depth_target_format(wanted)) {
          depth_format = wanted;
          break;
        }
      }
      if (depth_format != VK_FORMAT_UNDEFINED) {
        if (auto s = make_swapchain(depth_format, XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT,
                                    depth_swapchain, depth_images);
            !s)
          return s;
      }
    }
    return input->create(instance, session);
  }

  // A two-layer array swapchain at `extent` and its images.
  Status make_swapchain(VkFormat image_format, XrSwapchainUsageFlags usage, XrSwapchain& out,
                        std::vector<VkImage>& out_images) {
    auto sc = xr_struct<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
    sc.usageFlags = usage;
    sc.format = image_format;
    sc.sampleCount = 1;
    sc.width = extent.width;
    sc.height = extent.height;
    sc.faceCount = 1;
    sc.arraySize = 2;
    sc.mipCount = 1;
    XR_TRY(instance, xrCreateSwapchain(session, &sc, &out));
    std::uint32_t count = 0;
    XR_TRY(instance, xrEnumerateSwapchainImages(out, 0, &count, nullptr));
    std::vector<XrSwapchainImageVulkan2KHR> xr_images(
        count, xr_struct<XrSwapchainImageVulkan2KHR>(XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR));
    XR_TRY(instance, xrEnumerateSwapchainImages(
                         out, count, &count,
                         reinterpret_cast<XrSwapchainImageBaseHeader*>(xr_images.data())));
    for (const auto& i : xr_images) out_images.push_back(i.image);
    return {};
  }

  Status make_space(XrReferenceSpaceType type, const XrPosef& pose, XrSpace& out) {
    auto info = xr_struct<XrReferenceSpaceCreateInfo>(XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
    info.referenceSpaceType = type;
    info.poseInReferenceSpace = pose;
    if (info.poseInReferenceSpace.orientation.w == 0.0f &&
        info.poseInReferenceSpace.orientation.x == 0.0f &&
        info.poseInReferenceSpace.orientation.y == 0.0f &&
        info.poseInReferenceSpace.orientation.z == 0.0f) {
      info.poseInReferenceSpace.orientation.w = 1.0f;
    }
    XR_TRY(instance, xrCreateReferenceSpace(session, &info, &out));
    return {};
  }
};

XrHost::XrHost() : impl_(std::make_unique<Impl>()) {}
XrHost::~XrHost() = default;

Result<std::unique_ptr<XrHost>> XrHost::create(const XrDesc& desc) {
  std::unique_ptr<XrHost> host(new XrHost());
  Impl& m = *host->impl_;
  m.desc = desc;
  if (auto s = m.create_instance(); !s) return tl::unexpected(s.error());
  if (auto s = m.create_renderer(); !s) return tl::unexpected(s.error());
  if (auto s = m.create_session(); !s) return tl::unexpected(s.error());
  return host;
}

render::Renderer& XrHost::renderer() {
  return *impl_->renderer;
}
std::string XrHost::runtime_name() const {
  return impl_->runtime;
}
SessionState XrHost::state() const {
  return impl_->state;
}
bool XrHost::running() const {
  return !impl_->exit;
}

BlendMode XrHost::blend_mode() const {
  switch (impl_->blend) {
    case XR_ENVIRONMENT_BLEND_MODE_ADDITIVE:
      return BlendMode::additive;
    case XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND:
      return BlendMode::alpha_blend;
    default:
      return BlendMode::opaque;
  }
}

Status XrHost::poll() {
  Impl& m = *impl_;
  for (;;) {
    auto event = xr_struct<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
    XrResult r = xrPollEvent(m.instance, &event);
    if (r == XR_EVENT_UNAVAILABLE) return {};
    XR_TRY(m.instance, r);
    switch (event.type) {
      case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING:
        m.exit = true;
        return fail("the OpenXR runtime is going away (instance loss pending)");
      case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED: {
        const auto& changed = *reinterpret_cast<const XrEventDataSessionStateChanged*>(&event);
        m.state = from_xr(changed.state);
        if (m.state == SessionState::ready) {
          auto begin = xr_struct<XrSessionBeginInfo>(XR_TYPE_SESSION_BEGIN_INFO);
          begin.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
          XR_TRY(m.instance, xrBeginSession(m.session, &begin));
          m.session_running = true;
        } else if (m.state == SessionState::stopping) {
          XR_TRY(m.instance, xrEndSession(m.session));
          m.session_running = false;
        } else if (m.state == SessionState::exiting || m.state == SessionState::loss_pending) {
          m.exit = true;
        }
        break;
      }
      default:
        break;  // reference space changes, interaction profile changes: nothing to do
    }
  }
}

void XrHost::request_exit() {
  if (impl_->session_running) xrRequestExitSession(impl_->session);
}

void XrHost::haptic_tick() {
  impl_->input->haptic_tick(impl_->session);
}

void XrHost::recenter() {
  Impl& m = *impl_;
  auto location = xr_struct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
  if (m.last_time == 0 || XR_FAILED(xrLocateSpace(m.view_space, m.space, m.last_time, &location)) ||
      !(location.locationFlags & XR_SPACE_LOCATION_ORIENTATION_VALID_BIT)) {
    return;
  }
  // Keep only the yaw: the new origin stands where the head is, facing where it faces.
  const Pose head = to_pose(location.pose);
  const glm::vec3 forward = head.orientation * glm::vec3(0, 0, -1);
  const float yaw = std::atan2(-forward.x, -forward.z);
  XrPosef pose{};
  const glm::quat q = glm::angleAxis(yaw, glm::vec3(0, 1, 0));
  pose.orientation = {q.x, q.y, q.z, q.w};
  pose.position = {head.position.x,
                   m.space_type == XR_REFERENCE_SPACE_TYPE_STAGE ? 0.0f : head.position.y,
                   head.position.z};
  XrSpace next = XR_NULL_HANDLE;
  if (m.make_space(m.space_type, pose, next)) {
    xrDestroySpace(m.space);
    m.space = next;
  }
}

Status XrHost::frame(const std::function<void(const XrFrame&, render::FrameInput&)>& build) {
  Impl& m = *impl_;
  if (!m.session_running) return {};
  auto wait = xr_struct<XrFrameWaitInfo>(XR_TYPE_FRAME_WAIT_INFO);
  auto state = xr_struct<XrFrameState>(XR_TYPE_FRAME_STATE);
  // A session lost between two polls shows first as a call's result: the same as the
  // LOSS_PENDING event, the session is over.
  auto lost = [&](XrResult r) {
    if (r != XR_ERROR_SESSION_LOST) return false;
    m.state = SessionState::loss_pending;
    m.session_running = false;
    m.exit = true;
    return true;
  };
#define FRAME_TRY(call)                    \
  do {                                     \
    const XrResult frame_result_ = (call); \
    if (lost(frame_result_)) return {};    \
    XR_TRY(m.instance, frame_result_);     \
  } while (false)
  FRAME_TRY(xrWaitFrame(m.session, &wait, &state));
  auto begin = xr_struct<XrFrameBeginInfo>(XR_TYPE_FRAME_BEGIN_INFO);
  FRAME_TRY(xrBeginFrame(m.session, &begin));

  auto end = xr_struct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
  end.displayTime = state.predictedDisplayTime;
  end.environmentBlendMode = m.blend;
  XrFrame frame;
  frame.display_time = state.predictedDisplayTime;
  frame.delta_seconds =
      m.last_time == 0 ? 0.0 : static_cast<double>(state.predictedDisplayTime - m.last_time) * 1e-9;
  frame.blend = blend_mode();
  m.last_time = state.predictedDisplayTime;
  std::array<XrCompositionLayerProjectionView, 2> projected{};
  std::array<XrCompositionLayerDepthInfoKHR, 2> depth_info{};
  auto layer = xr_struct<XrCompositionLayerProjection>(XR_TYPE_COMPOSITION_LAYER_PROJECTION);
  const XrCompositionLayerBaseHeader* layers[] = {
      reinterpret_cast<const XrCompositionLayerBaseHeader*>(&layer)};

  if (state.shouldRender) {
    auto locate = xr_struct<XrViewLocateInfo>(XR_TYPE_VIEW_LOCATE_INFO);
    locate.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    locate.displayTime = state.predictedDisplayTime;
    locate.space = m.space;
    auto view_state = xr_struct<XrViewState>(XR_TYPE_VIEW_STATE);
    std::array<XrView, 2> views{xr_struct<XrView>(XR_TYPE_VIEW), xr_struct<XrView>(XR_TYPE_VIEW)};
    std::uint32_t count = 0;
    FRAME_TRY(xrLocateViews(m.session, &locate, &view_state, 2, &count, views.data()));
    const bool tracked = (view_state.viewStateFlags & XR_VIEW_STATE_ORIENTATION_VALID_BIT) &&
                         (view_state.viewStateFlags & XR_VIEW_STATE_POSITION_VALID_BIT);
    if (tracked && count == 2) {
      for (const XrView& v : views) frame.views.push_back(view_from(v, m.origin));
      const Pose l = to_pose(views[0].pose), r = to_pose(views[1].pose);
      frame.head = {m.origin + (l.position + r.position) * 0.5f, l.orientation};
      if (auto s = m.input->sync(m.session, m.space, state.predictedDisplayTime,
                                 m.state == SessionState::focused, frame);
          !s)
        return s;
      if (frame.aim_valid) frame.aim.position += m.origin;
      render::FrameInput input;
      input.views = frame.views;
      if (m.blend != XR_ENVIRONMENT_BLEND_MODE_OPAQUE)
        input.clear_color = glm::vec4(0.0f);  // passthrough
      build(frame, input);
      input.views = frame.views;

      const bool with_depth = m.depth_swapchain != XR_NULL_HANDLE;
      auto acquire = xr_struct<XrSwapchainImageAcquireInfo>(XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO);
      auto wait_image = xr_struct<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
      wait_image.timeout = XR_INFINITE_DURATION;
      std::uint32_t index = 0;
      FRAME_TRY(xrAcquireSwapchainImage(m.swapchain, &acquire, &index));
      FRAME_TRY(xrWaitSwapchainImage(m.swapchain, &wait_image));
      std::uint32_t depth_index = 0;
      if (with_depth) {
        FRAME_TRY(xrAcquireSwapchainImage(m.depth_swapchain, &acquire, &depth_index));
        FRAME_TRY(xrWaitSwapchainImage(m.depth_swapchain, &wait_image));
      }
      // Both images come and go in the attachment layouts XR_KHR_vulkan_enable2 sets.
      render::RenderTarget target{m.images[index], m.format, m.extent, 2,
                                  VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
      Status drawn = with_depth
                         ? m.renderer->render(target,
                                              {m.depth_images[depth_index], m.depth_format,
                                               VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL},
                                              input, {})
                         : m.renderer->render(target, input, {});
      auto release = xr_struct<XrSwapchainImageReleaseInfo>(XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO);
      FRAME_TRY(xrReleaseSwapchainImage(m.swapchain, &release));
      if (with_depth) FRAME_TRY(xrReleaseSwapchainImage(m.depth_swapchain, &release));
      if (!drawn) return drawn;
      const XrRect2Di rect{
          {0, 0},
          {static_cast<std::int32_t>(m.extent.width), static_cast<std::int32_t>(m.extent.height)}};
      for (std::uint32_t e = 0; e < 2; ++e) {
        projected[e] =
            xr_struct<XrCompositionLayerProjectionView>(XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW);
        projected[e].pose = views[e].pose;
        projected[e].fov = views[e].fov;
        projected[e].subImage.swapchain = m.swapchain;
        projected[e].subImage.imageRect = rect;
        projected[e].subImage.imageArrayIndex = e;
        if (!with_depth) continue;
        // The renderer's depth: 0 at the near plane, 1 at the far plane (not reversed).
        depth_info[e] =
            xr_struct<XrCompositionLayerDepthInfoKHR>(XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR);
        depth_info[e].subImage.swapchain = m.depth_swapchain;
        depth_info[e].subImage.imageRect = rect;
        depth_info[e].subImage.imageArrayIndex = e;
        depth_info[e].minDepth = 0.0f;
        depth_info[e].maxDepth = 1.0f;
        depth_info[e].nearZ = kNearPlane;
        depth_info[e].farZ = kFarPlane;
        projected[e].next = &depth_info[e];
      }
      layer.space = m.space;
      layer.layerFlags = m.blend != XR_ENVIRONMENT_BLEND_MODE_OPAQUE
                             ? XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT
                             : 0;
      layer.viewCount = 2;
      layer.views = projected.data();
      end.layerCount = 1;
      end.layers = layers;
    }
  }
  FRAME_TRY(xrEndFrame(m.session, &end));
  return {};
}

#undef FRAME_TRY

}  // namespace trialxr::xr
