// GlfwWindow: one resizable window without a graphics API of its own (GLFW_NO_API);
// Vulkan draws into it through a surface.
#pragma once
#include <vulkan/vulkan.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "trialxr/core/result.h"

struct GLFWwindow;

namespace trialxr::desktop {

class GlfwWindow {
 public:
  // Errors: no display (the message points to `trialxr render`), no Vulkan loader.
  static Result<std::unique_ptr<GlfwWindow>> create(const std::string& title, std::uint32_t width,
                                                    std::uint32_t height);
  ~GlfwWindow();
  GlfwWindow(const GlfwWindow&) = delete;
  GlfwWindow& operator=(const GlfwWindow&) = delete;

  GLFWwindow* handle() const { return window_; }
  std::vector<std::string> required_instance_extensions() const;
  Result<VkSurfaceKHR> create_surface(VkInstance instance) const;
  VkExtent2D framebuffer_size() const;  // 0 x 0 while minimised
  bool should_close() const;
  void request_close();
  void poll_events();
  void wait_events(double timeout_seconds);
  void set_title(const std::string& title);

 private:
  explicit GlfwWindow(GLFWwindow* window) : window_(window) {}
  GLFWwindow* window_ = nullptr;
};

}  // namespace trialxr::desktop
