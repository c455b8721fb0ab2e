// Crash safety: a process appending records is killed with SIGKILL at random moments,
// many times over the same file; every time the file reads back with only intact records
// in sequence (at most a torn tail, which the next writer cuts off), and deleting a record
// from the middle is detected.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <filesystem>

#include <chrono>
#include <random>
#include <thread>

#include "records_fixture.h"
#include "temp_dir.h"
#include "trialxr/core/file_io.h"
#include "trialxr/records/record_file.h"
#include "trialxr/records/study_key.h"

namespace trialxr::testing {
namespace {

using records::ProblemKind;

TEST(RecordCrash, KilledWritersLoseAtMostTheRecordBeingWritten) {
  TempDir dir;
  const records::StudyKeyPair key = records::StudyKeyPair::generate();
  const std::string file = dir.file("sessions.txrr");
  const records::SessionRecord record = sample_record("P-0042");
  std::mt19937 random(20261128);
  std::uint64_t intact_before = 0;
  int torn = 0;
  for (int run = 0; run < 25; ++run) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {  // append until killed
      auto writer = records::RecordWriter::open(file, key.public_key);
      if (!writer) _exit(3);
      for (;;) {
        if (!writer->append(record)) _exit(4);
      }
    }
    std::this_thread::sleep_for(std::chrono::microseconds(500 + random() % 20000));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status))
        << "the writer stopped on its own with " << WEXITSTATUS(status);

    // On a loaded machine the first writer can be killed before it made the file, or
    // between creating it and writing its header: nothing was written, nothing is lost.
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (intact_before == 0 && (ec || size == 0)) continue;
    auto read = records::read_records(file, key);
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read->count(ProblemKind::corrupt_record), 0u) << "run " << run;
    EXPECT_EQ(read->count(ProblemKind::sequence_gap), 0u) << "run " << run;
    EXPECT_EQ(read->count(ProblemKind::sequence_order), 0u) << "run " << run;
    EXPECT_LE(read->count(ProblemKind::torn_tail), 1u);
    torn += static_cast<int>(read->count(ProblemKind::torn_tail));
    // Nothing written before is ever lost, and the sequence has no holes.
    EXPECT_GE(read->records.size(), intact_before) << "run " << run;
    for (std::size_t i = 0; i < read->records.size(); ++i)
      ASSERT_EQ(read->records[i].sequence, i + 1) << "run " << run;
    intact_before = read->records.size();
  }
  EXPECT_GT(intact_before, 0u);
  RecordProperty("records", static_cast<int>(intact_before));
  RecordProperty("torn_tails_seen", torn);
}

TEST(RecordCrash, ADeletedRecordIsASequenceGap) {
  TempDir dir;
  const records::StudyKeyPair key = records::StudyKeyPair::generate();
  const std::string file = dir.file("sessions.txrr");
  std::vector<std::uint64_t> ends;
  {
    auto writer = records::RecordWriter::open(file, key.public_key);
    ASSERT_TRUE(writer) << writer.error().message;
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(writer->append(sample_record("P-0042")));
      ends.push_back(read_file(file)->size());
    }
  }
  // Cut the second record out.
  std::string bytes = *read_file(file);
  bytes.erase(ends[0], ends[1] - ends[0]);
  ASSERT_TRUE(write_file_atomic(file, bytes, 0600));
  auto read = records::read_records(file, key);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->records.size(), 2u);
  EXPECT_EQ(read->count(ProblemKind::sequence_gap), 1u);
}

}  // namespace
}  // namespace trialxr::testing
