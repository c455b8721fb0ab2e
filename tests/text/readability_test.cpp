#include <gtest/gtest.h>

#include "trialxr/text/readability.h"

namespace trialxr::text {
namespace {

TEST(Readability, AngularSizeMatchesTheHoloLensFigures) {
  // Microsoft's guidance: 0.35° is 12.2 mm and 0.6° is 21 mm at 2 m.
  EXPECT_NEAR(angular_size_degrees(0.01222, 2.0), 0.35, 0.001);
  EXPECT_NEAR(angular_size_degrees(0.02094, 2.0), 0.60, 0.001);
}

TEST(Readability, LatinAndChineseLimits) {
  ReadabilityLimits en = readability_limits("en");
  ReadabilityLimits zh = readability_limits("zh-Hans");
  EXPECT_FALSE(is_cjk_language("en-GB"));
  EXPECT_TRUE(is_cjk_language("ja"));
  // 15 mm characters at three distances.
  EXPECT_EQ(classify(angular_size_degrees(0.015, 1.0), en), Readability::ok);         // 0.86°
  EXPECT_EQ(classify(angular_size_degrees(0.015, 2.0), en), Readability::small);      // 0.43°
  EXPECT_EQ(classify(angular_size_degrees(0.015, 3.0), en), Readability::too_small);  // 0.29°
  EXPECT_EQ(classify(angular_size_degrees(0.015, 1.0), zh), Readability::ok);
  EXPECT_EQ(classify(angular_size_degrees(0.015, 1.3), zh), Readability::small);  // 0.66°
  EXPECT_EQ(classify(angular_size_degrees(0.015, 2.0), zh), Readability::too_small);
  EXPECT_EQ(classify(0.6, en), Readability::ok);  // exactly at the limit passes
}

}  // namespace
}  // namespace trialxr::text
