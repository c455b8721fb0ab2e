// A hand-built bundle for animation tests: one model "rig" whose root is placed at
// (1, 0, 0), a skinned body mesh with two morph targets (default weights 0.25, 0.5) and
// a two-joint skeleton, plus clips for each interpolation.
//
//   node 0 rig        root, translation (1, 0, 0)
//   node 1 rig.body   mesh 0 (2 morph targets), skin 0
//   node 2 rig.bone   translation (0, 1, 0)          joint 0, inverse bind T(0, -1, 0)
//   node 3 rig.tip    child of bone, (0, 1, 0)       joint 1, inverse bind T(0, -2, 0)
//
//   clips (animation index, name, duration):
//   0 "step"    bone translation, step:   t 0 1 2 -> (0,0,0) (1,0,0) (2,0,0)
//   1 "linear"  bone translation, linear: t 0 2   -> (0,0,0) (2,4,6)
//   2 "cubic"   bone translation, cubic:  t 0 2; key 0 value 0 out-tangent (1,0,0);
//               key 1 in-tangent (1,0,0) value (1,0,0)
//   3 "spin"    tip rotation, linear: t 0 1 -> identity, -(90 deg about z)
//   4 "morph"   body weights, linear: t 0 1 -> (0, 0) (1, 0.5)
#pragma once

#include <vector>

#include "trialxr/compiler/bundle_content.h"

namespace trialxr::testing {

enum RigClip : std::uint32_t { kClipStep, kClipLinear, kClipCubic, kClipSpin, kClipMorph };

inline constexpr std::uint32_t kRigRoot = 0;
inline constexpr std::uint32_t kRigBody = 1;
inline constexpr std::uint32_t kRigBone = 2;
inline constexpr std::uint32_t kRigTip = 3;

// One step with `cues` as its top-level cues; `children` follow them (from index
// cues.size()) for `together` cues to point at.
compiler::BundleContent rig_content(const std::vector<bundle::CueRecord>& cues,
                                    const std::vector<bundle::CueRecord>& children = {});

bundle::CueRecord rig_cue(bundle::CueOp op, std::uint32_t ref = bundle::kNone,
                          std::uint32_t count = 0, float duration = 0.0f);

}  // namespace trialxr::testing
