#include "trialxr/stage/frame_input.h"

namespace trialxr::stage {

void build_frame_input(const scene::FrameState& frame, const std::vector<render::View>& views,
                       render::FrameInput& out) {
  out.views = views;
  out.items.clear();
  out.items.reserve(frame.items.size());
  for (const scene::DrawItem& d : frame.items) {
    render::DrawItem item;
    item.mesh = d.mesh;
    item.world = d.world;
    item.opacity = d.opacity;
    item.highlighted = d.highlighted;
    item.skin = d.skin;
    item.first_joint_matrix = d.first_joint_matrix;
    item.joint_count = d.joint_count;
    item.first_weight = d.first_weight;
    item.weight_count = d.weight_count;
    out.items.push_back(item);
  }
  out.joint_matrices = frame.joint_matrices;
  out.morph_weights = frame.morph_weights;
  out.time_seconds = static_cast<float>(static_cast<double>(frame.scene_time) / 1e6);
}

void build_frame_input(const scene::FrameState& frame, const std::vector<render::View>& views,
                       const bundle::Bundle& bundle, const UiViewer& viewer, UiFrame& ui,
                       render::FrameInput& out) {
  build_frame_input(frame, views, out);
  build_ui(bundle, frame, viewer, ui);
  out.ui.assign(ui.quads.begin(), ui.quads.end());
  out.text_atlas = ui.text_atlas;
}

}  // namespace trialxr::stage
