// Visit schedules: the `schedule` object and the `explore` cue, from script to bundle
// tables — the path's nodes at their days, the visits' records, each visit's details in
// every language, the explore prompt over the visits — and every mistake a script or a
// translation can make with them, located.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "temp_dir.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/build_cli.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/line_tagger.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/compiler/scene_strings.h"
#include "trialxr/core/file_io.h"

namespace trialxr::testing {
namespace {

using bundle::kNone;

const std::string kHeader =
    "scene plan\n"
    "  title \"Your visits\" #line:title\n"
    "  study S-1\n"
    "  version 1.0.0\n"
    "  languages en zh\n";

// Days -7 .. 35 with windows: the track runs from day -9 (screening's window) to 38.
const std::string kSchedule =
    "schedule visits\n"                                    // 6
    "  at -0.4 0.82 -0.6\n"                                // 7
    "  length 0.94\n"                                      // 8
    "  day-text \"Day {day}\" #line:day\n"                 // 9
    "  window-text \"Day {first} to {last}\" #line:win\n"  // 10
    "  visit screening \"Screening\" #line:v-scr\n"        // 11
    "    day -7\n"                                         // 12
    "    window 2\n"                                       // 13
    "    procedure \"Blood test\" #line:p-blood\n"         // 14
    "    procedure \"Questions\" #line:p-questions\n"      // 15
    "  visit dose \"First dose\" #line:v-dose\n"           // 16
    "    day 1\n"                                          // 17
    "    procedure \"The study drug\" #line:p-drug\n"      // 18
    "  visit week-5 \"Week 5\" #line:v-w5\n"               // 19
    "    day 35\n"                                         // 20
    "    window -1 +3\n";                                  // 21

const std::string kSteps =
    "step look\n"
    "  highlight visits.dose\n"
    "  explore visits \"Choose a visit.\" #line:ask\n"
    "  end\n";

const std::string kZhPo =
    "msgid \"\"\nmsgstr \"Language: zh\\nContent-Type: text/plain; charset=UTF-8\\n\"\n\n"
    "msgctxt \"day\"\nmsgid \"Day {day}\"\nmsgstr \"第 {day} 天\"\n\n"
    "msgctxt \"win\"\nmsgid \"Day {first} to {last}\"\nmsgstr \"第 {first} 到 {last} 天\"\n\n"
    "msgctxt \"p-drug\"\nmsgid \"The study drug\"\nmsgstr \"研究药物\"\n";

compiler::CompileResult compile(const TempDir& dir, const std::string& text) {
  auto result = compiler::compile_scene(dir.write("plan.txs", text));
  EXPECT_TRUE(result) << (result ? "" : result.error().message);
  return std::move(*result);
}

std::vector<Diagnostic> codes(const compiler::CompileResult& r, std::string_view code) {
  std::vector<Diagnostic> out;
  for (const auto& d : r.diags.items())
    if (d.code == code) out.push_back(d);
  return out;
}

std::uint32_t line_of(const compiler::BundleContent& c, std::string_view id) {
  for (std::uint32_t i = 0; i < c.lines.size(); ++i)
    if (c.strings.view(c.lines[i].id) == id) return i;
  return kNone;
}

std::string_view text_of(const compiler::BundleContent& c, std::uint32_t line,
                         std::uint32_t language) {
  return c.strings.view(c.line_text[line * c.languages.size() + language].text);
}

std::uint32_t node_of(const compiler::BundleContent& c, std::string_view name) {
  for (std::uint32_t i = 0; i < c.nodes.size(); ++i)
    if (c.strings.view(c.nodes[i].name) == name) return i;
  return kNone;
}

TEST(Schedule, VisitsStandAtTheirDaysAlongThePath) {
  TempDir dir;
  auto r = compile(dir, kHeader + kSchedule + kSteps);
  ASSERT_TRUE(r.ok()) << r.rendered();
  const auto& c = r.content;
  ASSERT_EQ(c.objects.size(), 1u);
  const bundle::ObjectRecord& o = c.objects[0];
  EXPECT_EQ(o.kind, bundle::ObjectKind::schedule);
  const bundle::NodeRecord& root = c.nodes[o.root_node];
  EXPECT_EQ(c.strings.view(root.name), "visits");
  EXPECT_FLOAT_EQ(root.translation[0], -0.4f);
  EXPECT_FLOAT_EQ(root.translation[2], -0.6f);

  // The track spans day -9 to day 38 (47 days) over 0.94 m: 2 cm a day.
  const std::uint32_t track = node_of(c, "visits.track");
  ASSERT_NE(track, kNone);
  EXPECT_NEAR(c.nodes[track].translation[0], 0.47f, 1e-6f);
  struct Expect {
    const char* node;
    float x;
  };
  for (const Expect& e : {Expect{"visits.screening", 0.04f}, Expect{"visits.dose", 0.20f},
                          Expect{"visits.week-5", 0.88f}}) {
    SCOPED_TRACE(e.node);
    const std::uint32_t n = node_of(c, e.node);
    ASSERT_NE(n, kNone);
    EXPECT_EQ(c.nodes[n].parent, o.root_node);
    EXPECT_NEAR(c.nodes[n].translation[0], e.x, 1e-5f);
    EXPECT_NE(c.nodes[n].mesh, kNone);
  }
  // Windows are bars under their visit: screening's 4 days (8 cm) centred on it; week 5's
  // from day 34 to 38 (8 cm) centred 2 cm after it. The first dose has none.
  const std::uint32_t screening_window = node_of(c, "visits.screening.window");
  ASSERT_NE(screening_window, kNone);
  EXPECT_NEAR(c.nodes[screening_window].scale[0], 0.08f, 1e-5f);
  EXPECT_NEAR(c.nodes[screening_window].translation[0], 0.0f, 1e-6f);
  const std::uint32_t week5_window = node_of(c, "visits.week-5.window");
  ASSERT_NE(week5_window, kNone);
  EXPECT_NEAR(c.nodes[week5_window].scale[0], 0.08f, 1e-5f);
  EXPECT_NEAR(c.nodes[week5_window].translation[0], 0.02f, 1e-5f);
  EXPECT_EQ(node_of(c, "visits.dose.window"), kNone);
  // A tick every week from day 1: days -6, 1, 8, ..., 36.
  EXPECT_NE(node_of(c, "visits.tick--6"), kNone);
  EXPECT_NE(node_of(c, "visits.tick-36"), kNone);
  EXPECT_EQ(node_of(c, "visits.tick-43"), kNone);

  // A cue can name a visit.
  const bundle::CueRecord& highlight = c.cues[c.steps[0].first_cue];
  EXPECT_EQ(highlight.target, node_of(c, "visits.dose"));
}

TEST(Schedule, EachVisitHasItsRecordAndItsDetailsInEveryLanguage) {
  TempDir dir;
  dir.write("plan.zh.po", kZhPo);
  auto r = compile(dir, kHeader + kSchedule + kSteps);
  ASSERT_TRUE(r.ok()) << r.rendered();
  const auto& c = r.content;
  ASSERT_EQ(c.visits.size(), 3u);
  const bundle::VisitRecord& screening = c.visits[0];
  EXPECT_EQ(c.strings.view(screening.name), "screening");
  EXPECT_EQ(screening.object, 0u);
  EXPECT_EQ(screening.node, node_of(c, "visits.screening"));
  EXPECT_EQ(screening.name_line, line_of(c, "v-scr"));
  EXPECT_EQ(screening.day, -7);
  EXPECT_EQ(screening.window_before, 2u);
  EXPECT_EQ(screening.window_after, 2u);
  ASSERT_EQ(screening.procedure_count, 2u);
  EXPECT_EQ(c.visit_procedures[screening.first_procedure], line_of(c, "p-blood"));
  EXPECT_EQ(c.visit_procedures[screening.first_procedure + 1], line_of(c, "p-questions"));
  EXPECT_EQ(c.visits[2].window_before, 1u);
  EXPECT_EQ(c.visits[2].window_after, 3u);

  EXPECT_EQ(screening.details_line, line_of(c, "visits.screening.details"));
  EXPECT_EQ(text_of(c, screening.details_line, 0),
            "Day -7\nDay -9 to -5\n\u2022 Blood test\n\u2022 Questions");
  // Chinese: the translated texts filled in; the untranslated procedures fall back to
  // English and mark the whole details line missing.
  EXPECT_EQ(text_of(c, screening.details_line, 1),
            "第 -7 天\n第 -9 到 -5 天\n\u2022 Blood test\n\u2022 Questions");
  EXPECT_EQ(c.line_text[screening.details_line * 2 + 1].flags, bundle::kTextMissing);
  // The first dose: no window, so no window line; everything translated.
  const bundle::VisitRecord& dose = c.visits[1];
  EXPECT_EQ(text_of(c, dose.details_line, 0), "Day 1\n\u2022 The study drug");
  EXPECT_EQ(text_of(c, dose.details_line, 1), "第 1 天\n\u2022 研究药物");
  EXPECT_EQ(c.line_text[dose.details_line * 2 + 1].flags, 0u);

  // The explore prompt's options are the visits, showing their details.
  ASSERT_EQ(c.quizzes.size(), 1u);
  const bundle::QuizRecord& q = c.quizzes[0];
  EXPECT_EQ(q.kind, bundle::QuizKind::explore);
  EXPECT_EQ(c.strings.view(q.name), "explore-visits");
  EXPECT_EQ(q.schedule, 0u);
  EXPECT_EQ(q.question_line, line_of(c, "ask"));
  ASSERT_EQ(q.option_count, 3u);
  for (std::uint32_t i = 0; i < 3; ++i) {
    const bundle::OptionRecord& opt = c.options[q.first_option + i];
    EXPECT_EQ(opt.text_line, c.visits[i].name_line);
    EXPECT_EQ(opt.feedback_line, c.visits[i].details_line);
    EXPECT_EQ(opt.flags, 0u);
    EXPECT_EQ(c.strings.view(opt.name), c.strings.view(c.visits[i].name));
  }

  // The bundle opens (its validator checks the visits) and finds them by schedule.
  TempDir out;
  ASSERT_TRUE(compiler::write_bundle_file(out.file("plan.trxb"), c));
  auto b = bundle::Bundle::open(out.file("plan.trxb"), {bundle::TrustPolicy::allow_unsigned, {}});
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->format_minor(), 4u);
  EXPECT_EQ(b->visits_of(0).size(), 3u);
  EXPECT_TRUE(b->visits_of(1).empty());

