// Narration at compile time: every `say` line heard in every language, from a recording
// named in the script or the PO file, or synthesised (a draft); lengths exact; located
// errors for missing or broken recordings; --require-recordings refuses drafts.
#include <gtest/gtest.h>
#include <sndfile.h>

#include <cmath>
#include <filesystem>
#include <vector>

#include "cli_run.h"
#include "temp_dir.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/build_cli.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/scene/player.h"

namespace trialxr::testing {
namespace {

// A sine of `seconds` at `rate` Hz, mono, written with libsndfile in `format`.
std::string write_tone(const TempDir& dir, const std::string& name, double seconds, int rate,
                       int format = SF_FORMAT_WAV | SF_FORMAT_PCM_16) {
  const std::string path = dir.file(name);
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = 1;
  info.format = format;
  SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
  EXPECT_NE(f, nullptr) << sf_strerror(nullptr);
  std::vector<float> samples(static_cast<std::size_t>(std::lround(seconds * rate)));
  for (std::size_t i = 0; i < samples.size(); ++i)
    samples[i] =
        0.5f * static_cast<float>(std::sin(2.0 * M_PI * 330.0 * static_cast<double>(i) / rate));
  sf_writef_float(f, samples.data(), static_cast<sf_count_t>(samples.size()));
  sf_close(f);
  return path;
}

std::string header(const std::string& languages = "en") {
  return "scene n\n  title \"Narration\" #line:title\n  study S-1\n  version 1.0.0\n  languages " +
         languages + "\n";
}

std::optional<bundle::Bundle> open(const compiler::CompileResult& r) {
  auto bytes = compiler::write_bundle(r.content);
  EXPECT_TRUE(bytes);
  if (!bytes) return std::nullopt;
  auto b = bundle::Bundle::open_bytes(*bytes, {bundle::TrustPolicy::allow_unsigned, {}});
  EXPECT_TRUE(b) << b.error().message;
  if (!b) return std::nullopt;
  return std::move(*b);
}

std::uint32_t line_named(const bundle::Bundle& b, std::string_view id) {
  for (std::uint32_t i = 0; i < b.lines().size(); ++i)
    if (b.string(b.lines()[i].id) == id) return i;
  ADD_FAILURE() << "no line " << id;
  return 0;
}

TEST(Narration, EverySayLineIsHeardInEveryLanguageOfTheSample) {
  auto r = compiler::compile_scene((source_dir() / "scenes/blood-draw.txs").string());
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->ok()) << r->rendered();
  auto b = open(*r);
  ASSERT_TRUE(b);
  std::size_t spoken = 0;
  for (std::uint32_t line = 0; line < b->lines().size(); ++line) {
    const bool say = b->lines()[line].kind == static_cast<std::uint32_t>(bundle::LineKind::say);
    for (std::uint32_t l = 0; l < b->languages().size(); ++l) {
      const bundle::NarrationRecord* n = b->narration(line, l);
      ASSERT_EQ(n != nullptr, say) << b->string(b->lines()[line].id);
      if (n == nullptr) continue;
      ++spoken;
      EXPECT_GT(n->samples, bundle::kOpusSampleRate / 4);     // at least a quarter second
      EXPECT_LT(n->samples, 30 * bundle::kOpusSampleRate);    // and not a runaway
      EXPECT_TRUE(n->flags & bundle::kNarrationSynthesised);  // no recordings in the sample yet
      const std::string_view source = b->string(n->source);
      EXPECT_NE(source.find(l == 0 ? "en-us" : "cmn-latn-pinyin"), std::string_view::npos)
          << source;
    }
  }
  EXPECT_GE(spoken, 10u);
}

TEST(Narration, ARecordingNamedInTheScriptSetsTheLength) {
  TempDir dir;
  write_tone(dir, "narration/en/hello.wav", 1.234, 44100);
  const std::string script =
      dir.write("s.txs", header() +
                             "step one\n  say \"Hello there.\" audio \"narration/en/hello.wav\" "
                             "#line:hello\n  wait say\n  say \"And goodbye.\" #line:bye\n");
  auto r = compiler::compile_scene(script);
  ASSERT_TRUE(r && r->ok()) << (r ? r->rendered() : "");
  EXPECT_NE(std::find(r->inputs.begin(), r->inputs.end(), dir.file("narration/en/hello.wav")),
            r->inputs.end());  // the live preview watches it
  auto b = open(*r);
  ASSERT_TRUE(b);
  const bundle::NarrationRecord* hello = b->narration(line_named(*b, "hello"), 0);
  ASSERT_NE(hello, nullptr);
  EXPECT_NEAR(static_cast<double>(hello->samples) / bundle::kOpusSampleRate, 1.234, 0.001);
  EXPECT_EQ(hello->flags & bundle::kNarrationSynthesised, 0);
  EXPECT_EQ(b->string(hello->source), "narration/en/hello.wav");
  const bundle::NarrationRecord* bye = b->narration(line_named(*b, "bye"), 0);
  ASSERT_NE(bye, nullptr);
  EXPECT_TRUE(bye->flags & bundle::kNarrationSynthesised);
  // `wait say` waits exactly as long as the recording.
  scene::Player p(*b);
  const std::uint32_t hello_line = line_named(*b, "hello");
  p.tick(1.230);
  EXPECT_EQ(p.frame().subtitle_line, hello_line);
  p.tick(0.010);
  EXPECT_EQ(p.frame().subtitle_line, line_named(*b, "bye"));
}

TEST(Narration, ARecordingNamedInThePoFileIsUsedForItsLanguage) {
  TempDir dir;
  write_tone(dir, "vo/zh-hello.ogg", 2.0, 48000, SF_FORMAT_OGG | SF_FORMAT_VORBIS);
  const std::string script =
      dir.write("s.txs", header("en zh") + "step one\n  say \"Hello there.\" #line:hello\n");
  dir.write("s.zh.po",
            "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
            "msgctxt \"title\"\nmsgid \"Narration\"\nmsgstr \"旁白\"\n\n"
            "# audio: vo/zh-hello.ogg\nmsgctxt \"hello\"\nmsgid \"Hello there.\"\n"
            "msgstr \"你好。\"\n");
  auto r = compiler::compile_scene(script);
  ASSERT_TRUE(r && r->ok()) << (r ? r->rendered() : "");
  auto b = open(*r);
  ASSERT_TRUE(b);
  const std::uint32_t hello = line_named(*b, "hello");
  const bundle::NarrationRecord* zh = b->narration(hello, 1);
  ASSERT_NE(zh, nullptr);
  EXPECT_NEAR(static_cast<double>(zh->samples) / bundle::kOpusSampleRate, 2.0, 0.001);
  EXPECT_EQ(b->string(zh->source), "vo/zh-hello.ogg");
  const bundle::NarrationRecord* en = b->narration(hello, 0);
  ASSERT_NE(en, nullptr);
  EXPECT_TRUE(en->flags & bundle::kNarrationSynthesised);
}

TEST(Narration, MissingRecordingsAreLocatedErrors) {
  TempDir dir;
  const std::string script = dir.write(
      "s.txs", header("en zh") + "step one\n  say \"Hello.\" audio \"nope.wav\" #line:hello\n");
  dir.write("s.zh.po",
            "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
            "msgctxt \"title\"\nmsgid \"Narration\"\nmsgstr \"旁白\"\n\n"
            "# audio: zh/missing.opus\nmsgctxt \"hello\"\nmsgid \"Hello.\"\nmsgstr \"你好。\"\n");
  auto r = compiler::compile_scene(script);
  ASSERT_TRUE(r);
  ASSERT_FALSE(r->ok());
  std::vector<Diagnostic> found;
  for (const Diagnostic& d : r->diags.items())
    if (d.code == "TX0901") found.push_back(d);
  ASSERT_EQ(found.size(), 2u) << r->rendered();
  EXPECT_EQ(found[0].file, script);
  EXPECT_EQ(found[0].loc.line, 7u);
  EXPECT_EQ(found[0].loc.column, 22u);
  EXPECT_NE(found[0].message.find("'nope.wav'"), std::string::npos);
  EXPECT_EQ(found[1].file, dir.file("s.zh.po"));
  EXPECT_EQ(found[1].loc.line, 8u);
  EXPECT_EQ(found[1].loc.column, 10u);
  EXPECT_NE(found[1].message.find("'zh/missing.opus'"), std::string::npos);
}

TEST(Narration, ABrokenRecordingIsALocatedError) {
  TempDir dir;
  dir.write("broken.wav", "this is not audio at all, only text with a .wav name\n");
  const std::string script =
      dir.write("s.txs", header() + "step one\n  say \"Hello.\" audio \"broken.wav\" #line:a\n");
  auto r = compiler::compile_scene(script);
  ASSERT_TRUE(r);
  ASSERT_FALSE(r->ok());
  ASSERT_EQ(r->diags.items().size(), 1u) << r->rendered();
  const Diagnostic& d = r->diags.items()[0];
  EXPECT_EQ(d.code, "TX0902");
  EXPECT_EQ(d.loc.line, 7u);
  EXPECT_NE(d.message.find("broken.wav"), std::string::npos) << d.message;
}

// Line a has a recording (0.8 s at 16 kHz), line b (script line 8) has none.
std::string one_recorded_one_not(const TempDir& dir) {
  write_tone(dir, "a.wav", 0.8, 16000);
  return dir.write("s.txs", header() +
                                "step one\n  say \"Recorded.\" audio \"a.wav\" #line:a\n"
                                "  say \"Not recorded.\" #line:b\n");
}

TEST(Narration, ReleasesCanRequireRecordings) {
  TempDir dir;
  const std::string script = one_recorded_one_not(dir);
  auto r = compiler::compile_scene(script, {.require_recorded_narration = true});
  ASSERT_TRUE(r);
  ASSERT_FALSE(r->ok());
  ASSERT_EQ(r->diags.items().size(), 1u) << r->rendered();
  EXPECT_EQ(r->diags.items()[0].code, "TX0904");
  EXPECT_EQ(r->diags.items()[0].loc.line, 8u);
  EXPECT_NE(r->diags.items()[0].message.find("'b'"), std::string::npos);
}

TEST(Narration, InspectListsTheDrafts) {
  TempDir dir;
  const std::string script = one_recorded_one_not(dir);
  const std::string out = dir.file("s.trxb");
  auto build = run_cli(compiler::run_build_cli, {"build", script, "-o", out});
  ASSERT_EQ(build.code, 0) << build.err;
  auto inspect = run_cli(compiler::run_build_cli, {"inspect", out});
  ASSERT_EQ(inspect.code, 0) << inspect.err;
  EXPECT_NE(inspect.out.find("audio en    2 lines"), std::string::npos) << inspect.out;
  EXPECT_NE(inspect.out.find("1 DRAFT (synthesised): b"), std::string::npos) << inspect.out;
  auto strict =
      run_cli(compiler::run_build_cli, {"build", script, "-o", out, "--require-recordings"});
  EXPECT_EQ(strict.code, compiler::kExitDiagnostics);
  EXPECT_NE(strict.err.find("TX0904"), std::string::npos) << strict.err;
}

}  // namespace
}  // namespace trialxr::testing
