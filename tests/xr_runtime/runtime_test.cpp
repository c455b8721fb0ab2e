// The test runtime through the Khronos loader with the core validation layer checking every
// call: discovery through the manifest, the system, the session state machine, frames with
// an array swapchain read back through the control API, spaces and views, loss, and the
// errors the specification requires for calls out of order.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "runtime_fixture.h"

namespace trialxr::testing::xr {
namespace {

constexpr XrDuration kFramePeriod = 11'111'111;

std::vector<XrSessionState> states(std::initializer_list<XrSessionState> list) {
  return list;
}

// Every pixel of `rgba` is `expected`.
::testing::AssertionResult all_pixels(const std::vector<uint8_t>& rgba,
                                      std::array<uint8_t, 4> expected) {
  if (rgba.empty()) return ::testing::AssertionFailure() << "no pixels";
  for (std::size_t i = 0; i < rgba.size(); i += 4) {
    if (std::memcmp(&rgba[i], expected.data(), 4) != 0)
      return ::testing::AssertionFailure()
             << "pixel " << i / 4 << " is " << int{rgba[i]} << "," << int{rgba[i + 1]} << ","
             << int{rgba[i + 2]} << "," << int{rgba[i + 3]};
  }
  return ::testing::AssertionSuccess();
}

void expect_near(const XrVector3f& a, const XrVector3f& b) {
  EXPECT_NEAR(a.x, b.x, 1e-5f);
  EXPECT_NEAR(a.y, b.y, 1e-5f);
  EXPECT_NEAR(a.z, b.z, 1e-5f);
}

XrPosef pose(XrQuaternionf orientation, XrVector3f position) {
  return {orientation, position};
}

constexpr XrQuaternionf kIdentity{0, 0, 0, 1};

TEST_F(RuntimeTest, LoaderFindsTheRuntimeThroughItsManifest) {
  uint32_t count = 0;
  ASSERT_EQ(xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr), XR_SUCCESS);
  std::vector<XrExtensionProperties> props(
      count, xr_struct<XrExtensionProperties>(XR_TYPE_EXTENSION_PROPERTIES));
  ASSERT_EQ(xrEnumerateInstanceExtensionProperties(nullptr, count, &count, props.data()),
            XR_SUCCESS);
  std::vector<std::string> names;
  for (const auto& p : props) names.emplace_back(p.extensionName);
  EXPECT_NE(std::find(names.begin(), names.end(), "XR_KHR_vulkan_enable2"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "XR_KHR_composition_layer_depth"), names.end());

