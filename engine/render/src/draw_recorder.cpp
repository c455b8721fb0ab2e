#include "draw_recorder.h"

#include <span>

#include "gpu_types.h"

namespace trialxr::render {
namespace {

class Recorder {
 public:
  explicit Recorder(const RecordContext& c) : c_(c) {}

  std::uint32_t draw(std::span<const DrawCall> calls, std::uint32_t extra_flags,
                     const PassKind* kind_override = nullptr) {
    for (const DrawCall& call : calls) {
      PipelineKey key = call.key;
      if (kind_override != nullptr) key = {*kind_override, false, false};
      const VkPipeline pipeline = c_.pipelines->get(c_.target, c_.pass, key);
      if (pipeline != bound_pipeline_) {
        vkCmdBindPipeline(c_.cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
        bound_pipeline_ = pipeline;
      }
      if (call.material != bound_material_) {
        const VkDescriptorSet set = c_.scene->material_set(call.material);
        vkCmdBindDescriptorSets(c_.cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, c_.layout, 2, 1, &set, 0,
                                nullptr);
        bound_material_ = call.material;
      }
      const gpu::Push push{call.draw, call.primitive, call.material, c_.view | extra_flags};
      vkCmdPushConstants(c_.cmd, c_.layout,
                         VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(push),
                         &push);
      const PrimitiveInfo& p = c_.scene->primitives()[call.primitive];
      if (p.index_count == 0) {
        vkCmdDraw(c_.cmd, p.vertex_count, 1, 0, 0);
      } else {
        vkCmdBindIndexBuffer(c_.cmd, c_.scene->geometry(), p.index_offset, p.index_type);
        vkCmdDrawIndexed(c_.cmd, p.index_count, 1, 0, 0, 0);
      }
    }
    return static_cast<std::uint32_t>(calls.size());
  }

 private:
  const RecordContext& c_;
  VkPipeline bound_pipeline_ = VK_NULL_HANDLE;
  std::uint32_t bound_material_ = gpu::kNone;
};

}  // namespace

RecordCounts record_draws(const RecordContext& context, const DrawList& list) {
  RecordCounts counts;
  if (context.scene == nullptr) return counts;
  const VkDescriptorSet scene = context.scene->scene_set();
  vkCmdBindDescriptorSets(context.cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, context.layout, 1, 1,
                          &scene, 0, nullptr);
  Recorder recorder(context);
  counts.opaque = recorder.draw(list.opaque, 0);
  constexpr PassKind kMark = PassKind::stencil_mark;
  constexpr PassKind kOutline = PassKind::outline;
  recorder.draw(list.highlight, gpu::kFlagHighlightPass, &kMark);
  counts.outline =
      recorder.draw(list.highlight, gpu::kFlagOutline | gpu::kFlagHighlightPass, &kOutline);
  counts.blend = recorder.draw(list.blend, 0);
  return counts;
}

std::uint32_t record_ui(const RecordContext& context, std::uint32_t quad_count,
                        std::uint32_t text_atlas) {
  if (quad_count == 0 || context.scene == nullptr) return 0;
  const VkPipeline pipeline =
      context.pipelines->get(context.target, context.pass, {PassKind::ui, false, false});
  vkCmdBindPipeline(context.cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
  const VkDescriptorSet atlas = context.scene->atlas_set(text_atlas);
  vkCmdBindDescriptorSets(context.cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, context.layout, 2, 1,
                          &atlas, 0, nullptr);
  const gpu::Push push{0, 0, 0, context.view};
  vkCmdPushConstants(context.cmd, context.layout,
                     VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(push),
                     &push);
  vkCmdDraw(context.cmd, 6, quad_count, 0, 0);
  return quad_count;
}

}  // namespace trialxr::render
