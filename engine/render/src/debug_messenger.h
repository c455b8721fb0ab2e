// The debug-utils messenger that feeds a ValidationLog: every warning and error of
// every message type. The same create info goes into VkInstanceCreateInfo::pNext, so
// vkCreateInstance and vkDestroyInstance are covered too.
#pragma once

#include <vulkan/vulkan.h>

#include "trialxr/render/device.h"

namespace trialxr::render {

VkDebugUtilsMessengerCreateInfoEXT messenger_info(ValidationLog& log);
VkDebugUtilsMessengerEXT create_messenger(VkInstance instance, ValidationLog& log);
void destroy_messenger(VkInstance instance, VkDebugUtilsMessengerEXT messenger);

}  // namespace trialxr::render