  XrApp& app = start();
  auto props_out = xr_struct<XrInstanceProperties>(XR_TYPE_INSTANCE_PROPERTIES);
  ASSERT_EQ(xrGetInstanceProperties(app.instance, &props_out), XR_SUCCESS);
  EXPECT_STREQ(props_out.runtimeName, "TrialXR test runtime");
  char name[XR_MAX_RESULT_STRING_SIZE];
  ASSERT_EQ(xrResultToString(app.instance, XR_ERROR_SESSION_NOT_RUNNING, name), XR_SUCCESS);
  EXPECT_STREQ(name, "XR_ERROR_SESSION_NOT_RUNNING");
}

TEST_F(RuntimeTest, SystemOffersTheConfiguredViewsAndBlendModes) {
  ASSERT_EQ(control().set_view_size(800, 448), XR_TRUE);
  EXPECT_EQ(control().set_view_size(0, 448), XR_FALSE);
  XrApp& app = start();
  auto props = xr_struct<XrSystemProperties>(XR_TYPE_SYSTEM_PROPERTIES);
  ASSERT_EQ(xrGetSystemProperties(app.instance, app.system, &props), XR_SUCCESS);
  EXPECT_TRUE(props.trackingProperties.positionTracking);
  EXPECT_GE(props.graphicsProperties.maxLayerCount, uint32_t{XR_MIN_COMPOSITION_LAYERS_SUPPORTED});

  uint32_t count = 0;
  XrViewConfigurationType type{};
  ASSERT_EQ(xrEnumerateViewConfigurations(app.instance, app.system, 1, &count, &type), XR_SUCCESS);
  EXPECT_EQ(type, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO);
  std::array<XrViewConfigurationView, 2> views{
      xr_struct<XrViewConfigurationView>(XR_TYPE_VIEW_CONFIGURATION_VIEW),
      xr_struct<XrViewConfigurationView>(XR_TYPE_VIEW_CONFIGURATION_VIEW)};
  ASSERT_EQ(
      xrEnumerateViewConfigurationViews(app.instance, app.system, type, 2, &count, views.data()),
      XR_SUCCESS);
  ASSERT_EQ(count, 2u);
  EXPECT_EQ(views[1].recommendedImageRectWidth, 800u);
  EXPECT_EQ(views[1].recommendedImageRectHeight, 448u);

  std::array<XrEnvironmentBlendMode, 3> modes{};
  ASSERT_EQ(
      xrEnumerateEnvironmentBlendModes(app.instance, app.system, type, 3, &count, modes.data()),
      XR_SUCCESS);
  ASSERT_EQ(count, 1u);
  EXPECT_EQ(modes[0], XR_ENVIRONMENT_BLEND_MODE_OPAQUE);
  const XrEnvironmentBlendMode ar[] = {XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND,
                                       XR_ENVIRONMENT_BLEND_MODE_ADDITIVE};
  ASSERT_EQ(control().set_blend_modes(ar, 2), XR_TRUE);
  ASSERT_EQ(
      xrEnumerateEnvironmentBlendModes(app.instance, app.system, type, 3, &count, modes.data()),
      XR_SUCCESS);
  ASSERT_EQ(count, 2u);
  EXPECT_EQ(modes[0], XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND);
  EXPECT_EQ(modes[1], XR_ENVIRONMENT_BLEND_MODE_ADDITIVE);
}

TEST_F(RuntimeTest, UnpluggedHeadsetIsUnavailable) {
  control().set_headset_connected(XR_FALSE);
  XrApp& app = start({.get_system = false});
  auto info = xr_struct<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
  info.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XrSystemId system = XR_NULL_SYSTEM_ID;
  EXPECT_EQ(xrGetSystem(app.instance, &info, &system), XR_ERROR_FORM_FACTOR_UNAVAILABLE);
  control().set_headset_connected(XR_TRUE);
  EXPECT_EQ(xrGetSystem(app.instance, &info, &system), XR_SUCCESS);
}

TEST_F(RuntimeTest, SessionRunsThroughItsStatesToExiting) {
  XrApp& app = start();
  app.create_session();
  EXPECT_EQ(app.poll(), states({XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY}));
  app.begin_session();

  const XrFrameState first = app.wait_frame();
  EXPECT_FALSE(first.shouldRender);
  EXPECT_EQ(first.predictedDisplayPeriod, kFramePeriod);
  EXPECT_EQ(app.poll(), states({XR_SESSION_STATE_SYNCHRONIZED}));
  app.begin_frame();
  ASSERT_EQ(app.end_frame({}, first.predictedDisplayTime), XR_SUCCESS);
  EXPECT_EQ(app.poll(), states({XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_FOCUSED}));

  const XrFrameState second = app.wait_frame();
  EXPECT_TRUE(second.shouldRender);
  EXPECT_EQ(second.predictedDisplayTime - first.predictedDisplayTime, kFramePeriod);
  app.begin_frame();
  ASSERT_EQ(app.end_frame({}, second.predictedDisplayTime), XR_SUCCESS);
  EXPECT_EQ(control().frames_ended(), 2u);

  ASSERT_EQ(xrRequestExitSession(app.session), XR_SUCCESS);
  EXPECT_EQ(app.poll(), states({XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_SYNCHRONIZED,
                                XR_SESSION_STATE_STOPPING}));
  EXPECT_FALSE(app.wait_frame().shouldRender);
  app.begin_frame();
  ASSERT_EQ(app.end_frame({}, second.predictedDisplayTime + kFramePeriod), XR_SUCCESS);
  ASSERT_EQ(xrEndSession(app.session), XR_SUCCESS);
  EXPECT_EQ(app.poll(), states({XR_SESSION_STATE_IDLE, XR_SESSION_STATE_EXITING}));

  auto begin = xr_struct<XrSessionBeginInfo>(XR_TYPE_SESSION_BEGIN_INFO);
  begin.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  EXPECT_EQ(xrBeginSession(app.session, &begin), XR_ERROR_SESSION_NOT_READY);
}

TEST_F(RuntimeTest, CallsNeedARunningSession) {
  XrApp& app = start();
  app.create_session();
  app.poll();
  auto frame = xr_struct<XrFrameState>(XR_TYPE_FRAME_STATE);
  EXPECT_EQ(xrWaitFrame(app.session, nullptr, &frame), XR_ERROR_SESSION_NOT_RUNNING);
  EXPECT_EQ(xrBeginFrame(app.session, nullptr), XR_ERROR_SESSION_NOT_RUNNING);
  EXPECT_EQ(app.end_frame({}, 1'000'000'000), XR_ERROR_SESSION_NOT_RUNNING);
  EXPECT_EQ(xrRequestExitSession(app.session), XR_ERROR_SESSION_NOT_RUNNING);
  EXPECT_EQ(xrEndSession(app.session), XR_ERROR_SESSION_NOT_RUNNING);

  app.begin_session();
  auto begin = xr_struct<XrSessionBeginInfo>(XR_TYPE_SESSION_BEGIN_INFO);
  begin.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  EXPECT_EQ(xrBeginSession(app.session, &begin), XR_ERROR_SESSION_RUNNING);
  EXPECT_EQ(xrEndSession(app.session), XR_ERROR_SESSION_NOT_STOPPING);
}

TEST_F(RuntimeTest, FrameCallsKeepTheirOrder) {
  XrApp& app = start();
  app.create_session();
  app.run_to_focused();
  EXPECT_EQ(app.end_frame({}, 1'000'000'000), XR_ERROR_CALL_ORDER_INVALID);
  EXPECT_EQ(xrBeginFrame(app.session, nullptr), XR_ERROR_CALL_ORDER_INVALID);

  app.wait_frame();
  app.begin_frame();
  const XrFrameState next = app.wait_frame();
  // Beginning again without ending forfeits the first frame.
  EXPECT_EQ(xrBeginFrame(app.session, nullptr), XR_FRAME_DISCARDED);
  const uint64_t ended = control().frames_ended();
  EXPECT_EQ(app.end_frame({}, next.predictedDisplayTime), XR_SUCCESS);
  EXPECT_EQ(app.end_frame({}, next.predictedDisplayTime), XR_ERROR_CALL_ORDER_INVALID);
  EXPECT_EQ(control().frames_ended(), ended + 1);
}

TEST_F(RuntimeTest, ArraySwapchainFramesAreReadBack) {
  XrApp& app = start();
  app.create_session();
  app.run_to_focused();

  uint32_t count = 0;
  ASSERT_EQ(xrEnumerateSwapchainFormats(app.session, 0, &count, nullptr), XR_SUCCESS);
  std::vector<int64_t> formats(count);
  ASSERT_EQ(xrEnumerateSwapchainFormats(app.session, count, &count, formats.data()), XR_SUCCESS);
  EXPECT_EQ(formats, (std::vector<int64_t>{VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB,
                                           VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_D32_SFLOAT}));

  const Swapchain color = app.create_swapchain(
      VK_FORMAT_R8G8B8A8_SRGB, 640, 360, 2,
      XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT);
  ASSERT_EQ(color.images.size(), 3u);
  for (uint32_t frame = 0; frame < 4; ++frame) {
    const XrFrameState state = app.wait_frame();
    ASSERT_TRUE(state.shouldRender);
    app.begin_frame();
    const uint32_t index = app.acquire(color);
    EXPECT_EQ(index, frame % 3);
    const float g = frame % 2 == 0 ? 0.0f : 1.0f;
    app.clear(color, index, {{{1.0f, g, 0.0f, 1.0f}}, {{0.0f, g, 1.0f, 1.0f}}});
    app.release(color);
    const ProjectionLayer layer(app.locate_views(state.predictedDisplayTime, app.local), app.local,
                                color);
    ASSERT_EQ(app.end_frame({layer.header()}, state.predictedDisplayTime), XR_SUCCESS);

    const auto green = static_cast<uint8_t>(frame % 2 == 0 ? 0 : 255);
    uint32_t width = 0;
    uint32_t height = 0;
    const std::vector<uint8_t> left = control().view_pixels(0, width, height);
    EXPECT_EQ(width, 640u);
    EXPECT_EQ(height, 360u);
    EXPECT_TRUE(all_pixels(left, {255, green, 0, 255})) << "left view, frame " << frame;
    const std::vector<uint8_t> right = control().view_pixels(1, width, height);
    EXPECT_TRUE(all_pixels(right, {0, green, 255, 255})) << "right view, frame " << frame;

    TrialxrTestFrame info{};
    ASSERT_EQ(control().last_frame(&info), XR_TRUE);
    EXPECT_EQ(info.display_time, state.predictedDisplayTime);
    EXPECT_EQ(info.blend_mode, XR_ENVIRONMENT_BLEND_MODE_OPAQUE);
    EXPECT_EQ(info.layer_count, 1u);
    EXPECT_EQ(info.projection_views, 2u);
    EXPECT_FALSE(info.depth_submitted);
  }
  uint32_t width = 0;
  uint32_t height = 0;
  EXPECT_TRUE(control().view_pixels(2, width, height).empty());
}

TEST_F(RuntimeTest, SubImagesOfABgraSwapchainAreReadBackAsRgba) {
  XrApp& app = start();
  app.create_session();
  app.run_to_focused();
  const Swapchain color = app.create_swapchain(
      VK_FORMAT_B8G8R8A8_SRGB, 256, 128, 1,
      XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT);
  const XrFrameState state = app.wait_frame();
  app.begin_frame();
  app.clear(color, app.acquire(color), {{{1.0f, 0.0f, 0.0f, 1.0f}}});
  app.release(color);
  ProjectionLayer layer(app.locate_views(state.predictedDisplayTime, app.local), app.local, color);
  // Side by side in one image: the left half for the left eye, a strip for the right.
  layer.views[0].subImage.imageRect = {{0, 0}, {128, 128}};
  layer.views[1].subImage.imageRect = {{128, 32}, {100, 64}};
  ASSERT_EQ(app.end_frame({layer.header()}, state.predictedDisplayTime), XR_SUCCESS);
  uint32_t width = 0;
  uint32_t height = 0;
  EXPECT_TRUE(all_pixels(control().view_pixels(0, width, height), {255, 0, 0, 255}));
  EXPECT_EQ(width, 128u);
  EXPECT_TRUE(all_pixels(control().view_pixels(1, width, height), {255, 0, 0, 255}));
  EXPECT_EQ(width, 100u);
  EXPECT_EQ(height, 64u);
}

TEST_F(RuntimeTest, DepthLayersNeedTheExtensionAndAValidRange) {
  XrApp& app = start({.depth_extension = true});
  app.create_session();
  app.run_to_focused();
  const Swapchain color = app.create_swapchain(VK_FORMAT_R8G8B8A8_SRGB, 320, 180, 2,
                                               XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT);
  const Swapchain depth = app.create_swapchain(VK_FORMAT_D32_SFLOAT, 320, 180, 2,
                                               XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT);
  for (int frame = 0; frame < 2; ++frame) {
    const XrFrameState state = app.wait_frame();
    app.begin_frame();
    app.acquire(color);
    app.acquire(depth);
    app.release(color);
    app.release(depth);
    ProjectionLayer layer(app.locate_views(state.predictedDisplayTime, app.local), app.local,
                          color);
    layer.add_depth(depth);
    if (frame == 0) {
      layer.depth[1].minDepth = 0.9f;
      layer.depth[1].maxDepth = 0.1f;
      EXPECT_EQ(app.end_frame({layer.header()}, state.predictedDisplayTime),
                XR_ERROR_VALIDATION_FAILURE);
      layer.depth[1].minDepth = 0.0f;
      layer.depth[1].maxDepth = 1.0f;
      // The color swapchain cannot stand in for depth.
      layer.depth[0].subImage.swapchain = color.handle;
      EXPECT_EQ(app.end_frame({layer.header()}, state.predictedDisplayTime),
                XR_ERROR_VALIDATION_FAILURE);
      layer.depth[0].subImage.swapchain = depth.handle;
    }
    ASSERT_EQ(app.end_frame({layer.header()}, state.predictedDisplayTime), XR_SUCCESS);
    TrialxrTestFrame info{};
    ASSERT_EQ(control().last_frame(&info), XR_TRUE);
    EXPECT_TRUE(info.depth_submitted);
  }
}

TEST_F(RuntimeTest, ChainedDepthIsReadBack) {
  XrApp& app = start({.depth_extension = true});
  app.create_session();
  app.run_to_focused();
  const Swapchain color = app.create_swapchain(VK_FORMAT_R8G8B8A8_SRGB, 320, 180, 2,
                                               XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT);
  const Swapchain depth = app.create_swapchain(
      VK_FORMAT_D32_SFLOAT, 320, 180, 2,
      XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT);
  XrFrameState state = app.wait_frame();
  app.begin_frame();
  app.acquire(color);
  app.clear_depth(depth, app.acquire(depth), {0.25f, 0.75f});
  app.release(color);
  app.release(depth);
  {
    ProjectionLayer layer(app.locate_views(state.predictedDisplayTime, app.local), app.local,
                          color);
    layer.add_depth(depth);
    // The right eye's depth from a part of its layer.
    layer.depth[1].subImage.imageRect = {{10, 20}, {100, 50}};
    ASSERT_EQ(app.end_frame({layer.header()}, state.predictedDisplayTime), XR_SUCCESS);
  }
  uint32_t width = 0;
  uint32_t height = 0;
  const std::vector<float> left = control().view_depth(0, width, height);
  EXPECT_EQ(width, 320u);
  EXPECT_EQ(height, 180u);
  ASSERT_EQ(left.size(), 320u * 180u);
  EXPECT_EQ(std::count(left.begin(), left.end(), 0.25f), 320 * 180);
  const std::vector<float> right = control().view_depth(1, width, height);
  EXPECT_EQ(width, 100u);
  EXPECT_EQ(height, 50u);
  ASSERT_EQ(right.size(), 100u * 50u);
  EXPECT_EQ(std::count(right.begin(), right.end(), 0.75f), 100 * 50);
  TrialxrTestFrame info{};
  ASSERT_EQ(control().last_frame(&info), XR_TRUE);
  EXPECT_TRUE(info.depth_submitted);
  EXPECT_EQ(info.depth_min, 0.0f);  // what add_depth chains
  EXPECT_EQ(info.depth_max, 1.0f);
  EXPECT_EQ(info.depth_near_z, 0.05f);
  EXPECT_EQ(info.depth_far_z, 100.0f);
  float too_small[4];
  EXPECT_EQ(control().read_depth(1, &width, &height, too_small, 4), XR_FALSE);

  // A frame without depth leaves none to read.
  state = app.wait_frame();
  app.begin_frame();
  app.acquire(color);
  app.release(color);
  const ProjectionLayer plain(app.locate_views(state.predictedDisplayTime, app.local), app.local,
                              color);
  ASSERT_EQ(app.end_frame({plain.header()}, state.predictedDisplayTime), XR_SUCCESS);
  EXPECT_TRUE(control().view_depth(0, width, height).empty());
  EXPECT_FALSE(control().view_pixels(0, width, height).empty());
}

TEST_F(RuntimeTest, EndFrameChecksLayersAndBlendMode) {
  XrApp& app = start();
  app.create_session();
  app.run_to_focused();
  const Swapchain color = app.create_swapchain(VK_FORMAT_R8G8B8A8_SRGB, 320, 180, 2,
                                               XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT);
  const XrFrameState state = app.wait_frame();
  app.begin_frame();
  ProjectionLayer layer(app.locate_views(state.predictedDisplayTime, app.local), app.local, color);
  const XrTime t = state.predictedDisplayTime;
  EXPECT_EQ(app.end_frame({layer.header()}, t), XR_ERROR_LAYER_INVALID);  // nothing released
  app.acquire(color);
  EXPECT_EQ(app.end_frame({layer.header()}, t), XR_ERROR_LAYER_INVALID);  // still held
  app.release(color);
  layer.views[1].subImage.imageRect = {{200, 0}, {121, 180}};
  EXPECT_EQ(app.end_frame({layer.header()}, t), XR_ERROR_SWAPCHAIN_RECT_INVALID);
  layer.views[1].subImage.imageRect = {{0, 0}, {320, 180}};
  layer.views[1].subImage.imageArrayIndex = 2;
  EXPECT_EQ(app.end_frame({layer.header()}, t), XR_ERROR_VALIDATION_FAILURE);
  layer.views[1].subImage.imageArrayIndex = 1;
  layer.layer.viewCount = 1;
  EXPECT_EQ(app.end_frame({layer.header()}, t), XR_ERROR_VALIDATION_FAILURE);
  layer.layer.viewCount = 2;
  EXPECT_EQ(app.end_frame({layer.header()}, t, XR_ENVIRONMENT_BLEND_MODE_ADDITIVE),
            XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED);

  const XrEnvironmentBlendMode ar[] = {XR_ENVIRONMENT_BLEND_MODE_ADDITIVE};
  ASSERT_EQ(control().set_blend_modes(ar, 1), XR_TRUE);
  EXPECT_EQ(app.end_frame({layer.header()}, t, XR_ENVIRONMENT_BLEND_MODE_OPAQUE),
            XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED);
  ASSERT_EQ(app.end_frame({layer.header()}, t, XR_ENVIRONMENT_BLEND_MODE_ADDITIVE), XR_SUCCESS);
  TrialxrTestFrame info{};
  ASSERT_EQ(control().last_frame(&info), XR_TRUE);
  EXPECT_EQ(info.blend_mode, XR_ENVIRONMENT_BLEND_MODE_ADDITIVE);
}

TEST_F(RuntimeTest, SwapchainImagesFollowAcquireWaitRelease) {
  XrApp& app = start();
  app.create_session();
  const Swapchain s =
      app.create_swapchain(VK_FORMAT_R8G8B8A8_UNORM, 64, 64, 1, XR_SWAPCHAIN_USAGE_SAMPLED_BIT);
  auto wait = xr_struct<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
  wait.timeout = XR_INFINITE_DURATION;
  EXPECT_EQ(xrWaitSwapchainImage(s.handle, &wait), XR_ERROR_CALL_ORDER_INVALID);
  EXPECT_EQ(xrReleaseSwapchainImage(s.handle, nullptr), XR_ERROR_CALL_ORDER_INVALID);
  uint32_t index = 99;
  for (uint32_t i = 0; i < 3; ++i) {
    ASSERT_EQ(xrAcquireSwapchainImage(s.handle, nullptr, &index), XR_SUCCESS);
    EXPECT_EQ(index, i);
  }
  EXPECT_EQ(xrAcquireSwapchainImage(s.handle, nullptr, &index), XR_ERROR_CALL_ORDER_INVALID);
  ASSERT_EQ(xrWaitSwapchainImage(s.handle, &wait), XR_SUCCESS);
  EXPECT_EQ(xrWaitSwapchainImage(s.handle, &wait), XR_ERROR_CALL_ORDER_INVALID);
  ASSERT_EQ(xrReleaseSwapchainImage(s.handle, nullptr), XR_SUCCESS);
  ASSERT_EQ(xrAcquireSwapchainImage(s.handle, nullptr, &index), XR_SUCCESS);
  EXPECT_EQ(index, 0u);

  // A static swapchain has one image, acquired once.
  const Swapchain still = app.create_swapchain(VK_FORMAT_R8G8B8A8_SRGB, 64, 64, 1,
                                               XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT,
                                               XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT);
  EXPECT_EQ(still.images.size(), 1u);
  EXPECT_EQ(app.acquire(still), 0u);
  app.release(still);
  EXPECT_EQ(xrAcquireSwapchainImage(still.handle, nullptr, &index), XR_ERROR_CALL_ORDER_INVALID);

  // Formats and usages the runtime cannot give.
  auto info = xr_struct<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
  info.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT;
  info.format = VK_FORMAT_R16G16B16A16_SFLOAT;
  info.sampleCount = info.width = info.height = info.faceCount = info.arraySize = info.mipCount = 1;
  XrSwapchain handle = XR_NULL_HANDLE;
  EXPECT_EQ(xrCreateSwapchain(app.session, &info, &handle), XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED);
  info.format = VK_FORMAT_D32_SFLOAT;
  EXPECT_EQ(xrCreateSwapchain(app.session, &info, &handle), XR_ERROR_FEATURE_UNSUPPORTED);
  info.format = VK_FORMAT_R8G8B8A8_SRGB;
  info.createFlags = XR_SWAPCHAIN_CREATE_PROTECTED_CONTENT_BIT;
  EXPECT_EQ(xrCreateSwapchain(app.session, &info, &handle), XR_ERROR_FEATURE_UNSUPPORTED);
}

TEST_F(RuntimeTest, ViewsFollowTheScriptedHead) {
  const float s = std::sqrt(0.5f);
  // Turned 90 degrees to the left, leaning forward and up.
  const XrPosef head = pose({0, s, 0, s}, {0.1f, 0.05f, -0.2f});
  control().set_head_pose(head);
  XrApp& app = start();
  app.create_session();
  app.run_to_focused();
  const XrFrameState state = app.wait_frame();
  const std::array<XrView, 2> views = app.locate_views(state.predictedDisplayTime, app.local);
  // The eyes lie along the head's x axis, which now points along -z.
  expect_near(views[0].pose.position, {0.1f, 0.05f, -0.2f + 0.0315f});
  expect_near(views[1].pose.position, {0.1f, 0.05f, -0.2f - 0.0315f});
  EXPECT_NEAR(views[0].pose.orientation.y, s, 1e-6f);
  EXPECT_NEAR(views[1].fov.angleLeft, -0.7853982f, 1e-6f);
  EXPECT_NEAR(views[1].fov.angleUp, 0.7853982f, 1e-6f);

  // Views located in VIEW space sit at ±ipd/2 on x whatever the head does.
  control().set_ipd(0.07f);
  auto info = xr_struct<XrReferenceSpaceCreateInfo>(XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
  info.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_VIEW;
  info.poseInReferenceSpace.orientation.w = 1.0f;
  XrSpace view_space = XR_NULL_HANDLE;
  ASSERT_EQ(xrCreateReferenceSpace(app.session, &info, &view_space), XR_SUCCESS);
  const std::array<XrView, 2> in_view = app.locate_views(state.predictedDisplayTime, view_space);
  expect_near(in_view[0].pose.position, {-0.035f, 0, 0});
  expect_near(in_view[1].pose.position, {0.035f, 0, 0});

  auto location = xr_struct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
  ASSERT_EQ(xrLocateSpace(view_space, app.local, state.predictedDisplayTime, &location),
            XR_SUCCESS);
  EXPECT_EQ(location.locationFlags & XR_SPACE_LOCATION_POSITION_TRACKED_BIT,
            XR_SPACE_LOCATION_POSITION_TRACKED_BIT);
  expect_near(location.pose.position, head.position);
  EXPECT_EQ(xrLocateSpace(view_space, app.local, 0, &location), XR_ERROR_TIME_INVALID);
  app.begin_frame();
  ASSERT_EQ(app.end_frame({}, state.predictedDisplayTime), XR_SUCCESS);
}

TEST_F(RuntimeTest, StageExistsOnlyWhenConfigured) {
  {
    XrApp& app = start();
    app.create_session();
    uint32_t count = 0;
    std::array<XrReferenceSpaceType, 4> types{};
    ASSERT_EQ(xrEnumerateReferenceSpaces(app.session, 4, &count, types.data()), XR_SUCCESS);
    EXPECT_EQ(count, 2u);
    auto info = xr_struct<XrReferenceSpaceCreateInfo>(XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
    info.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_STAGE;
    info.poseInReferenceSpace.orientation.w = 1.0f;
    XrSpace stage = XR_NULL_HANDLE;
    EXPECT_EQ(xrCreateReferenceSpace(app.session, &info, &stage),
              XR_ERROR_REFERENCE_SPACE_UNSUPPORTED);
    stop();
  }
  control().set_stage(XR_TRUE, 3.0f, 2.5f);
  control().set_eye_height(1.1f);
  XrApp& app = start();
  app.create_session();
  uint32_t count = 0;
  std::array<XrReferenceSpaceType, 4> types{};
  ASSERT_EQ(xrEnumerateReferenceSpaces(app.session, 4, &count, types.data()), XR_SUCCESS);
  ASSERT_EQ(count, 3u);
  EXPECT_EQ(types[2], XR_REFERENCE_SPACE_TYPE_STAGE);
  auto info = xr_struct<XrReferenceSpaceCreateInfo>(XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
  info.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_STAGE;
  info.poseInReferenceSpace.orientation.w = 1.0f;
  XrSpace stage = XR_NULL_HANDLE;
  ASSERT_EQ(xrCreateReferenceSpace(app.session, &info, &stage), XR_SUCCESS);
  auto location = xr_struct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
  ASSERT_EQ(xrLocateSpace(app.local, stage, 1'000'000'000, &location), XR_SUCCESS);
  expect_near(location.pose.position, {0, 1.1f, 0});
  XrExtent2Df bounds{};
  ASSERT_EQ(xrGetReferenceSpaceBoundsRect(app.session, XR_REFERENCE_SPACE_TYPE_STAGE, &bounds),
            XR_SUCCESS);
  EXPECT_EQ(bounds.width, 3.0f);
  EXPECT_EQ(bounds.height, 2.5f);
  EXPECT_EQ(xrGetReferenceSpaceBoundsRect(app.session, XR_REFERENCE_SPACE_TYPE_LOCAL, &bounds),
            XR_SPACE_BOUNDS_UNAVAILABLE);
}

TEST_F(RuntimeTest, LostSessionAndInstance) {
  XrApp& app = start();
  app.create_session();
  app.run_to_focused();
  ASSERT_EQ(control().lose_session(), XR_TRUE);
  // Until the application has seen the event, its calls simulate success.
  auto frame = xr_struct<XrFrameState>(XR_TYPE_FRAME_STATE);
  EXPECT_EQ(xrWaitFrame(app.session, nullptr, &frame), XR_SESSION_LOSS_PENDING);
  EXPECT_FALSE(frame.shouldRender);
  EXPECT_EQ(xrBeginFrame(app.session, nullptr), XR_SESSION_LOSS_PENDING);
  EXPECT_EQ(app.end_frame({}, frame.predictedDisplayTime), XR_SESSION_LOSS_PENDING);
  EXPECT_EQ(app.poll(), states({XR_SESSION_STATE_LOSS_PENDING}));
  EXPECT_EQ(xrWaitFrame(app.session, nullptr, &frame), XR_ERROR_SESSION_LOST);
  EXPECT_EQ(xrRequestExitSession(app.session), XR_ERROR_SESSION_LOST);
  ASSERT_EQ(xrDestroySession(app.session), XR_SUCCESS);
  app.session = XR_NULL_HANDLE;

  ASSERT_EQ(control().lose_instance(), XR_TRUE);
  auto event = xr_struct<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
  ASSERT_EQ(xrPollEvent(app.instance, &event), XR_SUCCESS);
  EXPECT_EQ(event.type, XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING);
  auto info = xr_struct<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
  info.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XrSystemId system = XR_NULL_SYSTEM_ID;
  EXPECT_EQ(xrGetSystem(app.instance, &info, &system), XR_ERROR_INSTANCE_LOST);
}

// The capture the fixture relies on does see the layer: a call the layer rejects leaves its
// message in the log.
TEST_F(RuntimeTest, CoreValidationMessagesAreCaught) {
  XrApp& app = start({.get_system = false});
  auto info = xr_struct<XrSystemGetInfo>(XR_TYPE_SESSION_BEGIN_INFO);
  info.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XrSystemId system = XR_NULL_SYSTEM_ID;
  EXPECT_EQ(xrGetSystem(app.instance, &info, &system), XR_ERROR_VALIDATION_FAILURE);
  app.shutdown();
  const std::string messages = take_core_validation_messages();
  EXPECT_NE(messages.find("VUID-XrSystemGetInfo-type-type"), std::string::npos) << messages;
}

}  // namespace
}  // namespace trialxr::testing::xr