  // A reviewer sees the schedule's days and windows in `inspect`.
  std::ostringstream shown, errors;
  ASSERT_EQ(compiler::run_build_cli({"inspect", out.file("plan.trxb")}, shown, errors), 0)
      << errors.str();
  EXPECT_NE(shown.str().find("schedule    visits: 3 visits: screening (day -7 ±2, 2 procedures), "
                             "dose (day 1, 1 procedure), week-5 (day 35 -1 +3, 0 procedures)\n"),
            std::string::npos)
      << shown.str();
}

TEST(Schedule, TranslatorsSeeWhatScheduleTextsAreAndTagFillsTheirIds) {
  TempDir dir;
  auto strings = compiler::write_scene_strings(dir.write("plan.txs", kHeader + kSchedule + kSteps));
  ASSERT_TRUE(strings) << strings.error().message;
  auto pot = read_file(dir.file("plan.pot"));
  ASSERT_TRUE(pot);
  EXPECT_NE(pot->find("#. visit schedule: keep the names in braces, e.g. {day}, exactly as they "
                      "are\n#: plan.txs:9\nmsgctxt \"day\""),
            std::string::npos)
      << *pot;
  EXPECT_NE(pot->find("#. visit name (visit schedule)\n#: plan.txs:11\n"), std::string::npos);
  EXPECT_NE(pot->find("#. what happens at a visit (visit schedule)\n#: plan.txs:14\n"),
            std::string::npos);

  auto file = SourceFile::load(dir.write(
      "untagged.txs", kHeader +
                          "schedule visits\n  day-text \"Day {day}\"\n  visit a \"A\"\n    day 1\n"
                          "    procedure \"P\"\nstep s\n  explore visits \"Pick one.\"\n"));
  ASSERT_TRUE(file);
  compiler::TagResult tagged = compiler::tag_lines(*file);
  EXPECT_EQ(tagged.added, 4u);
  EXPECT_NE(tagged.text.find("day-text \"Day {day}\" #line:visits-day-text-1"), std::string::npos);
  EXPECT_NE(tagged.text.find("visit a \"A\" #line:visits-visit-1"), std::string::npos);
  EXPECT_NE(tagged.text.find("procedure \"P\" #line:visits-procedure-1"), std::string::npos);
  EXPECT_NE(tagged.text.find("explore visits \"Pick one.\" #line:s-question-1"), std::string::npos);
}

TEST(ScheduleDiagnostics, EveryMistakeIsLocated) {
  TempDir dir;
  auto r = compile(dir, kHeader +
                            "schedule visits\n"                      // 6
                            "  lenght 1\n"                           // 7  TX1003
                            "  day-text \"Day {dya}\" #line:day\n"   // 8  TX1004
                            "  visit a \"A\" #line:a\n"              // 9
                            "    day 5\n"                            // 10
                            "    window 2 5\n"                       // 11 TX1002
                            "  visit b \"B\" #line:b\n"              // 12 TX1008
                            "    day 3\n"                            // 13
                            "  visit a \"A again\" #line:a2\n"       // 14 TX1007, TX1001
                            "    dya 9\n"                            // 15 TX1003
                            "    day 1.5\n"                          // 16 TX1002
                            "schedule empty\n"                       // 17 TX1000
                            "step s\n"                               // 18
                            "  highlight visits.c\n"                 // 19 TX0115
                            "  play visits \"x\"\n"                  // 20 TX0117
                            "  explore visit \"Pick.\" #line:q\n");  // 21 TX1006
  auto at = [&](std::string_view code) {
    std::vector<std::uint32_t> lines;
    for (const Diagnostic& d : codes(r, code)) lines.push_back(d.loc.line);
    return lines;
  };
  using Lines = std::vector<std::uint32_t>;
  EXPECT_EQ(at("TX1003"), (Lines{7, 15})) << r.rendered();
  EXPECT_EQ(codes(r, "TX1003")[0].hint, "did you mean 'length'?");
  EXPECT_EQ(at("TX1004"), (Lines{8}));
  EXPECT_EQ(codes(r, "TX1004")[0].message, "'{dya}' is not something 'day-text' can fill in");
  EXPECT_EQ(at("TX1002"), (Lines{11, 16}));
  EXPECT_EQ(at("TX1008"), (Lines{12}));
  EXPECT_EQ(at("TX1007"), (Lines{14}));
  EXPECT_EQ(at("TX1001"), (Lines{14}));
  EXPECT_EQ(at("TX1000"), (Lines{17}));
  EXPECT_EQ(at("TX1006"), (Lines{21}));
  EXPECT_EQ(codes(r, "TX1006")[0].hint, "did you mean 'visits'?");
  ASSERT_EQ(at("TX0115"), (Lines{19}));
  EXPECT_EQ(codes(r, "TX0115")[0].message, "schedule 'visits' has no visit named 'c'");
  EXPECT_EQ(at("TX0117"), (Lines{20}));
}

// Days 1 and 2 on a path to day 100 are 0.8 cm apart: the markers (3.6 cm) overlap.
TEST(ScheduleDiagnostics, VisitsTooCloseToTellApartAreAWarning) {
  TempDir dir;
  auto r = compile(dir, kHeader +
                            "schedule visits\n"          // 6
                            "  at -0.4 0.82 -0.6\n"      // 7
                            "  visit a \"A\" #line:a\n"  // 8
                            "    day 1\n"                // 9
                            "  visit b \"B\" #line:b\n"  // 10
                            "    day 2\n"                // 11
                            "  visit c \"C\" #line:c\n"  // 12
                            "    day 100\n"              // 13
                            "step s\n  explore visits \"Pick.\" #line:q\n");
  EXPECT_TRUE(r.ok()) << r.rendered();
  auto found = codes(r, "TX1005");
  ASSERT_EQ(found.size(), 1u) << r.rendered();
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_EQ(found[0].loc.line, 10u);
  EXPECT_EQ(found[0].message,
            "visits 'a' and 'b' are drawn 0.8 cm apart; their markers are 3.6 cm wide and overlap");
  EXPECT_EQ(found[0].hint, "make the path longer, e.g. 'length 3.57'");
}

TEST(ScheduleDiagnostics, ATranslationMustKeepThePlaceholders) {
  TempDir dir;
  dir.write("plan.zh.po",
            "msgid \"\"\nmsgstr \"Language: zh\\nContent-Type: text/plain; charset=UTF-8\\n\"\n\n"
            "msgctxt \"day\"\nmsgid \"Day {day}\"\nmsgstr \"第 {tian} 天\"\n");
  auto r = compile(dir, kHeader + kSchedule + kSteps);
  auto found = codes(r, "TX1004");
  ASSERT_EQ(found.size(), 1u) << r.rendered();
  EXPECT_EQ(found[0].loc.line, 9u);
  EXPECT_EQ(found[0].message,
            "the zh translation of 'day' fills in {tian}, the script's text {day}");
}

}  // namespace
}  // namespace trialxr::testing
