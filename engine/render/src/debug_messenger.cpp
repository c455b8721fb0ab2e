#include "debug_messenger.h"

#include <fmt/format.h>

#include <cstdio>
#include <utility>

#include "trialxr/render/vk_check.h"
#include "trialxr/render/vk_init.h"

namespace trialxr::render {
namespace {

const char* severity_name(VkDebugUtilsMessageSeverityFlagBitsEXT severity) {
  if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) return "error";
  if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) return "warning";
  return "info";
}

VKAPI_ATTR VkBool32 VKAPI_CALL on_message(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                          VkDebugUtilsMessageTypeFlagsEXT,
                                          const VkDebugUtilsMessengerCallbackDataEXT* data,
                                          void* user) {
  auto* log = static_cast<ValidationLog*>(user);
  log->add(fmt::format("vulkan {}: {}", severity_name(severity),
                       data != nullptr && data->pMessage != nullptr ? data->pMessage : "?"));
  return VK_FALSE;  // never abort the call
}

}  // namespace

void ValidationLog::add(std::string message) {
  if (print_) std::fprintf(stderr, "%s\n", message.c_str());
  std::lock_guard lock(mutex_);
  messages_.push_back(std::move(message));
  count_.fetch_add(1);
}

std::vector<std::string> ValidationLog::messages() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

VkDebugUtilsMessengerCreateInfoEXT messenger_info(ValidationLog& log) {
  auto info = vk_init<VkDebugUtilsMessengerCreateInfoEXT>(
      VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT);
  info.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                         VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  info.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                     VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                     VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  info.pfnUserCallback = on_message;
  info.pUserData = &log;
  return info;
}

VkDebugUtilsMessengerEXT create_messenger(VkInstance instance, ValidationLog& log) {
  auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
      vkGetInstanceProcAddr(instance, "vkCreateDebugUtilsMessengerEXT"));
  if (create == nullptr) return VK_NULL_HANDLE;
  const VkDebugUtilsMessengerCreateInfoEXT info = messenger_info(log);
  VkDebugUtilsMessengerEXT messenger = VK_NULL_HANDLE;
  VK_CHECK(create(instance, &info, nullptr, &messenger));
  return messenger;
}

void destroy_messenger(VkInstance instance, VkDebugUtilsMessengerEXT messenger) {
  if (messenger == VK_NULL_HANDLE) return;
  auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
      vkGetInstanceProcAddr(instance, "vkDestroyDebugUtilsMessengerEXT"));
  if (destroy != nullptr) destroy(instance, messenger, nullptr);
}

}  // namespace trialxr::render
