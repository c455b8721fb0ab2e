// The append-only record file: session records sealed for the study's public key, one
// after another, each framed and checksummed so that damage is found and located.
//
//   file header (72 bytes)  "TXRH" | u32 format version (1) | 32-byte BLAKE2b-256 of the
//                           study public key | 32-byte BLAKE2b-256 of the first 40 bytes
//   record                  "TXRR" | u32 payload length | u64 sequence (1, 2, ...) |
//                           payload = crypto_box_seal(JSON, study public key) |
//                           32-byte BLAKE2b-256 of everything before it in the record
//
// Integers are little-endian. The device can only seal; reading needs the study secret
// key. docs/records.md has the guarantees and the recovery rules.
//
//   auto writer = records::RecordWriter::open("sessions.txrr", study_public_key);
//   if (!writer) show(writer.error().message);
//   auto seq = writer->append(records::build_record(bundle, player.event_log(), info));
//
//   auto read = records::read_records("sessions.txrr", study_key_pair);
//   for (const records::ReadRecord& r : read->records) ...   // read->problems: damage
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "trialxr/core/result.h"
#include "trialxr/records/session_record.h"
#include "trialxr/records/study_key.h"

namespace trialxr::records {

inline constexpr std::uint32_t kRecordFormatVersion = 1;
inline constexpr std::size_t kFileHeaderSize = 72;
inline constexpr std::size_t kFrameHeaderSize = 16;  // magic, length, sequence
inline constexpr std::size_t kChecksumSize = 32;
inline constexpr std::uint32_t kMaxPayloadSize = 16u << 20;

enum class ProblemKind : std::uint8_t {
  torn_tail,       // the file ends inside a record (a write that never finished)
  corrupt_record,  // a record's checksum or framing is wrong: refused
  sequence_gap,    // sequence numbers skip: records are missing
  sequence_order,  // a sequence number repeats or goes back: reordered or duplicated
  unreadable,      // the checksum holds but the sealed box does not open with this key
  malformed,       // the box opens but the JSON is not a session record
};
std::string_view problem_kind_name(ProblemKind kind);  // "torn tail", ...

struct Problem {
  ProblemKind kind = ProblemKind::corrupt_record;
  std::uint64_t offset = 0;  // in the file
  std::string message;       // names the offset and, where known, the sequence
};

// One intact frame: its checksum holds.
struct Frame {
  std::uint64_t offset = 0;
  std::uint64_t sequence = 0;
  std::span<const std::byte> payload;  // into the scanned bytes
};

struct ScanResult {
  Hash256 key_fingerprint{};
  std::vector<Frame> frames;
  std::vector<Problem> problems;
  std::uint64_t intact_end = kFileHeaderSize;  // end of the last intact record
  std::optional<std::uint64_t> torn_at;        // where the torn tail starts
};

// Checks framing, checksums and sequence numbers; needs no key. Fails only when the
// file header itself is missing or damaged. Frames point into `bytes`.
Result<ScanResult> scan_records(std::span<const std::byte> bytes, const std::string& name);

// Appends sealed records. Opening an existing file checks its header and that it was
// made for the same study key, then continues the sequence after the last intact
// record. A torn tail (a record whose write never finished) is copied to
// PATH.torn-OFFSET and cut off before the first append; a corrupt record refuses the
// open, since appending after damage would hide it. The file is locked (flock) while
// open, so two writers cannot interleave.
class RecordWriter {
 public:
  static Result<RecordWriter> open(const std::string& path, const StudyPublicKey& key);
  RecordWriter(RecordWriter&& other) noexcept;
  RecordWriter& operator=(RecordWriter&& other) noexcept;
  RecordWriter(const RecordWriter&) = delete;
  RecordWriter& operator=(const RecordWriter&) = delete;
  ~RecordWriter();

  // Refuses a record whose participant code does not validate. Seals, writes the whole
  // frame, fsyncs; returns the record's sequence number. A failed write is cut off
  // again, so the file stays a run of whole records.
  Result<std::uint64_t> append(const SessionRecord& record);

  std::uint64_t next_sequence() const { return next_sequence_; }
  const std::string& path() const { return path_; }
  // What opening found and set aside: the torn tail's offset and where it was copied.
  const std::optional<Problem>& recovered_tail() const { return recovered_tail_; }

 private:
  RecordWriter() = default;
  Status append_sealed(std::span<const std::uint8_t> sealed);

  int fd_ = -1;
  std::string path_;
  StudyPublicKey key_{};
  std::uint64_t next_sequence_ = 1;
  std::uint64_t end_ = 0;
  std::optional<Problem> recovered_tail_;
};

struct ReadRecord {
  std::uint64_t sequence = 0;
  std::uint64_t offset = 0;
  SessionRecord record;
};

struct ReadResult {
  std::vector<ReadRecord> records;  // the intact, readable ones, in file order
  std::vector<Problem> problems;    // in file order
  std::size_t count(ProblemKind kind) const;
  // No corrupt, unreadable or malformed record (a torn tail and sequence problems are
  // reported but do not make the file damaged).
  bool intact() const;
};

// Reads every record with the study secret key. Fails when the file cannot be read,
// its header is damaged, or it was sealed for another study key.
Result<ReadResult> read_records(const std::string& path, const StudyKeyPair& key);

}  // namespace trialxr::records
