// Every OpenXR function the runtime implements, declared with the type of its PFN_ pointer
// so that a definition with a different signature does not compile. negotiate.cpp turns the
// list into the table xrGetInstanceProcAddr answers from.
#pragma once

#include <type_traits>

#include "xr_headers.h"

// X(function, extension the instance must enable or nullptr)
#define TRIALXR_XRT_ENTRY_POINTS(X)                                            \
  X(xrGetInstanceProcAddr, nullptr)                                            \
  X(xrEnumerateInstanceExtensionProperties, nullptr)                           \
  X(xrCreateInstance, nullptr)                                                 \
  X(xrDestroyInstance, nullptr)                                                \
  X(xrGetInstanceProperties, nullptr)                                          \
  X(xrPollEvent, nullptr)                                                      \
  X(xrResultToString, nullptr)                                                 \
  X(xrStructureTypeToString, nullptr)                                          \
  X(xrStringToPath, nullptr)                                                   \
  X(xrPathToString, nullptr)                                                   \
  X(xrGetSystem, nullptr)                                                      \
  X(xrGetSystemProperties, nullptr)                                            \
  X(xrEnumerateViewConfigurations, nullptr)                                    \
  X(xrGetViewConfigurationProperties, nullptr)                                 \
  X(xrEnumerateViewConfigurationViews, nullptr)                                \
  X(xrEnumerateEnvironmentBlendModes, nullptr)                                 \
  X(xrGetVulkanGraphicsRequirements2KHR, XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME) \
  X(xrCreateVulkanInstanceKHR, XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME)           \
  X(xrGetVulkanGraphicsDevice2KHR, XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME)       \
  X(xrCreateVulkanDeviceKHR, XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME)             \
  X(xrCreateSession, nullptr)                                                  \
  X(xrDestroySession, nullptr)                                                 \
  X(xrBeginSession, nullptr)                                                   \
  X(xrEndSession, nullptr)                                                     \
  X(xrRequestExitSession, nullptr)                                             \
  X(xrEnumerateReferenceSpaces, nullptr)                                       \
  X(xrCreateReferenceSpace, nullptr)                                           \
  X(xrGetReferenceSpaceBoundsRect, nullptr)                                    \
  X(xrCreateActionSpace, nullptr)                                              \
  X(xrLocateSpace, nullptr)                                                    \
  X(xrDestroySpace, nullptr)                                                   \
  X(xrLocateViews, nullptr)                                                    \
  X(xrEnumerateSwapchainFormats, nullptr)                                      \
  X(xrCreateSwapchain, nullptr)                                                \
  X(xrDestroySwapchain, nullptr)                                               \
  X(xrEnumerateSwapchainImages, nullptr)                                       \
  X(xrAcquireSwapchainImage, nullptr)                                          \
  X(xrWaitSwapchainImage, nullptr)                                             \
  X(xrReleaseSwapchainImage, nullptr)                                          \
  X(xrWaitFrame, nullptr)                                                      \
  X(xrBeginFrame, nullptr)                                                     \
  X(xrEndFrame, nullptr)                                                       \
  X(xrCreateActionSet, nullptr)                                                \
  X(xrDestroyActionSet, nullptr)                                               \
  X(xrCreateAction, nullptr)                                                   \
  X(xrDestroyAction, nullptr)                                                  \
  X(xrSuggestInteractionProfileBindings, nullptr)                              \
  X(xrAttachSessionActionSets, nullptr)                                        \
  X(xrGetCurrentInteractionProfile, nullptr)                                   \
  X(xrSyncActions, nullptr)                                                    \
  X(xrGetActionStateBoolean, nullptr)                                          \
  X(xrGetActionStateFloat, nullptr)                                            \
  X(xrGetActionStateVector2f, nullptr)                                         \
  X(xrGetActionStatePose, nullptr)                                             \
  X(xrEnumerateBoundSourcesForAction, nullptr)                                 \
  X(xrGetInputSourceLocalizedName, nullptr)                                    \
  X(xrApplyHapticFeedback, nullptr)                                            \
  X(xrStopHapticFeedback, nullptr)

namespace trialxr::xrt {

#define TRIALXR_XRT_DECLARE(name, extension) std::remove_pointer_t<PFN_##name> name;
TRIALXR_XRT_ENTRY_POINTS(TRIALXR_XRT_DECLARE)
#undef TRIALXR_XRT_DECLARE

}  // namespace trialxr::xrt
