// Signing keys and key files: round trip, permissions, refusals with clear messages.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "temp_dir.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/bundle_content.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/signing_key.h"
#include "trialxr/core/file_io.h"

namespace trialxr {
namespace {

using compiler::load_public_key;
using compiler::load_secret_key;
using compiler::save_key_pair;
using compiler::SigningKey;

#define EXPECT_CONTAINS(text, part)                          \
  EXPECT_NE(std::string(text).find(part), std::string::npos) \
      << "expected to find: " << (part) << "\n                in: " << (text)

unsigned mode_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 0xFFFF;
  return st.st_mode & 07777;
}

std::string secret_error(const std::string& path) {
  auto key = load_secret_key(path);
  return key ? std::string("<loaded>") : key.error().message;
}

std::string public_error(const std::string& path) {
  auto key = load_public_key(path);
  return key ? std::string("<loaded>") : key.error().message;
}

// Writes a secret key file with mode 0600.
std::string write_secret(const testing::TempDir& dir, const std::string& name,
                         std::string_view text) {
  std::string path = dir.file(name);
  EXPECT_TRUE(write_file_atomic(path, text, 0600));
  return path;
}

TEST(SigningKey, GenerateGivesDistinctKeysWithHexIds) {
  SigningKey a = SigningKey::generate();
  SigningKey b = SigningKey::generate();
  EXPECT_NE(a.public_key, b.public_key);
  EXPECT_EQ(a.id().size(), 16u);
  EXPECT_EQ(a.id().find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(a.id(), bundle::key_id(a.public_key));
  EXPECT_NE(a.id(), b.id());
}

TEST(SigningKey, KeyFilesRoundTrip) {
  testing::TempDir dir;
  SigningKey key = SigningKey::generate();
  auto paths = save_key_pair(key, dir.file("hospital"));
  ASSERT_TRUE(paths) << paths.error().message;
  EXPECT_EQ(paths->secret_path, dir.file("hospital.key"));
  EXPECT_EQ(paths->public_path, dir.file("hospital.pub"));
  EXPECT_EQ(mode_of(paths->secret_path), 0600u);
  EXPECT_EQ(mode_of(paths->public_path), 0644u);

  auto secret_text = read_file(paths->secret_path);
  ASSERT_TRUE(secret_text);
  EXPECT_EQ(secret_text->rfind("trialxr-secret-key v1\n", 0), 0u);
  EXPECT_EQ(secret_text->size(), 22u + 128u + 1u);
  auto public_text = read_file(paths->public_path);
  ASSERT_TRUE(public_text);
  EXPECT_EQ(*public_text, "trialxr-public-key v1\n" + to_hex(key.public_key) + "\n");

  auto secret = load_secret_key(paths->secret_path);
  ASSERT_TRUE(secret) << secret.error().message;
  EXPECT_EQ(secret->secret_key, key.secret_key);
  EXPECT_EQ(secret->public_key, key.public_key);
  auto pub = load_public_key(paths->public_path);
  ASSERT_TRUE(pub) << pub.error().message;
  EXPECT_EQ(*pub, key.public_key);

  // A ".key" suffix on the base is not doubled.
  SigningKey other = SigningKey::generate();
  auto suffixed = save_key_pair(other, dir.file("clinic.key"));
  ASSERT_TRUE(suffixed) << suffixed.error().message;
  EXPECT_EQ(suffixed->secret_path, dir.file("clinic.key"));
  EXPECT_EQ(suffixed->public_path, dir.file("clinic.pub"));
}

TEST(SigningKey, LoadedKeysSignAndVerifyBundles) {
  testing::TempDir dir;
  auto paths = save_key_pair(SigningKey::generate(), dir.file("study"));
  ASSERT_TRUE(paths);
  auto secret = load_secret_key(paths->secret_path);
  auto pub = load_public_key(paths->public_path);
  ASSERT_TRUE(secret && pub);

  compiler::BundleContent c;
  c.meta.title_line = 0;
  c.languages = {c.strings.intern("en")};
  c.lines.push_back(bundle::LineRecord{c.strings.intern("title"), 1, 0});
  c.line_text.push_back(bundle::LineText{c.strings.intern("Study"), 0, 0});
  std::string bundle_path = dir.file("study.trxb");
  ASSERT_TRUE(compiler::write_bundle_file(bundle_path, c, &*secret));
  auto b = bundle::Bundle::open(bundle_path,
                                bundle::OpenOptions{bundle::TrustPolicy::require_trusted, {*pub}});
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->signature_status(), bundle::SignatureStatus::trusted);
  EXPECT_EQ(b->key_id(), secret->id());
}

TEST(SigningKey, FolderGetsFilesNamedByKeyId) {
  testing::TempDir dir;
  SigningKey key = SigningKey::generate();
  auto paths = save_key_pair(key, dir.path().string());
  ASSERT_TRUE(paths) << paths.error().message;
  EXPECT_EQ(paths->secret_path, dir.file(key.id() + ".key"));
  EXPECT_EQ(paths->public_path, dir.file(key.id() + ".pub"));
  EXPECT_TRUE(std::filesystem::exists(paths->secret_path));
  EXPECT_TRUE(std::filesystem::exists(paths->public_path));
}

TEST(SigningKey, RefusesToOverwriteAKey) {
  testing::TempDir dir;
  SigningKey first = SigningKey::generate();
  ASSERT_TRUE(save_key_pair(first, dir.file("hospital")));
  auto again = save_key_pair(SigningKey::generate(), dir.file("hospital"));
  ASSERT_FALSE(again);
  EXPECT_CONTAINS(again.error().message,
                  dir.file("hospital.key") + ": already exists; not overwriting a signing key");
  auto kept = load_secret_key(dir.file("hospital.key"));
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->public_key, first.public_key);

