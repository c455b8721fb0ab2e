// trialxr-records end to end: keygen, verify, export and summary on a real record file.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "records_fixture.h"
#include "temp_dir.h"
#include "trialxr/core/file_io.h"
#include "trialxr/records/records_cli.h"

namespace trialxr::testing {
namespace {

struct CliRun {
  int code = -1;
  std::string out, err;
};

CliRun run(std::vector<std::string> args) {
  std::ostringstream out, err;
  CliRun r;
  r.code = records::run_records_cli(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

unsigned mode_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

// keygen, then two records sealed with the public key the way a player would.
struct Study {
  TempDir dir;
  std::string key = dir.file("study.key");
  std::string file = dir.file("sessions.txrr");

  Study() {
    CliRun k = run({"keygen", dir.file("study")});
    EXPECT_EQ(k.code, 0) << k.err;
    auto pub = records::load_study_public_key(dir.file("study.pub"));
    EXPECT_TRUE(pub);
    auto w = records::RecordWriter::open(file, *pub);
    EXPECT_TRUE(w);
    EXPECT_TRUE(w->append(sample_record("P-0001")));
    EXPECT_TRUE(w->append(sample_record("SITE3-017")));
  }
};

TEST(RecordsCli, KeygenWritesAPrivateSecretKeyAndRefusesToOverwrite) {
  Study s;
  EXPECT_EQ(mode_of(s.key), 0600u);
  EXPECT_EQ(mode_of(s.dir.file("study.pub")), 0644u);
  EXPECT_TRUE(records::load_study_secret_key(s.key));
  CliRun again = run({"keygen", s.dir.file("study")});
  EXPECT_EQ(again.code, 2);
  EXPECT_NE(again.err.find("already exists"), std::string::npos);
  ::chmod(s.key.c_str(), 0644);
  CliRun loose = run({"verify", s.file, "--key", s.key});
  EXPECT_EQ(loose.code, 2);
  EXPECT_NE(loose.err.find("chmod 600"), std::string::npos);
}

TEST(RecordsCli, VerifyCountsAndReportsDamage) {
  Study s;
  CliRun ok = run({"verify", s.file, "--key", s.key});
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("2 records read"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("; ok"), std::string::npos);

  std::string bytes = read_file(s.file).value();
  std::ofstream(s.file, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() - 10);
  CliRun torn = run({"verify", s.file, "--key", s.key});
  EXPECT_EQ(torn.code, 0);
  EXPECT_NE(torn.out.find("1 records read, 1 torn tail"), std::string::npos) << torn.out;

  bytes[records::kFileHeaderSize + 50] =
      static_cast<char>(bytes[records::kFileHeaderSize + 50] ^ 1);
  std::ofstream(s.file, std::ios::binary | std::ios::trunc) << bytes;
  CliRun bad = run({"verify", s.file, "--key", s.key});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.out.find("1 corrupt record"), std::string::npos) << bad.out;
  EXPECT_NE(bad.err.find("offset 72"), std::string::npos) << bad.err;

  CliRun wrong_key = run({"verify", s.file, "--key", s.dir.file("study.pub")});
  EXPECT_EQ(wrong_key.code, 2);
}

TEST(RecordsCli, ExportWritesAnswersAndSessions) {
  Study s;
  std::string csv = s.dir.file("answers.csv");
  CliRun r = run({"export", s.file, "--key", s.key, "--csv", csv});
  ASSERT_EQ(r.code, 0) << r.err;
  std::string answers = read_file(csv).value();
  std::istringstream lines(answers);
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(line);
  ASSERT_EQ(rows.size(), 5u);  // header + 2 answers × 2 sessions
  EXPECT_EQ(rows[0].rfind("sequence,participant_code,site_id,scene_id,content_version", 0), 0u);
  EXPECT_EQ(rows[1].rfind("1,P-0001,SITE3,blood-draw,1.0.0,", 0), 0u) << rows[1];
  EXPECT_NE(rows[1].find(",en,feel,check,q-feel-nothing,no,"), std::string::npos) << rows[1];
  EXPECT_NE(rows[4].find("SITE3-017"), std::string::npos);
  EXPECT_NE(rows[4].find(",q-feel-pinch,yes,"), std::string::npos);
  std::string sessions = read_file(s.dir.file("answers.sessions.csv")).value();
  EXPECT_NE(sessions.find("completed"), std::string::npos);
  EXPECT_NE(sessions.find("feel (needle)"), std::string::npos);
  EXPECT_EQ(mode_of(csv), 0600u);
}

TEST(RecordsCli, ExportWritesAFhirResponsePerSession) {
  Study s;
  const std::string folder = s.dir.file("fhir");
  CliRun r = run({"export", s.file, "--key", s.key, "--fhir", folder});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("wrote 2 FHIR QuestionnaireResponse file(s)"), std::string::npos) << r.out;
  auto first = read_file(folder + "/P-0001-1.json");
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_NE(first->find("\"resourceType\": \"QuestionnaireResponse\""), std::string::npos);
  EXPECT_NE(first->find("urn:trialxr:questionnaire:blood-draw:1.0.0"), std::string::npos);
  EXPECT_EQ(mode_of(folder + "/P-0001-1.json"), 0600u);
  EXPECT_EQ(run({"export", s.file, "--key", s.key}).code, 2);  // neither --csv nor --fhir
}

TEST(RecordsCli, SummaryPerQuiz) {
  Study s;
  CliRun r = run({"summary", s.file, "--key", s.key});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("2 sessions (2 completed, 0 ended early)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("feel: 4 answers, 50% correct, needs discussion in 2 sessions"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("welcome: 2 raised"), std::string::npos) << r.out;
}

TEST(RecordsCli, Usage) {
  EXPECT_EQ(run({}).code, 2);
  EXPECT_EQ(run({"verify"}).code, 2);
  CliRun help = run({"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("export"), std::string::npos);
}

}  // namespace
}  // namespace trialxr::testing
