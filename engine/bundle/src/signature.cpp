#include "trialxr/bundle/signature.h"

#include <sodium.h>

#include <algorithm>

#include "trialxr/core/check.h"

namespace trialxr::bundle {

std::string key_id(const PublicKey& public_key) {
  Hash256 h = blake2b_256(std::as_bytes(std::span(public_key)));
  return to_hex(std::span<const std::uint8_t>(h.data(), 8));
}

std::vector<std::byte> signed_message(std::span<const std::byte> header, const Hash256& table_hash,
                                      const Hash256& meta_hash) {
  TRIALXR_CHECK(header.size() >= kHeaderSize);
  std::vector<std::byte> message;
  message.reserve(kSignatureContext.size() + header.size() + table_hash.size() + meta_hash.size());
  auto append = [&](std::span<const std::byte> part) {
    message.insert(message.end(), part.begin(), part.end());
  };
  append(std::as_bytes(std::span(kSignatureContext.data(), kSignatureContext.size())));
  std::size_t header_start = message.size();
  append(header);
  std::fill_n(message.begin() + static_cast<std::ptrdiff_t>(header_start + kSignatureOffset),
              sizeof(FileHeader::signature), std::byte{0});
  append(std::as_bytes(std::span(table_hash)));
  append(std::as_bytes(std::span(meta_hash)));
  return message;
}

bool verify_signature(std::span<const std::byte> message, const Signature& signature,
                      const PublicKey& public_key) {
  ensure_crypto_ready();
  return crypto_sign_verify_detached(signature.data(),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), public_key.data()) == 0;
}

}  // namespace trialxr::bundle
