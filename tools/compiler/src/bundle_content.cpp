#include "trialxr/compiler/bundle_content.h"

#include "trialxr/core/check.h"

namespace trialxr::compiler {

bundle::StrRef StringPool::intern(std::string_view text) {
  if (auto it = index_.find(text); it != index_.end()) return it->second;
  TRIALXR_CHECK(bytes_.size() + text.size() < bundle::kNone);
  bundle::StrRef ref{static_cast<std::uint32_t>(bytes_.size()),
                     static_cast<std::uint32_t>(text.size())};
  bytes_.append(text);
  index_.emplace(std::string(text), ref);
  return ref;
}

std::uint64_t BlobBuilder::append(std::span<const std::byte> data, std::uint32_t alignment) {
  TRIALXR_CHECK(alignment > 0 && (alignment & (alignment - 1)) == 0);
  std::size_t offset = (bytes_.size() + alignment - 1) & ~(std::size_t{alignment} - 1);
  bytes_.resize(offset, std::byte{0});
  bytes_.insert(bytes_.end(), data.begin(), data.end());
  return offset;
}

std::uint32_t BundleContent::append_floats(std::span<const float> values) {
  TRIALXR_CHECK(floats.size() + values.size() < bundle::kNone);
  auto first = static_cast<std::uint32_t>(floats.size());
  floats.insert(floats.end(), values.begin(), values.end());
  return first;
}

}  // namespace trialxr::compiler
