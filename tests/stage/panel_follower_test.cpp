#include <gtest/gtest.h>

#include <cmath>

#include "trialxr/stage/panel_follower.h"

namespace trialxr::stage {
namespace {

TEST(PanelFollower, StaysWithinTheDeadZoneThenCatchesUp) {
  PanelFollower f(0.0f);
  // Small head turns leave the panel where it is.
  for (int i = 0; i < 90; ++i) EXPECT_FLOAT_EQ(f.update(15.0f, 1.0f / 90.0f), 0.0f);
  // A turn past the dead zone: the panel eases round, closing 1 - e^-3 of the gap a second.
  float after_one_second = 0.0f;
  for (int i = 0; i < 90; ++i) after_one_second = f.update(40.0f, 1.0f / 90.0f);
  EXPECT_NEAR(after_one_second, 40.0f * (1.0f - std::exp(-3.0f)), 0.5f);
  for (int i = 0; i < 270; ++i) f.update(40.0f, 1.0f / 90.0f);
  EXPECT_NEAR(f.yaw_degrees(), 40.0f, 1.0f);
  // Settled: a small turn back does not move it again.
  float settled = f.yaw_degrees();
  for (int i = 0; i < 90; ++i) f.update(30.0f, 1.0f / 90.0f);
  EXPECT_FLOAT_EQ(f.yaw_degrees(), settled);
}

TEST(PanelFollower, TakesTheShortWayRound) {
  PanelFollower f(170.0f);
  for (int i = 0; i < 900; ++i) f.update(-170.0f, 1.0f / 90.0f);  // 20° away across ±180
  EXPECT_FLOAT_EQ(f.yaw_degrees(), 170.0f);                       // within the dead zone
  for (int i = 0; i < 900; ++i) f.update(-150.0f, 1.0f / 90.0f);
  EXPECT_NEAR(f.yaw_degrees(), 210.0f, 1.0f);  // turned on through 180, not back through 0
}

}  // namespace
}  // namespace trialxr::stage
