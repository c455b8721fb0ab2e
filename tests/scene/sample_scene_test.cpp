// The sample scene, scenes/blood-draw.txs: it plays to the end with the storyboard
// policy, a wrong answer leads back to the needle step, and storyboard_moments gives one
// reproducible moment per visited step.
#include <gtest/gtest.h>

#include "scene_fixture.h"
#include "trialxr/scene/storyboard.h"

namespace trialxr::testing {
namespace {

using scene::EventKind;
using scene::MomentKind;
using scene::Player;

// One step of the storyboard policy; false when there was nothing to do.
bool act(Player& p, bool answer_right) {
  const scene::FrameState& f = p.frame();
  if (f.quiz.visible && !f.quiz.answered) {
    for (std::uint32_t i = 0; i < f.quiz.options.size(); ++i)
      if (f.quiz.options[i].correct == answer_right) return p.choose(i);
  }
  if (f.waiting_for_continue) return p.press_continue();
  return false;
}

std::vector<std::uint32_t> visited_steps(const scene::EventList& log) {
  std::vector<std::uint32_t> steps;
  for (const scene::Event& e : events_of(log, EventKind::step_entered)) steps.push_back(e.step);
  return steps;
}

TEST(SampleScene, PlaysToTheEndWithTheStoryboardPolicy) {
  auto b = sample_bundle();
  ASSERT_TRUE(b);
  Player p(*b);
  for (int i = 0; i < 90 * 600 && !p.frame().ended; ++i) {
    p.tick(1.0 / 90.0);
    act(p, true);
  }
  ASSERT_TRUE(p.frame().ended);
  EXPECT_EQ(visited_steps(p.event_log()), (std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6}));
  // Continue in "needle", the quiz answer, Continue after its feedback.
  EXPECT_EQ(p.inputs().size(), 3u);
  // Every say line was heard.
  EXPECT_EQ(events_of(p.event_log(), EventKind::narration_started).size(), 9u);
  // The syringe was shown, moved and hidden again; the table is still drawn.
  EXPECT_EQ(item_for(p.frame(), node_named(*b, "syringe")), nullptr);
  EXPECT_NE(item_for(p.frame(), node_named(*b, "table")), nullptr);
}

TEST(SampleScene, GuidedRunEndsWhenTheSceneEnds) {
  auto b = sample_bundle();
  ASSERT_TRUE(b);
  scene::GuidedRun run = scene::guided_run(*b);
  EXPECT_TRUE(run.ended);
  EXPECT_EQ(run.inputs.size(), 3u);
  Player p(*b);
  p.load_inputs(run.inputs);
  EXPECT_FALSE(p.seek(run.end_time - 1).ended);
  EXPECT_TRUE(p.seek(run.end_time).ended);
  auto ended = events_of(p.event_log(), EventKind::scene_ended);
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].time, run.end_time);
}

TEST(SampleScene, AWrongAnswerLeadsBackToTheNeedle) {
  auto b = sample_bundle();
  ASSERT_TRUE(b);
  Player p(*b);
  while (!(p.frame().quiz.visible && !p.frame().quiz.answered) && !p.frame().ended) {
    p.tick(0.1);
    if (p.frame().waiting_for_continue) p.press_continue();
  }
  ASSERT_TRUE(p.frame().quiz.visible);
  ASSERT_TRUE(act(p, false));
  EXPECT_EQ(p.frame().quiz.feedback_line, line_named(*b, "q-feel-nothing-fb"));
  ASSERT_TRUE(p.press_continue());
  EXPECT_EQ(p.frame().step, step_named(*b, "needle"));
}

TEST(SampleScene, StoryboardMomentsReproduceEachVisitedStep) {
  auto b = sample_bundle();
  ASSERT_TRUE(b);
  const std::vector<scene::StepMoment> moments = scene::storyboard_moments(*b);
  ASSERT_EQ(moments.size(), 7u);
  const MomentKind kinds[] = {MomentKind::wait_say, MomentKind::wait_say, MomentKind::wait_say,
                              MomentKind::wait_say, MomentKind::wait_say, MomentKind::quiz,
                              MomentKind::wait_say};
  scene::Micros previous = -1;
  for (std::uint32_t i = 0; i < moments.size(); ++i) {
    const scene::StepMoment& m = moments[i];
    SCOPED_TRACE(::testing::Message() << "step " << m.step);
    EXPECT_EQ(m.step, i);
    EXPECT_EQ(m.kind, kinds[i]);
    EXPECT_GE(m.time, previous);  // the policy answers at once: "goodbye" starts with the quiz
    previous = m.time;
    Player p(*b);
    p.load_inputs(m.inputs);
    const scene::FrameState& f = p.seek(m.time);
    EXPECT_EQ(f.step, m.step);
    EXPECT_FALSE(f.ended);
    if (m.kind == MomentKind::wait_say) {
      EXPECT_NE(f.subtitle_line, bundle::kNone);
    }
    if (m.kind == MomentKind::quiz) {
      EXPECT_TRUE(f.quiz.visible);
      EXPECT_FALSE(f.quiz.answered);
    }
  }
  // The needle step's Continue comes after its moment; the quiz step needs it.
  EXPECT_TRUE(moments[3].inputs.empty());
  EXPECT_EQ(moments[5].inputs.size(), 1u);
  EXPECT_EQ(moments[6].inputs.size(), 3u);
}

TEST(SampleScene, StoryboardOfAStepWithoutWaitsIsJustBeforeItEnds) {
  TempDir dir;
  auto b = bundle_from_script(dir,
                              "box a\n"
                              "  at 0 1 -1\n"
                              "step one\n"
                              "  move a to 0.2 1 -1 over 2s\n"
                              "step two\n"
                              "  wait continue\n"
                              "  goto one\n");
  ASSERT_TRUE(b);
  const auto moments = scene::storyboard_moments(*b);
  ASSERT_EQ(moments.size(), 2u);  // then `goto one` would revisit: the run stops
  EXPECT_EQ(moments[0].kind, MomentKind::step_end);
  EXPECT_EQ(moments[0].time, 2 * kSecond - 1);
  EXPECT_EQ(moments[1].kind, MomentKind::wait_continue);
  EXPECT_EQ(moments[1].time, 2 * kSecond);
  EXPECT_TRUE(moments[1].inputs.empty());
}

}  // namespace
}  // namespace trialxr::testing
