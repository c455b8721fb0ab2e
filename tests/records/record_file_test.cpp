// The sealed append-only record file: round trips, wrong keys, torn tails, corrupt
// records, reordering, and reopening after a crash.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "records_fixture.h"
#include "temp_dir.h"
#include "trialxr/core/file_io.h"
#include "trialxr/records/record_file.h"

namespace trialxr::testing {
namespace {

using records::ProblemKind;
using records::RecordWriter;
using records::StudyKeyPair;

struct Fixture {
  TempDir dir;
  StudyKeyPair key = StudyKeyPair::generate();
  std::string path = dir.file("sessions.txrr");
  // Offsets of the records written, in order.
  std::vector<std::uint64_t> offsets;

  void write(const std::vector<std::string>& codes) {
    auto w = RecordWriter::open(path, key.public_key);
    ASSERT_TRUE(w) << w.error().message;
    for (const std::string& code : codes) {
      offsets.push_back(std::filesystem::file_size(path));
      auto seq = w->append(sample_record(code));
      ASSERT_TRUE(seq) << seq.error().message;
    }
  }
  std::string bytes() const { return read_file(path).value(); }
  void replace(const std::string& bytes) const {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  }
  records::ReadResult read() const {
    auto r = records::read_records(path, key);
    EXPECT_TRUE(r) << r.error().message;
    return r ? std::move(*r) : records::ReadResult{};
  }
};

std::vector<std::string> codes_of(const records::ReadResult& r) {
  std::vector<std::string> out;
  for (const auto& rec : r.records) out.push_back(rec.record.participant_code);
  return out;
}

TEST(RecordFile, WritesAndReadsBackThreeRecords) {
  Fixture f;
  f.write({"P-0001", "P-0002", "P-0003"});
  records::ReadResult r = f.read();
  EXPECT_TRUE(r.problems.empty());
  EXPECT_TRUE(r.intact());
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(codes_of(r), (std::vector<std::string>{"P-0001", "P-0002", "P-0003"}));
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(r.records[i].sequence, i + 1);
    EXPECT_EQ(r.records[i].offset, f.offsets[i]);
  }
  EXPECT_EQ(r.records[1].record, sample_record("P-0002"));
  // Sealed: the JSON is nowhere in the file.
  EXPECT_EQ(f.bytes().find("P-0002"), std::string::npos);
  EXPECT_EQ(f.bytes().find("blood-draw"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat(f.path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(RecordFile, AppendsAcrossOpens) {
  Fixture f;
  f.write({"P-0001"});
  f.write({"P-0002", "P-0003"});
  records::ReadResult r = f.read();
  EXPECT_TRUE(r.problems.empty());
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[2].sequence, 3u);
}

TEST(RecordFile, CannotBeReadWithAnotherKey) {
  Fixture f;
  f.write({"P-0001"});
  auto other = records::read_records(f.path, StudyKeyPair::generate());
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message.find("sealed for study key"), std::string::npos);
  // Nor appended to with another key.
  auto w = RecordWriter::open(f.path, StudyKeyPair::generate().public_key);
  ASSERT_FALSE(w);
  EXPECT_NE(w.error().message.find("another study key"), std::string::npos);
}

TEST(RecordFile, ABoxSealedForAnotherKeyDoesNotOpen) {
  // A file whose header names our key but whose record was sealed for another key: the
  // checksum holds, the box does not open.
  Fixture mine, theirs;
  theirs.write({"P-0001"});
  mine.write({});
  std::string header = mine.bytes();
  std::string record = theirs.bytes().substr(records::kFileHeaderSize);
  mine.replace(header + record);
  records::ReadResult r = mine.read();
  EXPECT_TRUE(r.records.empty());
  EXPECT_EQ(r.count(ProblemKind::unreadable), 1u);
  EXPECT_FALSE(r.intact());
}

TEST(RecordFile, ATornTailIsReportedNotAccepted) {
  Fixture f;
  f.write({"P-0001", "P-0002", "P-0003"});
  std::string bytes = f.bytes();
  std::uint64_t cut = f.offsets[2] + 40;  // inside the third record's payload
  f.replace(bytes.substr(0, cut));
  records::ReadResult r = f.read();
  EXPECT_EQ(codes_of(r), (std::vector<std::string>{"P-0001", "P-0002"}));
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].kind, ProblemKind::torn_tail);
  EXPECT_EQ(r.problems[0].offset, f.offsets[2]);
  EXPECT_TRUE(r.intact());
  // A cut inside the frame header too.
  f.replace(bytes.substr(0, f.offsets[2] + 6));
  EXPECT_EQ(f.read().count(ProblemKind::torn_tail), 1u);
}

TEST(RecordFile, AFlippedByteRefusesThatRecordWithItsOffset) {
  Fixture f;
  f.write({"P-0001", "P-0002", "P-0003"});
  std::string bytes = f.bytes();
  bytes[f.offsets[1] + 60] = static_cast<char>(bytes[f.offsets[1] + 60] ^ 0x20);
  f.replace(bytes);
  records::ReadResult r = f.read();
  EXPECT_EQ(codes_of(r), (std::vector<std::string>{"P-0001", "P-0003"}));
  EXPECT_FALSE(r.intact());
  ASSERT_EQ(r.count(ProblemKind::corrupt_record), 1u);
  EXPECT_EQ(r.problems[0].kind, ProblemKind::corrupt_record);
  EXPECT_EQ(r.problems[0].offset, f.offsets[1]);
  EXPECT_NE(r.problems[0].message.find("offset " + std::to_string(f.offsets[1])),
            std::string::npos);
  // Record 2 is missing from the intact sequence.
  EXPECT_EQ(r.count(ProblemKind::sequence_gap), 1u);
  // The writer refuses to append after damage.
  auto w = RecordWriter::open(f.path, f.key.public_key);
  ASSERT_FALSE(w);
  EXPECT_NE(w.error().message.find("damaged"), std::string::npos);
}

TEST(RecordFile, ADamagedHeaderRefusesTheFile) {
  Fixture f;
  f.write({"P-0001"});
  std::string bytes = f.bytes();
  bytes[10] = static_cast<char>(bytes[10] ^ 1);
  f.replace(bytes);
  auto r = records::read_records(f.path, f.key);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("header is damaged"), std::string::npos);
}

