// GltfLoader: the driver and accessor reading with type checks.
#include "gltf_loader.h"

#include <algorithm>

#include "gltf_accessor.h"

namespace trialxr::compiler::detail {

Status GltfLoader::run() {
  if (auto s = nodes(); !s) return s;
  if (auto s = scene(); !s) return s;
  if (auto s = meshes(); !s) return s;
  if (auto s = materials(); !s) return s;
  if (auto s = textures(); !s) return s;
  if (auto s = skins(); !s) return s;
  return animations();
}

// Reads accessor `index` as floats with one of `types`; `what` says what it is for.
Result<std::vector<float>> GltfLoader::floats(int index, std::initializer_list<int> types,
                                              const std::string& what, int* type_out) {
  auto shape = detail::accessor_shape(gm_, index);
  if (!shape) return error(what + ": " + shape.error().message);
  if (std::find(types.begin(), types.end(), shape->type) == types.end()) {
    std::string want;
    for (int t : types) want += (want.empty() ? "" : " or ") + detail::type_name(t);
    return error(what + ": accessor " + std::to_string(index) + " is " +
                 detail::type_name(shape->type) + ", not " + want);
  }
  if (type_out != nullptr) *type_out = shape->type;
  auto values = read_accessor_floats(gm_, index);
  if (!values) return error(what + ": " + values.error().message);
  return values;
}

Result<std::vector<std::uint32_t>> GltfLoader::uints(int index, int type, const std::string& what) {
  auto shape = detail::accessor_shape(gm_, index);
  if (!shape) return error(what + ": " + shape.error().message);
  if (shape->type != type)
    return error(what + ": accessor " + std::to_string(index) + " is " +
                 detail::type_name(shape->type) + ", not " + detail::type_name(type));
  auto values = read_accessor_uints(gm_, index);
  if (!values) return error(what + ": " + values.error().message);
  return values;
}

}  // namespace trialxr::compiler::detail
