// The system: one head-mounted display with a PRIMARY_STEREO view configuration.
#include "entry_points.h"
#include "runtime.h"

namespace trialxr::xrt {
namespace {

XrResult check_system(XrInstance instance, XrSystemId system) {
  Instance* inst = nullptr;
  if (XrResult r = runtime().get(instance, inst); XR_FAILED(r)) return r;
  return system == kSystemId ? XR_SUCCESS : XR_ERROR_SYSTEM_INVALID;
}

XrResult check_view_configuration(XrViewConfigurationType type) {
  return type == XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO
             ? XR_SUCCESS
             : XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
}

}  // namespace

XrResult xrGetSystem(XrInstance instance, const XrSystemGetInfo* info, XrSystemId* system) {
  auto lock = lock_runtime();
  Instance* inst = nullptr;
  if (XrResult r = runtime().get(instance, inst); XR_FAILED(r)) return r;
  if (info == nullptr || system == nullptr || info->type != XR_TYPE_SYSTEM_GET_INFO)
    return XR_ERROR_VALIDATION_FAILURE;
  switch (info->formFactor) {
    case XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY:
      if (!runtime().device.headset_connected) return XR_ERROR_FORM_FACTOR_UNAVAILABLE;
      *system = kSystemId;
      return XR_SUCCESS;
    case XR_FORM_FACTOR_HANDHELD_DISPLAY:
      return XR_ERROR_FORM_FACTOR_UNSUPPORTED;
    default:
      return XR_ERROR_VALIDATION_FAILURE;
  }
}

XrResult xrGetSystemProperties(XrInstance instance, XrSystemId system,
                               XrSystemProperties* properties) {
  auto lock = lock_runtime();
  if (XrResult r = check_system(instance, system); XR_FAILED(r)) return r;
  if (properties == nullptr || properties->type != XR_TYPE_SYSTEM_PROPERTIES)
    return XR_ERROR_VALIDATION_FAILURE;
  properties->systemId = kSystemId;
  properties->vendorId = 0;
  copy_string(properties->systemName, "TrialXR headless HMD");
  properties->graphicsProperties.maxSwapchainImageWidth = kMaxImageSize;
  properties->graphicsProperties.maxSwapchainImageHeight = kMaxImageSize;
  properties->graphicsProperties.maxLayerCount = kMaxLayerCount;
  properties->trackingProperties.orientationTracking = XR_TRUE;
  properties->trackingProperties.positionTracking = XR_TRUE;
  return XR_SUCCESS;
}

XrResult xrEnumerateViewConfigurations(XrInstance instance, XrSystemId system, uint32_t capacity,
                                       uint32_t* count, XrViewConfigurationType* types) {
  auto lock = lock_runtime();
  if (XrResult r = check_system(instance, system); XR_FAILED(r)) return r;
  return enumerate(capacity, count, types,
                   std::vector<XrViewConfigurationType>{XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO});
}

XrResult xrGetViewConfigurationProperties(XrInstance instance, XrSystemId system,
                                          XrViewConfigurationType type,
                                          XrViewConfigurationProperties* properties) {
  auto lock = lock_runtime();
  if (XrResult r = check_system(instance, system); XR_FAILED(r)) return r;
  if (XrResult r = check_view_configuration(type); XR_FAILED(r)) return r;
  if (properties == nullptr || properties->type != XR_TYPE_VIEW_CONFIGURATION_PROPERTIES)
    return XR_ERROR_VALIDATION_FAILURE;
  properties->viewConfigurationType = type;
  properties->fovMutable = XR_TRUE;
  return XR_SUCCESS;
}

XrResult xrEnumerateViewConfigurationViews(XrInstance instance, XrSystemId system,
                                           XrViewConfigurationType type, uint32_t capacity,
                                           uint32_t* count, XrViewConfigurationView* views) {
  auto lock = lock_runtime();
  if (XrResult r = check_system(instance, system); XR_FAILED(r)) return r;
  if (XrResult r = check_view_configuration(type); XR_FAILED(r)) return r;
  if (count == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *count = kViewCount;
  if (capacity == 0) return XR_SUCCESS;
  if (views == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  if (capacity < kViewCount) return XR_ERROR_SIZE_INSUFFICIENT;
  for (uint32_t i = 0; i < kViewCount; ++i)
    if (views[i].type != XR_TYPE_VIEW_CONFIGURATION_VIEW) return XR_ERROR_VALIDATION_FAILURE;
  const Device& device = runtime().device;
  for (uint32_t i = 0; i < kViewCount; ++i) {
    views[i].recommendedImageRectWidth = device.view_width;
    views[i].maxImageRectWidth = kMaxImageSize;
    views[i].recommendedImageRectHeight = device.view_height;
    views[i].maxImageRectHeight = kMaxImageSize;
    views[i].recommendedSwapchainSampleCount = 1;
    views[i].maxSwapchainSampleCount = 1;
  }
  return XR_SUCCESS;
}

XrResult xrEnumerateEnvironmentBlendModes(XrInstance instance, XrSystemId system,
                                          XrViewConfigurationType type, uint32_t capacity,
                                          uint32_t* count, XrEnvironmentBlendMode* modes) {
  auto lock = lock_runtime();
  if (XrResult r = check_system(instance, system); XR_FAILED(r)) return r;
  if (XrResult r = check_view_configuration(type); XR_FAILED(r)) return r;
  return enumerate(capacity, count, modes, runtime().device.blend_modes);
}

}  // namespace trialxr::xrt
