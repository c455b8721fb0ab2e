// Signing pieces shared by the writer (tools/compiler) and the reader: the exact bytes
// an ed25519 bundle signature covers, its verification, and key ids.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "trialxr/bundle/format.h"
#include "trialxr/core/hash.h"

namespace trialxr::bundle {

using PublicKey = std::array<std::uint8_t, 32>;  // ed25519 public key
using Signature = std::array<std::uint8_t, 64>;  // ed25519 detached signature

// Byte offset of FileHeader::signature; the signed message has zeros there.
inline constexpr std::size_t kSignatureOffset = offsetof(FileHeader, signature);

// A key's short name: the first 8 bytes of BLAKE2b-256(public key) as 16 lowercase hex
// digits ("3f9c0a1b22d4e5f6"). Shown by tools and stored in MetaRecord::signer_key_id.
std::string key_id(const PublicKey& public_key);

// The message the signature covers:
//   kSignatureContext (its bytes, no terminator)
//   || header bytes [0, header_size) with the 64 signature bytes zeroed
//   || table_hash (32 bytes, the section table's BLAKE2b-256)
//   || meta_hash (32 bytes, the META section's BLAKE2b-256 from the table)
// `header` must hold at least kHeaderSize bytes (TRIALXR_CHECK).
std::vector<std::byte> signed_message(std::span<const std::byte> header, const Hash256& table_hash,
                                      const Hash256& meta_hash);

// crypto_sign_verify_detached over `message`.
bool verify_signature(std::span<const std::byte> message, const Signature& signature,
                      const PublicKey& public_key);

}  // namespace trialxr::bundle
