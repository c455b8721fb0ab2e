#include "trialxr/records/study_key.h"

#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "trialxr/core/file_io.h"

namespace trialxr::records {

namespace {

std::string_view next_line(std::string_view& rest) {
  std::size_t nl = rest.find('\n');
  std::string_view line = rest.substr(0, nl);
  rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
    line.remove_suffix(1);
  return line;
}

Status parse_key(const std::string& path, std::string_view text, bool secret,
                 std::array<std::uint8_t, 32>& out) {
  std::string_view header = secret ? kStudySecretHeader : kStudyPublicHeader;
  std::string_view other = secret ? kStudyPublicHeader : kStudySecretHeader;
  const char* kind = secret ? "secret" : "public";
  std::string_view rest = text;
  std::string_view first = next_line(rest);
  if (first == other) {
    return fail(fmt::format("{}: this is a study {} key file, but the {} key (BASE.{}) is needed",
                            path, secret ? "public" : "secret", kind, secret ? "key" : "pub"));
  }
  if (first != header) {
    return fail(fmt::format("{}: not a TrialXR study {} key file (the first line must be '{}')",
                            path, kind, header));
  }
  std::string_view hex = next_line(rest);
  std::size_t len = 0;
  const char* end = nullptr;
  if (hex.size() != 64 ||
      sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, &end) != 0 ||
      len != out.size() || end != hex.data() + hex.size()) {
    return fail(fmt::format("{}: the {} key must be 64 hex digits", path, kind));
  }
  if (rest.find_first_not_of(" \t\r\n") != std::string_view::npos)
    return fail(fmt::format("{}: unexpected text after the {} key", path, kind));
  return {};
}

std::string drop_extension(std::string base) {
  for (std::string_view ext : {std::string_view(".key"), std::string_view(".pub")}) {
    if (base.size() > ext.size() && base.ends_with(ext)) {
      base.resize(base.size() - ext.size());
      break;
    }
  }
  return base;
}

}  // namespace

StudyKeyPair StudyKeyPair::generate() {
  ensure_crypto_ready();
  StudyKeyPair key;
  crypto_box_keypair(key.public_key.data(), key.secret_key.data());
  return key;
}

Hash256 study_key_fingerprint(const StudyPublicKey& key) {
  return blake2b_256(std::as_bytes(std::span(key)));
}

std::string study_key_id(const StudyPublicKey& key) {
  return to_hex(study_key_fingerprint(key)).substr(0, 16);
}

Result<StudyKeyPaths> save_study_key_pair(const StudyKeyPair& key, const std::string& where) {
  if (where.empty()) return fail("cannot save a study key pair: no path given");
  std::string base = drop_extension(where);
  StudyKeyPaths paths{base + ".key", base + ".pub"};
  std::error_code ec;
  for (const std::string& path : {paths.secret_path, paths.public_path}) {
    if (std::filesystem::exists(std::filesystem::symlink_status(path, ec)))
      return fail(path + ": already exists; not overwriting a study key (move it away first)");
  }
  std::string secret = std::string(kStudySecretHeader) + "\n" + to_hex(key.secret_key) + "\n";
  Status written = write_file_atomic(paths.secret_path, secret, 0600);
  sodium_memzero(secret.data(), secret.size());
  if (!written) return tl::unexpected(std::move(written.error()));
  std::string pub = std::string(kStudyPublicHeader) + "\n" + to_hex(key.public_key) + "\n";
  if (auto s = write_file_atomic(paths.public_path, pub, 0644); !s)
    return tl::unexpected(std::move(s.error()));
  return paths;
}

Result<StudyKeyPair> load_study_secret_key(const std::string& path) {
  ensure_crypto_ready();
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return fail(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  if (!S_ISREG(st.st_mode)) return fail(path + ": not a regular file");
  if ((st.st_mode & 077) != 0) {
    return fail(fmt::format(
        "{}: permissions {:04o} are too open for a study secret key; other users could read "
        "every session record. Run: chmod 600 {}",
        path, st.st_mode & 07777, path));
  }
  auto text = read_file(path);
  if (!text) return tl::unexpected(std::move(text.error()));
  StudyKeyPair key;
  Status parsed = parse_key(path, *text, true, key.secret_key);
  sodium_memzero(text->data(), text->size());
  if (!parsed) return tl::unexpected(std::move(parsed.error()));
  crypto_scalarmult_base(key.public_key.data(), key.secret_key.data());
  return key;
}

Result<StudyPublicKey> load_study_public_key(const std::string& path) {
  auto text = read_file(path);
  if (!text) return tl::unexpected(std::move(text.error()));
  StudyPublicKey key{};
  if (auto s = parse_key(path, *text, false, key); !s) return tl::unexpected(std::move(s.error()));
  return key;
}

}  // namespace trialxr::records
