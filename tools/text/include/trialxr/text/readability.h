// Readability of world-space text, after Microsoft's typography guidance for head-mounted
// displays: measured as the angle a character's height subtends at the viewer's eye,
// 0.35–0.4° is the least that can be read and 0.6–0.75° is comfortable (at 2 m: 12–14 mm
// and 21–26 mm). Chinese, Japanese and Korean characters carry more detail per glyph, so
// for them the comfortable angle is the least that passes.
#pragma once
#include <string_view>

namespace trialxr::text {

struct ReadabilityLimits {
  double minimum_degrees = 0.0;      // below: an error
  double comfortable_degrees = 0.0;  // below: a warning
};

// True for languages written mostly in CJK ideographs or Hangul (zh, ja, ko and their
// regional tags).
bool is_cjk_language(std::string_view language);

ReadabilityLimits readability_limits(std::string_view language);

// The angle in degrees that `height_m` subtends at `distance_m`.
double angular_size_degrees(double height_m, double distance_m);

enum class Readability { ok, small, too_small };

Readability classify(double degrees, const ReadabilityLimits& limits);

}  // namespace trialxr::text
