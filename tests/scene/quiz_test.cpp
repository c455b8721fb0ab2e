// Quizzes: the prompt, answers and their records, feedback until Continue, and where a
// right or wrong answer leads (option goto, the quiz's wrong goto, or on).
#include <gtest/gtest.h>

#include "scene_fixture.h"

namespace trialxr::testing {
namespace {

using scene::EventKind;
using scene::Player;

const char* kQuizScene =
    "box a\n"
    "  at 0 1 -1\n"
    "step intro\n"
    "  wait 1s\n"
    "step teach\n"
    "  wait 1s\n"
    "step check\n"
    "  quiz q\n"
    "    ask \"Q?\" #line:q\n"
    "    option \"Right\" correct #line:o1\n"
    "      feedback \"Yes\" #line:f1\n"
    "    option \"Wrong with goto\" #line:o2\n"
    "      feedback \"No\" #line:f2\n"
    "      goto intro\n"
    "    option \"Wrong plain\" #line:o3\n"
    "    wrong goto teach\n"
    "  wait 1s\n"
    "step check2\n"
    "  quiz r true-false\n"
    "    ask \"R?\" #line:r\n"
    "    option \"True\" correct #line:r1\n"
    "    option \"False\" #line:r2\n"
    "  wait 1s\n"
    "step multi\n"
    "  quiz m multiple\n"
    "    ask \"Pick\" #line:m\n"
    "    option \"A\" correct #line:m1\n"
    "      feedback \"good\" #line:mf1\n"
    "    option \"B\" correct #line:m2\n"
    "    option \"C\" #line:m3\n"
    "      feedback \"not C\" #line:mf3\n"
    "      goto intro\n"
    "  wait 1s\n";

class Quiz : public ::testing::Test {
 protected:
  void SetUp() override {
    b_ = bundle_from_script(dir_, kQuizScene);
    ASSERT_TRUE(b_);
  }
  // A player at the first quiz (2 s in).
  Player at_check() {
    Player p(*b_);
    p.tick_micros(2 * kSecond);
    EXPECT_TRUE(p.frame().quiz.visible);
    return p;
  }
  // A player at quiz `step` (answering earlier quizzes right).
  Player at(std::string_view step) {
    Player p = at_check();
    while (p.frame().step != step_named(*b_, step)) {
      if (p.frame().quiz.visible && !p.frame().quiz.answered) {
        for (std::uint32_t i = 0; i < p.frame().quiz.options.size(); ++i)
          if (p.frame().quiz.options[i].correct) p.choose(i);
        if (p.frame().quiz.kind == bundle::QuizKind::multiple) p.submit();
      } else if (p.frame().waiting_for_continue) {
        p.press_continue();
      } else {
        p.tick_micros(ms(100));
      }
    }
    return p;
  }
  TempDir dir_;
  std::optional<bundle::Bundle> b_;
};

TEST_F(Quiz, PromptShowsQuestionAndOptions) {
  Player p = at_check();
  const scene::QuizPrompt& q = p.frame().quiz;
  EXPECT_EQ(q.kind, bundle::QuizKind::single);
  EXPECT_EQ(q.question_line, line_named(*b_, "q"));
  ASSERT_EQ(q.options.size(), 3u);
  EXPECT_EQ(q.options[1].line, line_named(*b_, "o2"));
  EXPECT_TRUE(q.options[0].correct);
  EXPECT_FALSE(q.answered);
  EXPECT_FALSE(p.frame().waiting_for_continue);
  auto shown = events_of(p.event_log(), EventKind::quiz_shown);
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_EQ(shown[0].time, 2 * kSecond);
  // The quiz blocks: time passes, nothing moves on.
  p.tick_micros(60 * kSecond);
  EXPECT_EQ(p.frame().step, step_named(*b_, "check"));
  EXPECT_FALSE(p.choose(3));  // no such option
  EXPECT_FALSE(p.press_continue());
}

TEST_F(Quiz, RightAnswerShowsFeedbackThenGoesOn) {
  Player p = at_check();
  ASSERT_TRUE(p.choose(0));
  const scene::QuizPrompt& q = p.frame().quiz;
  EXPECT_TRUE(q.answered);
  EXPECT_TRUE(q.correct);
  EXPECT_TRUE(q.options[0].chosen);
  EXPECT_EQ(q.feedback_line, line_named(*b_, "f1"));
  EXPECT_TRUE(p.frame().waiting_for_continue);
  EXPECT_FALSE(p.choose(1));  // answered already
  auto answers = events_of(p.frame().events, EventKind::answer_given);
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_TRUE(answers[0].correct);
  EXPECT_EQ(answers[0].quiz, 0u);
  EXPECT_EQ(std::vector<std::uint32_t>(p.frame().events.options_of(answers[0]).begin(),
                                       p.frame().events.options_of(answers[0]).end()),
            std::vector<std::uint32_t>{0});
  EXPECT_EQ(events_of(p.frame().events, EventKind::feedback_shown).size(), 1u);
  p.tick_micros(5 * kSecond);  // feedback stays until Continue
  EXPECT_TRUE(p.frame().quiz.visible);
  ASSERT_TRUE(p.press_continue());
  EXPECT_FALSE(p.frame().quiz.visible);
  EXPECT_EQ(p.frame().step, step_named(*b_, "check"));  // on to `wait 1s`
  p.tick_micros(kSecond);
  EXPECT_EQ(p.frame().step, step_named(*b_, "check2"));
}

TEST_F(Quiz, WrongAnswerFollowsTheOptionsGoto) {
  Player p = at_check();
  ASSERT_TRUE(p.choose(1));
  EXPECT_FALSE(p.frame().quiz.correct);
  EXPECT_EQ(p.frame().quiz.feedback_line, line_named(*b_, "f2"));
  ASSERT_TRUE(p.press_continue());
  EXPECT_EQ(p.frame().step, step_named(*b_, "intro"));
}

TEST_F(Quiz, WrongAnswerWithoutGotoFollowsTheQuizsWrongGoto) {
  Player p = at_check();
  ASSERT_TRUE(p.choose(2));
  EXPECT_EQ(p.frame().quiz.feedback_line, bundle::kNone);
  EXPECT_TRUE(p.frame().waiting_for_continue);  // Continue even without feedback
  ASSERT_TRUE(p.press_continue());
  EXPECT_EQ(p.frame().step, step_named(*b_, "teach"));
}

TEST_F(Quiz, WrongAnswerWithNowhereToGoFallsThrough) {
  Player p = at("check2");
  EXPECT_EQ(p.frame().quiz.kind, bundle::QuizKind::true_false);
  ASSERT_TRUE(p.choose(1));
  EXPECT_FALSE(p.frame().quiz.correct);
  ASSERT_TRUE(p.press_continue());
  EXPECT_EQ(p.frame().step, step_named(*b_, "check2"));
  p.tick_micros(kSecond);
  EXPECT_EQ(p.frame().step, step_named(*b_, "multi"));
}

TEST_F(Quiz, MultipleAnswerNeedsExactlyTheCorrectSet) {
  {
    Player p = at("multi");
    EXPECT_EQ(p.frame().quiz.kind, bundle::QuizKind::multiple);
    EXPECT_FALSE(p.submit());  // nothing selected
    ASSERT_TRUE(p.choose(0));  // toggles
    ASSERT_TRUE(p.choose(2));
    ASSERT_TRUE(p.choose(2));
    ASSERT_TRUE(p.choose(1));
    EXPECT_FALSE(p.frame().quiz.answered);
    EXPECT_TRUE(p.frame().quiz.options[0].chosen);
    EXPECT_FALSE(p.frame().quiz.options[2].chosen);
    ASSERT_TRUE(p.submit());
    EXPECT_TRUE(p.frame().quiz.correct);
    EXPECT_EQ(p.frame().quiz.feedback_line, line_named(*b_, "mf1"));
    auto answers = events_of(p.event_log(), EventKind::answer_given);
    const auto chosen = p.event_log().options_of(answers.back());
    EXPECT_EQ(std::vector<std::uint32_t>(chosen.begin(), chosen.end()),
              (std::vector<std::uint32_t>{0, 1}));
    ASSERT_TRUE(p.press_continue());
    EXPECT_EQ(p.frame().step, step_named(*b_, "multi"));
  }
  {
    Player p = at("multi");
    const std::vector<std::uint32_t> missing_one = {0};
    ASSERT_TRUE(p.select(missing_one));
    ASSERT_TRUE(p.submit());
    EXPECT_FALSE(p.frame().quiz.correct);
    EXPECT_EQ(p.frame().quiz.feedback_line, bundle::kNone);  // no wrong option chosen
    ASSERT_TRUE(p.press_continue());
    EXPECT_EQ(p.frame().step, step_named(*b_, "multi"));  // no goto anywhere: on
  }
  {
    Player p = at("multi");
    const std::vector<std::uint32_t> with_wrong = {0, 2};
    ASSERT_TRUE(p.select(with_wrong));
    const std::vector<std::uint32_t> bad = {0, 7};
    EXPECT_FALSE(p.select(bad));
    ASSERT_TRUE(p.submit());
    EXPECT_FALSE(p.frame().quiz.correct);
    EXPECT_EQ(p.frame().quiz.feedback_line, line_named(*b_, "mf3"));
    ASSERT_TRUE(p.press_continue());
    EXPECT_EQ(p.frame().step, step_named(*b_, "intro"));
  }
}

TEST_F(Quiz, SingleAnswerQuizzesTakeOneOptionThroughSelect) {
  Player p = at_check();
  const std::vector<std::uint32_t> two = {0, 1};
  EXPECT_FALSE(p.select(two));
  EXPECT_FALSE(p.submit());  // only multiple-answer quizzes submit
  const std::vector<std::uint32_t> one = {0};
  ASSERT_TRUE(p.select(one));
  EXPECT_TRUE(p.frame().quiz.answered);
}

}  // namespace
}  // namespace trialxr::testing
