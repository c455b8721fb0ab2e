// Byte-level helpers shared by the record scanner and writer (private to the module).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "trialxr/core/hash.h"
#include "trialxr/records/record_file.h"

namespace trialxr::records::detail {

inline constexpr std::array<char, 4> kFileMagic = {'T', 'X', 'R', 'H'};
inline constexpr std::array<char, 4> kRecordMagic = {'T', 'X', 'R', 'R'};

template <class T>
T load_le(std::span<const std::byte> bytes, std::size_t at) {
  T value = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i)
    value |= static_cast<T>(static_cast<T>(bytes[at + i]) << (8 * i));
  return value;
}

template <class T>
void store_le(std::vector<std::byte>& out, T value) {
  for (std::size_t i = 0; i < sizeof(T); ++i)
    out.push_back(static_cast<std::byte>(value >> (8 * i)));
}

inline void append_bytes(std::vector<std::byte>& out, std::span<const std::byte> bytes) {
  out.insert(out.end(), bytes.begin(), bytes.end());
}

inline bool has_magic(std::span<const std::byte> bytes, std::size_t at,
                      const std::array<char, 4>& magic) {
  return bytes.size() >= at + 4 && std::memcmp(bytes.data() + at, magic.data(), 4) == 0;
}

// The 72-byte file header for a study key.
std::vector<std::byte> file_header(const StudyPublicKey& key);

}  // namespace trialxr::records::detail
