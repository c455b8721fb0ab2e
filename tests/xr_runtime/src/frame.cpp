// The frame loop: xrWaitFrame (no real waiting: the clock advances one 90 Hz period per
// call), xrBeginFrame, and xrEndFrame, which checks every layer and reads the views of the
// projection layer (and the depth they chain) back for the tests.
#include <algorithm>
#include <cmath>

#include "entry_points.h"
#include "runtime.h"
#include "session_flow.h"

namespace trialxr::xrt {
namespace {

constexpr XrCompositionLayerFlags kKnownLayerFlags =
    XR_COMPOSITION_LAYER_CORRECT_CHROMATIC_ABERRATION_BIT |
    XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT |
    XR_COMPOSITION_LAYER_UNPREMULTIPLIED_ALPHA_BIT;

// A sub-image names a swapchain of this session with a released image, an array layer it
// has and a rectangle inside it; `depth` says which kind of swapchain the place calls for.
XrResult check_sub_image(Runtime& rt, const Session& session, const XrSwapchainSubImage& sub,
                         bool depth) {
  Swapchain* chain = nullptr;
  Session* owner = nullptr;
  if (XrResult r = rt.get(sub.swapchain, chain, owner); XR_FAILED(r)) return r;
  if (owner != &session || chain->desc.depth != depth) return XR_ERROR_VALIDATION_FAILURE;
  if (!chain->last_released) return XR_ERROR_LAYER_INVALID;
  if (sub.imageArrayIndex >= chain->array_size) return XR_ERROR_VALIDATION_FAILURE;
  const XrRect2Di& rect = sub.imageRect;
  if (rect.offset.x < 0 || rect.offset.y < 0 || rect.extent.width <= 0 || rect.extent.height <= 0 ||
      int64_t{rect.offset.x} + rect.extent.width > int64_t{chain->desc.width} ||
      int64_t{rect.offset.y} + rect.extent.height > int64_t{chain->desc.height})
    return XR_ERROR_SWAPCHAIN_RECT_INVALID;
  return XR_SUCCESS;
}

XrResult check_layer_space(Runtime& rt, const Session& session, XrSpace handle) {
  Space* space = nullptr;
  Session* owner = nullptr;
  if (XrResult r = rt.get(handle, space, owner); XR_FAILED(r)) return r;
  return owner == &session ? XR_SUCCESS : XR_ERROR_VALIDATION_FAILURE;
}

XrResult check_depth_info(Runtime& rt, const Session& session,
                          const XrCompositionLayerDepthInfoKHR& depth) {
  if (XrResult r = check_sub_image(rt, session, depth.subImage, true); XR_FAILED(r)) return r;
  const bool range_ok =
      depth.minDepth >= 0.0f && depth.minDepth <= depth.maxDepth && depth.maxDepth <= 1.0f;
  const bool planes_ok = !std::isnan(depth.nearZ) && !std::isnan(depth.farZ) &&
                         depth.nearZ >= 0.0f && depth.farZ >= 0.0f && depth.nearZ != depth.farZ;
  return range_ok && planes_ok ? XR_SUCCESS : XR_ERROR_VALIDATION_FAILURE;
}

// Checks a projection layer; `with_depth` tells whether every view chained depth.
XrResult check_projection(Runtime& rt, const Session& session,
                          const XrCompositionLayerProjection& layer, bool& with_depth) {
  if (layer.viewCount != kViewCount || layer.views == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  const bool depth_enabled = rt.instance->depth_layers;
  with_depth = depth_enabled;
  for (uint32_t i = 0; i < layer.viewCount; ++i) {
    const XrCompositionLayerProjectionView& view = layer.views[i];
    if (view.type != XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW) return XR_ERROR_VALIDATION_FAILURE;
    if (!pose_valid(view.pose)) return XR_ERROR_POSE_INVALID;
    if (XrResult r = check_sub_image(rt, session, view.subImage, false); XR_FAILED(r)) return r;
    // Without XR_KHR_composition_layer_depth enabled a depth structure means nothing here.
    const XrBaseInStructure* depth =
        depth_enabled ? find_in_chain(view.next, XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR)
                      : nullptr;
    if (depth == nullptr) {
      with_depth = false;
      continue;
    }
    const auto& info = *reinterpret_cast<const XrCompositionLayerDepthInfoKHR*>(depth);
    if (XrResult r = check_depth_info(rt, session, info); XR_FAILED(r)) return r;
  }
  return XR_SUCCESS;
}

XrResult check_quad(Runtime& rt, const Session& session, const XrCompositionLayerQuad& quad) {
  if (quad.eyeVisibility != XR_EYE_VISIBILITY_BOTH &&
      quad.eyeVisibility != XR_EYE_VISIBILITY_LEFT && quad.eyeVisibility != XR_EYE_VISIBILITY_RIGHT)
    return XR_ERROR_VALIDATION_FAILURE;
  if (!pose_valid(quad.pose)) return XR_ERROR_POSE_INVALID;
  if (!(quad.size.width > 0.0f) || !(quad.size.height > 0.0f) || !std::isfinite(quad.size.width) ||
      !std::isfinite(quad.size.height))
    return XR_ERROR_VALIDATION_FAILURE;
  return check_sub_image(rt, session, quad.subImage, false);
}

// Reads the projection layer's views back into the recorded frame, with the depth each
// chained (already checked by check_projection).
XrResult read_views(Runtime& rt, Session& session, const XrCompositionLayerProjection& layer) {
  std::vector<Recorded::View> views(layer.viewCount);
  for (uint32_t i = 0; i < layer.viewCount; ++i) {
    const XrSwapchainSubImage& sub = layer.views[i].subImage;
    const Swapchain& chain = *rt.swapchains.at(to_id(sub.swapchain));
    const VulkanImage& image = chain.images[*chain.last_released];
    if (XrResult r = session.vk->read_rgba(image, chain.desc, sub.imageArrayIndex, sub.imageRect,
                                           views[i].rgba);
        XR_FAILED(r))
      return r;
    views[i].width = static_cast<uint32_t>(sub.imageRect.extent.width);
    views[i].height = static_cast<uint32_t>(sub.imageRect.extent.height);

    const XrBaseInStructure* chained =
        rt.instance->depth_layers
            ? find_in_chain(layer.views[i].next, XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR)
            : nullptr;
    if (chained == nullptr) continue;
    const XrSwapchainSubImage& depth_sub =
        reinterpret_cast<const XrCompositionLayerDepthInfoKHR*>(chained)->subImage;
    const Swapchain& depth_chain = *rt.swapchains.at(to_id(depth_sub.swapchain));
    if (XrResult r =
            session.vk->read_depth(depth_chain.images[*depth_chain.last_released], depth_chain.desc,
                                   depth_sub.imageArrayIndex, depth_sub.imageRect, views[i].depth);
        XR_FAILED(r))
      return r;
    views[i].has_depth = true;
    views[i].depth_width = static_cast<uint32_t>(depth_sub.imageRect.extent.width);
    views[i].depth_height = static_cast<uint32_t>(depth_sub.imageRect.extent.height);
  }
  rt.recorded.views = std::move(views);
  return XR_SUCCESS;
}

}  // namespace

XrResult xrWaitFrame(XrSession session, const XrFrameWaitInfo* info, XrFrameState* state) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if ((info != nullptr && info->type != XR_TYPE_FRAME_WAIT_INFO) || state == nullptr ||
      state->type != XR_TYPE_FRAME_STATE)
    return XR_ERROR_VALIDATION_FAILURE;
  if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
  // A second xrWaitFrame blocks until the frame of the first has begun (possibly on another
  // thread), or until the session stops running.
  const uint64_t id = s->id;
  rt.frame_waiters.wait(lock, [&] {
    auto it = rt.sessions.find(id);
    return it == rt.sessions.end() || !it->second->running || it->second->lost ||
           !it->second->wait_pending;
  });
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
  rt.instance->clock += kFramePeriod;
  s->predicted_time = rt.instance->clock + kFramePeriod;
  s->wait_pending = true;
  after_wait_frame(rt, *s);
  state->predictedDisplayTime = s->predicted_time;
  state->predictedDisplayPeriod = kFramePeriod;
  state->shouldRender =
      s->state == XR_SESSION_STATE_VISIBLE || s->state == XR_SESSION_STATE_FOCUSED;
  return XR_SUCCESS;
}

XrResult xrBeginFrame(XrSession session, const XrFrameBeginInfo* info) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (info != nullptr && info->type != XR_TYPE_FRAME_BEGIN_INFO) return XR_ERROR_VALIDATION_FAILURE;
  if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
  if (!s->wait_pending) return XR_ERROR_CALL_ORDER_INVALID;
  s->wait_pending = false;
  rt.frame_waiters.notify_all();
  const XrResult result = s->frame_begun ? XR_FRAME_DISCARDED : XR_SUCCESS;
  s->frame_begun = true;
  return result;
}

