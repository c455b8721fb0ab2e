// Image comparison with a tolerance, for golden images rendered on lavapipe: a pixel
// differs when any channel is off by more than `channel_threshold`; an image matches
// when at most `max_differing_fraction` of its pixels differ and the mean absolute
// channel error stays under `max_mean_error`.
#pragma once

#include <cstdint>
#include <string>

#include "trialxr/headless/rgba_image.h"

namespace trialxr::testing {

struct CompareOptions {
  int channel_threshold = 16;
  double max_differing_fraction = 0.005;
  double max_mean_error = 0.75;
};

struct CompareResult {
  bool same_size = false;
  std::uint64_t differing_pixels = 0;
  double differing_fraction = 0.0;
  double mean_error = 0.0;
  int max_error = 0;
  bool matches(const CompareOptions& o) const {
    return same_size && differing_fraction <= o.max_differing_fraction &&
           mean_error <= o.max_mean_error;
  }
  std::string describe() const;
};

CompareResult compare_images(const headless::RgbaImage& actual, const headless::RgbaImage& expected,
                             int channel_threshold);

// The difference picture: differing pixels red (brighter for larger errors), the rest a
// dimmed grey copy of the expected image.
headless::RgbaImage difference_image(const headless::RgbaImage& actual,
                                     const headless::RgbaImage& expected, int channel_threshold);

// Compares `actual` with tests/render/golden/<name>.png. With TRIALXR_UPDATE_GOLDENS=1
// it writes the golden instead when it is missing or does not match (a golden that still
// matches is left as it is). On a mismatch it writes <name>.actual.png and
// <name>.diff.png under the build's render-failures/ folder and says where.
// Returns an empty string on success, else the failure message.
std::string check_golden(const std::string& name, const headless::RgbaImage& actual,
                         const CompareOptions& options = {});

}  // namespace trialxr::testing
