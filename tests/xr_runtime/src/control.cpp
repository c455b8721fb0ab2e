// The control API of trialxr_test_runtime.h: what the tests script and read back.
#include <algorithm>
#include <cstring>

#include "runtime.h"
#include "session_flow.h"

using trialxr::xrt::Controller;
using trialxr::xrt::lock_runtime;
using trialxr::xrt::runtime;
using trialxr::xrt::xr_struct;

namespace {

// The controller of `hand`; nothing for a value that names no hand.
Controller* controller(TrialxrTestHand hand) {
  if (hand != TRIALXR_TEST_HAND_LEFT && hand != TRIALXR_TEST_HAND_RIGHT) return nullptr;
  return &runtime().device.hands[static_cast<std::size_t>(hand)];
}

XrTime now() {
  return runtime().instance ? runtime().instance->clock : trialxr::xrt::kStartTime;
}

}  // namespace

extern "C" {

void trialxr_test_reset(void) {
  auto lock = lock_runtime();
  runtime().device = trialxr::xrt::Device{};
  runtime().recorded = trialxr::xrt::Recorded{};
}

XrBool32 trialxr_test_set_view_size(uint32_t width, uint32_t height) {
  if (width == 0 || height == 0 || width > trialxr::xrt::kMaxImageSize ||
      height > trialxr::xrt::kMaxImageSize)
    return XR_FALSE;
  auto lock = lock_runtime();
  runtime().device.view_width = width;
  runtime().device.view_height = height;
  return XR_TRUE;
}

void trialxr_test_set_fov(XrFovf fov) {
  auto lock = lock_runtime();
  runtime().device.fov = fov;
}

void trialxr_test_set_ipd(float meters) {
  auto lock = lock_runtime();
  runtime().device.ipd = meters;
}

XrBool32 trialxr_test_set_blend_modes(const XrEnvironmentBlendMode* modes, uint32_t count) {
  if (modes == nullptr || count == 0) return XR_FALSE;
  std::vector<XrEnvironmentBlendMode> list(modes, modes + count);
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!trialxr::xrt::blend_mode_known(list[i]) ||
        std::find(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(i), list[i]) !=
            list.begin() + static_cast<std::ptrdiff_t>(i))
      return XR_FALSE;
  }
  auto lock = lock_runtime();
  runtime().device.blend_modes = std::move(list);
  return XR_TRUE;
}

void trialxr_test_set_stage(XrBool32 available, float width, float depth) {
  auto lock = lock_runtime();
  runtime().device.stage = available == XR_TRUE;
  runtime().device.stage_bounds = {width, depth};
}

void trialxr_test_set_eye_height(float meters) {
  auto lock = lock_runtime();
  runtime().device.eye_height = meters;
}

void trialxr_test_set_headset_connected(XrBool32 connected) {
  auto lock = lock_runtime();
  runtime().device.headset_connected = connected == XR_TRUE;
}

void trialxr_test_set_depth_extension_offered(XrBool32 offered) {
  auto lock = lock_runtime();
  runtime().device.depth_extension_offered = offered == XR_TRUE;
}

void trialxr_test_set_head_pose(XrPosef pose) {
  auto lock = lock_runtime();
  runtime().device.head = pose;
}

void trialxr_test_set_controller_connected(TrialxrTestHand hand, XrBool32 connected) {
  auto lock = lock_runtime();
  if (Controller* c = controller(hand)) c->connected = connected == XR_TRUE;
}

void trialxr_test_set_aim_pose(TrialxrTestHand hand, XrPosef pose) {
  auto lock = lock_runtime();
  if (Controller* c = controller(hand)) c->aim = pose;
}

void trialxr_test_set_select(TrialxrTestHand hand, XrBool32 pressed) {
  auto lock = lock_runtime();
  Controller* c = controller(hand);
  if (c == nullptr || c->select == (pressed == XR_TRUE)) return;
  c->select = pressed == XR_TRUE;
  c->select_changed = now();
}

void trialxr_test_set_menu(TrialxrTestHand hand, XrBool32 pressed) {
  auto lock = lock_runtime();
  Controller* c = controller(hand);
  if (c == nullptr || c->menu == (pressed == XR_TRUE)) return;
  c->menu = pressed == XR_TRUE;
  c->menu_changed = now();
}

void trialxr_test_set_focus(XrBool32 focused) {
  auto lock = lock_runtime();
  trialxr::xrt::Runtime& rt = runtime();
  rt.device.focus_allowed = focused == XR_TRUE;
  for (auto& [id, session] : rt.sessions) trialxr::xrt::apply_focus(rt, *session);
}

XrBool32 trialxr_test_lose_session(void) {
  auto lock = lock_runtime();
  trialxr::xrt::Runtime& rt = runtime();
  if (rt.sessions.empty()) return XR_FALSE;
  for (auto& [id, session] : rt.sessions) trialxr::xrt::lose_session(rt, *session);
  return XR_TRUE;
}

XrBool32 trialxr_test_lose_instance(void) {
  auto lock = lock_runtime();
  trialxr::xrt::Runtime& rt = runtime();
  if (!rt.instance) return XR_FALSE;
  if (!rt.instance->loss_queued) {
    auto buffer = xr_struct<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
    auto event =
        xr_struct<XrEventDataInstanceLossPending>(XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING);
    event.lossTime = rt.instance->clock;
    std::memcpy(&buffer, &event, sizeof(event));
    rt.push_event(buffer);
    rt.instance->loss_queued = true;
  }
  return XR_TRUE;
}

TrialxrTestHaptics trialxr_test_haptics(void) {
  auto lock = lock_runtime();
  return runtime().recorded.haptics;
}

uint64_t trialxr_test_frames_ended(void) {
  auto lock = lock_runtime();
  return runtime().recorded.frames_ended;
}

XrBool32 trialxr_test_last_frame(TrialxrTestFrame* frame) {
  auto lock = lock_runtime();
  const auto& last = runtime().recorded.last_frame;
  if (frame == nullptr || !last) return XR_FALSE;
  *frame = *last;
  return XR_TRUE;
}

XrBool32 trialxr_test_read_view(uint32_t view_index, uint32_t* width, uint32_t* height,
                                uint8_t* rgba, size_t rgba_capacity) {
  auto lock = lock_runtime();
  const auto& views = runtime().recorded.views;
  if (view_index >= views.size()) return XR_FALSE;
  const trialxr::xrt::Recorded::View& view = views[view_index];
  if (width != nullptr) *width = view.width;
  if (height != nullptr) *height = view.height;
  if (rgba == nullptr) return XR_TRUE;
  if (rgba_capacity < view.rgba.size()) return XR_FALSE;
  std::memcpy(rgba, view.rgba.data(), view.rgba.size());
  return XR_TRUE;
}

XrBool32 trialxr_test_read_depth(uint32_t view_index, uint32_t* width, uint32_t* height,
                                 float* depth, size_t depth_capacity) {
  auto lock = lock_runtime();
  const auto& views = runtime().recorded.views;
  if (view_index >= views.size() || !views[view_index].has_depth) return XR_FALSE;
  const trialxr::xrt::Recorded::View& view = views[view_index];
  if (width != nullptr) *width = view.depth_width;
  if (height != nullptr) *height = view.depth_height;
  if (depth == nullptr) return XR_TRUE;
  if (depth_capacity < view.depth.size()) return XR_FALSE;
  std::memcpy(depth, view.depth.data(), view.depth.size() * sizeof(float));
  return XR_TRUE;
}

}  // extern "C"
