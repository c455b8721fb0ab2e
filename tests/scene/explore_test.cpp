// Exploring a visit schedule: the prompt lists the visits; choosing one highlights and
// labels its marker and shows its details; another can be chosen next; Continue goes on
// at any time. Nothing is scored, and replaying the inputs gives the same frames.
#include <gtest/gtest.h>

#include <algorithm>

#include "scene_fixture.h"
#include "trialxr/scene/storyboard.h"

namespace trialxr::testing {
namespace {

using scene::EventKind;
using scene::Player;

const char* kExploreScene =
    "schedule visits\n"
    "  at -0.3 0.82 -0.6\n"
    "  length 0.6\n"
    "  day-text \"Day {day}\" #line:day\n"
    "  visit screening \"Screening\" #line:v1\n"
    "    day -7\n"
    "    procedure \"Blood test\" #line:p1\n"
    "  visit dose \"First dose\" #line:v2\n"
    "    day 1\n"
    "    procedure \"The study drug\" #line:p2\n"
    "  visit week-4 \"Week 4\" #line:v3\n"
    "    day 29\n"
    "    window 3\n"
    "step intro\n"
    "  wait 1s\n"
    "step look\n"
    "  explore visits \"Choose a visit.\" #line:ask\n"
    "  wait 1s\n"
    "step after\n"
    "  wait 1s\n";

class Explore : public ::testing::Test {
 protected:
  void SetUp() override {
    b_ = bundle_from_script(dir_, kExploreScene);
    ASSERT_TRUE(b_);
  }
  // A player at the explore prompt (1 s in).
  Player at_prompt() {
    Player p(*b_);
    p.tick_micros(kSecond + ms(10));
    EXPECT_TRUE(p.frame().quiz.visible);
    return p;
  }
  const scene::LabelText* label_on(const scene::FrameState& f, std::uint32_t node) const {
    for (const scene::LabelText& l : f.labels)
      if (l.node == node) return &l;
    return nullptr;
  }
  TempDir dir_;
  std::optional<bundle::Bundle> b_;
};

TEST_F(Explore, ThePromptListsTheVisitsAndWaitsForContinueNotAnAnswer) {
  Player p = at_prompt();
  const scene::FrameState& f = p.frame();
  EXPECT_EQ(f.quiz.kind, bundle::QuizKind::explore);
  EXPECT_EQ(f.quiz.question_line, line_named(*b_, "ask"));
  ASSERT_EQ(f.quiz.options.size(), 3u);
  EXPECT_EQ(f.quiz.options[0].line, line_named(*b_, "v1"));
  EXPECT_EQ(f.quiz.options[2].line, line_named(*b_, "v3"));
  EXPECT_EQ(f.quiz.feedback_line, bundle::kNone);
  EXPECT_FALSE(f.quiz.answered);
  EXPECT_TRUE(f.waiting_for_continue);  // the patient may go on without choosing
  EXPECT_FALSE(p.submit());
  // It waits: time passes and the step stays.
  p.tick_micros(5 * kSecond);
  EXPECT_EQ(p.frame().step, step_named(*b_, "look"));
}

TEST_F(Explore, ChoosingAVisitHighlightsLabelsAndDetailsIt) {
  Player p = at_prompt();
  const std::uint32_t dose = node_named(*b_, "visits.dose");
  const std::uint32_t week4 = node_named(*b_, "visits.week-4");
  ASSERT_FALSE(item_for(p.frame(), dose)->highlighted);

  ASSERT_TRUE(p.choose(1));
  const scene::FrameState& f = p.frame();
  EXPECT_TRUE(f.quiz.options[1].chosen);
  EXPECT_FALSE(f.quiz.answered);
  EXPECT_EQ(f.quiz.feedback_line, line_named(*b_, "visits.dose.details"));
  EXPECT_EQ(b_->text(f.quiz.feedback_line, 0), "Day 1\n\u2022 The study drug");
  EXPECT_TRUE(item_for(f, dose)->highlighted);
  EXPECT_FALSE(item_for(f, week4)->highlighted);
  const scene::LabelText* label = label_on(f, dose);
  ASSERT_NE(label, nullptr);
  EXPECT_EQ(label->line, line_named(*b_, "v2"));
  EXPECT_NEAR(label->anchor.z, -0.6f, 1e-5f);
  EXPECT_TRUE(f.waiting_for_continue);

  EXPECT_FALSE(p.choose(1));  // already shown: nothing to record
  ASSERT_TRUE(p.choose(2));   // another visit: the first one lets go
  const scene::FrameState& g = p.frame();
  EXPECT_FALSE(g.quiz.options[1].chosen);
  EXPECT_TRUE(g.quiz.options[2].chosen);
  EXPECT_FALSE(item_for(g, dose)->highlighted);
  EXPECT_TRUE(item_for(g, week4)->highlighted);
  // The window bar is part of the visit and lights with it.
  EXPECT_TRUE(item_for(g, node_named(*b_, "visits.week-4.window"))->highlighted);
  EXPECT_EQ(label_on(g, dose), nullptr);
  EXPECT_EQ(b_->text(g.quiz.feedback_line, 0), "Day 29");

  const auto explored = events_of(p.event_log(), EventKind::explored);
  ASSERT_EQ(explored.size(), 2u);
  EXPECT_EQ(explored[0].value, 1u);
  EXPECT_EQ(explored[1].value, 2u);
  EXPECT_EQ(explored[1].line, g.quiz.feedback_line);
}

TEST_F(Explore, ContinueGoesOnWithNothingScored) {
  Player p = at_prompt();
  ASSERT_TRUE(p.choose(0));
  ASSERT_TRUE(p.press_continue());
  const scene::FrameState& f = p.frame();
  EXPECT_FALSE(f.quiz.visible);
  EXPECT_FALSE(f.waiting_for_continue);
  // The highlight and label belonged to the prompt.
  EXPECT_FALSE(item_for(f, node_named(*b_, "visits.screening"))->highlighted);
  EXPECT_TRUE(f.labels.empty());
  p.tick_micros(kSecond + ms(10));
  EXPECT_EQ(p.frame().step, step_named(*b_, "after"));
  EXPECT_TRUE(events_of(p.event_log(), EventKind::answer_given).empty());
  EXPECT_FALSE(p.choose(1));  // no prompt any more
}

TEST_F(Explore, ReplayingTheInputsGivesTheSameFrames) {
  Player live = at_prompt();
  live.tick_micros(ms(300));
  live.choose(2);
  live.tick_micros(ms(700));
  live.choose(0);
  live.tick_micros(ms(400));
  const scene::Micros choice_time = live.time();
  const std::string at_choice = frame_bytes(live.frame(), false);
  live.tick_micros(ms(100));
  live.press_continue();
  live.tick_micros(ms(500));
  const std::string after = frame_bytes(live.frame(), false);

  Player replay(*b_);
  replay.load_inputs(live.inputs());
  replay.tick_micros(choice_time);
  EXPECT_EQ(frame_bytes(replay.frame(), false), at_choice);
  replay.tick_micros(live.time() - choice_time);
  EXPECT_EQ(frame_bytes(replay.frame(), false), after);
  EXPECT_EQ(frame_bytes(live.seek(choice_time), false), at_choice);
}

TEST_F(Explore, TheStoryboardShowsTheFirstVisitChosen) {
  const auto moments = scene::storyboard_moments(*b_, {});
  ASSERT_EQ(moments.size(), 3u);
  const scene::StepMoment& m = moments[1];
  EXPECT_EQ(m.step, step_named(*b_, "look"));
  EXPECT_EQ(m.kind, scene::MomentKind::quiz);
  Player p(*b_);
  p.load_inputs(m.inputs);
  const scene::FrameState& f = p.seek(m.time);
  ASSERT_TRUE(f.quiz.visible);
  EXPECT_TRUE(f.quiz.options[0].chosen);
  EXPECT_EQ(f.quiz.feedback_line, line_named(*b_, "visits.screening.details"));
  // And the guided run goes on past it to the end.
  EXPECT_TRUE(scene::guided_run(*b_, {}).ended);
}

}  // namespace
}  // namespace trialxr::testing
