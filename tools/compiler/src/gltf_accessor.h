// Reading glTF accessors (strided, sparse, quantized) into flat arrays, with bounds
// checks. Private to the importer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tinygltf_wrap.h"
#include "trialxr/core/result.h"

namespace trialxr::compiler::detail {

// Components per element of a TINYGLTF_TYPE_*; 0 when unknown.
std::uint32_t accessor_components(int type);

// Accessor `index` as count * components floats, in order. Integer components are
// decoded as glTF says: normalized ones to [0, 1] or [-1, 1] (KHR_mesh_quantization),
// others to their integer value. Sparse accessors and accessors without a buffer view
// (zeros) are handled. Errors describe the accessor; the caller adds the file and what
// the accessor was for.
Result<std::vector<float>> read_accessor_floats(const tinygltf::Model& model, int index);

// The same for unsigned integer accessors (indices, joints): UNSIGNED_BYTE, UNSIGNED_SHORT
// or UNSIGNED_INT components only.
Result<std::vector<std::uint32_t>> read_accessor_uints(const tinygltf::Model& model, int index);

// The accessor's element count and TINYGLTF_TYPE_*, or an error if `index` is invalid.
struct AccessorShape {
  std::size_t count = 0;
  int type = 0;
  int component_type = 0;
  bool normalized = false;
};
Result<AccessorShape> accessor_shape(const tinygltf::Model& model, int index);

// "SCALAR", "VEC3", ... for messages.
std::string type_name(int type);

}  // namespace trialxr::compiler::detail
