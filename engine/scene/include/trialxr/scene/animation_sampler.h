// Sampling one animation channel (bundle ACHN record, keys and values in F32S) at a
// clip-local time, as glTF 2.0 defines it:
//
//   - before the first key: the first key's value; after the last: the last key's.
//   - step: the value of the key at or before `time`.
//   - linear: component-wise lerp; rotations use slerp on the shortest path
//     (quaternion x, y, z, w), normalised.
//   - cubic_spline: per key (in-tangent, value, out-tangent); between keys k and k+1
//     with td = t[k+1] - t[k] and s = (time - t[k]) / td:
//       p = (2s^3 - 3s^2 + 1) v[k] + (s^3 - 2s^2 + s) td * out[k]
//         + (-2s^3 + 3s^2) v[k+1] + (s^3 - s^2) td * in[k+1]
//     rotations are normalised afterwards.
//   - weights: `components` floats (the mesh's morph target count), like any vector.
#pragma once

#include <span>

#include "trialxr/bundle/bundle.h"

namespace trialxr::scene {

// Writes channel.components floats to out (TRIALXR_CHECKs out is large enough).
void sample_channel(const bundle::Bundle& bundle, const bundle::ChannelRecord& channel, float time,
                    std::span<float> out);

}  // namespace trialxr::scene
