// Study keys: the X25519 key pair (crypto_box_keypair) records are sealed for. Devices
// hold only the public key: they can seal records but never read them back. The study's
// data manager holds the secret key. Two text files, like the bundle signing keys:
//
//   study.key  (mode 0600)   trialxr-study-secret-key v1\n<64 hex digits>\n
//   study.pub  (mode 0644)   trialxr-study-public-key v1\n<64 hex digits>\n
//
// A secret key file readable by group or others is refused (run chmod 600).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "trialxr/core/hash.h"
#include "trialxr/core/result.h"

namespace trialxr::records {

inline constexpr std::string_view kStudySecretHeader = "trialxr-study-secret-key v1";
inline constexpr std::string_view kStudyPublicHeader = "trialxr-study-public-key v1";

using StudyPublicKey = std::array<std::uint8_t, 32>;

struct StudyKeyPair {
  StudyPublicKey public_key{};
  std::array<std::uint8_t, 32> secret_key{};

  static StudyKeyPair generate();
};

// BLAKE2b-256 of the public key: stored in a record file's header.
Hash256 study_key_fingerprint(const StudyPublicKey& key);
// The first 16 hex digits of the fingerprint, for people.
std::string study_key_id(const StudyPublicKey& key);

struct StudyKeyPaths {
  std::string secret_path;  // BASE.key
  std::string public_path;  // BASE.pub
};

// Writes BASE.key (0600) and BASE.pub (0644) atomically; a trailing .key or .pub on
// `base` is dropped. Refuses to overwrite either file: a lost study key makes every
// record sealed for it unreadable.
Result<StudyKeyPaths> save_study_key_pair(const StudyKeyPair& key, const std::string& base);

// Reads BASE.key: permissions, format, and derives the public half. Errors name the file.
Result<StudyKeyPair> load_study_secret_key(const std::string& path);
Result<StudyPublicKey> load_study_public_key(const std::string& path);

}  // namespace trialxr::records