XrResult xrEndFrame(XrSession session, const XrFrameEndInfo* info) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (info == nullptr || info->type != XR_TYPE_FRAME_END_INFO) return XR_ERROR_VALIDATION_FAILURE;
  if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
  if (!s->frame_begun) return XR_ERROR_CALL_ORDER_INVALID;
  if (info->displayTime <= 0) return XR_ERROR_TIME_INVALID;
  if (!blend_mode_known(info->environmentBlendMode)) return XR_ERROR_VALIDATION_FAILURE;
  const std::vector<XrEnvironmentBlendMode>& offered = rt.device.blend_modes;
  if (std::find(offered.begin(), offered.end(), info->environmentBlendMode) == offered.end())
    return XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED;
  if (info->layerCount > kMaxLayerCount) return XR_ERROR_LAYER_LIMIT_EXCEEDED;
  if (info->layerCount > 0 && info->layers == nullptr) return XR_ERROR_VALIDATION_FAILURE;

  const XrCompositionLayerProjection* projection = nullptr;
  bool projection_depth = false;
  for (uint32_t i = 0; i < info->layerCount; ++i) {
    const XrCompositionLayerBaseHeader* layer = info->layers[i];
    if (layer == nullptr) return XR_ERROR_LAYER_INVALID;
    if (layer->type != XR_TYPE_COMPOSITION_LAYER_PROJECTION &&
        layer->type != XR_TYPE_COMPOSITION_LAYER_QUAD)
      return XR_ERROR_LAYER_INVALID;
    if ((layer->layerFlags & ~kKnownLayerFlags) != 0) return XR_ERROR_VALIDATION_FAILURE;
    if (XrResult r = check_layer_space(rt, *s, layer->space); XR_FAILED(r)) return r;
    if (layer->type == XR_TYPE_COMPOSITION_LAYER_QUAD) {
      const auto& quad = *reinterpret_cast<const XrCompositionLayerQuad*>(layer);
      if (XrResult r = check_quad(rt, *s, quad); XR_FAILED(r)) return r;
      continue;
    }
    projection = reinterpret_cast<const XrCompositionLayerProjection*>(layer);
    if (XrResult r = check_projection(rt, *s, *projection, projection_depth); XR_FAILED(r))
      return r;
  }
  if (projection != nullptr) {
    if (XrResult r = read_views(rt, *s, *projection); XR_FAILED(r)) return r;
  }

  s->frame_begun = false;
  TrialxrTestFrame frame{};
  frame.frame_number = ++rt.recorded.frames_ended;
  frame.display_time = info->displayTime;
  frame.blend_mode = info->environmentBlendMode;
  frame.layer_count = info->layerCount;
  frame.projection_views = projection != nullptr ? projection->viewCount : 0;
  frame.depth_submitted = projection != nullptr && projection_depth ? XR_TRUE : XR_FALSE;
  if (frame.depth_submitted) {
    const auto& depth = *reinterpret_cast<const XrCompositionLayerDepthInfoKHR*>(
        find_in_chain(projection->views[0].next, XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR));
    frame.depth_min = depth.minDepth;
    frame.depth_max = depth.maxDepth;
    frame.depth_near_z = depth.nearZ;
    frame.depth_far_z = depth.farZ;
  }
  frame.projection_space = XR_REFERENCE_SPACE_TYPE_MAX_ENUM;
  Space* space = nullptr;
  Session* space_session = nullptr;
  if (projection != nullptr && XR_SUCCEEDED(rt.get(projection->space, space, space_session)) &&
      !space->is_action)
    frame.projection_space = space->reference;
  rt.recorded.last_frame = frame;
  after_end_frame(rt, *s);
  return XR_SUCCESS;
}

}  // namespace trialxr::xrt
