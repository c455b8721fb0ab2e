// The runtime called directly, the way the loader does after negotiation, so that its own
// checks are tested where the loader or the core validation layer would answer first:
// negotiation, xrGetInstanceProcAddr, handles, structure types, paths and names.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "xr_test_app.h"

namespace trialxr::testing::xr {
namespace {

XrNegotiateLoaderInfo loader_info() {
  XrNegotiateLoaderInfo info{};
  info.structType = XR_LOADER_INTERFACE_STRUCT_LOADER_INFO;
  info.structVersion = XR_LOADER_INFO_STRUCT_VERSION;
  info.structSize = sizeof(XrNegotiateLoaderInfo);
  info.minInterfaceVersion = 1;
  info.maxInterfaceVersion = XR_CURRENT_LOADER_RUNTIME_VERSION;
  info.minApiVersion = XR_MAKE_VERSION(1, 0, 0);
  info.maxApiVersion = XR_MAKE_VERSION(1, 0x3ff, 0xfff);
  return info;
}

XrNegotiateRuntimeRequest runtime_request() {
  XrNegotiateRuntimeRequest request{};
  request.structType = XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST;
  request.structVersion = XR_RUNTIME_INFO_STRUCT_VERSION;
  request.structSize = sizeof(XrNegotiateRuntimeRequest);
  return request;
}

// The runtime's functions as the loader sees them, with one instance made per test.
class DirectRuntimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RuntimeLibrary::get().reset();
    const XrNegotiateLoaderInfo info = loader_info();
    XrNegotiateRuntimeRequest request = runtime_request();
    ASSERT_EQ(RuntimeLibrary::get().negotiate(&info, &request), XR_SUCCESS);
    get_proc_ = request.getInstanceProcAddr;
  }

  void TearDown() override {
    if (instance_ != XR_NULL_HANDLE) fn<PFN_xrDestroyInstance>("xrDestroyInstance")(instance_);
  }

  template <class Pfn>
  Pfn fn(const char* name) const {
    PFN_xrVoidFunction f = nullptr;
    const XrResult r = get_proc_(instance_, name, &f);
    if (XR_FAILED(r)) throw std::runtime_error(std::string(name) + ": " + result_name(r));
    return reinterpret_cast<Pfn>(f);
  }

  XrResult create_instance(const std::vector<const char*>& extensions, XrInstance* out) {
    auto info = xr_struct<XrInstanceCreateInfo>(XR_TYPE_INSTANCE_CREATE_INFO);
    std::strcpy(info.applicationInfo.applicationName, "direct");
    info.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
    info.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
    info.enabledExtensionNames = extensions.data();
    return fn<PFN_xrCreateInstance>("xrCreateInstance")(&info, out);
  }

  void create(const std::vector<const char*>& extensions = {"XR_KHR_vulkan_enable2"}) {
    ASSERT_EQ(create_instance(extensions, &instance_), XR_SUCCESS);
  }

  PFN_xrGetInstanceProcAddr get_proc_ = nullptr;
  XrInstance instance_ = XR_NULL_HANDLE;
};

