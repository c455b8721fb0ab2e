// trialxr-build as a user runs it: subcommands, exit codes, messages, files written.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <filesystem>
#include <sstream>

#include "cli_run.h"
#include "temp_dir.h"
#include "trialxr/compiler/build_cli.h"
#include "trialxr/core/file_io.h"

namespace trialxr::testing {
namespace {

using Run = CliRun;

Run run(const std::vector<std::string>& args) {
  return run_cli(compiler::run_build_cli, args);
}

const char* kScript =
    "scene s\n  title \"Title\" #line:title\n  study S-1\n  version 1.0.0\n  languages en zh\n"
    "box b\n  at 0 1 -1\n"
    "step one\n  say \"Hello\"\n  wait say\n";

TEST(BuildCli, HelpAndUsage) {
  auto help = run({"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("keygen"), std::string::npos);
  for (std::string sub : {"build", "check", "inspect", "tag", "keygen"}) {
    auto r = run({sub, "--help"});
    EXPECT_EQ(r.code, 0) << sub;
    EXPECT_NE(r.out.find("Usage: trialxr-build " + sub), std::string::npos) << r.out;
  }
  auto none = run({});
  EXPECT_EQ(none.code, compiler::kExitUsage);
  auto typo = run({"biuld", "x.txs"});
  EXPECT_EQ(typo.code, compiler::kExitUsage);
  EXPECT_NE(typo.err.find("did you mean 'build'?"), std::string::npos);
  auto missing_arg = run({"build"});
  EXPECT_EQ(missing_arg.code, compiler::kExitUsage);
  EXPECT_NE(missing_arg.err.find("script"), std::string::npos);
}

TEST(BuildCli, TagThenBuildSignInspect) {
  TempDir dir;
  std::string script = dir.write("s.txs", kScript);

  auto check = run({"check", script});
  EXPECT_EQ(check.code, compiler::kExitDiagnostics);
  EXPECT_NE(check.err.find("s.txs:9:7: error[TX0400]"), std::string::npos) << check.err;
  // The warning: no zh translation file (TX0700).
  EXPECT_NE(check.err.find("1 error, 1 warning;"), std::string::npos) << check.err;

  auto tag = run({"tag", script});
  EXPECT_EQ(tag.code, 0);
  EXPECT_NE(tag.out.find("added 1 line id"), std::string::npos);
  EXPECT_EQ(run({"check", script}).code, 0);

  auto keygen = run({"keygen", dir.file("site")});
  ASSERT_EQ(keygen.code, 0) << keygen.err;
  struct stat st {};
  ASSERT_EQ(::stat(dir.file("site.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  std::string bundle = dir.file("s.trxb");
  auto build = run({"build", script, "-o", bundle, "--sign", dir.file("site.key")});
  ASSERT_EQ(build.code, 0) << build.err;
  EXPECT_NE(build.out.find("signed by key"), std::string::npos);

  auto inspect = run({"inspect", bundle, "--trust", dir.file("site.pub")});
  ASSERT_EQ(inspect.code, 0) << inspect.err;
  EXPECT_NE(inspect.out.find("signature   trusted"), std::string::npos) << inspect.out;
  EXPECT_NE(inspect.out.find("languages   en, zh (base en)"), std::string::npos) << inspect.out;
  EXPECT_NE(inspect.out.find("STEP"), std::string::npos);

  // Another key does not make the bundle trusted.
  ASSERT_EQ(run({"keygen", dir.file("other")}).code, 0);
  auto untrusted = run({"inspect", bundle, "--trust", dir.file("other.pub")});
  EXPECT_EQ(untrusted.code, compiler::kExitDiagnostics);
  EXPECT_NE(untrusted.err.find("refused"), std::string::npos) << untrusted.err;
}

TEST(BuildCli, ErrorsLeaveNoBundleBehind) {
  TempDir dir;
  std::string script = dir.write("bad.txs", std::string(kScript) + "  higlight b\n");
  auto build = run({"build", script, "-o", dir.file("bad.trxb")});
  EXPECT_EQ(build.code, compiler::kExitDiagnostics);
  EXPECT_NE(build.err.find("did you mean 'highlight'?"), std::string::npos) << build.err;
  EXPECT_NE(build.err.find("no bundle written"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.file("bad.trxb")));
}

TEST(BuildCli, FileProblemsAreUsageErrors) {
  TempDir dir;
  auto missing = run({"build", dir.file("none.txs")});
  EXPECT_EQ(missing.code, compiler::kExitUsage);
  EXPECT_NE(missing.err.find("none.txs"), std::string::npos);
  auto no_bundle = run({"inspect", dir.file("none.trxb")});
  EXPECT_EQ(no_bundle.code, compiler::kExitUsage);
  dir.write("garbage.trxb", "definitely not a bundle");
  auto garbage = run({"inspect", dir.file("garbage.trxb")});
  EXPECT_EQ(garbage.code, compiler::kExitDiagnostics);
  EXPECT_NE(garbage.err.find("garbage.trxb"), std::string::npos) << garbage.err;
  std::string script = dir.write("s.txs", kScript);
  auto bad_key = run({"build", script, "--sign", dir.file("none.key")});
  EXPECT_EQ(bad_key.code, compiler::kExitUsage);
  EXPECT_NE(bad_key.err.find("none.key"), std::string::npos);
}

}  // namespace
}  // namespace trialxr::testing

namespace trialxr::testing {
namespace {

TEST(BuildCli, QuestionnaireFromABundle) {
  TempDir dir;
  const std::string bundle = dir.file("s.trxb");
  ASSERT_EQ(run({"build", (source_dir() / "scenes/blood-draw.txs").string(), "-o", bundle}).code,
            0);
  const std::string q = dir.file("q.json");
  CliRun r = run({"questionnaire", bundle, "-o", q});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("urn:trialxr:questionnaire:blood-draw:1.0.0"), std::string::npos) << r.out;
  auto text = read_file(q);
  ASSERT_TRUE(text);
  EXPECT_NE(text->find("\"linkId\": \"feel\""), std::string::npos);
  r = run({"questionnaire", dir.file("missing.trxb"), "-o", q});
  EXPECT_EQ(r.code, 2);
}

}  // namespace
}  // namespace trialxr::testing
