#include "trialxr/text/readability.h"

#include <cmath>
#include <numbers>

namespace trialxr::text {

bool is_cjk_language(std::string_view language) {
  std::string_view primary = language.substr(0, language.find('-'));
  return primary == "zh" || primary == "ja" || primary == "ko" || primary == "yue" ||
         primary == "cmn";
}

ReadabilityLimits readability_limits(std::string_view language) {
  if (is_cjk_language(language)) return {0.6, 0.75};
  return {0.35, 0.6};
}

double angular_size_degrees(double height_m, double distance_m) {
  return 2.0 * std::atan2(height_m * 0.5, distance_m) * 180.0 / std::numbers::pi;
}

Readability classify(double degrees, const ReadabilityLimits& limits) {
  // Compared at the precision the limits are given in, so that text sized exactly to a
  // limit passes.
  const double d = std::round(degrees * 1000.0) / 1000.0;
  if (d < limits.minimum_degrees) return Readability::too_small;
  if (d < limits.comfortable_degrees) return Readability::small;
  return Readability::ok;
}

}  // namespace trialxr::text
