// Result<T>: the return type of every operation that can fail because of what a
// user gave us (a script, an asset, a bundle). The error carries one human message
// that already names the file and place. Programming errors use TRIALXR_CHECK.
#pragma once

#include <string>
#include <tl/expected.hpp>
#include <utility>

namespace trialxr {

struct Error {
  std::string message;
};

template <class T>
using Result = tl::expected<T, Error>;

using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> fail(std::string message) {
  return tl::unexpected<Error>(Error{std::move(message)});
}

}  // namespace trialxr
