// Ed25519 signing keys for bundles, and their key files.
//
// A key pair is two text files next to each other:
//
//   hospital.key  (mode 0600)   trialxr-secret-key v1\n<128 hex digits>\n
//   hospital.pub  (mode 0644)   trialxr-public-key v1\n<64 hex digits>\n
//
// The secret key is libsodium's 64-byte ed25519 secret key (32-byte seed followed by
// the public key). A secret key file readable by group or others is refused, as ssh
// does, with a message saying to run chmod 600.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "trialxr/bundle/signature.h"
#include "trialxr/core/result.h"

namespace trialxr::compiler {

inline constexpr std::string_view kSecretKeyHeader = "trialxr-secret-key v1";
inline constexpr std::string_view kPublicKeyHeader = "trialxr-public-key v1";

struct SigningKey {
  bundle::PublicKey public_key{};
  std::array<std::uint8_t, 64> secret_key{};  // seed || public key

  // A fresh random key pair (crypto_sign_keypair).
  static SigningKey generate();
  // The 16-hex-digit key id (bundle::key_id of the public key).
  std::string id() const;
};

struct KeyFilePaths {
  std::string secret_path;  // NAME.key
  std::string public_path;  // NAME.pub
};

// Writes NAME.key (0600) and NAME.pub (0644) atomically. `where` is either an existing
// folder — then NAME is the key id — or a base path such as "keys/hospital" (a trailing
// ".key" or ".pub" is dropped). Refuses to overwrite an existing key file: losing a
// secret key means every device that trusts it has to be updated.
Result<KeyFilePaths> save_key_pair(const SigningKey& key, const std::string& where);

// Reads a NAME.key file; checks its permissions, format, length and that its public half
// matches its seed. Errors name the file.
Result<SigningKey> load_secret_key(const std::string& path);

// Reads a NAME.pub file. Errors name the file.
Result<bundle::PublicKey> load_public_key(const std::string& path);

}  // namespace trialxr::compiler
