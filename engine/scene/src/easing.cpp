#include "trialxr/scene/easing.h"

#include <algorithm>

namespace trialxr::scene {

float ease(bundle::Easing easing, float u) {
  u = std::clamp(u, 0.0f, 1.0f);
  switch (easing) {
    case bundle::Easing::linear:
      return u;
    case bundle::Easing::in:
      return u * u;
    case bundle::Easing::out:
      return 1.0f - (1.0f - u) * (1.0f - u);
    case bundle::Easing::in_out:
      return u * u * (3.0f - 2.0f * u);
  }
  return u;
}

}  // namespace trialxr::scene
