// The compiler end to end: script + assets -> bundle tables, name resolution against
// the loaded models, determinism, and the sample scene.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "temp_dir.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"

namespace trialxr::testing {
namespace {

using bundle::CueOp;
using bundle::kNone;

const char* kShapes =
    "scene shapes\n"
    "  title \"Shapes\" #line:title\n"
    "  study S-1\n"
    "  version 1.0.0\n"
    "  languages en zh\n"
    "  audience child 7-11\n"
    "box table\n"
    "  size 1 0.04 0.5\n"
    "  at 0 0.8 -1\n"
    "sphere ball\n"
    "  radius 5cm\n"
    "  at 0 0.9 -1\n"
    "  hidden\n"
    "arrow hint\n"
    "  at 0.2 1 -1\n"
    "step one\n"
    "  say \"Look at the ball.\" #line:look\n"
    "  show ball over 0.5s\n"
    "  together\n"
    "    move ball to 0.2 0.9 -1 over 1s\n"
    "    rotate ball to 0 90 0 over 1s\n"
    "  quiz where\n"
    "    topic one\n"
    "    ask \"Where is the ball?\" #line:q\n"
    "    option \"On the table\" correct #line:a\n"
    "      feedback \"Yes!\" #line:af\n"
    "    option \"Gone\" #line:b\n"
    "      goto one\n"
    "  goto two\n"
    "step two\n"
    "  end\n";

compiler::CompileResult compile_text(const TempDir& dir, const std::string& text,
                                     const std::string& name = "scene.txs") {
  auto result = compiler::compile_scene(dir.write(name, text));
  EXPECT_TRUE(result) << (result ? "" : result.error().message);
  return std::move(*result);
}

std::string arm_model() {
  return (source_dir() / "assets/models/arm.glb").string();
}

TEST(Compiler, LowersShapesTimelineAndQuiz) {
  TempDir dir;
  auto r = compile_text(dir, kShapes);
  ASSERT_TRUE(r.ok()) << r.rendered();
  const auto& c = r.content;
  EXPECT_EQ(c.strings.view(c.meta.scene_id), "shapes");
  EXPECT_EQ(c.meta.audience, bundle::Audience::child_7_11);
  ASSERT_EQ(c.languages.size(), 2u);
  // Lines in order of appearance: title, say, question, option, feedback, option; then
  // the player's two buttons.
  ASSERT_EQ(c.lines.size(), 8u);
  EXPECT_EQ(c.strings.view(c.lines[6].id), "ui.continue");
  EXPECT_EQ(c.strings.view(c.lines[7].id), "ui.ask");
  EXPECT_EQ(c.strings.view(c.lines[1].id), "look");
  EXPECT_EQ(c.line_text.size(), 16u);
  EXPECT_EQ(c.strings.view(c.line_text[2].text), "Look at the ball.");
  EXPECT_EQ(c.line_text[3].flags, bundle::kTextMissing);  // zh falls back, marked

  ASSERT_EQ(c.objects.size(), 3u);
  const auto& ball_node = c.nodes[c.objects[1].root_node];
  EXPECT_EQ(c.strings.view(ball_node.name), "ball");
  EXPECT_FLOAT_EQ(ball_node.translation[1], 0.9f);
  EXPECT_EQ(ball_node.flags, bundle::kNodeHidden);
  EXPECT_NE(ball_node.mesh, kNone);
  // The arrow's shape is a child node turned to point ahead.
  EXPECT_EQ(c.objects[2].node_count, 2u);

  ASSERT_EQ(c.steps.size(), 2u);
  const auto& step = c.steps[0];
  ASSERT_EQ(step.cue_count, 5u);  // say, show, together, quiz, goto
  const auto* cues = &c.cues[step.first_cue];
  EXPECT_EQ(cues[0].op, CueOp::say);
  EXPECT_EQ(cues[0].line, 1u);
  EXPECT_EQ(cues[1].op, CueOp::show);
  EXPECT_EQ(cues[1].target, c.objects[1].root_node);
  EXPECT_FLOAT_EQ(cues[1].duration, 0.5f);
  EXPECT_EQ(cues[2].op, CueOp::together);
  ASSERT_EQ(cues[2].count, 2u);
  const auto& rotate = c.cues[cues[2].ref + 1];
  EXPECT_EQ(rotate.op, CueOp::rotate);
  EXPECT_NEAR(rotate.value[1], std::sqrt(0.5f), 1e-6f);  // quaternion of 90° about y
  EXPECT_NEAR(rotate.value[3], std::sqrt(0.5f), 1e-6f);
  EXPECT_EQ(cues[3].op, CueOp::quiz);
  EXPECT_EQ(cues[4].op, CueOp::go_to);
  EXPECT_EQ(cues[4].ref, 1u);

  ASSERT_EQ(c.quizzes.size(), 1u);
  const auto& quiz = c.quizzes[0];
  EXPECT_EQ(c.strings.view(quiz.name), "where");
  EXPECT_EQ(quiz.topic_step, 0u);
  EXPECT_EQ(quiz.wrong_step, kNone);
  ASSERT_EQ(quiz.option_count, 2u);
  EXPECT_EQ(c.options[0].flags, bundle::kOptionCorrect);
  EXPECT_EQ(c.options[0].feedback_line, 4u);
  EXPECT_EQ(c.options[1].go_to_step, 0u);
}

TEST(Compiler, SameInputGivesByteIdenticalBundles) {
  TempDir a, b;
  auto first = compile_text(a, kShapes);
  auto second = compile_text(b, kShapes);
  ASSERT_TRUE(first.ok() && second.ok());
  auto bytes1 = compiler::write_bundle(first.content);
  auto bytes2 = compiler::write_bundle(second.content);
  ASSERT_TRUE(bytes1 && bytes2);
  EXPECT_EQ(*bytes1, *bytes2);
}

TEST(Compiler, PresentationPreferencesReachTheBundle) {
  TempDir dir;
  std::string script = kShapes;
  script.replace(script.find("  audience"), 0, "  display ar\n  space standing\n");
  auto r = compile_text(dir, script);
  ASSERT_TRUE(r.ok()) << r.rendered();
  auto bytes = compiler::write_bundle(r.content);
  ASSERT_TRUE(bytes);
  auto b = bundle::Bundle::open_bytes(*bytes, {bundle::TrustPolicy::allow_unsigned, {}});
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->presentation().display, bundle::DisplayPreference::ar);
  EXPECT_EQ(b->presentation().space, bundle::SpacePreference::standing);
}

TEST(Compiler, SampleSceneCompilesAndOpens) {
  auto r = compiler::compile_scene((source_dir() / "scenes/blood-draw.txs").string());
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->ok()) << r->rendered();
  EXPECT_TRUE(r->diags.empty()) << r->rendered();
  // The script, two models, the Chinese translation and the fonts: DejaVu Sans (en),
  // Noto Sans CJK (zh).
  ASSERT_EQ(r->inputs.size(), 6u);
  EXPECT_EQ(r->inputs[3], (source_dir() / "scenes/blood-draw.zh.po").string());
  EXPECT_NE(r->inputs[4].find("DejaVuSans"), std::string::npos) << r->inputs[4];
  EXPECT_NE(r->inputs[5].find("NotoSansCJK"), std::string::npos) << r->inputs[5];
  auto bytes = compiler::write_bundle(r->content);
  ASSERT_TRUE(bytes) << bytes.error().message;
  auto opened = bundle::Bundle::open_bytes(*bytes, {bundle::TrustPolicy::allow_unsigned, {}});
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(opened->steps().size(), 7u);
  EXPECT_GT(opened->animations().size(), 0u);
  EXPECT_GT(opened->textures().size(), 0u);
  // `play arm "tourniquet"` points at that clip of the arm.
  bool found = false;
  for (const auto& cue : opened->cues()) {
    if (cue.op == CueOp::play && opened->string(opened->animations()[cue.ref].name) == "tourniquet")
      found = true;
  }
  EXPECT_TRUE(found);
}

