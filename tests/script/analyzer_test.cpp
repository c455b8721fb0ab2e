// The script language: every construct, and every diagnostic code at its exact place.
#include <gtest/gtest.h>

#include <fstream>

#include "script_test_util.h"
#include "temp_dir.h"

namespace trialxr::testing {
namespace {

using bundle::CueOp;

std::string with_header(const std::string& body) {
  return std::string(kHeader) + body;
}

TEST(ScriptLanguage, SampleSceneHasNoDiagnostics) {
  auto source = SourceFile::load((source_dir() / "scenes/blood-draw.txs").string());
  ASSERT_TRUE(source) << source.error().message;
  auto a = analyse(source->text(), source->path());
  EXPECT_TRUE(a.diags.empty()) << a.rendered();
  EXPECT_EQ(a.model.header.id, "blood-draw");
  EXPECT_EQ(a.model.header.languages, (std::vector<std::string>{"en", "zh"}));
  EXPECT_GE(a.model.steps.size(), 5u);
  EXPECT_EQ(a.model.quizzes.size(), 1u);
}

TEST(ScriptLanguage, EveryConstructIsUnderstood) {
  auto a = analyse(
      "scene demo\n"
      "  title \"Demo\" #line:title\n"
      "  study \"ONC 22\"\n"
      "  version 2.1.0\n"
      "  languages en zh es\n"
      "  audience child 7-11\n"
      "  approval \"EC-1\"\n"
      "model arm \"arm.glb\"\n"
      "  at 0 0.9 -80cm\n"
      "  turn 0 90deg 0\n"
      "  scale 2\n"
      "  part vein \"Vein_L\"\n"
      "box tray\n"
      "  size 0.3 0.02 0.2\n"
      "  color \"#ff0000\"\n"
      "  hidden\n"
      "sphere ball\n"
      "  radius 5cm\n"
      "  color 1 1 1\n"
      "cylinder tube\n"
      "  radius 1cm\n"
      "  height 10cm\n"
      "capsule pill\n"
      "plane floor\n"
      "  size 1 1\n"
      "  at 0 0.5 -1\n"
      "arrow hint\n"
      "  length 0.2\n"
      "image poster \"p.png\"\n"
      "  size 0.4\n"
      "step one\n"
      "  say \"Hello\" #line:hello\n"
      "  show tray over 0.5s\n"
      "  hide tray\n"
      "  move tray to 0.1 1 -0.8 over 2s ease out\n"
      "  rotate tray to 0 45 0 over 1s\n"
      "  scale tray to 1.5 over 500ms ease linear\n"
      "  play arm \"clench\" 3 times\n"
      "  play arm \"pulse\" loop\n"
      "  stop arm\n"
      "  highlight arm.vein for 3s\n"
      "  unhighlight arm.vein\n"
      "  label arm.vein \"A vein\" for 2s #line:vein\n"
      "  unlabel arm.vein\n"
      "  look at arm\n"
      "  wait 1.5s\n"
      "  wait say\n"
      "  wait continue\n"
      "  together\n"
      "    move ball to 0 1 -1 over 1s\n"
      "    say \"Together\" #line:tog\n"
      "  quiz check multiple\n"
      "    ask \"Which?\" #line:q\n"
      "    topic one\n"
      "    wrong goto one\n"
      "    option \"A\" correct #line:qa\n"
      "      feedback \"Yes\" #line:qaf\n"
      "    option \"B\" correct #line:qb\n"
      "    option \"C\" #line:qc\n"
      "      goto two\n"
      "  goto two\n"
      "step two\n"
      "  end\n");
  ASSERT_FALSE(a.diags.has_errors()) << a.rendered();
  const auto& m = a.model;
  EXPECT_EQ(m.header.audience, bundle::Audience::child_7_11);
  EXPECT_EQ(m.header.approval, "EC-1");
  EXPECT_EQ(m.header.study, "ONC 22");
  ASSERT_EQ(m.objects.size(), 8u);
  EXPECT_FLOAT_EQ(m.objects[0].position[2], -0.8f);
  EXPECT_FLOAT_EQ(m.objects[0].rotation_deg[1], 90.0f);
  EXPECT_EQ(m.objects[0].scale, (std::array<float, 3>{2, 2, 2}));
  EXPECT_EQ(m.objects[0].parts.at("vein").text, "Vein_L");
  EXPECT_TRUE(m.objects[1].hidden);
  EXPECT_FLOAT_EQ(m.objects[1].color[0], 1.0f);
  EXPECT_FLOAT_EQ(m.objects[1].color[1], 0.0f);
  EXPECT_FLOAT_EQ(m.objects[2].radius, 0.05f);
  EXPECT_EQ(m.objects[7].kind, bundle::ObjectKind::image);

  const auto& cues = m.steps[0].cues;
  std::vector<CueOp> ops;
  for (const auto& c : cues) ops.push_back(c.op);
  EXPECT_EQ(ops, (std::vector<CueOp>{
                     CueOp::say,           CueOp::show,      CueOp::hide,        CueOp::move,
                     CueOp::rotate,        CueOp::scale,     CueOp::play,        CueOp::play,
                     CueOp::stop,          CueOp::highlight, CueOp::unhighlight, CueOp::label,
                     CueOp::unlabel,       CueOp::look_at,   CueOp::wait_time,   CueOp::wait_say,
                     CueOp::wait_continue, CueOp::together,  CueOp::quiz,        CueOp::go_to}));
  EXPECT_FLOAT_EQ(cues[1].duration, 0.5f);
  EXPECT_EQ(cues[3].easing, bundle::Easing::out);
  EXPECT_FLOAT_EQ(cues[3].duration, 2.0f);
  EXPECT_FLOAT_EQ(cues[5].value[1], 1.5f);
  EXPECT_FLOAT_EQ(cues[5].duration, 0.5f);
  EXPECT_EQ(cues[6].repeat, 3u);
  EXPECT_EQ(cues[7].repeat, 0u);
  EXPECT_EQ(cues[9].target.text, "arm.vein");
  EXPECT_EQ(cues[11].text->line_id, "vein");
  EXPECT_FLOAT_EQ(cues[14].duration, 1.5f);
  ASSERT_EQ(cues[17].children.size(), 2u);
  EXPECT_EQ(cues[17].children[1].text->text, "Together");
  const auto& quiz = m.quizzes[cues[18].quiz];
  EXPECT_EQ(quiz.kind, bundle::QuizKind::multiple);
  EXPECT_EQ(quiz.topic.text, "one");
  EXPECT_EQ(quiz.wrong_step.text, "one");
  ASSERT_EQ(quiz.options.size(), 3u);
  EXPECT_TRUE(quiz.options[0].correct);
  EXPECT_EQ(quiz.options[0].feedback->line_id, "qaf");
  EXPECT_EQ(quiz.options[2].go_to.text, "two");
  EXPECT_EQ(m.steps[1].cues[0].op, CueOp::end_scene);
}

TEST(ScriptLanguage, CurlyQuotesAndEscapes) {
  auto a = analyse(with_header("step s\n  say \xE2\x80\x9CHi \\\"there\\\"\xE2\x80\x9D #line:a\n"));
  ASSERT_FALSE(a.diags.has_errors()) << a.rendered();
  EXPECT_EQ(a.model.steps[0].cues[0].text->text, "Hi \"there\"");
}

// --- lexical and layout errors -------------------------------------------------

TEST(ScriptDiagnostics, UnterminatedString) {
  auto a = analyse(with_header("step s\n  say \"Hello #line:a\n"));
  EXPECT_DIAG(a, "TX0001", 7, 7, "closing quote");
}

TEST(ScriptDiagnostics, UnknownUnit) {
  auto a = analyse(with_header("step s\n  wait 3sec\n"));
  EXPECT_DIAG(a, "TX0002", 7, 8, "unknown unit 'sec'");
  EXPECT_EQ(a.with_code("TX0002")[0].hint, "did you mean 's'?");
}

TEST(ScriptDiagnostics, TabIndentation) {
  auto a = analyse(with_header("step s\n\tsay \"x\" #line:a\n"));
  EXPECT_DIAG(a, "TX0003", 7, 1, "tab");
}

TEST(ScriptDiagnostics, IndentationMismatch) {
  auto a = analyse(with_header("step s\n    say \"a\" #line:a\n  say \"b\" #line:b\n"));
  EXPECT_DIAG(a, "TX0004", 8, 1, "indentation");
}

TEST(ScriptDiagnostics, IndentedFirstLine) {
  auto a = analyse(std::string("  scene x\n") + "step s\n  end\n");
  EXPECT_DIAG(a, "TX0004", 1, 1, "must not be indented");
}

TEST(ScriptDiagnostics, InvalidUtf8) {
  auto a = analyse(with_header("step s\n  say \"caf\xE9\" #line:a\n"));
  EXPECT_DIAG(a, "TX0005", 7, 1, "UTF-8");
}

// --- structure ----------------------------------------------------------------

TEST(ScriptDiagnostics, UnknownSectionSuggestsSpelling) {
  auto a = analyse(with_header("stpe s\n  end\n"));
  EXPECT_DIAG(a, "TX0100", 6, 1, "unknown section 'stpe'");
  EXPECT_EQ(a.with_code("TX0100")[0].hint, "did you mean 'step'?");
}

TEST(ScriptDiagnostics, CueOutsideStep) {
  auto a = analyse(with_header("say \"x\" #line:a\nstep s\n  end\n"));
  EXPECT_DIAG(a, "TX0100", 6, 1, "unknown section 'say'");
  EXPECT_NE(a.with_code("TX0100")[0].hint.find("inside a step"), std::string::npos);
}

TEST(ScriptDiagnostics, MissingScene) {
  auto a = analyse("step s\n  end\n");
  EXPECT_DIAG(a, "TX0101", 1, 1, "no 'scene'");
}

TEST(ScriptDiagnostics, HeaderSettingTwice) {
  auto a = analyse(with_header("  study S-2\nstep s\n  end\n"));
  EXPECT_DIAG(a, "TX0102", 6, 3, "'study' is given twice");
}

TEST(ScriptDiagnostics, UnknownHeaderSetting) {
  auto a = analyse(with_header("  audiance adult\nstep s\n  end\n"));
  EXPECT_DIAG(a, "TX0103", 6, 3, "unknown scene setting 'audiance'");
  EXPECT_EQ(a.with_code("TX0103")[0].hint, "did you mean 'audience'?");
}

TEST(ScriptLanguage, PresentationPreferences) {
  auto a = analyse(with_header("  display ar\n  space standing\nstep s\n  end\n"));
  EXPECT_TRUE(a.diags.empty()) << a.rendered();
  EXPECT_EQ(a.model.header.display, bundle::DisplayPreference::ar);
  EXPECT_EQ(a.model.header.space, bundle::SpacePreference::standing);
  auto plain = analyse(with_header("step s\n  end\n"));
  EXPECT_EQ(plain.model.header.display, bundle::DisplayPreference::vr);
  EXPECT_EQ(plain.model.header.space, bundle::SpacePreference::seated);
}

TEST(ScriptDiagnostics, UnknownPresentationPreference) {
  auto a = analyse(with_header("  display mixed\nstep s\n  end\n"));
  EXPECT_DIAG(a, "TX0108", 6, 11, "unknown display 'mixed'");
  auto b = analyse(with_header("  space lying\nstep s\n  end\n"));
  EXPECT_DIAG(b, "TX0108", 6, 9, "unknown space 'lying'");
}

TEST(ScriptLanguage, SayTakesARecordingAndASpeakerInAnyOrder) {
  auto a = analyse(with_header(
      "box nurse\n  at 0 1 -1\nstep s\n  say \"Hello.\" from nurse audio \"a.wav\" #line:a\n"
      "  say \"Bye.\" audio \"b.wav\" from nurse #line:b\n"));
  EXPECT_TRUE(a.diags.empty()) << a.rendered();
  ASSERT_EQ(a.model.steps.size(), 1u);
  ASSERT_EQ(a.model.steps[0].cues.size(), 2u);
  for (const auto& cue : a.model.steps[0].cues) {
    EXPECT_EQ(cue.target.text, "nurse");
    ASSERT_TRUE(cue.text);
  }
  EXPECT_EQ(a.model.steps[0].cues[0].text->audio, "a.wav");
  EXPECT_EQ(a.model.steps[0].cues[1].text->audio, "b.wav");
}

TEST(ScriptDiagnostics, MissingHeaderSettings) {
  auto a = analyse("scene x\n  study S\n  version 1\nstep s\n  end\n");
  auto found = a.with_code("TX0104");
  ASSERT_EQ(found.size(), 2u) << a.rendered();
  EXPECT_NE(found[0].message.find("no title"), std::string::npos);
  EXPECT_NE(found[1].message.find("no language"), std::string::npos);
}

TEST(ScriptDiagnostics, BadAudience) {
  auto a = analyse(with_header("  audience child 6-9\nstep s\n  end\n"));
  EXPECT_DIAG(a, "TX0105", 6, 18, "'6-9' is not an age band");
}

TEST(ScriptDiagnostics, BadLanguage) {
  auto a = analyse(
      "scene x\n  title \"t\" #line:t\n  study S\n  version 1\n  languages en e_n\nstep s\n  "
      "end\n");
  EXPECT_DIAG(a, "TX0106", 5, 16, "'e_n' is not a language code");
}

TEST(ScriptDiagnostics, DuplicateObject) {
  auto a = analyse(with_header("box a\nsphere a\nstep s\n  end\n"));
  EXPECT_DIAG(a, "TX0110", 7, 8, "already an object named 'a'");
}

TEST(ScriptDiagnostics, UnknownObjectSetting) {
  auto a = analyse(with_header("box a\n  colr red\nstep s\n  end\n"));
  EXPECT_DIAG(a, "TX0111", 7, 3, "unknown object setting 'colr'");
  EXPECT_EQ(a.with_code("TX0111")[0].hint, "did you mean 'color'?");
}

TEST(ScriptDiagnostics, BadColour) {
  auto a = analyse(with_header("box a\n  color rde\nstep s\n  end\n"));
  EXPECT_DIAG(a, "TX0112", 7, 9, "'rde' is not a colour");
  EXPECT_EQ(a.with_code("TX0112")[0].hint, "did you mean 'red'?");
}

TEST(ScriptDiagnostics, SettingForOtherKind) {
  auto a = analyse(with_header("box a\n  radius 1\nstep s\n  end\n"));
  EXPECT_DIAG(a, "TX0116", 7, 3, "'radius' does not apply");
}

// --- cues -----------------------------------------------------------------------

TEST(ScriptDiagnostics, UnknownCueSuggestsSpelling) {
  auto a = analyse(with_header("step s\n  higlight arm.vein for 3s\n"));
  EXPECT_DIAG(a, "TX0200", 7, 3, "unknown cue 'higlight'");
  EXPECT_EQ(a.with_code("TX0200")[0].hint, "did you mean 'highlight'?");
}

TEST(ScriptDiagnostics, DurationNeedsUnit) {
  auto a = analyse(with_header("box b\nstep s\n  highlight b for 3\n"));
  EXPECT_DIAG(a, "TX0202", 8, 19, "needs a time unit");
  EXPECT_EQ(a.with_code("TX0202")[0].hint, "write 3s for seconds or 3ms for milliseconds");
}

TEST(ScriptDiagnostics, GotoUnknownStep) {
  auto a = analyse(with_header("step intro\n  goto intor\n"));
  EXPECT_DIAG(a, "TX0204", 7, 8, "no step named 'intor'");
  EXPECT_EQ(a.with_code("TX0204")[0].hint, "did you mean 'intro'?");
}

TEST(ScriptDiagnostics, ExpectedKeyword) {
  auto a = analyse(with_header("box b\nstep s\n  move b 0 1 -1 over 1s\n"));
  auto found = a.with_code("TX0205");
  ASSERT_FALSE(found.empty()) << a.rendered();
  EXPECT_EQ(found[0].loc.line, 8u);
  EXPECT_EQ(found[0].loc.column, 10u);
  EXPECT_NE(found[0].message.find("expects 'to'"), std::string::npos);
}

TEST(ScriptDiagnostics, LeftOverArguments) {
  auto a = analyse(with_header("box b\nstep s\n  stop b now please\n"));
  EXPECT_DIAG(a, "TX0206", 8, 10, "does not take 'now'");
  EXPECT_EQ(a.with_code("TX0206")[0].loc.length, 10u);
}

TEST(ScriptDiagnostics, DuplicateStep) {
  auto a = analyse(with_header("step s\n  end\nstep s\n  end\n"));
  EXPECT_DIAG(a, "TX0207", 8, 6, "already a step named 's'");
}

TEST(ScriptDiagnostics, EmptyStepIsAWarning) {
  auto a = analyse(with_header("step s\nstep t\n  end\n"));
  EXPECT_DIAG(a, "TX0208", 6, 1, "no cues");
  EXPECT_EQ(a.with_code("TX0208")[0].severity, Severity::warning);
  EXPECT_FALSE(a.diags.has_errors());
}

TEST(ScriptDiagnostics, UnknownEasing) {
  auto a = analyse(with_header("box b\nstep s\n  move b to 0 1 -1 over 1s ease inout\n"));
  EXPECT_DIAG(a, "TX0209", 8, 33, "unknown easing 'inout'");
  EXPECT_EQ(a.with_code("TX0209")[0].hint, "did you mean 'in-out'?");
}

TEST(ScriptDiagnostics, EmptyTogetherAndChildrenUnderSay) {
  auto a = analyse(with_header("step s\n  together\n  say \"x\" #line:x\n    wait 1s\n"));
  auto found = a.with_code("TX0210");
  ASSERT_EQ(found.size(), 2u) << a.rendered();
  EXPECT_EQ(found[0].loc.line, 7u);
  EXPECT_EQ(found[1].loc.line, 9u);
}

// --- quizzes ----------------------------------------------------------------------

TEST(ScriptDiagnostics, QuizRules) {
  auto a =
      analyse(with_header("step s\n"
                          "  quiz q1\n"  // 7: no question, one option
                          "    option \"a\" #line:a\n"
                          "  quiz q2\n"  // 9: none correct
                          "    ask \"?\" #line:b\n"
                          "    option \"a\" #line:c\n"
                          "    option \"b\" #line:d\n"
                          "  quiz q3\n"  // 13: two correct in single
                          "    ask \"?\" #line:e\n"
                          "    option \"a\" correct #line:f\n"
                          "    option \"b\" correct #line:g\n"
                          "  quiz q4 true-false\n"  // 17: three options
                          "    ask \"?\" #line:h\n"
                          "    option \"a\" correct #line:i\n"
                          "    option \"b\" #line:j\n"
                          "    option \"c\" #line:k\n"
                          "    hint \"no\"\n"  // 22: unknown item
                          "      goto s\n"));
  EXPECT_EQ(a.with_code("TX0300").size(), 1u) << a.rendered();
  EXPECT_EQ(a.with_code("TX0300")[0].loc.line, 7u);
  EXPECT_EQ(a.with_code("TX0301")[0].loc.line, 7u);
  auto correct = a.with_code("TX0302");
  ASSERT_EQ(correct.size(), 2u);
  EXPECT_EQ(correct[0].loc.line, 9u);
  EXPECT_EQ(correct[1].loc.line, 13u);
  EXPECT_DIAG(a, "TX0304", 17, 3, "exactly two options");
  EXPECT_DIAG(a, "TX0303", 22, 5, "unknown quiz item 'hint'");
}

// --- line ids ---------------------------------------------------------------------

TEST(ScriptDiagnostics, MissingLineId) {
  auto a = analyse(with_header("step s\n  say \"Hello\"\n"));
  EXPECT_DIAG(a, "TX0400", 7, 7, "no line id");
  EXPECT_NE(a.with_code("TX0400")[0].hint.find("trialxr-build tag test.txs"), std::string::npos);
}

TEST(ScriptDiagnostics, DuplicateLineId) {
  auto a = analyse(with_header("step s\n  say \"a\" #line:x\n  say \"b\" #line:x\n"));
  EXPECT_DIAG(a, "TX0401", 8, 7, "'x' is already used on line 7");
}

TEST(ScriptDiagnostics, InvalidLineId) {
  auto a = analyse(with_header("step s\n  say \"a\" #line:\n"));
  EXPECT_DIAG(a, "TX0402", 7, 11, "not a valid line id");
}

TEST(ScriptDiagnostics, LineIdOnLineWithoutText) {
  auto a = analyse(with_header("step s\n  wait 1s #line:w\n"));
  EXPECT_DIAG(a, "TX0403", 7, 11, "takes no line id");
}

// --- comfort --------------------------------------------------------------------

TEST(ScriptDiagnostics, ComfortWarnings) {
  auto a = analyse(with_header(
      "box near\n  at 0 1.2 -0.2\n"
      "box far\n  at 0 1.2 -5\n"
      "box behind\n  at 0 1.2 1\n"
      "box fast\n  at 0 1 -1\n"
      "step s\n  move fast to 1.5 1 -1 over 0.5s\n  rotate fast to 0 180 0 over 0.5s\n"));
  auto comfort = a.with_code("TX0500");
  ASSERT_EQ(comfort.size(), 3u) << a.rendered();
  EXPECT_NE(comfort[0].message.find("closer than 0.5 m"), std::string::npos);
  EXPECT_NE(comfort[1].message.find("beyond 3 m"), std::string::npos);
  EXPECT_NE(comfort[2].message.find("behind the viewer"), std::string::npos);
  auto motion = a.with_code("TX0501");
  ASSERT_EQ(motion.size(), 2u) << a.rendered();
  EXPECT_NE(motion[0].message.find("3.0 m/s"), std::string::npos);
  EXPECT_NE(motion[1].message.find("360°/s"), std::string::npos);
  EXPECT_FALSE(a.diags.has_errors());
}

// --- several errors, rendering ------------------------------------------------------

TEST(ScriptDiagnostics, AllErrorsInOneRun) {
  auto a =
      analyse(with_header("step s\n"
                          "  higlight x\n"
                          "  wait 3\n"
                          "  say \"no id\"\n"
                          "  goto nowhere\n"));
  EXPECT_EQ(a.diags.error_count(), 4u) << a.rendered();
  a.diags.sort();
  std::vector<std::uint32_t> lines;
  for (const auto& d : a.diags.items()) lines.push_back(d.loc.line);
  EXPECT_EQ(lines, (std::vector<std::uint32_t>{7, 8, 9, 10}));
}

TEST(ScriptDiagnostics, RenderedWithSourceLineCaretAndHint) {
  auto a = analyse(with_header("step s\n  higlight arm.vein for 3s\n"), "scenes/blood.txs");
  EXPECT_EQ(a.rendered(),
            "scenes/blood.txs:7:3: error[TX0200]: unknown cue 'higlight'\n"
            " 7 |   higlight arm.vein for 3s\n"
            "   |   ^~~~~~~~\n"
            "   = hint: did you mean 'highlight'?\n");
}

}  // namespace
}  // namespace trialxr::testing