TEST(RuntimeNegotiation, AcceptsTheLoaderAndRejectsMalformedStructures) {
  const XrNegotiateLoaderInfo good = loader_info();
  XrNegotiateRuntimeRequest request = runtime_request();
  ASSERT_EQ(RuntimeLibrary::get().negotiate(&good, &request), XR_SUCCESS);
  EXPECT_EQ(request.runtimeInterfaceVersion, 1u);
  EXPECT_EQ(XR_VERSION_MAJOR(request.runtimeApiVersion), 1u);
  EXPECT_EQ(XR_VERSION_MINOR(request.runtimeApiVersion), 0u);
  EXPECT_NE(request.getInstanceProcAddr, nullptr);

  XrNegotiateLoaderInfo info = good;
  info.structSize = sizeof(XrNegotiateLoaderInfo) - 1;
  EXPECT_EQ(RuntimeLibrary::get().negotiate(&info, &request), XR_ERROR_INITIALIZATION_FAILED);
  info = good;
  info.minInterfaceVersion = 2;
  info.maxInterfaceVersion = 3;
  EXPECT_EQ(RuntimeLibrary::get().negotiate(&info, &request), XR_ERROR_INITIALIZATION_FAILED);
  info = good;
  info.minApiVersion = XR_MAKE_VERSION(1, 1, 0);
  EXPECT_EQ(RuntimeLibrary::get().negotiate(&info, &request), XR_ERROR_INITIALIZATION_FAILED);
  XrNegotiateRuntimeRequest bad = runtime_request();
  bad.structType = XR_LOADER_INTERFACE_STRUCT_API_LAYER_REQUEST;
  EXPECT_EQ(RuntimeLibrary::get().negotiate(&good, &bad), XR_ERROR_INITIALIZATION_FAILED);
}

TEST_F(DirectRuntimeTest, GetInstanceProcAddrResolvesWhatTheInstanceMayUse) {
  PFN_xrVoidFunction f = nullptr;
  EXPECT_EQ(get_proc_(XR_NULL_HANDLE, "xrGetSystem", &f), XR_ERROR_HANDLE_INVALID);
  EXPECT_EQ(f, nullptr);
  EXPECT_EQ(get_proc_(XR_NULL_HANDLE, "xrEnumerateInstanceExtensionProperties", &f), XR_SUCCESS);
  EXPECT_NE(f, nullptr);
  create({});  // no XR_KHR_vulkan_enable2
  EXPECT_EQ(get_proc_(instance_, "xrCreateVulkanInstanceKHR", &f), XR_ERROR_FUNCTION_UNSUPPORTED);
  EXPECT_EQ(get_proc_(instance_, "xrFrobnicate", &f), XR_ERROR_FUNCTION_UNSUPPORTED);
  EXPECT_EQ(f, nullptr);
  for (const char* name : {"xrWaitFrame", "xrEndFrame", "xrSyncActions", "xrLocateViews",
                           "xrApplyHapticFeedback", "xrGetCurrentInteractionProfile"}) {
    EXPECT_EQ(get_proc_(instance_, name, &f), XR_SUCCESS) << name;
    EXPECT_NE(f, nullptr) << name;
  }
  const XrInstance stale = instance_;
  ASSERT_EQ(fn<PFN_xrDestroyInstance>("xrDestroyInstance")(instance_), XR_SUCCESS);
  instance_ = XR_NULL_HANDLE;
  EXPECT_EQ(get_proc_(stale, "xrGetSystem", &f), XR_ERROR_HANDLE_INVALID);
}

TEST_F(DirectRuntimeTest, InstanceCreationChecksItsInput) {
  XrInstance other = XR_NULL_HANDLE;
  EXPECT_EQ(create_instance({"XR_EXT_hand_tracking"}, &other), XR_ERROR_EXTENSION_NOT_PRESENT);
  auto info = xr_struct<XrInstanceCreateInfo>(XR_TYPE_INSTANCE_CREATE_INFO);
  info.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
  EXPECT_EQ(fn<PFN_xrCreateInstance>("xrCreateInstance")(&info, &other), XR_ERROR_NAME_INVALID);
  std::strcpy(info.applicationInfo.applicationName, "direct");
  info.applicationInfo.apiVersion = XR_MAKE_VERSION(2, 0, 0);
  EXPECT_EQ(fn<PFN_xrCreateInstance>("xrCreateInstance")(&info, &other),
            XR_ERROR_API_VERSION_UNSUPPORTED);
  info.type = XR_TYPE_SYSTEM_GET_INFO;
  EXPECT_EQ(fn<PFN_xrCreateInstance>("xrCreateInstance")(&info, &other),
            XR_ERROR_VALIDATION_FAILURE);
  create();
  EXPECT_EQ(create_instance({}, &other), XR_ERROR_LIMIT_REACHED);
}