TEST(Compiler, PartsResolveToModelNodes) {
  TempDir dir;
  std::filesystem::copy_file(arm_model(), dir.file("arm.glb"));
  auto r = compile_text(
      dir, std::string("scene s\n  title \"t\" #line:t\n  study S\n  version 1\n  languages en\n"
                       "model arm \"arm.glb\"\n  at 0 0.9 -0.8\n  part spot \"swab-spot\"\n"
                       "step one\n  highlight arm.vein\n  label arm.spot \"here\" #line:l\n  play "
                       "arm \"pulse\" loop\n"));
  ASSERT_TRUE(r.ok()) << r.rendered();
  const auto& c = r.content;
  const auto* cues = &c.cues[c.steps[0].first_cue];
  EXPECT_EQ(c.strings.view(c.nodes[cues[0].target].name), "arm.vein");
  EXPECT_EQ(c.strings.view(c.nodes[cues[1].target].name), "arm.swab-spot");
  EXPECT_EQ(c.strings.view(c.animations[cues[2].ref].name), "pulse");
  EXPECT_EQ(cues[2].count, 0u);
}

// --- errors that need the assets ---------------------------------------------------

std::vector<Diagnostic> codes(const compiler::CompileResult& r, std::string_view code) {
  std::vector<Diagnostic> out;
  for (const auto& d : r.diags.items())
    if (d.code == code) out.push_back(d);
  return out;
}

