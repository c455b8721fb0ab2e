#include "trialxr/compiler/signing_key.h"

#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "trialxr/core/file_io.h"
#include "trialxr/core/hash.h"

namespace trialxr::compiler {

namespace {

std::string_view next_line(std::string_view& rest) {
  std::size_t nl = rest.find('\n');
  std::string_view line = rest.substr(0, nl);
  rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  return line;
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Parses "HEADER\n<hex>\n" into `out`. `kind` is "secret" or "public".
template <std::size_t N>
Status parse_key_text(const std::string& path, std::string_view text, std::string_view kind,
                      std::array<std::uint8_t, N>& out) {
  const bool secret = kind == "secret";
  std::string_view header = secret ? kSecretKeyHeader : kPublicKeyHeader;
  std::string_view other = secret ? kPublicKeyHeader : kSecretKeyHeader;
  std::string_view rest = text;
  std::string_view first = next_line(rest);
  if (first == other) {
    return fail(fmt::format("{}: this is a {} key file, but a {} key file ({}) is needed", path,
                            secret ? "public" : "secret", kind, secret ? "NAME.key" : "NAME.pub"));
  }
  if (first != header) {
    return fail(fmt::format("{}: not a TrialXR {} key file (the first line must be '{}')", path,
                            kind, header));
  }
  std::string_view hex = next_line(rest);
  if (hex.size() != 2 * N) {
    return fail(fmt::format("{}: the {} key must be {} hex digits ({} bytes); found {} characters",
                            path, kind, 2 * N, N, hex.size()));
  }
  std::size_t bin_len = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(out.data(), N, hex.data(), hex.size(), nullptr, &bin_len, &end) != 0 ||
      bin_len != N || end != hex.data() + hex.size()) {
    return fail(fmt::format("{}: the {} key is not valid hex", path, kind));
  }
  if (!is_blank(rest)) return fail(fmt::format("{}: unexpected text after the {} key", path, kind));
  return {};
}

std::string drop_key_extension(std::string base) {
  for (std::string_view ext : {std::string_view(".key"), std::string_view(".pub")}) {
    if (base.size() > ext.size() && base.ends_with(ext)) {
      base.resize(base.size() - ext.size());
      break;
    }
  }
  return base;
}

}  // namespace

SigningKey SigningKey::generate() {
  ensure_crypto_ready();
  SigningKey key;
  crypto_sign_keypair(key.public_key.data(), key.secret_key.data());
  return key;
}

std::string SigningKey::id() const {
  return bundle::key_id(public_key);
}

Result<KeyFilePaths> save_key_pair(const SigningKey& key, const std::string& where) {
  if (where.empty()) return fail("cannot save a key pair: no path given");
  std::error_code ec;
  std::string base = std::filesystem::is_directory(where, ec)
                         ? (std::filesystem::path(where) / key.id()).string()
                         : drop_key_extension(where);
  KeyFilePaths paths{base + ".key", base + ".pub"};
  for (const std::string& path : {paths.secret_path, paths.public_path}) {
    if (std::filesystem::exists(std::filesystem::symlink_status(path, ec))) {
      return fail(path + ": already exists; not overwriting a signing key (move it away first)");
    }
  }
  std::string secret = std::string(kSecretKeyHeader) + "\n" + to_hex(key.secret_key) + "\n";
  Status written = write_file_atomic(paths.secret_path, secret, 0600);
  sodium_memzero(secret.data(), secret.size());
  if (!written) return tl::unexpected(std::move(written.error()));
  std::string pub = std::string(kPublicKeyHeader) + "\n" + to_hex(key.public_key) + "\n";
  if (auto s = write_file_atomic(paths.public_path, pub, 0644); !s) {
    return tl::unexpected(std::move(s.error()));
  }
  return paths;
}

Result<SigningKey> load_secret_key(const std::string& path) {
  ensure_crypto_ready();
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return fail(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) return fail(path + ": not a regular file");
  if ((st.st_mode & 077) != 0) {
    return fail(fmt::format(
        "{}: permissions {:04o} are too open for a secret key; other users could sign bundles "
        "with it. Run: chmod 600 {}",
        path, st.st_mode & 07777, path));
  }
  auto text = read_file(path);
  if (!text) return tl::unexpected(std::move(text.error()));
  SigningKey key;
  Status parsed = parse_key_text(path, *text, "secret", key.secret_key);
  sodium_memzero(text->data(), text->size());
  if (!parsed) return tl::unexpected(std::move(parsed.error()));

  // libsodium's secret key is seed || public key; re-deriving it from the seed catches
  // a damaged or hand-edited file before it signs anything.
  std::array<std::uint8_t, 64> derived{};
  crypto_sign_seed_keypair(key.public_key.data(), derived.data(), key.secret_key.data());
  bool matches = sodium_memcmp(derived.data(), key.secret_key.data(), derived.size()) == 0;
  sodium_memzero(derived.data(), derived.size());
  if (!matches) {
    return fail(path + ": the secret key is damaged (its public half does not match its seed)");
  }
  return key;
}

Result<bundle::PublicKey> load_public_key(const std::string& path) {
  auto text = read_file(path);
  if (!text) return tl::unexpected(std::move(text.error()));
  bundle::PublicKey key{};
  if (auto s = parse_key_text(path, *text, "public", key); !s) {
    return tl::unexpected(std::move(s.error()));
  }
  return key;
}

}  // namespace trialxr::compiler