TEST_F(DirectRuntimeTest, AWithdrawnDepthExtensionIsNeitherListedNorEnabled) {
  RuntimeLibrary::get().set_depth_extension_offered(XR_FALSE);
  auto enumerate =
      fn<PFN_xrEnumerateInstanceExtensionProperties>("xrEnumerateInstanceExtensionProperties");
  uint32_t count = 0;
  ASSERT_EQ(enumerate(nullptr, 0, &count, nullptr), XR_SUCCESS);
  std::vector<XrExtensionProperties> props(
      count, xr_struct<XrExtensionProperties>(XR_TYPE_EXTENSION_PROPERTIES));
  ASSERT_EQ(enumerate(nullptr, count, &count, props.data()), XR_SUCCESS);
  ASSERT_EQ(count, 1u);
  EXPECT_STREQ(props[0].extensionName, "XR_KHR_vulkan_enable2");
  XrInstance other = XR_NULL_HANDLE;
  EXPECT_EQ(create_instance({"XR_KHR_vulkan_enable2", "XR_KHR_composition_layer_depth"}, &other),
            XR_ERROR_EXTENSION_NOT_PRESENT);
  // Offered again, it is listed and can be enabled.
  RuntimeLibrary::get().set_depth_extension_offered(XR_TRUE);
  ASSERT_EQ(enumerate(nullptr, 0, &count, nullptr), XR_SUCCESS);
  EXPECT_EQ(count, 2u);
  create({"XR_KHR_vulkan_enable2", "XR_KHR_composition_layer_depth"});
}

TEST_F(DirectRuntimeTest, HandlesAndStructureTypesAreChecked) {
  create();
  auto get_system = fn<PFN_xrGetSystem>("xrGetSystem");
  auto info = xr_struct<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
  info.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XrSystemId system = XR_NULL_SYSTEM_ID;
  EXPECT_EQ(get_system(reinterpret_cast<XrInstance>(uintptr_t{0xdead}), &info, &system),
            XR_ERROR_HANDLE_INVALID);
  info.type = XR_TYPE_SESSION_BEGIN_INFO;
  EXPECT_EQ(get_system(instance_, &info, &system), XR_ERROR_VALIDATION_FAILURE);
  info.type = XR_TYPE_SYSTEM_GET_INFO;
  info.formFactor = XR_FORM_FACTOR_HANDHELD_DISPLAY;
  EXPECT_EQ(get_system(instance_, &info, &system), XR_ERROR_FORM_FACTOR_UNSUPPORTED);
  info.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  ASSERT_EQ(get_system(instance_, &info, &system), XR_SUCCESS);

  auto views = fn<PFN_xrEnumerateViewConfigurationViews>("xrEnumerateViewConfigurationViews");
  std::array<XrViewConfigurationView, 2> out{
      xr_struct<XrViewConfigurationView>(XR_TYPE_VIEW_CONFIGURATION_VIEW),
      xr_struct<XrViewConfigurationView>(XR_TYPE_VIEW_CONFIGURATION_VIEW)};
  uint32_t count = 0;
  EXPECT_EQ(views(instance_, system + 1, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 2, &count,
                  out.data()),
            XR_ERROR_SYSTEM_INVALID);
  EXPECT_EQ(
      views(instance_, system, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_MONO, 2, &count, out.data()),
      XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED);
  EXPECT_EQ(
      views(instance_, system, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 1, &count, out.data()),
      XR_ERROR_SIZE_INSUFFICIENT);
  EXPECT_EQ(count, 2u);
  out[1].type = XR_TYPE_VIEW;
  EXPECT_EQ(
      views(instance_, system, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 2, &count, out.data()),
      XR_ERROR_VALIDATION_FAILURE);

  // A session needs the graphics requirements asked for, then a graphics binding.
  auto create_session = fn<PFN_xrCreateSession>("xrCreateSession");
  auto session_info = xr_struct<XrSessionCreateInfo>(XR_TYPE_SESSION_CREATE_INFO);
  session_info.systemId = system;
  XrSession session = XR_NULL_HANDLE;
  EXPECT_EQ(create_session(instance_, &session_info, &session),
            XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING);
  auto requirements =
      xr_struct<XrGraphicsRequirementsVulkan2KHR>(XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR);
  ASSERT_EQ(fn<PFN_xrGetVulkanGraphicsRequirements2KHR>("xrGetVulkanGraphicsRequirements2KHR")(
                instance_, system, &requirements),
            XR_SUCCESS);
  EXPECT_EQ(requirements.minApiVersionSupported, XR_MAKE_VERSION(1, 2, 0));
  EXPECT_EQ(create_session(instance_, &session_info, &session), XR_ERROR_GRAPHICS_DEVICE_INVALID);
  auto binding = xr_struct<XrGraphicsBindingVulkan2KHR>(XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR);
  session_info.next = &binding;  // names no Vulkan objects the runtime created
  EXPECT_EQ(create_session(instance_, &session_info, &session), XR_ERROR_GRAPHICS_DEVICE_INVALID);
}

