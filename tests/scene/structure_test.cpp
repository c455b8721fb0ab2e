// Timelines the format allows but the compiler does not write: nested `together`,
// `end` inside `together`, zero-length clips. The player must still follow the rules.
#include <gtest/gtest.h>

#include "rig_content.h"
#include "scene_fixture.h"
#include "trialxr/scene/storyboard.h"

namespace trialxr::testing {
namespace {

using bundle::CueOp;
using scene::EventKind;
using scene::Player;

TEST(Structure, NestedTogetherEndsWithItsLongestDescendant) {
  auto b = bundle_from_content(rig_content(
      {rig_cue(CueOp::together, 2, 2), rig_cue(CueOp::wait_time, bundle::kNone, 0, 1.0f)},
      {rig_cue(CueOp::together, 4, 1),                        // 2
       rig_cue(CueOp::play, kClipLinear, 1),                  // 3: 2 s, blocks
       rig_cue(CueOp::wait_time, bundle::kNone, 0, 3.0f)}));  // 4
  ASSERT_TRUE(b);
  Player p(*b);
  p.tick(10.0);
  const auto started = events_of(p.event_log(), EventKind::cue_started);
  ASSERT_EQ(started.size(), 5u);
  EXPECT_EQ(started[4].cue, 1u);
  EXPECT_EQ(started[4].time, 3 * kSecond);
  EXPECT_EQ(events_of(p.event_log(), EventKind::scene_ended)[0].time, 4 * kSecond);
  // The clip ended inside the together and holds its last pose: bone (2, 4, 6), so
  // joint 0 = T(1, 0, 0) * T(2, 4, 6) * T(0, -1, 0).
  EXPECT_NEAR(p.frame().joint_matrices[0][3].y, 3.0f, 1e-5f);
}

TEST(Structure, EndInsideTogetherEndsAtOnce) {
  auto b = bundle_from_content(rig_content(
      {rig_cue(CueOp::together, 2, 3), rig_cue(CueOp::wait_time, bundle::kNone, 0, 5.0f)},
      {rig_cue(CueOp::wait_time, bundle::kNone, 0, 1.0f), rig_cue(CueOp::end_scene),
       rig_cue(CueOp::play, kClipLinear, 0)}));
  ASSERT_TRUE(b);
  Player p(*b);
  EXPECT_TRUE(p.frame().ended);
  // The cue after `end` never started.
  EXPECT_EQ(events_of(p.event_log(), EventKind::cue_started).size(), 3u);
}

TEST(Structure, ZeroLengthWaitsAndClipsDoNotBlock) {
  auto b = bundle_from_content(rig_content({rig_cue(CueOp::wait_time), rig_cue(CueOp::wait_say),
                                            rig_cue(CueOp::wait_time, bundle::kNone, 0, 1.0f)}));
  ASSERT_TRUE(b);
  Player p(*b);
  const auto started = events_of(p.event_log(), EventKind::cue_started);
  ASSERT_EQ(started.size(), 3u);
  EXPECT_EQ(started[2].time, 0);
  p.tick(1.0);
  EXPECT_TRUE(p.frame().ended);
}

TEST(Structure, ReplayingAClipRestartsIt) {
  auto b = bundle_from_content(rig_content(
      {rig_cue(CueOp::play, kClipLinear, 0), rig_cue(CueOp::wait_time, bundle::kNone, 0, 1.5f),
       rig_cue(CueOp::play, kClipLinear, 0), rig_cue(CueOp::wait_time, bundle::kNone, 0, 10.0f)}));
  ASSERT_TRUE(b);
  Player p(*b);
  p.tick(2.0);  // 0.5 s into the restarted clip
  EXPECT_NEAR(p.frame().joint_matrices[0][3].x, 1.5f, 1e-5f);
}

TEST(Structure, ABundleWithoutStepsIsEndedFromTheStart) {
  compiler::BundleContent c = rig_content({});
  c.steps.clear();
  auto b = bundle_from_content(c);
  ASSERT_TRUE(b);
  Player p(*b);
  EXPECT_TRUE(p.frame().ended);
  EXPECT_EQ(p.frame().step, bundle::kNone);
  p.tick(1.0);
  EXPECT_FALSE(p.frame().items.empty());
  EXPECT_FALSE(p.press_continue());
  EXPECT_FALSE(p.back());
  EXPECT_TRUE(scene::storyboard_moments(*b).empty());
}

}  // namespace
}  // namespace trialxr::testing
