// scan_records: the key-less half of reading — framing, checksums, sequence numbers.
#include <fmt/format.h>

#include <algorithm>

#include "record_format.h"

namespace trialxr::records {

using detail::has_magic;
using detail::load_le;

namespace detail {

std::vector<std::byte> file_header(const StudyPublicKey& key) {
  std::vector<std::byte> out;
  append_bytes(out, std::as_bytes(std::span(kFileMagic)));
  store_le<std::uint32_t>(out, kRecordFormatVersion);
  Hash256 fingerprint = study_key_fingerprint(key);
  append_bytes(out, std::as_bytes(std::span(fingerprint)));
  Hash256 sum = blake2b_256(out);
  append_bytes(out, std::as_bytes(std::span(sum)));
  return out;
}

}  // namespace detail

namespace {

// The frame starting at `at`, when its framing and checksum hold.
std::optional<Frame> try_frame(std::span<const std::byte> bytes, std::size_t at) {
  if (!has_magic(bytes, at, detail::kRecordMagic) || bytes.size() - at < kFrameHeaderSize)
    return std::nullopt;
  std::uint32_t length = load_le<std::uint32_t>(bytes, at + 4);
  if (length > kMaxPayloadSize) return std::nullopt;
  std::size_t body = kFrameHeaderSize + length;
  if (bytes.size() - at < body + kChecksumSize) return std::nullopt;
  Hash256 sum = blake2b_256(bytes.subspan(at, body));
  if (std::memcmp(sum.data(), bytes.data() + at + body, kChecksumSize) != 0) return std::nullopt;
  return Frame{at, load_le<std::uint64_t>(bytes, at + 8),
               bytes.subspan(at + kFrameHeaderSize, length)};
}

// The next offset after `from` where an intact frame starts.
std::optional<std::size_t> next_frame(std::span<const std::byte> bytes, std::size_t from) {
  for (std::size_t at = from; at + kFrameHeaderSize + kChecksumSize <= bytes.size(); ++at) {
    if (has_magic(bytes, at, detail::kRecordMagic) && try_frame(bytes, at)) return at;
  }
  return std::nullopt;
}

// Bytes at `at` that could be the start of a record whose write did not finish.
bool looks_torn(std::span<const std::byte> bytes, std::size_t at) {
  std::size_t rest = bytes.size() - at;
  if (std::memcmp(bytes.data() + at, detail::kRecordMagic.data(), std::min<std::size_t>(rest, 4)) !=
      0)
    return false;
  if (rest < kFrameHeaderSize) return true;
  std::uint32_t length = load_le<std::uint32_t>(bytes, at + 4);
  return length <= kMaxPayloadSize && rest < kFrameHeaderSize + length + kChecksumSize;
}

void check_sequence(const Frame& f, std::uint64_t& highest, std::vector<Problem>& problems) {
  if (f.sequence == highest + 1) {
    highest = f.sequence;
    return;
  }
  if (f.sequence > highest + 1) {
    problems.push_back(
        {ProblemKind::sequence_gap, f.offset,
         fmt::format("offset {}: record {} follows record {}: {} missing", f.offset, f.sequence,
                     highest,
                     f.sequence == highest + 2
                         ? fmt::format("record {} is", highest + 1)
                         : fmt::format("records {}-{} are", highest + 1, f.sequence - 1))});
    highest = f.sequence;
    return;
  }
  problems.push_back({ProblemKind::sequence_order, f.offset,
                      fmt::format("offset {}: record {} comes after record {}: records are out "
                                  "of order or repeated",
                                  f.offset, f.sequence, highest)});
}

}  // namespace

std::string_view problem_kind_name(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::torn_tail:
      return "torn tail";
    case ProblemKind::corrupt_record:
      return "corrupt record";
    case ProblemKind::sequence_gap:
      return "sequence gap";
    case ProblemKind::sequence_order:
      return "sequence out of order";
    case ProblemKind::unreadable:
      return "unreadable record";
    case ProblemKind::malformed:
      return "malformed record";
  }
  return "problem";
}

Result<ScanResult> scan_records(std::span<const std::byte> bytes, const std::string& name) {
  if (bytes.size() < kFileHeaderSize || !has_magic(bytes, 0, detail::kFileMagic))
    return fail(name + ": not a TrialXR record file (no TXRH header)");
  Hash256 sum = blake2b_256(bytes.subspan(0, 40));
  if (std::memcmp(sum.data(), bytes.data() + 40, kChecksumSize) != 0)
    return fail(name + ": the record file's header is damaged (checksum mismatch)");
  std::uint32_t version = load_le<std::uint32_t>(bytes, 4);
  if (version != kRecordFormatVersion) {
    return fail(
        fmt::format("{}: record file format version {} is not supported (this build "
                    "reads version {})",
                    name, version, kRecordFormatVersion));
  }
  ScanResult scan;
  std::memcpy(scan.key_fingerprint.data(), bytes.data() + 8, 32);
  std::uint64_t highest = 0;
  std::size_t at = kFileHeaderSize;
  while (at < bytes.size()) {
    if (auto frame = try_frame(bytes, at)) {
      check_sequence(*frame, highest, scan.problems);
      scan.frames.push_back(*frame);
      at += kFrameHeaderSize + frame->payload.size() + kChecksumSize;
      scan.intact_end = at;
      continue;
    }
    std::string what = has_magic(bytes, at, detail::kRecordMagic) && bytes.size() - at >= 16
                           ? fmt::format("record (sequence {} by its header)",
                                         load_le<std::uint64_t>(bytes, at + 8))
                           : std::string("record");
    if (auto next = next_frame(bytes, at + 1)) {
      scan.problems.push_back(
          {ProblemKind::corrupt_record, at,
           fmt::format("offset {}: corrupt {} (checksum or framing wrong; {} bytes refused)", at,
                       what, *next - at)});
      at = *next;
      continue;
    }
    if (looks_torn(bytes, at)) {
      scan.problems.push_back(
          {ProblemKind::torn_tail, at,
           fmt::format("offset {}: the file ends inside a record ({} bytes): a write that did "
                       "not finish; not accepted",
                       at, bytes.size() - at)});
      scan.torn_at = at;
    } else {
      scan.problems.push_back(
          {ProblemKind::corrupt_record, at,
           fmt::format("offset {}: corrupt {} (checksum or framing wrong; {} bytes to the end "
                       "refused)",
                       at, what, bytes.size() - at)});
    }
    break;
  }
  return scan;
}

}  // namespace trialxr::records
