// RecordWriter (seal, frame, write, fsync) and read_records (scan, then open each box).
#include "trialxr/records/record_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "record_format.h"
#include "trialxr/core/file_io.h"
#include "trialxr/records/participant_code.h"

namespace trialxr::records {

namespace {

std::string os_error(const std::string& path, std::string_view what) {
  return fmt::format("{}: cannot {}: {}", path, what, std::strerror(errno));
}

Status write_all(int fd, std::span<const std::byte> bytes, std::uint64_t at,
                 const std::string& path) {
  while (!bytes.empty()) {
    ssize_t n = ::pwrite(fd, bytes.data(), bytes.size(), static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail(os_error(path, "write"));
    bytes = bytes.subspan(static_cast<std::size_t>(n));
    at += static_cast<std::uint64_t>(n);
  }
  return {};
}

Result<std::vector<std::byte>> read_all(int fd, const std::string& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return fail(os_error(path, "stat"));
  std::vector<std::byte> bytes(static_cast<std::size_t>(st.st_size));
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::pread(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(os_error(path, "read"));
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

Status sync_directory(const std::string& path) {
  std::string dir = std::filesystem::absolute(path).parent_path().string();
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return fail(os_error(dir, "open the folder"));
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return fail(os_error(dir, "fsync the folder"));
  return {};
}

std::string problems_text(const std::vector<Problem>& problems, ProblemKind kind) {
  std::string out;
  for (const Problem& p : problems)
    if (p.kind == kind) out += "\n  " + p.message;
  return out;
}

}  // namespace

// [SECTION] writer

Result<RecordWriter> RecordWriter::open(const std::string& path, const StudyPublicKey& key) {
  ensure_crypto_ready();
  RecordWriter w;
  w.path_ = path;
  w.key_ = key;
  bool created = true;
  w.fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (w.fd_ < 0 && errno == EEXIST) {
    created = false;
    w.fd_ = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  }
  if (w.fd_ < 0) return fail(os_error(path, "open the record file"));
  if (::flock(w.fd_, LOCK_EX | LOCK_NB) != 0)
    return fail(path + ": another program is writing this record file");
  auto bytes = read_all(w.fd_, path);
  if (!bytes) return tl::unexpected(std::move(bytes.error()));
  if (bytes->empty()) {
    std::vector<std::byte> header = detail::file_header(key);
    if (auto s = write_all(w.fd_, header, 0, path); !s) return tl::unexpected(std::move(s.error()));
    if (::fsync(w.fd_) != 0) return fail(os_error(path, "fsync"));
    if (created) {
      if (auto s = sync_directory(path); !s) return tl::unexpected(std::move(s.error()));
    }
    w.end_ = header.size();
    return w;
  }
  auto scan = scan_records(*bytes, path);
  if (!scan) return tl::unexpected(std::move(scan.error()));
  if (scan->key_fingerprint != study_key_fingerprint(key)) {
    return fail(
        fmt::format("{}: this record file is sealed for another study key (not {}); "
                    "use a new file for this key",
                    path, study_key_id(key)));
  }
  std::string corrupt = problems_text(scan->problems, ProblemKind::corrupt_record);
  if (!corrupt.empty()) {
    return fail(path + ": refusing to append to a damaged record file (run 'trialxr-records " +
                "verify'; start a new file and keep this one as it is):" + corrupt);
  }
  for (const Frame& f : scan->frames) w.next_sequence_ = std::max(w.next_sequence_, f.sequence + 1);
  w.end_ = scan->intact_end;
  if (scan->torn_at) {
    std::uint64_t at = *scan->torn_at;
    std::string saved = fmt::format("{}.torn-{}", path, at);
    auto tail = std::span<const std::byte>(*bytes).subspan(at);
    if (auto s = write_file_atomic(saved, tail, 0600); !s)
      return tl::unexpected(std::move(s.error()));
    if (::ftruncate(w.fd_, static_cast<off_t>(at)) != 0 || ::fsync(w.fd_) != 0)
      return fail(os_error(path, "cut off the torn tail"));
    w.recovered_tail_ = Problem{ProblemKind::torn_tail, at,
                                fmt::format("offset {}: an unfinished record ({} bytes) was moved "
                                            "to {}",
                                            at, tail.size(), saved)};
  }
  return w;
}

RecordWriter::RecordWriter(RecordWriter&& o) noexcept
    : fd_(std::exchange(o.fd_, -1)),
      path_(std::move(o.path_)),
      key_(o.key_),
      next_sequence_(o.next_sequence_),
      end_(o.end_),
      recovered_tail_(std::move(o.recovered_tail_)) {}

RecordWriter& RecordWriter::operator=(RecordWriter&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(o.fd_, -1);
    path_ = std::move(o.path_);
    key_ = o.key_;
    next_sequence_ = o.next_sequence_;
    end_ = o.end_;
    recovered_tail_ = std::move(o.recovered_tail_);
  }
  return *this;
}

RecordWriter::~RecordWriter() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::uint64_t> RecordWriter::append(const SessionRecord& record) {
  auto code = validate_participant_code(record.participant_code);
  if (!code) return fail("record not written: " + code.error().message);
  if (*code != record.participant_code)
    return fail("record not written: participant code '" + record.participant_code +
                "' is not normalised (expected '" + *code + "')");
  std::string json = to_json(record);
  std::vector<std::uint8_t> sealed(crypto_box_SEALBYTES + json.size());
  crypto_box_seal(sealed.data(), reinterpret_cast<const unsigned char*>(json.data()), json.size(),
                  key_.data());
  sodium_memzero(json.data(), json.size());
  if (sealed.size() > kMaxPayloadSize) return fail("record not written: it is too large");
  if (auto s = append_sealed(sealed); !s) return tl::unexpected(std::move(s.error()));
  return next_sequence_++;
}

Status RecordWriter::append_sealed(std::span<const std::uint8_t> sealed) {
  std::vector<std::byte> frame;
  frame.reserve(kFrameHeaderSize + sealed.size() + kChecksumSize);
  detail::append_bytes(frame, std::as_bytes(std::span(detail::kRecordMagic)));
  detail::store_le<std::uint32_t>(frame, static_cast<std::uint32_t>(sealed.size()));
  detail::store_le<std::uint64_t>(frame, next_sequence_);
  detail::append_bytes(frame, std::as_bytes(sealed));
  Hash256 sum = blake2b_256(frame);
  detail::append_bytes(frame, std::as_bytes(std::span(sum)));
  Status written = write_all(fd_, frame, end_, path_);
  if (written && ::fsync(fd_) != 0) written = fail(os_error(path_, "fsync"));
  if (!written) {
    // Leave whole records only; if even this fails, the next open finds a torn tail.
    if (::ftruncate(fd_, static_cast<off_t>(end_)) == 0) static_cast<void>(::fsync(fd_));
    return written;
  }
  end_ += frame.size();
  return {};
}

// [SECTION] reader

std::size_t ReadResult::count(ProblemKind kind) const {
  return static_cast<std::size_t>(std::count_if(problems.begin(), problems.end(),
                                                [&](const Problem& p) { return p.kind == kind; }));
}

bool ReadResult::intact() const {
  return count(ProblemKind::corrupt_record) == 0 && count(ProblemKind::unreadable) == 0 &&
         count(ProblemKind::malformed) == 0;
}

Result<ReadResult> read_records(const std::string& path, const StudyKeyPair& key) {
  ensure_crypto_ready();
  auto text = read_file(path);
  if (!text) return tl::unexpected(std::move(text.error()));
  auto bytes = std::as_bytes(std::span(*text));
  auto scan = scan_records(bytes, path);
  if (!scan) return tl::unexpected(std::move(scan.error()));
  if (scan->key_fingerprint != study_key_fingerprint(key.public_key)) {
    return fail(fmt::format(
        "{}: these records are sealed for study key {}, not for the key "
        "given ({}); they cannot be read with it",
        path, to_hex(scan->key_fingerprint).substr(0, 16), study_key_id(key.public_key)));
  }
  ReadResult out;
  out.problems = std::move(scan->problems);
  for (const Frame& f : scan->frames) {
    if (f.payload.size() < crypto_box_SEALBYTES) {
      out.problems.push_back(
          {ProblemKind::unreadable, f.offset,
           fmt::format("offset {}: record {} is too short to be sealed", f.offset, f.sequence)});
      continue;
    }
    std::string json(f.payload.size() - crypto_box_SEALBYTES, '\0');
    if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(json.data()),
                             reinterpret_cast<const unsigned char*>(f.payload.data()),
                             f.payload.size(), key.public_key.data(), key.secret_key.data()) != 0) {
      out.problems.push_back({ProblemKind::unreadable, f.offset,
                              fmt::format("offset {}: record {} does not open with this study key",
                                          f.offset, f.sequence)});
      continue;
    }
    auto record = record_from_json(json);
    sodium_memzero(json.data(), json.size());
    if (!record) {
      out.problems.push_back(
          {ProblemKind::malformed, f.offset,
           fmt::format("offset {}: record {}: {}", f.offset, f.sequence, record.error().message)});
      continue;
    }
    out.records.push_back({f.sequence, f.offset, std::move(*record)});
  }
  std::stable_sort(out.problems.begin(), out.problems.end(),
                   [](const Problem& a, const Problem& b) { return a.offset < b.offset; });
  return out;
}

}  // namespace trialxr::records
