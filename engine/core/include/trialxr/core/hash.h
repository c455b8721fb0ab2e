// BLAKE2b-256 hashing (libsodium's crypto_generichash) and hex helpers.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace trialxr {

using Hash256 = std::array<std::uint8_t, 32>;

// Initialises libsodium once; safe to call from anywhere, any number of times.
void ensure_crypto_ready();

Hash256 blake2b_256(std::span<const std::byte> data);
Hash256 blake2b_256(std::string_view text);

// Incremental hashing over several pieces.
class Blake2b256 {
 public:
  Blake2b256();
  void update(std::span<const std::byte> data);
  void update(std::string_view text);
  Hash256 finish();

 private:
  alignas(64) std::array<std::byte, 384> state_{};
};

std::string to_hex(std::span<const std::uint8_t> bytes);

template <std::size_t N>
std::string to_hex(const std::array<std::uint8_t, N>& bytes) {
  return to_hex(std::span<const std::uint8_t>(bytes.data(), N));
}

}  // namespace trialxr