TEST(RecordFile, SwappedRecordsAreASequenceProblem) {
  Fixture f;
  f.write({"P-0001", "P-0002", "P-0003"});
  std::string b = f.bytes();
  std::string first = b.substr(0, f.offsets[1]);
  std::string second = b.substr(f.offsets[1], f.offsets[2] - f.offsets[1]);
  std::string third = b.substr(f.offsets[2]);
  f.replace(first + third + second);
  records::ReadResult r = f.read();
  EXPECT_EQ(codes_of(r), (std::vector<std::string>{"P-0001", "P-0003", "P-0002"}));
  EXPECT_EQ(r.count(ProblemKind::sequence_gap), 1u);
  EXPECT_EQ(r.count(ProblemKind::sequence_order), 1u);
  EXPECT_TRUE(r.intact());
}

TEST(RecordFile, ReopeningAfterATornTailContinuesTheSequence) {
  Fixture f;
  f.write({"P-0001", "P-0002", "P-0003"});
  std::string bytes = f.bytes();
  f.replace(bytes.substr(0, f.offsets[2] + 100));
  auto w = RecordWriter::open(f.path, f.key.public_key);
  ASSERT_TRUE(w) << w.error().message;
  EXPECT_EQ(w->next_sequence(), 3u);
  ASSERT_TRUE(w->recovered_tail());
  EXPECT_EQ(w->recovered_tail()->offset, f.offsets[2]);
  // The torn bytes are kept aside, not left in the file.
  std::string saved = f.path + ".torn-" + std::to_string(f.offsets[2]);
  EXPECT_EQ(read_file(saved).value(), bytes.substr(f.offsets[2], 100));
  EXPECT_EQ(std::filesystem::file_size(f.path), f.offsets[2]);
  ASSERT_EQ(w->append(sample_record("P-0004")).value(), 3u);
  records::ReadResult r = f.read();
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(codes_of(r), (std::vector<std::string>{"P-0001", "P-0002", "P-0004"}));
  EXPECT_EQ(r.records[2].sequence, 3u);
}

TEST(RecordFile, RefusesRecordsWithIdentifyingCodesAndASecondWriter) {
  Fixture f;
  auto w = RecordWriter::open(f.path, f.key.public_key);
  ASSERT_TRUE(w);
  records::SessionRecord r = sample_record("P-0001");
  r.participant_code = "Maria Lopez";
  auto refused = w->append(r);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("personal name"), std::string::npos);
  EXPECT_EQ(std::filesystem::file_size(f.path), records::kFileHeaderSize);
  auto second = RecordWriter::open(f.path, f.key.public_key);
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().message.find("another program"), std::string::npos);
}

TEST(RecordFile, NotARecordFile) {
  TempDir dir;
  std::string path = dir.write("x.txrr", "hello");
  auto r = records::read_records(path, StudyKeyPair::generate());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("not a TrialXR record file"), std::string::npos);
  EXPECT_FALSE(RecordWriter::open(path, StudyKeyPair::generate().public_key));
}

}  // namespace
}  // namespace trialxr::testing