  auto nowhere = save_key_pair(first, "");
  ASSERT_FALSE(nowhere);
  EXPECT_CONTAINS(nowhere.error().message, "no path given");
  auto no_folder = save_key_pair(first, dir.file("missing/folder/key"));
  ASSERT_FALSE(no_folder);
  EXPECT_CONTAINS(no_folder.error().message,
                  dir.file("missing/folder/key.key") + ": cannot create");
}

TEST(SigningKey, SecretKeyWithOpenPermissionsIsRefused) {
  testing::TempDir dir;
  auto paths = save_key_pair(SigningKey::generate(), dir.file("hospital"));
  ASSERT_TRUE(paths);
  for (unsigned mode : {0644u, 0640u, 0604u, 0660u}) {
    ASSERT_EQ(::chmod(paths->secret_path.c_str(), mode), 0);
    std::string error = secret_error(paths->secret_path);
    char octal[8];
    std::snprintf(octal, sizeof octal, "%04o", mode);
    EXPECT_CONTAINS(
        error, paths->secret_path + ": permissions " + octal + " are too open for a secret key");
    EXPECT_CONTAINS(error, "chmod 600 " + paths->secret_path);
  }
  ASSERT_EQ(::chmod(paths->secret_path.c_str(), 0400), 0);
  EXPECT_EQ(secret_error(paths->secret_path), "<loaded>");
}

TEST(SigningKey, MalformedSecretKeyFilesAreRefused) {
  testing::TempDir dir;
  SigningKey key = SigningKey::generate();
  const std::string hex = to_hex(key.secret_key);

  std::string garbage = write_secret(dir, "garbage.key", "this is not a key\n");
  EXPECT_CONTAINS(secret_error(garbage),
                  garbage +
                      ": not a TrialXR secret key file (the first line must be "
                      "'trialxr-secret-key v1')");

  std::string empty = write_secret(dir, "empty.key", "");
  EXPECT_CONTAINS(secret_error(empty), empty + ": not a TrialXR secret key file");

  std::string short_key =
      write_secret(dir, "short.key", "trialxr-secret-key v1\n" + hex.substr(0, 64) + "\n");
  EXPECT_CONTAINS(secret_error(short_key),
                  short_key +
                      ": the secret key must be 128 hex digits (64 bytes); found 64 "
                      "characters");

  std::string not_hex =
      write_secret(dir, "nothex.key", "trialxr-secret-key v1\n" + std::string(128, 'z') + "\n");
  EXPECT_CONTAINS(secret_error(not_hex), not_hex + ": the secret key is not valid hex");

  std::string extra =
      write_secret(dir, "extra.key", "trialxr-secret-key v1\n" + hex + "\nmore stuff\n");
  EXPECT_CONTAINS(secret_error(extra), extra + ": unexpected text after the secret key");

  std::string pub =
      write_secret(dir, "given.pub", "trialxr-public-key v1\n" + to_hex(key.public_key) + "\n");
  EXPECT_CONTAINS(secret_error(pub), pub +
                                         ": this is a public key file, but a secret key file "
                                         "(NAME.key) is needed");

  std::string damaged_hex = hex;
  damaged_hex[100] = damaged_hex[100] == '0' ? '1' : '0';  // in the public half
  std::string damaged =
      write_secret(dir, "damaged.key", "trialxr-secret-key v1\n" + damaged_hex + "\n");
  EXPECT_CONTAINS(
      secret_error(damaged),
      damaged + ": the secret key is damaged (its public half does not match its seed)");

  std::string crlf = write_secret(dir, "crlf.key", "trialxr-secret-key v1\r\n" + hex + "\r\n");
  EXPECT_EQ(secret_error(crlf), "<loaded>");

  EXPECT_CONTAINS(secret_error(dir.file("missing.key")), dir.file("missing.key") + ": cannot open");
  EXPECT_CONTAINS(secret_error(dir.path().string()), ": not a regular file");
}

TEST(SigningKey, MalformedPublicKeyFilesAreRefused) {
  testing::TempDir dir;
  SigningKey key = SigningKey::generate();
  std::string garbage = dir.write("garbage.pub", "ssh-ed25519 AAAAC3Nza...\n");
  EXPECT_CONTAINS(public_error(garbage),
                  garbage +
                      ": not a TrialXR public key file (the first line must be "
                      "'trialxr-public-key v1')");
  std::string long_key =
      dir.write("long.pub", "trialxr-public-key v1\n" + to_hex(key.secret_key) + "\n");
  EXPECT_CONTAINS(public_error(long_key),
                  long_key +
                      ": the public key must be 64 hex digits (32 bytes); found 128 "
                      "characters");
  std::string secret =
      dir.write("given.key", "trialxr-secret-key v1\n" + to_hex(key.secret_key) + "\n");
  EXPECT_CONTAINS(public_error(secret), secret +
                                            ": this is a secret key file, but a public key "
                                            "file (NAME.pub) is needed");
  EXPECT_CONTAINS(public_error(dir.file("missing.pub")), dir.file("missing.pub") + ": cannot open");
  std::string good = dir.write("good.pub", "trialxr-public-key v1\n" + to_hex(key.public_key));
  EXPECT_EQ(public_error(good), "<loaded>");  // no final newline is fine
}

}  // namespace
}  // namespace trialxr
