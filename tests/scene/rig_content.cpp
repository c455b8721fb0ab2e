#include "rig_content.h"

#include <cmath>
#include <span>

namespace trialxr::testing {

using namespace trialxr::bundle;

namespace {

template <class T>
StreamRef put(compiler::BundleContent& c, const std::vector<T>& items) {
  const std::uint64_t offset = c.geometry.append_array(std::span<const T>(items), 16);
  return {offset, items.size() * sizeof(T)};
}

NodeRecord node(StrRef name, std::uint32_t parent) {
  NodeRecord n{};
  n.name = name;
  n.parent = parent;
  n.object = 0;
  n.mesh = kNone;
  n.skin = kNone;
  n.rotation[3] = 1.0f;
  n.scale[0] = n.scale[1] = n.scale[2] = 1.0f;
  return n;
}

std::vector<float> translation_matrix(float x, float y, float z) {
  return {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, x, y, z, 1};
}

}  // namespace

bundle::CueRecord rig_cue(CueOp op, std::uint32_t ref, std::uint32_t count, float duration) {
  CueRecord c{};
  c.op = op;
  c.target = op == CueOp::play || op == CueOp::stop ? kRigRoot : kNone;
  c.line = kNone;
  c.ref = ref;
  c.count = count;
  c.easing = Easing::linear;
  c.duration = duration;
  return c;
}

compiler::BundleContent rig_content(const std::vector<CueRecord>& cues,
                                    const std::vector<CueRecord>& children) {
  compiler::BundleContent c;
  auto s = [&](std::string_view text) { return c.strings.intern(text); };
  c.meta.scene_id = s("rig");
  c.meta.title = s("Rig");
  c.meta.title_line = 0;
  c.languages = {s("en")};
  c.lines.push_back(LineRecord{s("title"), 1, 0});
  c.line_text.push_back(LineText{c.meta.title, 0, 0});

  c.objects.push_back(ObjectRecord{s("rig"), ObjectKind::model, 0, 0, 4, 0, 5, s("rig.glb")});
  c.nodes.push_back(node(s("rig"), kNone));
  c.nodes[0].translation[0] = 1.0f;
  c.nodes.push_back(node(s("rig.body"), 0));
  c.nodes[1].mesh = 0;
  c.nodes[1].skin = 0;
  c.nodes.push_back(node(s("rig.bone"), 0));
  c.nodes[2].translation[1] = 1.0f;
  c.nodes.push_back(node(s("rig.tip"), 2));
  c.nodes[3].translation[1] = 1.0f;

  c.meshes.push_back(MeshRecord{0, 1, c.append_floats(std::vector<float>{0.25f, 0.5f}), 2});
  PrimitiveRecord p{};
  p.material = kNone;
  p.vertex_count = 3;
  p.index_type = IndexType::uint16;
  p.attributes[0] = put(c, std::vector<float>{0, 0, 0, 1, 0, 0, 0, 1, 0});
  p.attributes[6] = put(c, std::vector<std::uint16_t>{0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0});
  p.attributes[7] = put(c, std::vector<float>{1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0});
  p.first_target = 0;
  p.target_count = 2;
  p.bounds_max[0] = p.bounds_max[1] = 1.0f;
  c.primitives.push_back(p);
  for (int t = 0; t < 2; ++t)
    c.morph_targets.push_back(
        MorphTargetRecord{put(c, std::vector<float>(9, 0.1f)), StreamRef{0, 0}, StreamRef{0, 0}});

  c.joints = {kRigBone, kRigTip};
  std::vector<float> inverse_bind = translation_matrix(0, -1, 0);
  const std::vector<float> second = translation_matrix(0, -2, 0);
  inverse_bind.insert(inverse_bind.end(), second.begin(), second.end());
  c.skins.push_back(SkinRecord{0, 2, c.append_floats(inverse_bind), kNone});

  auto clip = [&](std::string_view name, float duration, ChannelRecord ch) {
    c.animations.push_back(
        AnimationRecord{s(name), 0, static_cast<std::uint32_t>(c.channels.size()), 1, duration});
    c.channels.push_back(ch);
  };
  auto floats = [&](std::vector<float> v) { return c.append_floats(v); };
  clip("step", 2.0f,
       ChannelRecord{kRigBone, AnimPath::translation, Interpolation::step, 3, floats({0, 1, 2}),
                     floats({0, 0, 0, 1, 0, 0, 2, 0, 0}), 3, 0});
  clip("linear", 2.0f,
       ChannelRecord{kRigBone, AnimPath::translation, Interpolation::linear, 2, floats({0, 2}),
                     floats({0, 0, 0, 2, 4, 6}), 3, 0});
  clip(
      "cubic", 2.0f,
      ChannelRecord{kRigBone, AnimPath::translation, Interpolation::cubic_spline, 2, floats({0, 2}),
                    floats({0, 0, 0, 0, 0, 0, 1, 0, 0,    // key 0: in, value, out
                            1, 0, 0, 1, 0, 0, 0, 0, 0}),  // key 1: in, value, out
                    3, 0});
  const float h = std::sqrt(0.5f);
  clip("spin", 1.0f,
       ChannelRecord{kRigTip, AnimPath::rotation, Interpolation::linear, 2, floats({0, 1}),
                     floats({0, 0, 0, 1, 0, 0, -h, -h}), 4, 0});
  clip("morph", 1.0f,
       ChannelRecord{kRigBody, AnimPath::weights, Interpolation::linear, 2, floats({0, 1}),
                     floats({0, 0, 1, 0.5f}), 2, 0});

  c.steps.push_back(StepRecord{s("main"), 0, static_cast<std::uint32_t>(cues.size()), 1, 0});
  c.cues = cues;
  c.cues.insert(c.cues.end(), children.begin(), children.end());
  return c;
}

}  // namespace trialxr::testing
