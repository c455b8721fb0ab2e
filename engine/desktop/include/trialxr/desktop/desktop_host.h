// DesktopHost: the windowed host. It opens a GLFW window, creates the renderer's Vulkan
// device with a surface that can present, a swapchain, and Dear ImGui over it. Each
// frame the renderer draws the FrameInput into the swapchain image (stereo: both eyes
// into an offscreen two-layer image, shown side by side), ImGui draws the review tools
// over it, and the image is presented.
//
//   auto host = desktop::DesktopHost::create({.title = "TrialXR preview"});
//   if (!host) die(host.error().message);   // "cannot open a window: no display ..."
//   while (!(*host)->window().should_close()) {
//     if (!(*host)->begin_frame()) continue;  // minimised: nothing to draw
//     ImGui::Begin("Review"); ... ImGui::End();
//     (*host)->end_frame(input);
//   }
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trialxr/core/result.h"
#include "trialxr/desktop/glfw_window.h"
#include "trialxr/headless/rgba_image.h"
#include "trialxr/render/frame_input.h"
#include "trialxr/render/renderer.h"

namespace trialxr::desktop {

struct DesktopDesc {
  std::string title = "TrialXR";
  std::uint32_t width = 1280;
  std::uint32_t height = 720;
  bool vsync = true;
  std::vector<std::string> ui_fonts;  // for ImGui: a Latin face, then faces merged into it
  render::RendererDesc renderer;
};

class DesktopHost {
 public:
  // Errors: no display, no Vulkan device that can present to the window.
  static Result<std::unique_ptr<DesktopHost>> create(const DesktopDesc& desc);
  ~DesktopHost();
  DesktopHost(const DesktopHost&) = delete;
  DesktopHost& operator=(const DesktopHost&) = delete;

  GlfwWindow& window() { return *window_; }
  render::Renderer& renderer() { return *renderer_; }

  // Polls window events and starts an ImGui frame. False while the window is minimised
  // (the host waits for events a moment; call again).
  bool begin_frame();
  // Draws `input` (one view; two for the side-by-side stereo view) and the ImGui frame,
  // and presents. A resized window gets a new swapchain before the next frame.
  Status end_frame(const render::FrameInput& input);

  // The size one view should have for the current window (half the width in stereo).
  VkExtent2D view_extent(bool stereo) const;
  void set_vsync(bool vsync);
  bool vsync() const;

  // Renders `input` again offscreen at the window's size and returns it (both eyes side
  // by side for two views): what the screenshot button writes.
  Result<headless::RgbaImage> capture(const render::FrameInput& input);

  // Seconds the last end_frame took on the CPU, and between the last two frames.
  double last_cpu_seconds() const { return cpu_seconds_; }
  double last_frame_seconds() const { return frame_seconds_; }

 private:
  DesktopHost() = default;
  struct Impl;
  // Torn down in the destructor in this order: impl_ (swapchain, ImGui, sync objects),
  // the surface, the renderer (device and instance), the window.
  std::unique_ptr<GlfwWindow> window_;
  VkSurfaceKHR surface_ = VK_NULL_HANDLE;
  std::unique_ptr<render::Renderer> renderer_;
  std::unique_ptr<Impl> impl_;
  double cpu_seconds_ = 0.0;
  double frame_seconds_ = 0.0;
  std::chrono::steady_clock::time_point last_frame_{};
};

}  // namespace trialxr::desktop
