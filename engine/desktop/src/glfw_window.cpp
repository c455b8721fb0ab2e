#include "trialxr/desktop/glfw_window.h"

#define GLFW_INCLUDE_NONE
#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <fmt/format.h>

#include <mutex>

namespace trialxr::desktop {

namespace {

std::string last_glfw_error() {
  const char* description = nullptr;
  glfwGetError(&description);
  return description != nullptr ? description : "unknown error";
}

}  // namespace

Result<std::unique_ptr<GlfwWindow>> GlfwWindow::create(const std::string& title,
                                                       std::uint32_t width, std::uint32_t height) {
  if (glfwInit() != GLFW_TRUE) {
    return fail(fmt::format(
        "cannot open a window: no display ({}). Without a display, render images instead: "
        "trialxr render BUNDLE --storyboard DIR",
        last_glfw_error()));
  }
  if (glfwVulkanSupported() != GLFW_TRUE) {
    glfwTerminate();
    return fail(
        "cannot open a window: GLFW finds no Vulkan loader (install libvulkan1 and a Vulkan "
        "driver, e.g. mesa-vulkan-drivers)");
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
  GLFWwindow* w = glfwCreateWindow(static_cast<int>(width), static_cast<int>(height), title.c_str(),
                                   nullptr, nullptr);
  if (w == nullptr) {
    std::string error = last_glfw_error();
    glfwTerminate();
    return fail(fmt::format("cannot open a window: {}", error));
  }
  return std::unique_ptr<GlfwWindow>(new GlfwWindow(w));
}

GlfwWindow::~GlfwWindow() {
  glfwDestroyWindow(window_);
  glfwTerminate();
}

std::vector<std::string> GlfwWindow::required_instance_extensions() const {
  std::uint32_t count = 0;
  const char** names = glfwGetRequiredInstanceExtensions(&count);
  std::vector<std::string> out;
  for (std::uint32_t i = 0; i < count; ++i) out.emplace_back(names[i]);
  return out;
}

Result<VkSurfaceKHR> GlfwWindow::create_surface(VkInstance instance) const {
  VkSurfaceKHR surface = VK_NULL_HANDLE;
  if (VkResult r = glfwCreateWindowSurface(instance, window_, nullptr, &surface); r != VK_SUCCESS)
    return fail(
        fmt::format("cannot create a Vulkan surface for the window ({})", last_glfw_error()));
  return surface;
}

VkExtent2D GlfwWindow::framebuffer_size() const {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  return {static_cast<std::uint32_t>(w), static_cast<std::uint32_t>(h)};
}

bool GlfwWindow::should_close() const {
  return glfwWindowShouldClose(window_) == GLFW_TRUE;
}
void GlfwWindow::request_close() {
  glfwSetWindowShouldClose(window_, GLFW_TRUE);
}
void GlfwWindow::poll_events() {
  glfwPollEvents();
}
void GlfwWindow::wait_events(double timeout_seconds) {
  glfwWaitEventsTimeout(timeout_seconds);
}
void GlfwWindow::set_title(const std::string& title) {
  glfwSetWindowTitle(window_, title.c_str());
}

}  // namespace trialxr::desktop