TEST(CompilerDiagnostics, MissingAssetNamesTheScriptLine) {
  TempDir dir;
  auto r = compile_text(
      dir, std::string("scene s\n  title \"t\" #line:t\n  study S\n  version 1\n  languages en\n"
                       "model arm \"models/nope.glb\"\nstep one\n  end\n"));
  auto found = codes(r, "TX0113");
  ASSERT_EQ(found.size(), 1u) << r.rendered();
  EXPECT_EQ(found[0].loc.line, 6u);
  EXPECT_EQ(found[0].loc.column, 11u);
  EXPECT_NE(found[0].message.find("cannot find the file 'models/nope.glb'"), std::string::npos);
  EXPECT_NE(found[0].hint.find("models/nope.glb"), std::string::npos);
}

TEST(CompilerDiagnostics, CorruptModelIsALocatedError) {
  TempDir dir;
  dir.write("bad.glb", "glTF this is not a model");
  auto r = compile_text(
      dir, std::string("scene s\n  title \"t\" #line:t\n  study S\n  version 1\n  languages en\n"
                       "model arm \"bad.glb\"\nstep one\n  end\n"));
  auto found = codes(r, "TX0114");
  ASSERT_EQ(found.size(), 1u) << r.rendered();
  EXPECT_EQ(found[0].loc.line, 6u);
  EXPECT_NE(found[0].message.find("bad.glb"), std::string::npos);
}

TEST(CompilerDiagnostics, UnknownObjectPartAndClip) {
  TempDir dir;
  std::filesystem::copy_file(arm_model(), dir.file("arm.glb"));
  auto r = compile_text(
      dir, std::string("scene s\n  title \"t\" #line:t\n  study S\n  version 1\n  languages en\n"
                       "model arm \"arm.glb\"\n  at 0 0.9 -0.8\n  part spot \"swab-spto\"\n"
                       "box b\n"
                       "step one\n"
                       "  highlight amr\n"                 // 11: no object
                       "  highlight arm.vien\n"            // 12: no part
                       "  play arm \"tourniqet\"\n"        // 13: no clip
                       "  play b \"x\"\n"                  // 14: shape has no animations
                       "  label b.top \"t\" #line:l\n"));  // 15: shape has no parts
  auto objects = codes(r, "TX0201");
  ASSERT_EQ(objects.size(), 1u) << r.rendered();
  EXPECT_EQ(objects[0].loc.line, 11u);
  EXPECT_EQ(objects[0].hint, "did you mean 'arm'?");
  auto parts = codes(r, "TX0115");
  ASSERT_EQ(parts.size(), 3u) << r.rendered();
  EXPECT_EQ(parts[0].loc.line, 8u);  // the alias's node name
  EXPECT_EQ(parts[0].hint, "did you mean \"swab-spot\"?");
  EXPECT_EQ(parts[1].loc.line, 12u);
  EXPECT_EQ(parts[1].loc.column, 17u);
  EXPECT_EQ(parts[1].hint, "did you mean 'arm.vein'?");
  EXPECT_EQ(parts[2].loc.line, 13u);
  EXPECT_EQ(parts[2].hint, "did you mean \"tourniquet\"?");
  auto kinds = codes(r, "TX0117");
  ASSERT_EQ(kinds.size(), 2u) << r.rendered();
  EXPECT_EQ(kinds[0].loc.line, 14u);
  EXPECT_EQ(kinds[1].loc.line, 15u);
}

// `stop NAME "clip"` names one of the model's animations (lowered to its index); a
// misspelt one is located with a suggestion. Plain `stop NAME` stops them all (kNone).
TEST(Compiler, StopCanNameOneClip) {
  TempDir dir;
  std::filesystem::copy_file(arm_model(), dir.file("arm.glb"));
  const std::string head =
      "scene s\n  title \"t\" #line:t\n  study S\n  version 1\n  languages en\n"
      "model arm \"arm.glb\"\n  at 0 0.9 -0.8\nstep one\n"
      "  play arm \"pulse\" loop\n";
  auto r = compile_text(dir, head + "  stop arm \"pulse\"\n  stop arm\n");
  ASSERT_TRUE(r.ok()) << r.rendered();
  const auto& c = r.content;
  const auto* cues = &c.cues[c.steps[0].first_cue];
  EXPECT_EQ(cues[1].op, CueOp::stop);
  EXPECT_EQ(c.strings.view(c.animations[cues[1].ref].name), "pulse");
  EXPECT_EQ(cues[2].ref, kNone);

  auto bad = compile_text(dir, head + "  stop arm \"puls\"\n");  // line 10
  auto found = codes(bad, "TX0115");
  ASSERT_EQ(found.size(), 1u) << bad.rendered();
  EXPECT_EQ(found[0].loc.line, 10u);
  EXPECT_EQ(found[0].loc.column, 12u);
  EXPECT_EQ(found[0].hint, "did you mean \"pulse\"?");
}

TEST(CompilerDiagnostics, UnreadableScriptIsAnIoError) {
  auto r = compiler::compile_scene("/nonexistent/scene.txs");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("/nonexistent/scene.txs"), std::string::npos);
}

}  // namespace
}  // namespace trialxr::testing
