// The runtime's state: every object the application created, the device the tests script
// through the control API, and what the tests read back.
//
// Index
//   [Constants]      system, timing and limits
//   [Handles]        handle values and the checks every entry point starts with
//   [Device]         settings and scripted tracking and input (trialxr_test_runtime.h)
//   [Objects]        instance, session, space, swapchain, action set, action
//   [Runtime]        the one state of the process, its lock, and helpers
#pragma once

#include <array>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pose_math.h"
#include "trialxr_test_runtime.h"
#include "vulkan_session.h"
#include "xr_headers.h"

namespace trialxr::xrt {

// [Constants] -----------------------------------------------------------------------------

inline constexpr XrSystemId kSystemId = 1;
inline constexpr XrTime kStartTime = 1'000'000'000;     // the clock starts at 1 s
inline constexpr XrDuration kFramePeriod = 11'111'111;  // 90 Hz
inline constexpr uint32_t kViewCount = 2;
inline constexpr uint32_t kMaxLayerCount = 16;
inline constexpr uint32_t kMaxImageSize = 4096;
inline constexpr uint32_t kSwapchainImageCount = 3;
inline constexpr uint32_t kRuntimeVersion = 1;
inline constexpr char kRuntimeName[] = "TrialXR test runtime";
inline constexpr XrVersion kMinVulkanVersion = XR_MAKE_VERSION(1, 2, 0);
inline constexpr XrVersion kMaxVulkanVersion = XR_MAKE_VERSION(1, 3, 0);

// [Handles] -------------------------------------------------------------------------------

// Handles are numbers from one counter: never reused, so a destroyed or foreign handle is
// always recognised as invalid.
template <class Handle>
Handle to_handle(uint64_t id) {
  return reinterpret_cast<Handle>(static_cast<uintptr_t>(id));
}
template <class Handle>
uint64_t to_id(Handle handle) {
  return static_cast<uint64_t>(reinterpret_cast<uintptr_t>(handle));
}

// [Device] --------------------------------------------------------------------------------

struct Controller {
  bool connected = false;
  XrPosef aim = kIdentityPose;
  bool select = false;
  bool menu = false;
  XrTime select_changed = 0;
  XrTime menu_changed = 0;
};

struct Device {
  uint32_t view_width = 640;
  uint32_t view_height = 360;
  XrFovf fov{-0.7853982f, 0.7853982f, 0.7853982f, -0.7853982f};
  float ipd = 0.063f;
  std::vector<XrEnvironmentBlendMode> blend_modes{XR_ENVIRONMENT_BLEND_MODE_OPAQUE};
  bool stage = false;
  XrExtent2Df stage_bounds{2.0f, 2.0f};
  float eye_height = 1.2f;
  bool headset_connected = true;
  bool depth_extension_offered = true;  // XR_KHR_composition_layer_depth
  XrPosef head = kIdentityPose;
  std::array<Controller, 2> hands = default_hands();
  bool focus_allowed = true;

  static std::array<Controller, 2> default_hands();
};

// What the application submitted and triggered, for the tests to read.
struct Recorded {
  TrialxrTestHaptics haptics{};
  uint64_t frames_ended = 0;
  std::optional<TrialxrTestFrame> last_frame;
  struct View {
    uint32_t width = 0;
    uint32_t height = 0;
    std::vector<uint8_t> rgba;
    // The chained depth sub-image, when there was one.
    bool has_depth = false;
    uint32_t depth_width = 0;
    uint32_t depth_height = 0;
    std::vector<float> depth;
  };
  std::vector<View> views;  // of the last projection layer submitted
};

// [Objects] -------------------------------------------------------------------------------

// Instance-specific path atoms: value = instance serial << 32 | index + 1.
class PathTable {
 public:
  explicit PathTable(uint64_t serial) : serial_(serial) {}
  XrPath intern(std::string_view text);
  const std::string* find(XrPath path) const;
  // The atom of `text` if it was interned, else XR_NULL_PATH; interns nothing.
  XrPath lookup(std::string_view text) const;

