#include "trialxr/scene/animation_sampler.h"

#include <algorithm>

#include "quat_math.h"
#include "trialxr/core/check.h"

namespace trialxr::scene {

using bundle::AnimPath;
using bundle::Interpolation;

namespace {

void copy_values(std::span<const float> from, std::span<float> to) {
  std::copy(from.begin(), from.end(), to.begin());
}

void normalize_rotation(std::span<float> v) {
  glm::quat q = detail::safe_normalize(detail::quat_xyzw(v.data()));
  v[0] = q.x;
  v[1] = q.y;
  v[2] = q.z;
  v[3] = q.w;
}

}  // namespace

void sample_channel(const bundle::Bundle& bundle, const bundle::ChannelRecord& channel, float time,
                    std::span<float> out) {
  const std::uint32_t n = channel.components;
  TRIALXR_CHECK(out.size() >= n);
  out = out.first(n);
  if (channel.key_count == 0 || n == 0) return;
  const bool cubic = channel.interpolation == Interpolation::cubic_spline;
  const std::size_t stride = cubic ? std::size_t{3} * n : n;
  const std::span<const float> floats = bundle.floats();
  const std::span<const float> times = floats.subspan(channel.times, channel.key_count);
  const std::span<const float> values = floats.subspan(channel.values, channel.key_count * stride);
  auto value = [&](std::size_t k) { return values.subspan(k * stride + (cubic ? n : 0), n); };
  const bool rotation = channel.path == AnimPath::rotation && n == 4;

  const std::size_t last = channel.key_count - 1;
  if (!(time > times[0])) {  // also NaN
    copy_values(value(0), out);
  } else if (time >= times[last]) {
    copy_values(value(last), out);
  } else {
    // times[k] <= time < times[k + 1], so the interval is not empty.
    const auto it = std::upper_bound(times.begin(), times.end(), time);
    const auto k = static_cast<std::size_t>(it - times.begin()) - 1;
    const float td = times[k + 1] - times[k];
    const float s = (time - times[k]) / td;
    switch (channel.interpolation) {
      case Interpolation::step:
        copy_values(value(k), out);
        break;
      case Interpolation::linear:
        if (rotation) {
          const glm::quat q = detail::slerp_shortest(
              detail::safe_normalize(detail::quat_xyzw(value(k).data())),
              detail::safe_normalize(detail::quat_xyzw(value(k + 1).data())), s);
          out[0] = q.x;
          out[1] = q.y;
          out[2] = q.z;
          out[3] = q.w;
          return;  // already unit length
        } else {
          const auto a = value(k);
          const auto b = value(k + 1);
          for (std::uint32_t i = 0; i < n; ++i) out[i] = a[i] + (b[i] - a[i]) * s;
        }
        break;
      case Interpolation::cubic_spline: {
        const float s2 = s * s;
        const float s3 = s2 * s;
        const float h00 = 2.0f * s3 - 3.0f * s2 + 1.0f;
        const float h10 = (s3 - 2.0f * s2 + s) * td;
        const float h01 = -2.0f * s3 + 3.0f * s2;
        const float h11 = (s3 - s2) * td;
        const auto v0 = value(k);
        const auto out0 = values.subspan(k * stride + 2 * std::size_t{n}, n);
        const auto v1 = value(k + 1);
        const auto in1 = values.subspan((k + 1) * stride, n);
        for (std::uint32_t i = 0; i < n; ++i)
          out[i] = h00 * v0[i] + h10 * out0[i] + h01 * v1[i] + h11 * in1[i];
        break;
      }
    }
  }
  if (rotation) normalize_rotation(out);
}

}  // namespace trialxr::scene
