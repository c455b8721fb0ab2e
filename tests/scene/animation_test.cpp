// Animation sampling (step, linear, cubic spline with tangent scaling, slerp, weights)
// against hand-computed values, and clips played by the player: loops, repeats, stop,
// skin joint matrices and morph weights.
#include <gtest/gtest.h>

#include <array>
#include <glm/gtc/matrix_transform.hpp>

#include "rig_content.h"
#include "scene_fixture.h"
#include "trialxr/scene/animation_sampler.h"

namespace trialxr::testing {
namespace {

using bundle::CueOp;
using scene::Player;

std::array<float, 4> sample(const bundle::Bundle& b, RigClip clip, float t) {
  std::array<float, 4> out{};
  const bundle::AnimationRecord& a = b.animations()[clip];
  scene::sample_channel(b, b.channels()[a.first_channel], t, out);
  return out;
}

std::optional<bundle::Bundle> rig(const std::vector<bundle::CueRecord>& cues = {
                                      rig_cue(CueOp::wait_time, bundle::kNone, 0, 100.0f)}) {
  return bundle_from_content(rig_content(cues));
}

void expect_translation(const glm::mat4& m, float x, float y, float z) {
  EXPECT_NEAR(m[3].x, x, 1e-5f);
  EXPECT_NEAR(m[3].y, y, 1e-5f);
  EXPECT_NEAR(m[3].z, z, 1e-5f);
}

TEST(Sampler, StepHoldsEachKeyUntilTheNext) {
  auto b = rig();
  ASSERT_TRUE(b);
  EXPECT_EQ(sample(*b, kClipStep, -1.0f)[0], 0.0f);
  EXPECT_EQ(sample(*b, kClipStep, 0.5f)[0], 0.0f);
  EXPECT_EQ(sample(*b, kClipStep, 1.0f)[0], 1.0f);
  EXPECT_EQ(sample(*b, kClipStep, 1.99f)[0], 1.0f);
  EXPECT_EQ(sample(*b, kClipStep, 2.0f)[0], 2.0f);
  EXPECT_EQ(sample(*b, kClipStep, 9.0f)[0], 2.0f);
}

TEST(Sampler, LinearInterpolatesEachComponent) {
  auto b = rig();
  ASSERT_TRUE(b);
  const auto v = sample(*b, kClipLinear, 0.5f);
  EXPECT_FLOAT_EQ(v[0], 0.5f);
  EXPECT_FLOAT_EQ(v[1], 1.0f);
  EXPECT_FLOAT_EQ(v[2], 1.5f);
}

TEST(Sampler, CubicSplineScalesTangentsByTheKeyInterval) {
  auto b = rig();
  ASSERT_TRUE(b);
  // td = 2, s = 0.25: h10 = s^3 - 2s^2 + s = 0.140625, h01 = -2s^3 + 3s^2 = 0.15625,
  // h11 = s^3 - s^2 = -0.046875; x = h10*2*1 + h01*1 + h11*2*1 = 0.34375 (0.25 unscaled).
  EXPECT_FLOAT_EQ(sample(*b, kClipCubic, 0.5f)[0], 0.34375f);
  // s = 0.5: 0.125*2 + 0.5 - 0.125*2 = 0.5.
  EXPECT_FLOAT_EQ(sample(*b, kClipCubic, 1.0f)[0], 0.5f);
  EXPECT_FLOAT_EQ(sample(*b, kClipCubic, 0.0f)[0], 0.0f);
  EXPECT_FLOAT_EQ(sample(*b, kClipCubic, 2.0f)[0], 1.0f);
  EXPECT_FLOAT_EQ(sample(*b, kClipCubic, 0.5f)[1], 0.0f);
}

TEST(Sampler, RotationSlerpsTheShortWay) {
  auto b = rig();
  ASSERT_TRUE(b);
  // Key 1 is -(90 deg about z): the same rotation, the long way round if taken naively.
  const auto q = sample(*b, kClipSpin, 0.5f);
  EXPECT_NEAR(q[0], 0.0f, 1e-6f);
  EXPECT_NEAR(q[1], 0.0f, 1e-6f);
  EXPECT_NEAR(q[2], std::sin(glm::radians(22.5f)), 1e-6f);
  EXPECT_NEAR(q[3], std::cos(glm::radians(22.5f)), 1e-6f);
  const auto end = sample(*b, kClipSpin, 1.0f);
  EXPECT_NEAR(std::abs(end[2]), std::sqrt(0.5f), 1e-6f);
}

TEST(Sampler, WeightsInterpolateLikeVectors) {
  auto b = rig();
  ASSERT_TRUE(b);
  const auto w = sample(*b, kClipMorph, 0.25f);
  EXPECT_FLOAT_EQ(w[0], 0.25f);
  EXPECT_FLOAT_EQ(w[1], 0.125f);
}

TEST(Clips, SkinJointMatricesAreJointWorldTimesInverseBind) {
  auto b = rig();
  ASSERT_TRUE(b);
  Player p(*b);
  const scene::DrawItem* body = item_for(p.frame(), kRigBody);
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(body->skin, 0u);
  ASSERT_EQ(body->joint_count, 2u);
  ASSERT_EQ(p.frame().joint_matrices.size(), 2u);
  // Bind pose: world(joint) * inverse bind leaves only the object's placement.
  const glm::mat4 placed = glm::translate(glm::mat4(1.0f), glm::vec3(1, 0, 0));
  EXPECT_EQ(p.frame().joint_matrices[body->first_joint_matrix], placed);
  EXPECT_EQ(p.frame().joint_matrices[body->first_joint_matrix + 1], placed);
  expect_translation(body->world, 1, 0, 0);
}

TEST(Clips, LoopingClipPlaysFromTheCueAndWraps) {
  auto b =
      rig({rig_cue(CueOp::wait_time, bundle::kNone, 0, 1.0f), rig_cue(CueOp::play, kClipLinear, 0),
           rig_cue(CueOp::wait_time, bundle::kNone, 0, 100.0f)});
  ASSERT_TRUE(b);
  Player p(*b);
  p.tick(1.5);  // 0.5 s into the clip: bone at (0.5, 1, 1.5), under the root at (1, 0, 0)
  const auto& joints = p.frame().joint_matrices;
  expect_translation(joints[0], 1.5f, 0.0f, 1.5f);  // T(1.5, 1, 1.5) * T(0, -1, 0)
  expect_translation(joints[1], 1.5f, 0.0f, 1.5f);  // tip 1 above the bone, bind 2 below
  p.tick(2.0);                                      // 2.5 s into a 2 s loop
  expect_translation(p.frame().joint_matrices[0], 1.5f, 0.0f, 1.5f);
  EXPECT_EQ(events_of(p.event_log(), scene::EventKind::cue_started)[2].time, kSecond);
}

TEST(Clips, FiniteRepeatsBlockAndHoldTheLastPose) {
  auto b = rig(
      {rig_cue(CueOp::play, kClipLinear, 2), rig_cue(CueOp::wait_time, bundle::kNone, 0, 1.0f)});
  ASSERT_TRUE(b);
  Player p(*b);
  p.tick(3.0);  // second repeat, 1 s in
  expect_translation(p.frame().joint_matrices[0], 2.0f, 1.0f, 3.0f);
  p.tick(1.5);  // 4.5 s: done, holding (2, 4, 6)
  expect_translation(p.frame().joint_matrices[0], 3.0f, 3.0f, 6.0f);
  const auto started = events_of(p.event_log(), scene::EventKind::cue_started);
  ASSERT_EQ(started.size(), 2u);
  EXPECT_EQ(started[1].time, 4 * kSecond);  // clip 2 s x 2 repeats
  p.tick(1.0);
  EXPECT_TRUE(p.frame().ended);
  expect_translation(p.frame().joint_matrices[0], 3.0f, 3.0f, 6.0f);
}

TEST(Clips, StopHoldsThePoseAtTheStop) {
  auto b =
      rig({rig_cue(CueOp::play, kClipLinear, 0), rig_cue(CueOp::wait_time, bundle::kNone, 0, 0.5f),
           rig_cue(CueOp::stop), rig_cue(CueOp::wait_time, bundle::kNone, 0, 100.0f)});
  ASSERT_TRUE(b);
  Player p(*b);
  p.tick(2.0);
  expect_translation(p.frame().joint_matrices[0], 1.5f, 0.0f, 1.5f);
}

// `stop NAME "clip"`: that clip plays to the end of the cycle it is in and holds its last
// pose; the object's other clips go on.
TEST(Clips, StoppingOneClipFinishesItsCycleAndLeavesTheOthersPlaying) {
  auto b = rig({rig_cue(CueOp::play, kClipLinear, 0), rig_cue(CueOp::play, kClipMorph, 0),
                rig_cue(CueOp::wait_time, bundle::kNone, 0, 2.5f),
                rig_cue(CueOp::stop, kClipLinear),  // half a second into its second cycle
                rig_cue(CueOp::wait_time, bundle::kNone, 0, 100.0f)});
  ASSERT_TRUE(b);
  Player p(*b);
  p.tick(3.0);  // still playing: 1 s into the cycle, bone at (1, 2, 3)
  expect_translation(p.frame().joint_matrices[0], 2.0f, 1.0f, 3.0f);
  p.tick(2.25);  // 5.25 s: the cycle ended at 4 s and holds (2, 4, 6); it does not wrap
  expect_translation(p.frame().joint_matrices[0], 3.0f, 3.0f, 6.0f);
  const scene::DrawItem* body = item_for(p.frame(), kRigBody);
  ASSERT_NE(body, nullptr);  // the morph loop goes on: 0.25 s into its sixth cycle
  EXPECT_FLOAT_EQ(p.frame().morph_weights[body->first_weight], 0.25f);
  EXPECT_FLOAT_EQ(p.frame().morph_weights[body->first_weight + 1], 0.125f);
  // The stop does not wait for the cycle: the cue after it started at 2.5 s.
  EXPECT_EQ(events_of(p.event_log(), scene::EventKind::cue_started)[4].time, 2500 * 1000);
}

TEST(Clips, StepAndCubicClipsPlayThroughThePlayer) {
  auto b = rig(
      {rig_cue(CueOp::play, kClipStep, 0), rig_cue(CueOp::wait_time, bundle::kNone, 0, 1.5f),
       rig_cue(CueOp::play, kClipCubic, 0), rig_cue(CueOp::wait_time, bundle::kNone, 0, 100.0f)});
  ASSERT_TRUE(b);
  Player p(*b);
  p.tick(1.25);
  // The clip's (1, 0, 0) replaces the bone's rest translation (0, 1, 0).
  expect_translation(p.frame().joint_matrices[0], 2.0f, -1.0f, 0.0f);
  p.tick(0.75);  // cubic 0.5 s in, and started later than the step clip: it wins
  expect_translation(p.frame().joint_matrices[0], 1.34375f, -1.0f, 0.0f);
}

TEST(Clips, RotationClipTurnsTheChildJoint) {
  auto b = rig(
      {rig_cue(CueOp::play, kClipSpin, 0), rig_cue(CueOp::wait_time, bundle::kNone, 0, 100.0f)});
  ASSERT_TRUE(b);
  Player p(*b);
  p.tick(0.5);
  const glm::mat4& tip = p.frame().joint_matrices[1];
  EXPECT_NEAR(tip[0].x, std::cos(glm::radians(45.0f)), 1e-5f);
  EXPECT_NEAR(tip[0].y, std::sin(glm::radians(45.0f)), 1e-5f);
}

TEST(Clips, MorphWeightsComeFromTheClipOrTheMeshDefaults) {
  auto b =
      rig({rig_cue(CueOp::wait_time, bundle::kNone, 0, 1.0f), rig_cue(CueOp::play, kClipMorph, 0),
           rig_cue(CueOp::wait_time, bundle::kNone, 0, 100.0f)});
  ASSERT_TRUE(b);
  Player p(*b);
  p.tick(0.5);
  const scene::DrawItem* body = item_for(p.frame(), kRigBody);
  ASSERT_NE(body, nullptr);
  ASSERT_EQ(body->weight_count, 2u);
  EXPECT_EQ(p.frame().morph_weights[body->first_weight], 0.25f);
  EXPECT_EQ(p.frame().morph_weights[body->first_weight + 1], 0.5f);
  p.tick(0.75);  // 0.25 s into the clip
  body = item_for(p.frame(), kRigBody);
  EXPECT_FLOAT_EQ(p.frame().morph_weights[body->first_weight], 0.25f);
  EXPECT_FLOAT_EQ(p.frame().morph_weights[body->first_weight + 1], 0.125f);
}

TEST(Clips, CuesAndClipsOnOneNodeLastStartedWins) {
  bundle::CueRecord move = rig_cue(CueOp::move, bundle::kNone, 0, 1.0f);
  move.target = kRigBone;  // to (0, 0, 0) over 1 s, from where the clip has it
  auto b =
      rig({rig_cue(CueOp::play, kClipLinear, 0), rig_cue(CueOp::wait_time, bundle::kNone, 0, 0.5f),
           move, rig_cue(CueOp::wait_time, bundle::kNone, 0, 100.0f)});
  ASSERT_TRUE(b);
  Player p(*b);
  p.tick(1.0);  // half way from (0.5, 1, 1.5) to (0, 0, 0)
  expect_translation(p.frame().joint_matrices[0], 1.25f, -0.5f, 0.75f);
  p.tick(2.0);
  expect_translation(p.frame().joint_matrices[0], 1.0f, -1.0f, 0.0f);
}

}  // namespace
}  // namespace trialxr::testing