 private:
  uint64_t serial_;
  std::vector<std::string> strings_;
  std::map<std::string, XrPath, std::less<>> atoms_;
};

struct VulkanInstanceRecord {
  VkInstance instance = VK_NULL_HANDLE;
  PFN_vkGetInstanceProcAddr get_proc = nullptr;
  uint32_t api_version = 0;  // VK_API_VERSION of the VkApplicationInfo
};

struct VulkanDeviceRecord {
  VkDevice device = VK_NULL_HANDLE;
  VkPhysicalDevice physical = VK_NULL_HANDLE;
  std::vector<std::pair<uint32_t, uint32_t>> queues;  // family, count
};

struct ActionData;

struct SuggestedBinding {
  std::shared_ptr<ActionData> action;
  XrPath path = XR_NULL_PATH;
};

struct Instance {
  uint64_t id = 0;
  PathTable paths;
  bool vulkan_enable2 = false;
  bool depth_layers = false;
  std::deque<XrEventDataBuffer> events;
  XrTime clock = kStartTime;  // advances one frame period per xrWaitFrame
  bool loss_queued = false;
  bool lost = false;
  bool graphics_requirements_queried = false;
  std::vector<VulkanInstanceRecord> vk_instances;
  VkPhysicalDevice vk_physical = VK_NULL_HANDLE;  // what xrGetVulkanGraphicsDevice2KHR chose
  VkInstance vk_physical_instance = VK_NULL_HANDLE;
  std::vector<VulkanDeviceRecord> vk_devices;
  std::map<XrPath, std::vector<SuggestedBinding>> suggested;  // by interaction profile

  explicit Instance(uint64_t id_) : id(id_), paths(id_) {}
  const VulkanInstanceRecord* find_vk_instance(VkInstance instance) const;
  const VulkanDeviceRecord* find_vk_device(VkDevice device) const;
};

struct ActionSetData {
  uint64_t id = 0;
  uint64_t instance = 0;
  std::string name;
  std::string localized_name;
  uint32_t priority = 0;
  bool attached = false;  // attached to some session: immutable from then on
  // Its actions; one destroyed before the set was attached leaves this list.
  std::vector<std::shared_ptr<ActionData>> actions;
};

struct ActionData {
  uint64_t id = 0;
  uint64_t set = 0;  // the action set's id; a session that attached it keeps it alive
  std::string name;
  std::string localized_name;
  XrActionType type = XR_ACTION_TYPE_BOOLEAN_INPUT;
  std::vector<XrPath> subaction_paths;
};

// The inputs and outputs of the simulated controllers (khr/simple_controller).
enum class Input : uint8_t { select, menu, grip_pose, aim_pose, haptic };
struct Source {
  uint32_t hand = 0;  // TrialxrTestHand
  Input input = Input::select;
  bool operator==(const Source&) const = default;
};

// An action's state as of the last xrSyncActions, for one subaction path (XR_NULL_PATH: all).
struct ActionState {
  bool active = false;
  float value = 0.0f;  // booleans as 0 or 1
  bool changed = false;
  XrTime last_change = 0;
  std::optional<Source> pose;  // the one source a pose action follows, when active
};

struct SessionActions {
  bool attached = false;
  std::vector<std::shared_ptr<ActionSetData>> sets;
  XrPath profile = XR_NULL_PATH;  // current interaction profile of both hands
  std::map<const ActionData*, std::vector<Source>> bindings;  // in the current profile
  std::map<const ActionData*, std::map<XrPath, ActionState>> states;
  std::vector<std::pair<const ActionSetData*, XrPath>> active_sets;  // as of the last sync
};

struct Session {
  uint64_t id = 0;
  uint64_t instance = 0;
  std::unique_ptr<VulkanSession> vk;
  XrSessionState state = XR_SESSION_STATE_IDLE;
  bool running = false;
  bool exit_requested = false;
  // Lost: the LOSS_PENDING event is queued and calls only simulate success, answering
  // XR_SESSION_LOSS_PENDING; once the application has polled that event (loss_delivered)
  // they answer XR_ERROR_SESSION_LOST.
  bool lost = false;
  bool loss_delivered = false;
  XrViewConfigurationType view_configuration = XR_VIEW_CONFIGURATION_TYPE_MAX_ENUM;
  bool wait_pending = false;  // a successful xrWaitFrame not yet followed by xrBeginFrame
  bool frame_begun = false;
  XrTime predicted_time = 0;                           // of the last xrWaitFrame
  std::vector<XrReferenceSpaceType> reference_spaces;  // fixed at creation
  SessionActions actions;
};

struct Space {
  uint64_t id = 0;
  uint64_t session = 0;
  bool is_action = false;
  XrReferenceSpaceType reference = XR_REFERENCE_SPACE_TYPE_LOCAL;
  std::shared_ptr<ActionData> action;
  XrPath subaction = XR_NULL_PATH;
  XrPosef offset = kIdentityPose;
};

struct Swapchain {
  uint64_t id = 0;
  uint64_t session = 0;
  XrSwapchainCreateFlags create_flags = 0;
  uint32_t array_size = 1;
  ImageDesc desc;
  std::vector<VulkanImage> images;
  bool layouts_initialized = false;
  uint32_t next_index = 0;
  std::deque<uint32_t> acquired;  // acquired, not yet waited, oldest first
  std::optional<uint32_t> waited;
  std::optional<uint32_t> last_released;
  bool acquired_once = false;
};

// [Runtime] -------------------------------------------------------------------------------

// The one runtime of the process. It is global because the loader's interface is a set of C
// functions with no user pointer, and because the control API must reach the same state
// from the tests. Every entry point holds `mutex` for its whole call.
struct Runtime {
  std::mutex mutex;
  std::condition_variable frame_waiters;  // xrWaitFrame blocked behind an unbegun frame
  uint64_t next_id = 1;
  Device device;
  Recorded recorded;
  std::unique_ptr<Instance> instance;  // at most one at a time
  std::map<uint64_t, std::unique_ptr<Session>> sessions;
  std::map<uint64_t, std::unique_ptr<Space>> spaces;
  std::map<uint64_t, std::unique_ptr<Swapchain>> swapchains;
  std::map<uint64_t, std::shared_ptr<ActionSetData>> action_sets;
  std::map<uint64_t, std::shared_ptr<ActionData>> actions;

