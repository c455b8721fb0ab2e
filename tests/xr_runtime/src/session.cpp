// Session creation against the Vulkan objects XR_KHR_vulkan_enable2 created, and the
// application's half of the session state machine (begin, end, exit requests).
#include <vector>

#include "entry_points.h"
#include "runtime.h"
#include "session_flow.h"

namespace trialxr::xrt {
namespace {

// The binding names what xrCreateVulkanInstanceKHR, xrGetVulkanGraphicsDevice2KHR and
// xrCreateVulkanDeviceKHR produced, and a graphics queue the device was created with.
XrResult check_binding(const Instance& inst, const XrGraphicsBindingVulkan2KHR& binding,
                       const VulkanInstanceRecord*& vk_instance) {
  vk_instance = inst.find_vk_instance(binding.instance);
  if (vk_instance == nullptr || vk_instance->api_version < VK_API_VERSION_1_2)
    return XR_ERROR_GRAPHICS_DEVICE_INVALID;
  if (binding.physicalDevice == VK_NULL_HANDLE || binding.physicalDevice != inst.vk_physical ||
      binding.instance != inst.vk_physical_instance)
    return XR_ERROR_GRAPHICS_DEVICE_INVALID;
  const VulkanDeviceRecord* device = inst.find_vk_device(binding.device);
  if (device == nullptr || device->physical != binding.physicalDevice)
    return XR_ERROR_GRAPHICS_DEVICE_INVALID;
  bool queue_created = false;
  for (auto [family, count] : device->queues)
    if (family == binding.queueFamilyIndex && binding.queueIndex < count) queue_created = true;
  if (!queue_created) return XR_ERROR_VALIDATION_FAILURE;
  auto get_families = reinterpret_cast<PFN_vkGetPhysicalDeviceQueueFamilyProperties>(
      vk_instance->get_proc(binding.instance, "vkGetPhysicalDeviceQueueFamilyProperties"));
  if (get_families == nullptr) return XR_ERROR_RUNTIME_FAILURE;
  uint32_t family_count = 0;
  get_families(binding.physicalDevice, &family_count, nullptr);
  std::vector<VkQueueFamilyProperties> families(family_count);
  get_families(binding.physicalDevice, &family_count, families.data());
  if (binding.queueFamilyIndex >= family_count ||
      (families[binding.queueFamilyIndex].queueFlags & VK_QUEUE_GRAPHICS_BIT) == 0)
    return XR_ERROR_VALIDATION_FAILURE;
  return XR_SUCCESS;
}

void reset_frame_loop(Session& session) {
  session.wait_pending = false;
  session.frame_begun = false;
}

}  // namespace

XrResult xrCreateSession(XrInstance instance, const XrSessionCreateInfo* info, XrSession* session) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Instance* inst = nullptr;
  if (XrResult r = rt.get(instance, inst); XR_FAILED(r)) return r;
  if (info == nullptr || session == nullptr || info->type != XR_TYPE_SESSION_CREATE_INFO ||
      info->createFlags != 0)
    return XR_ERROR_VALIDATION_FAILURE;
  if (info->systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (!inst->graphics_requirements_queried) return XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING;
  const XrBaseInStructure* found =
      inst->vulkan_enable2 ? find_in_chain(info->next, XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR)
                           : nullptr;
  if (found == nullptr) return XR_ERROR_GRAPHICS_DEVICE_INVALID;
  const auto& binding = *reinterpret_cast<const XrGraphicsBindingVulkan2KHR*>(found);
  const VulkanInstanceRecord* vk_instance = nullptr;
  if (XrResult r = check_binding(*inst, binding, vk_instance); XR_FAILED(r)) return r;
  // One session per instance, as the specification allows.
  if (rt.session_of(*inst) != nullptr) return XR_ERROR_LIMIT_REACHED;

  auto s = std::make_unique<Session>();
  if (XrResult r = VulkanSession::create(binding, vk_instance->get_proc, s->vk); XR_FAILED(r))
    return r;
  s->id = rt.new_id();
  s->instance = inst->id;
  s->reference_spaces = {XR_REFERENCE_SPACE_TYPE_VIEW, XR_REFERENCE_SPACE_TYPE_LOCAL};
  if (rt.device.stage) s->reference_spaces.push_back(XR_REFERENCE_SPACE_TYPE_STAGE);
  Session& created = *s;
  rt.sessions.emplace(s->id, std::move(s));
  rt.set_state(created, XR_SESSION_STATE_IDLE);
  rt.set_state(created, XR_SESSION_STATE_READY);
  *session = to_handle<XrSession>(created.id);
  return XR_SUCCESS;
}

XrResult xrDestroySession(XrSession session) {
  auto lock = lock_runtime();
  Session* s = nullptr;
  if (XrResult r = runtime().get(session, s, true); XR_FAILED(r)) return r;
  runtime().destroy_session(s->id);
  return XR_SUCCESS;
}

XrResult xrBeginSession(XrSession session, const XrSessionBeginInfo* info) {
  auto lock = lock_runtime();
  Session* s = nullptr;
  if (XrResult r = runtime().get(session, s); XR_FAILED(r)) return r;
  if (info == nullptr || info->type != XR_TYPE_SESSION_BEGIN_INFO)
    return XR_ERROR_VALIDATION_FAILURE;
  if (s->running) return XR_ERROR_SESSION_RUNNING;
  if (info->primaryViewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)
    return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  if (s->state != XR_SESSION_STATE_READY) return XR_ERROR_SESSION_NOT_READY;
  s->running = true;
  s->exit_requested = false;
  s->view_configuration = info->primaryViewConfigurationType;
  reset_frame_loop(*s);
  return XR_SUCCESS;
}

XrResult xrEndSession(XrSession session) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
  if (s->state != XR_SESSION_STATE_STOPPING) return XR_ERROR_SESSION_NOT_STOPPING;
  s->running = false;
  reset_frame_loop(*s);
  rt.frame_waiters.notify_all();
  // The runtime never stops a session on its own, so STOPPING always follows an exit request.
  rt.set_state(*s, XR_SESSION_STATE_IDLE);
  rt.set_state(*s, XR_SESSION_STATE_EXITING);
  return XR_SUCCESS;
}

XrResult xrRequestExitSession(XrSession session) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
  s->exit_requested = true;
  step_down_to_stopping(rt, *s);
  return XR_SUCCESS;
}

}  // namespace trialxr::xrt