TEST_F(DirectRuntimeTest, PathsAreWellFormedAndStable) {
  create();
  auto to_path = fn<PFN_xrStringToPath>("xrStringToPath");
  auto to_string = fn<PFN_xrPathToString>("xrPathToString");
  XrPath path = XR_NULL_PATH;
  for (const char* bad : {"user/hand", "/user//hand", "/user/Hand", "/user/hand/", "/user/..",
                          "/user/hand left", ""}) {
    EXPECT_EQ(to_path(instance_, bad, &path), XR_ERROR_PATH_FORMAT_INVALID) << bad;
  }
  EXPECT_EQ(to_path(instance_, ("/" + std::string(XR_MAX_PATH_LENGTH, 'a')).c_str(), &path),
            XR_ERROR_PATH_FORMAT_INVALID);
  ASSERT_EQ(to_path(instance_, "/user/hand/left", &path), XR_SUCCESS);
  XrPath again = XR_NULL_PATH;
  ASSERT_EQ(to_path(instance_, "/user/hand/left", &again), XR_SUCCESS);
  EXPECT_EQ(path, again);
  ASSERT_EQ(to_path(instance_, "/user/hand/right", &again), XR_SUCCESS);
  EXPECT_NE(path, again);
  uint32_t count = 0;
  ASSERT_EQ(to_string(instance_, path, 0, &count, nullptr), XR_SUCCESS);
  EXPECT_EQ(count, 16u);
  std::string text(count, '\0');
  EXPECT_EQ(to_string(instance_, path, 4, &count, text.data()), XR_ERROR_SIZE_INSUFFICIENT);
  ASSERT_EQ(to_string(instance_, path, count, &count, text.data()), XR_SUCCESS);
  EXPECT_STREQ(text.c_str(), "/user/hand/left");
  EXPECT_EQ(to_string(instance_, path + 1000, 0, &count, nullptr), XR_ERROR_PATH_INVALID);
  EXPECT_EQ(to_string(instance_, XR_NULL_PATH, 0, &count, nullptr), XR_ERROR_PATH_INVALID);
}

TEST_F(DirectRuntimeTest, NamesOfResultsAndStructureTypes) {
  create();
  char text[XR_MAX_STRUCTURE_NAME_SIZE] = {};
  auto result = fn<PFN_xrResultToString>("xrResultToString");
  ASSERT_EQ(result(instance_, XR_ERROR_CALL_ORDER_INVALID, text), XR_SUCCESS);
  EXPECT_STREQ(text, "XR_ERROR_CALL_ORDER_INVALID");
  ASSERT_EQ(result(instance_, static_cast<XrResult>(-999), text), XR_SUCCESS);
  EXPECT_STREQ(text, "XR_UNKNOWN_FAILURE_-999");
  ASSERT_EQ(result(instance_, static_cast<XrResult>(999), text), XR_SUCCESS);
  EXPECT_STREQ(text, "XR_UNKNOWN_SUCCESS_999");
  auto type = fn<PFN_xrStructureTypeToString>("xrStructureTypeToString");
  ASSERT_EQ(type(instance_, XR_TYPE_COMPOSITION_LAYER_PROJECTION, text), XR_SUCCESS);
  EXPECT_STREQ(text, "XR_TYPE_COMPOSITION_LAYER_PROJECTION");
  ASSERT_EQ(type(instance_, static_cast<XrStructureType>(123456), text), XR_SUCCESS);
  EXPECT_STREQ(text, "XR_UNKNOWN_STRUCTURE_TYPE_123456");
}

