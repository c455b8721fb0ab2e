// The small pure functions: narration length, easing curves, time conversion.
#include <gtest/gtest.h>

#include "trialxr/scene/easing.h"
#include "trialxr/scene/narration.h"
#include "trialxr/scene/time.h"

namespace trialxr::scene {
namespace {

TEST(Narration, WordsTimesRateWithAMinimum) {
  EXPECT_DOUBLE_EQ(narration_seconds(""), 1.5);
  EXPECT_DOUBLE_EQ(narration_seconds("one two"), 1.5);
  EXPECT_DOUBLE_EQ(narration_seconds("one two three four five"), 5 * 0.35);
  EXPECT_DOUBLE_EQ(
      narration_seconds("It takes about five minutes. You can ask to stop at any time."),
      13 * 0.35);
  // Punctuation on its own is not a word; spacing does not matter.
  EXPECT_DOUBLE_EQ(narration_seconds("  one — two ... three  four\tfive\n"), 5 * 0.35);
}

TEST(Narration, CjkCharactersCountOneByOne) {
  // 10 Han characters and CJK punctuation (not counted).
  EXPECT_DOUBLE_EQ(narration_seconds("护士会从你的手臂抽血。"), 10 * 0.22);
  EXPECT_DOUBLE_EQ(narration_seconds("你好"), 1.5);
  // Mixed: 4 words and 8 kana/Hangul/Han characters.
  EXPECT_DOUBLE_EQ(narration_seconds("one two three four ひらがなカタカナ"), 4 * 0.35 + 8 * 0.22);
  EXPECT_DOUBLE_EQ(narration_seconds("안녕하세요 여러분 one two three"), 3 * 0.35 + 8 * 0.22);
}

TEST(Narration, InvalidBytesDoNotBreakIt) {
  EXPECT_GE(narration_seconds(std::string_view("\xff\xfe abc \xe4\xbd", 9)), 1.5);
}

TEST(Easing, CurvesMatchTheirDefinitions) {
  using bundle::Easing;
  for (Easing e : {Easing::linear, Easing::in, Easing::out, Easing::in_out}) {
    EXPECT_EQ(ease(e, 0.0f), 0.0f);
    EXPECT_EQ(ease(e, 1.0f), 1.0f);
    EXPECT_EQ(ease(e, -1.0f), 0.0f);
    EXPECT_EQ(ease(e, 2.0f), 1.0f);
  }
  EXPECT_FLOAT_EQ(ease(Easing::linear, 0.3f), 0.3f);
  EXPECT_FLOAT_EQ(ease(Easing::in, 0.5f), 0.25f);
  EXPECT_FLOAT_EQ(ease(Easing::out, 0.5f), 0.75f);
  EXPECT_FLOAT_EQ(ease(Easing::in_out, 0.25f), 0.15625f);
  EXPECT_FLOAT_EQ(ease(Easing::in_out, 0.5f), 0.5f);
}

TEST(Time, SecondsRoundToMicroseconds) {
  EXPECT_EQ(to_micros(2.1), 2'100'000);
  EXPECT_EQ(to_micros(1.0 / 90.0), 11'111);
  EXPECT_EQ(to_micros(-1.0), 0);
  EXPECT_EQ(to_micros(std::numeric_limits<double>::quiet_NaN()), 0);
  EXPECT_EQ(to_micros(1e30), kMaxDuration);
  EXPECT_EQ(clamp_product(kMaxDuration, 3), kMaxDuration);
  EXPECT_EQ(clamp_product(2'000'000, 3), 6'000'000);
}

}  // namespace
}  // namespace trialxr::scene
