// Bundle writer: BundleContent -> the bytes of a .trxb file (engine/bundle/format.h,
// docs/bundle-format.md).
//
// Output is deterministic: the same content and key give the same bytes (no
// timestamps, sections in a fixed order, zstd single-threaded at a fixed level,
// ed25519 signatures are deterministic). The writer fills MetaRecord::signer_key_id
// itself (the key id, or empty when unsigned), whatever the content holds there.
//
// Before returning, the writer opens its own output with the validating reader, so a
// bundle it hands out always passes the player's checks; content that breaks a rule
// (an out-of-range index from an importer, say) comes back as an error naming the
// section and record rather than as a bundle the player would refuse.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "trialxr/compiler/bundle_content.h"
#include "trialxr/core/result.h"

namespace trialxr::compiler {

struct SigningKey;

// zstd level for TEXB, F32S and STRS; part of the determinism contract.
inline constexpr int kBundleZstdLevel = 9;

// Signs with `key` when it is not null. `name` prefixes error messages.
Result<std::vector<std::byte>> write_bundle(const BundleContent& content,
                                            const SigningKey* key = nullptr,
                                            const std::string& name = "<memory>");

// write_bundle, then write_file_atomic(path, bytes, 0644).
Status write_bundle_file(const std::string& path, const BundleContent& content,
                         const SigningKey* key = nullptr);

}  // namespace trialxr::compiler