TEST_F(DirectRuntimeTest, ActionNamesAndSubactionPaths) {
  create();
  auto create_set = fn<PFN_xrCreateActionSet>("xrCreateActionSet");
  auto set_info = xr_struct<XrActionSetCreateInfo>(XR_TYPE_ACTION_SET_CREATE_INFO);
  XrActionSet set = XR_NULL_HANDLE;
  std::strcpy(set_info.localizedActionSetName, "Patient");
  EXPECT_EQ(create_set(instance_, &set_info, &set), XR_ERROR_NAME_INVALID);
  std::strcpy(set_info.actionSetName, "Patient Set");
  EXPECT_EQ(create_set(instance_, &set_info, &set), XR_ERROR_PATH_FORMAT_INVALID);
  std::strcpy(set_info.actionSetName, "patient");
  ASSERT_EQ(create_set(instance_, &set_info, &set), XR_SUCCESS);
  XrActionSet twin = XR_NULL_HANDLE;
  EXPECT_EQ(create_set(instance_, &set_info, &twin), XR_ERROR_NAME_DUPLICATED);
  std::strcpy(set_info.actionSetName, "patient2");
  EXPECT_EQ(create_set(instance_, &set_info, &twin), XR_ERROR_LOCALIZED_NAME_DUPLICATED);

  auto to_path = fn<PFN_xrStringToPath>("xrStringToPath");
  XrPath right = XR_NULL_PATH;
  XrPath middle = XR_NULL_PATH;
  ASSERT_EQ(to_path(instance_, "/user/hand/right", &right), XR_SUCCESS);
  ASSERT_EQ(to_path(instance_, "/user/hand/middle", &middle), XR_SUCCESS);
  auto create_action = fn<PFN_xrCreateAction>("xrCreateAction");
  auto info = xr_struct<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
  std::strcpy(info.actionName, "select");
  std::strcpy(info.localizedActionName, "Select");
  info.actionType = XR_ACTION_TYPE_BOOLEAN_INPUT;
  const XrPath twice[] = {right, right};
  info.countSubactionPaths = 2;
  info.subactionPaths = twice;
  XrAction action = XR_NULL_HANDLE;
  EXPECT_EQ(create_action(set, &info, &action), XR_ERROR_PATH_UNSUPPORTED);
  info.countSubactionPaths = 1;
  info.subactionPaths = &middle;
  EXPECT_EQ(create_action(set, &info, &action), XR_ERROR_PATH_UNSUPPORTED);
  info.subactionPaths = &right;
  ASSERT_EQ(create_action(set, &info, &action), XR_SUCCESS);
  XrAction other = XR_NULL_HANDLE;
  EXPECT_EQ(create_action(set, &info, &other), XR_ERROR_NAME_DUPLICATED);
  // Destroying the action frees its name.
  ASSERT_EQ(fn<PFN_xrDestroyAction>("xrDestroyAction")(action), XR_SUCCESS);
  EXPECT_EQ(create_action(set, &info, &other), XR_SUCCESS);
  ASSERT_EQ(fn<PFN_xrDestroyActionSet>("xrDestroyActionSet")(set), XR_SUCCESS);
  EXPECT_EQ(create_action(set, &info, &other), XR_ERROR_HANDLE_INVALID);
}

}  // namespace
}  // namespace trialxr::testing::xr