  uint64_t new_id() { return next_id++; }

  // Lookups that apply the loss rules: a lost instance answers XR_ERROR_INSTANCE_LOST and a
  // session whose loss has been delivered XR_ERROR_SESSION_LOST, unless `destroying`.
  XrResult get(XrInstance handle, Instance*& out, bool destroying = false);
  XrResult get(XrSession handle, Session*& out, bool destroying = false);
  XrResult get(XrSpace handle, Space*& out, Session*& session, bool destroying = false);
  XrResult get(XrSwapchain handle, Swapchain*& out, Session*& session, bool destroying = false);
  XrResult get(XrActionSet handle, ActionSetData*& out, bool destroying = false);
  XrResult get(XrAction handle, ActionData*& out, bool destroying = false);
  Session* session_of(const Instance& instance);
  // The session a handle belongs to, if it is in its loss grace period (lost, not yet told).
  bool in_loss_grace(XrSession handle);
  bool in_loss_grace(XrSpace handle);
  bool in_loss_grace(XrSwapchain handle);

  // Session state changes and other events go to the instance's queue.
  void push_event(const XrEventDataBuffer& event);
  void set_state(Session& session, XrSessionState state);

  void destroy_session(uint64_t id);
  void destroy_swapchain(uint64_t id);
  void destroy_instance();
};

Runtime& runtime();

// A scoped hold of the runtime's lock.
std::unique_lock<std::mutex> lock_runtime();

// Copies `text` into a fixed-size char array, always terminated.
template <std::size_t N>
void copy_string(char (&out)[N], std::string_view text) {
  const std::size_t n = text.size() < N - 1 ? text.size() : N - 1;
  text.copy(out, n);
  out[n] = '\0';
}

// The two-call idiom for arrays of plain values.
template <class T>
XrResult enumerate(uint32_t capacity, uint32_t* count, T* out, const std::vector<T>& values) {
  if (count == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *count = static_cast<uint32_t>(values.size());
  if (capacity == 0) return XR_SUCCESS;
  if (out == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  if (capacity < values.size()) return XR_ERROR_SIZE_INSUFFICIENT;
  for (std::size_t i = 0; i < values.size(); ++i) out[i] = values[i];
  return XR_SUCCESS;
}

// The two-call idiom for strings (the count includes the terminating zero).
XrResult enumerate_string(uint32_t capacity, uint32_t* count, char* out, std::string_view text);

// Whether a `next` chain holds a structure of `type`, and that structure.
const XrBaseInStructure* find_in_chain(const void* next, XrStructureType type);

bool blend_mode_known(XrEnvironmentBlendMode mode);

}  // namespace trialxr::xrt
