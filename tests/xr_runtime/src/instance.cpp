// Instance functions: extensions, creation, properties, events, names of results and
// structure types, and paths.
#include <openxr/openxr_reflection.h>

#include <cstring>
#include <string>
#include <vector>

#include "entry_points.h"
#include "paths.h"
#include "runtime.h"

namespace trialxr::xrt {
namespace {

struct Extension {
  const char* name;
  uint32_t version;
};
constexpr Extension kExtensions[] = {
    {XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME, XR_KHR_vulkan_enable2_SPEC_VERSION},
    {XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME, XR_KHR_composition_layer_depth_SPEC_VERSION},
};

// A fixed-size string member holds a terminated, non-empty string.
template <std::size_t N>
bool terminated(const char (&text)[N]) {
  return std::memchr(text, '\0', N) != nullptr;
}

const char* result_name(XrResult value) {
#define TRIALXR_XRT_CASE(name, number) \
  case name:                           \
    return #name;
  switch (value) { XR_LIST_ENUM_XrResult(TRIALXR_XRT_CASE) default : return nullptr; }
#undef TRIALXR_XRT_CASE
}

const char* structure_type_name(XrStructureType value) {
#define TRIALXR_XRT_CASE(name, number) \
  case name:                           \
    return #name;
  switch (value) { XR_LIST_ENUM_XrStructureType(TRIALXR_XRT_CASE) default : return nullptr; }
#undef TRIALXR_XRT_CASE
}

// Whether the runtime lists `name` now (XR_KHR_composition_layer_depth can be withdrawn
// through the control API).
bool offered(const Device& device, const char* name) {
  return device.depth_extension_offered ||
         std::strcmp(name, XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME) != 0;
}

}  // namespace

XrResult xrEnumerateInstanceExtensionProperties(const char* layer_name, uint32_t capacity,
                                                uint32_t* count,
                                                XrExtensionProperties* properties) {
  if (layer_name != nullptr) return XR_ERROR_API_LAYER_NOT_PRESENT;
  if (count == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  std::vector<Extension> listed;
  {
    auto lock = lock_runtime();
    for (const Extension& e : kExtensions)
      if (offered(runtime().device, e.name)) listed.push_back(e);
  }
  const auto n = static_cast<uint32_t>(listed.size());
  *count = n;
  if (capacity == 0) return XR_SUCCESS;
  if (properties == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  if (capacity < n) return XR_ERROR_SIZE_INSUFFICIENT;
  for (uint32_t i = 0; i < n; ++i)
    if (properties[i].type != XR_TYPE_EXTENSION_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
  for (uint32_t i = 0; i < n; ++i) {
    copy_string(properties[i].extensionName, listed[i].name);
    properties[i].extensionVersion = listed[i].version;
  }
  return XR_SUCCESS;
}

XrResult xrCreateInstance(const XrInstanceCreateInfo* info, XrInstance* instance) {
  if (info == nullptr || instance == nullptr || info->type != XR_TYPE_INSTANCE_CREATE_INFO ||
      info->createFlags != 0)
    return XR_ERROR_VALIDATION_FAILURE;
  const XrApplicationInfo& app = info->applicationInfo;
  if (!terminated(app.applicationName) || !terminated(app.engineName))
    return XR_ERROR_VALIDATION_FAILURE;
  if (app.applicationName[0] == '\0') return XR_ERROR_NAME_INVALID;
  if (XR_VERSION_MAJOR(app.apiVersion) != 1 || XR_VERSION_MINOR(app.apiVersion) != 0)
    return XR_ERROR_API_VERSION_UNSUPPORTED;
  if (info->enabledExtensionCount > 0 && info->enabledExtensionNames == nullptr)
    return XR_ERROR_VALIDATION_FAILURE;
  bool vulkan2 = false;
  bool depth = false;
  for (uint32_t i = 0; i < info->enabledExtensionCount; ++i) {
    const char* name = info->enabledExtensionNames[i];
    if (name == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    if (std::strcmp(name, XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME) == 0)
      vulkan2 = true;
    else if (std::strcmp(name, XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME) == 0)
      depth = true;
    else
      return XR_ERROR_EXTENSION_NOT_PRESENT;
  }
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  if (depth && !offered(rt.device, XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME))
    return XR_ERROR_EXTENSION_NOT_PRESENT;
  // One instance at a time, as the specification allows: the control API has one target.
  if (rt.instance) return XR_ERROR_LIMIT_REACHED;
  rt.instance = std::make_unique<Instance>(rt.new_id());
  rt.instance->vulkan_enable2 = vulkan2;
  rt.instance->depth_layers = depth;
  *instance = to_handle<XrInstance>(rt.instance->id);
  return XR_SUCCESS;
}

XrResult xrDestroyInstance(XrInstance instance) {
  auto lock = lock_runtime();
  Instance* inst = nullptr;
  if (XrResult r = runtime().get(instance, inst, true); XR_FAILED(r)) return r;
  runtime().destroy_instance();
  return XR_SUCCESS;
}

XrResult xrGetInstanceProperties(XrInstance instance, XrInstanceProperties* properties) {
  auto lock = lock_runtime();
  Instance* inst = nullptr;
  if (XrResult r = runtime().get(instance, inst); XR_FAILED(r)) return r;
  if (properties == nullptr || properties->type != XR_TYPE_INSTANCE_PROPERTIES)
    return XR_ERROR_VALIDATION_FAILURE;
  properties->runtimeVersion = XR_MAKE_VERSION(0, 1, kRuntimeVersion);
  copy_string(properties->runtimeName, kRuntimeName);
  return XR_SUCCESS;
}

XrResult xrPollEvent(XrInstance instance, XrEventDataBuffer* event) {
  auto lock = lock_runtime();
  Instance* inst = nullptr;
  if (XrResult r = runtime().get(instance, inst); XR_FAILED(r)) return r;
  if (event == nullptr || event->type != XR_TYPE_EVENT_DATA_BUFFER)
    return XR_ERROR_VALIDATION_FAILURE;
  if (inst->events.empty()) return XR_EVENT_UNAVAILABLE;
  *event = inst->events.front();
  inst->events.pop_front();
  // A loss takes effect once the application has been told.
  if (event->type == XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING) inst->lost = true;
  if (event->type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED) {
    const auto& changed = *reinterpret_cast<const XrEventDataSessionStateChanged*>(event);
    auto it = runtime().sessions.find(to_id(changed.session));
    if (changed.state == XR_SESSION_STATE_LOSS_PENDING && it != runtime().sessions.end())
      it->second->loss_delivered = true;
  }
  return XR_SUCCESS;
}

XrResult xrResultToString(XrInstance instance, XrResult value,
                          char buffer[XR_MAX_RESULT_STRING_SIZE]) {
  auto lock = lock_runtime();
  Instance* inst = nullptr;
  if (XrResult r = runtime().get(instance, inst); XR_FAILED(r)) return r;
  if (buffer == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  const char* name = result_name(value);
  const std::string text =
      name != nullptr ? std::string(name)
                      : (XR_SUCCEEDED(value) ? "XR_UNKNOWN_SUCCESS_" : "XR_UNKNOWN_FAILURE_") +
                            std::to_string(static_cast<int>(value));
  const std::size_t n = std::min<std::size_t>(text.size(), XR_MAX_RESULT_STRING_SIZE - 1);
  text.copy(buffer, n);
  buffer[n] = '\0';
  return XR_SUCCESS;
}

XrResult xrStructureTypeToString(XrInstance instance, XrStructureType value,
                                 char buffer[XR_MAX_STRUCTURE_NAME_SIZE]) {
  auto lock = lock_runtime();
  Instance* inst = nullptr;
  if (XrResult r = runtime().get(instance, inst); XR_FAILED(r)) return r;
  if (buffer == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  const char* name = structure_type_name(value);
  const std::string text =
      name != nullptr ? std::string(name)
                      : "XR_UNKNOWN_STRUCTURE_TYPE_" + std::to_string(static_cast<int>(value));
  const std::size_t n = std::min<std::size_t>(text.size(), XR_MAX_STRUCTURE_NAME_SIZE - 1);
  text.copy(buffer, n);
  buffer[n] = '\0';
  return XR_SUCCESS;
}

XrResult xrStringToPath(XrInstance instance, const char* text, XrPath* path) {
  auto lock = lock_runtime();
  Instance* inst = nullptr;
  if (XrResult r = runtime().get(instance, inst); XR_FAILED(r)) return r;
  if (text == nullptr || path == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  const std::size_t length = strnlen(text, XR_MAX_PATH_LENGTH);
  const std::string_view view(text, length);
  if (length == XR_MAX_PATH_LENGTH || !well_formed_path(view)) return XR_ERROR_PATH_FORMAT_INVALID;
  *path = inst->paths.intern(view);
  return XR_SUCCESS;
}

XrResult xrPathToString(XrInstance instance, XrPath path, uint32_t capacity, uint32_t* count,
                        char* buffer) {
  auto lock = lock_runtime();
  Instance* inst = nullptr;
  if (XrResult r = runtime().get(instance, inst); XR_FAILED(r)) return r;
  const std::string* text = inst->paths.find(path);
  if (text == nullptr) return XR_ERROR_PATH_INVALID;
  return enumerate_string(capacity, count, buffer, *text);
}

}  // namespace trialxr::xrt
