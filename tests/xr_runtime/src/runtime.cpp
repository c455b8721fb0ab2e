#include "runtime.h"

#include <algorithm>
#include <cstring>

namespace trialxr::xrt {

std::array<Controller, 2> Device::default_hands() {
  std::array<Controller, 2> hands;
  hands[TRIALXR_TEST_HAND_RIGHT].connected = true;
  hands[TRIALXR_TEST_HAND_RIGHT].aim.position = {0.15f, -0.25f, -0.35f};
  hands[TRIALXR_TEST_HAND_LEFT].aim.position = {-0.15f, -0.25f, -0.35f};
  return hands;
}

// [Paths] ---------------------------------------------------------------------------------

XrPath PathTable::intern(std::string_view text) {
  if (auto it = atoms_.find(text); it != atoms_.end()) return it->second;
  strings_.emplace_back(text);
  const XrPath atom = (serial_ << 32) | strings_.size();
  atoms_.emplace(std::string(text), atom);
  return atom;
}

const std::string* PathTable::find(XrPath path) const {
  if ((path >> 32) != serial_) return nullptr;
  const uint64_t index = path & 0xffffffffu;
  if (index == 0 || index > strings_.size()) return nullptr;
  return &strings_[index - 1];
}

XrPath PathTable::lookup(std::string_view text) const {
  auto it = atoms_.find(text);
  return it == atoms_.end() ? XR_NULL_PATH : it->second;
}

const VulkanInstanceRecord* Instance::find_vk_instance(VkInstance instance) const {
  for (const VulkanInstanceRecord& r : vk_instances)
    if (r.instance == instance) return &r;
  return nullptr;
}

const VulkanDeviceRecord* Instance::find_vk_device(VkDevice device) const {
  for (const VulkanDeviceRecord& r : vk_devices)
    if (r.device == device) return &r;
  return nullptr;
}

// [Lookups] -------------------------------------------------------------------------------

XrResult Runtime::get(XrInstance handle, Instance*& out, bool destroying) {
  if (!instance || to_id(handle) != instance->id) return XR_ERROR_HANDLE_INVALID;
  if (instance->lost && !destroying) return XR_ERROR_INSTANCE_LOST;
  out = instance.get();
  return XR_SUCCESS;
}

XrResult Runtime::get(XrSession handle, Session*& out, bool destroying) {
  auto it = sessions.find(to_id(handle));
  if (it == sessions.end()) return XR_ERROR_HANDLE_INVALID;
  if (!destroying) {
    if (instance->lost) return XR_ERROR_INSTANCE_LOST;
    if (it->second->loss_delivered) return XR_ERROR_SESSION_LOST;
  }
  out = it->second.get();
  return XR_SUCCESS;
}

XrResult Runtime::get(XrSpace handle, Space*& out, Session*& session, bool destroying) {
  auto it = spaces.find(to_id(handle));
  if (it == spaces.end()) return XR_ERROR_HANDLE_INVALID;
  if (XrResult r = get(to_handle<XrSession>(it->second->session), session, destroying);
      XR_FAILED(r))
    return r;
  out = it->second.get();
  return XR_SUCCESS;
}

XrResult Runtime::get(XrSwapchain handle, Swapchain*& out, Session*& session, bool destroying) {
  auto it = swapchains.find(to_id(handle));
  if (it == swapchains.end()) return XR_ERROR_HANDLE_INVALID;
  if (XrResult r = get(to_handle<XrSession>(it->second->session), session, destroying);
      XR_FAILED(r))
    return r;
  out = it->second.get();
  return XR_SUCCESS;
}

XrResult Runtime::get(XrActionSet handle, ActionSetData*& out, bool destroying) {
  auto it = action_sets.find(to_id(handle));
  if (it == action_sets.end()) return XR_ERROR_HANDLE_INVALID;
  if (instance->lost && !destroying) return XR_ERROR_INSTANCE_LOST;
  out = it->second.get();
  return XR_SUCCESS;
}

XrResult Runtime::get(XrAction handle, ActionData*& out, bool destroying) {
  auto it = actions.find(to_id(handle));
  if (it == actions.end()) return XR_ERROR_HANDLE_INVALID;
  if (instance->lost && !destroying) return XR_ERROR_INSTANCE_LOST;
  out = it->second.get();
  return XR_SUCCESS;
}

Session* Runtime::session_of(const Instance& inst) {
  for (auto& [id, session] : sessions)
    if (session->instance == inst.id) return session.get();
  return nullptr;
}

bool Runtime::in_loss_grace(XrSession handle) {
  auto it = sessions.find(to_id(handle));
  return it != sessions.end() && it->second->lost && !it->second->loss_delivered;
}

bool Runtime::in_loss_grace(XrSpace handle) {
  auto it = spaces.find(to_id(handle));
  return it != spaces.end() && in_loss_grace(to_handle<XrSession>(it->second->session));
}

bool Runtime::in_loss_grace(XrSwapchain handle) {
  auto it = swapchains.find(to_id(handle));
  return it != swapchains.end() && in_loss_grace(to_handle<XrSession>(it->second->session));
}

// [Events] --------------------------------------------------------------------------------

void Runtime::push_event(const XrEventDataBuffer& event) {
  if (instance) instance->events.push_back(event);
}

void Runtime::set_state(Session& session, XrSessionState state) {
  session.state = state;
  auto buffer = xr_struct<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
  auto event = xr_struct<XrEventDataSessionStateChanged>(XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED);
  event.session = to_handle<XrSession>(session.id);
  event.state = state;
  event.time = instance ? instance->clock : kStartTime;
  static_assert(sizeof(event) <= sizeof(buffer));
  std::memcpy(&buffer, &event, sizeof(event));
  push_event(buffer);
}

namespace {

// The session an event is about, or 0 for instance events.
uint64_t event_session(const XrEventDataBuffer& buffer) {
  switch (buffer.type) {
    case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED: {
      XrEventDataSessionStateChanged e;
      std::memcpy(&e, &buffer, sizeof(e));
      return to_id(e.session);
    }
    case XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED: {
      XrEventDataInteractionProfileChanged e;
      std::memcpy(&e, &buffer, sizeof(e));
      return to_id(e.session);
    }
    default:
      return 0;
  }
}

}  // namespace

// [Destruction] ---------------------------------------------------------------------------

void Runtime::destroy_swapchain(uint64_t id) {
  auto it = swapchains.find(id);
  if (it == swapchains.end()) return;
  Swapchain& chain = *it->second;
  if (auto s = sessions.find(chain.session); s != sessions.end() && s->second->vk) {
    for (VulkanImage& image : chain.images) s->second->vk->destroy_image(image);
  }
  swapchains.erase(it);
}

void Runtime::destroy_session(uint64_t id) {
  std::vector<uint64_t> chains;
  for (auto& [chain_id, chain] : swapchains)
    if (chain->session == id) chains.push_back(chain_id);
  for (uint64_t chain_id : chains) destroy_swapchain(chain_id);
  std::erase_if(spaces, [id](const auto& entry) { return entry.second->session == id; });
  if (instance) {
    std::erase_if(instance->events,
                  [id](const XrEventDataBuffer& e) { return event_session(e) == id; });
  }
  sessions.erase(id);
  frame_waiters.notify_all();
}

void Runtime::destroy_instance() {
  std::vector<uint64_t> ids;
  for (auto& [id, session] : sessions) ids.push_back(id);
  for (uint64_t id : ids) destroy_session(id);
  action_sets.clear();
  actions.clear();
  instance.reset();
}

Runtime& runtime() {
  // Never destroyed: at process exit its objects may name Vulkan devices the application
  // has already destroyed.
  static Runtime* const the_runtime = new Runtime();
  return *the_runtime;
}

std::unique_lock<std::mutex> lock_runtime() {
  return std::unique_lock<std::mutex>(runtime().mutex);
}

// [Helpers] -------------------------------------------------------------------------------

XrResult enumerate_string(uint32_t capacity, uint32_t* count, char* out, std::string_view text) {
  if (count == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *count = static_cast<uint32_t>(text.size() + 1);
  if (capacity == 0) return XR_SUCCESS;
  if (out == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  if (capacity < text.size() + 1) return XR_ERROR_SIZE_INSUFFICIENT;
  text.copy(out, text.size());
  out[text.size()] = '\0';
  return XR_SUCCESS;
}

const XrBaseInStructure* find_in_chain(const void* next, XrStructureType type) {
  for (auto* s = static_cast<const XrBaseInStructure*>(next); s != nullptr; s = s->next)
    if (s->type == type) return s;
  return nullptr;
}

bool blend_mode_known(XrEnvironmentBlendMode mode) {
  return mode == XR_ENVIRONMENT_BLEND_MODE_OPAQUE || mode == XR_ENVIRONMENT_BLEND_MODE_ADDITIVE ||
         mode == XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND;
}

}  // namespace trialxr::xrt
