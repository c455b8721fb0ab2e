#include "trialxr/core/hash.h"

#include <sodium.h>

#include <cstdlib>
#include <cstring>

#include "trialxr/core/check.h"

namespace trialxr {

static_assert(sizeof(crypto_generichash_state) <= 384, "Blake2b256 state buffer too small");

void ensure_crypto_ready() {
  static const bool ready = sodium_init() >= 0;
  TRIALXR_CHECK(ready);
}

namespace {
crypto_generichash_state* as_state(std::byte* p) {
  return reinterpret_cast<crypto_generichash_state*>(p);
}
}  // namespace

Blake2b256::Blake2b256() {
  ensure_crypto_ready();
  crypto_generichash_init(as_state(state_.data()), nullptr, 0, 32);
}

void Blake2b256::update(std::span<const std::byte> data) {
  crypto_generichash_update(as_state(state_.data()),
                            reinterpret_cast<const unsigned char*>(data.data()), data.size());
}

void Blake2b256::update(std::string_view text) {
  update(std::span<const std::byte>(reinterpret_cast<const std::byte*>(text.data()), text.size()));
}

Hash256 Blake2b256::finish() {
  Hash256 out{};
  crypto_generichash_final(as_state(state_.data()), out.data(), out.size());
  return out;
}

Hash256 blake2b_256(std::span<const std::byte> data) {
  Blake2b256 h;
  h.update(data);
  return h.finish();
}

Hash256 blake2b_256(std::string_view text) {
  Blake2b256 h;
  h.update(text);
  return h.finish();
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();
  return out;
}

}  // namespace trialxr
