// XrHost: the headset host. An OpenXR instance with XR_KHR_vulkan_enable2 creates the
// renderer's Vulkan instance and device through the runtime (the renderer never sees
// OpenXR), a seated session in LOCAL space (STAGE when asked and offered), a stereo
// swapchain (one two-layer array image per frame, rendered with multiview where the
// device has it), the frame loop, the session state machine and the input actions. When the
// runtime offers XR_KHR_composition_layer_depth, a second two-layer swapchain receives the
// renderer's depth and each projection view chains an XrCompositionLayerDepthInfoKHR.
//
//   auto host = xr::XrHost::create({});          // "no OpenXR runtime: ..." when none
//   (*host)->renderer().load(bundle);
//   while ((*host)->running()) {
//     (*host)->poll();                            // events, state changes
//     (*host)->frame([&](const xr::XrFrame& f, render::FrameInput& input) { ... });
//   }
#pragma once
#include <cstdint>
#include <functional>
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <memory>
#include <string>
#include <vector>

#include "trialxr/core/result.h"
#include "trialxr/render/frame_input.h"
#include "trialxr/render/renderer.h"

namespace trialxr::xr {

enum class BlendMode : std::uint8_t { opaque, additive, alpha_blend };
enum class SessionState : std::uint8_t {
  unknown,
  idle,
  ready,
  synchronized,
  visible,
  focused,
  stopping,
  loss_pending,
  exiting
};
std::string_view session_state_name(SessionState s);
std::string_view blend_mode_name(BlendMode m);

struct XrDesc {
  std::string application_name = "TrialXR";
  bool prefer_stage = false;  // STAGE space when the runtime has it (LOCAL otherwise)
  // The script's preference for AR: passthrough blend modes first when offered.
  bool prefer_passthrough = false;
  render::RendererDesc renderer;  // device callbacks are filled in by the host
};

struct Pose {
  glm::vec3 position{0.0f};
  glm::quat orientation{1.0f, 0.0f, 0.0f, 0.0f};
};

// What one frame sees, in the scene's coordinates (the seated eye at y = 1.2 m).
struct XrFrame {
  std::int64_t display_time = 0;  // nanoseconds, the runtime's clock
  double delta_seconds = 0.0;     // since the previous rendered frame
  Pose head;
  std::vector<render::View> views;  // 2
  bool select_pressed = false;      // select went down this frame (any hand)
  bool menu_pressed = false;
  bool aim_valid = false;
  Pose aim;  // the right (or left) controller's aim pose
  BlendMode blend = BlendMode::opaque;
};

class XrHost {
 public:
  // Errors: no runtime ("install an OpenXR runtime or set XR_RUNTIME_JSON"), no headset,
  // no Vulkan 1.2 through the runtime.
  static Result<std::unique_ptr<XrHost>> create(const XrDesc& desc);
  ~XrHost();
  XrHost(const XrHost&) = delete;
  XrHost& operator=(const XrHost&) = delete;

  render::Renderer& renderer();
  std::string runtime_name() const;
  BlendMode blend_mode() const;
  SessionState state() const;
  bool running() const;  // until the session has ended and the runtime let it go
  bool focused() const { return state() == SessionState::focused; }

  // Handles pending events: begins the session on READY, ends it on STOPPING, leaves on
  // EXITING, LOSS_PENDING or instance loss.
  Status poll();
  // One frame: wait, begin, locate views and input, let `build` fill the frame, render
  // into the swapchain and end with a projection layer — or an empty frame when the
  // runtime says not to render. No-op while the session is not running.
  Status frame(const std::function<void(const XrFrame&, render::FrameInput&)>& build);
  void request_exit();
  void recenter();  // makes the current head yaw and position the new LOCAL origin
  void haptic_tick();

 private:
  XrHost();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace trialxr::xr
