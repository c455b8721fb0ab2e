// The loader interface: xrNegotiateLoaderRuntimeInterface, the one exported OpenXR symbol,
// and xrGetInstanceProcAddr, which resolves every function the runtime implements.
#include <cstring>
#include <string_view>
#include <type_traits>

#include "entry_points.h"
#include "loader_interface.h"
#include "runtime.h"

namespace trialxr::xrt {
namespace {

struct EntryPoint {
  std::string_view name;
  PFN_xrVoidFunction function;
  const char* extension;  // the instance must have enabled it; nullptr for core functions
};

// During a session's loss grace period its functions simulate success and answer
// XR_SESSION_LOSS_PENDING in place of any success code. The check runs after the call, so a
// destroyed handle (the destroy functions) keeps its XR_SUCCESS.
template <class Handle>
bool in_loss_grace(Handle handle) {
  if constexpr (std::is_same_v<Handle, XrSession> || std::is_same_v<Handle, XrSpace> ||
                std::is_same_v<Handle, XrSwapchain>) {
    auto lock = lock_runtime();
    return runtime().in_loss_grace(handle);
  } else {
    return false;
  }
}

template <auto Function>
struct LossGrace;
template <class First, class... Rest, XrResult (*Function)(First, Rest...)>
struct LossGrace<Function> {
  static XrResult call(First first, Rest... rest) {
    const XrResult result = Function(first, rest...);
    return XR_SUCCEEDED(result) && in_loss_grace(first) ? XR_SESSION_LOSS_PENDING : result;
  }
};

#define TRIALXR_XRT_ENTRY(name, extension) \
  EntryPoint{#name, reinterpret_cast<PFN_xrVoidFunction>(&LossGrace<&name>::call), extension},
const EntryPoint kEntryPoints[] = {TRIALXR_XRT_ENTRY_POINTS(TRIALXR_XRT_ENTRY)};
#undef TRIALXR_XRT_ENTRY

const EntryPoint* find_entry_point(std::string_view name) {
  for (const EntryPoint& e : kEntryPoints)
    if (e.name == name) return &e;
  return nullptr;
}

bool extension_enabled(const Instance& instance, const char* extension) {
  if (extension == nullptr) return true;
  const std::string_view ext(extension);
  if (ext == XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME) return instance.vulkan_enable2;
  if (ext == XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME) return instance.depth_layers;
  return false;
}

// Major and minor only: the loader specification ignores the patch number.
XrVersion major_minor(XrVersion v) {
  return v & ~XrVersion{0xffffffff};
}

}  // namespace

XrResult xrGetInstanceProcAddr(XrInstance instance, const char* name,
                               PFN_xrVoidFunction* function) {
  if (function == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *function = nullptr;
  if (name == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  const std::string_view wanted(name);
  auto lock = lock_runtime();
  if (instance == XR_NULL_HANDLE) {
    // Only the functions that work without an instance may be asked for without one.
    if (wanted == "xrEnumerateApiLayerProperties") return XR_ERROR_FUNCTION_UNSUPPORTED;
    if (wanted != "xrEnumerateInstanceExtensionProperties" && wanted != "xrCreateInstance")
      return XR_ERROR_HANDLE_INVALID;
    *function = find_entry_point(wanted)->function;
    return XR_SUCCESS;
  }
  Instance* inst = nullptr;
  if (XrResult r = runtime().get(instance, inst, true); XR_FAILED(r)) return r;
  const EntryPoint* entry = find_entry_point(wanted);
  if (entry == nullptr || !extension_enabled(*inst, entry->extension))
    return XR_ERROR_FUNCTION_UNSUPPORTED;
  *function = entry->function;
  return XR_SUCCESS;
}

}  // namespace trialxr::xrt

extern "C" __attribute__((visibility("default"))) XrResult xrNegotiateLoaderRuntimeInterface(
    const XrNegotiateLoaderInfo* loader_info, XrNegotiateRuntimeRequest* request) {
  using trialxr::xrt::major_minor;
  if (loader_info == nullptr || request == nullptr) return XR_ERROR_INITIALIZATION_FAILED;
  if (loader_info->structType != XR_LOADER_INTERFACE_STRUCT_LOADER_INFO ||
      loader_info->structVersion != XR_LOADER_INFO_STRUCT_VERSION ||
      loader_info->structSize != sizeof(XrNegotiateLoaderInfo))
    return XR_ERROR_INITIALIZATION_FAILED;
  if (request->structType != XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST ||
      request->structVersion != XR_RUNTIME_INFO_STRUCT_VERSION ||
      request->structSize != sizeof(XrNegotiateRuntimeRequest))
    return XR_ERROR_INITIALIZATION_FAILED;
  if (loader_info->minInterfaceVersion > XR_CURRENT_LOADER_RUNTIME_VERSION ||
      loader_info->maxInterfaceVersion < XR_CURRENT_LOADER_RUNTIME_VERSION)
    return XR_ERROR_INITIALIZATION_FAILED;
  const XrVersion api = major_minor(XR_CURRENT_API_VERSION);
  if (major_minor(loader_info->minApiVersion) > api ||
      major_minor(loader_info->maxApiVersion) < api)
    return XR_ERROR_INITIALIZATION_FAILED;
  request->runtimeInterfaceVersion = XR_CURRENT_LOADER_RUNTIME_VERSION;
  request->runtimeApiVersion = XR_CURRENT_API_VERSION;
  request->getInstanceProcAddr = &trialxr::xrt::xrGetInstanceProcAddr;
  return XR_SUCCESS;
}
