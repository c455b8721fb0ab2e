#include "gltf_accessor.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace trialxr::compiler::detail {

namespace {

// More elements than any model we can place; keeps size arithmetic far from overflow.
constexpr std::size_t kMaxElements = std::size_t{1} << 28;

std::uint32_t component_size(int component_type) {
  switch (component_type) {
    case TINYGLTF_COMPONENT_TYPE_BYTE:
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE:
      return 1;
    case TINYGLTF_COMPONENT_TYPE_SHORT:
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT:
      return 2;
    case TINYGLTF_COMPONENT_TYPE_INT:
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT:
    case TINYGLTF_COMPONENT_TYPE_FLOAT:
      return 4;
    default:
      return 0;
  }
}

template <class T>
T load(const unsigned char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

float decode_float(const unsigned char* p, int component_type, bool normalized) {
  switch (component_type) {
    case TINYGLTF_COMPONENT_TYPE_BYTE: {
      const auto v = static_cast<float>(load<std::int8_t>(p));
      return normalized ? std::max(v / 127.0f, -1.0f) : v;
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: {
      const auto v = static_cast<float>(load<std::uint8_t>(p));
      return normalized ? v / 255.0f : v;
    }
    case TINYGLTF_COMPONENT_TYPE_SHORT: {
      const auto v = static_cast<float>(load<std::int16_t>(p));
      return normalized ? std::max(v / 32767.0f, -1.0f) : v;
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: {
      const auto v = static_cast<float>(load<std::uint16_t>(p));
      return normalized ? v / 65535.0f : v;
    }
    case TINYGLTF_COMPONENT_TYPE_INT:
      return static_cast<float>(load<std::int32_t>(p));
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT:
      return static_cast<float>(load<std::uint32_t>(p));
    default:
      return load<float>(p);
  }
}

std::uint32_t decode_uint(const unsigned char* p, int component_type) {
  switch (component_type) {
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE:
      return load<std::uint8_t>(p);
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT:
      return load<std::uint16_t>(p);
    default:
      return load<std::uint32_t>(p);
  }
}

// A checked view of `count` elements of `element_size` bytes, `stride` apart.
struct Span {
  const unsigned char* data = nullptr;  // nullptr: all zeros
  std::size_t stride = 0;
};

Result<Span> view_elements(const tinygltf::Model& model, int buffer_view, std::size_t offset,
                           std::size_t count, std::size_t element_size, bool strided,
                           const std::string& what) {
  if (buffer_view < 0 || static_cast<std::size_t>(buffer_view) >= model.bufferViews.size())
    return fail(what + " refers to buffer view " + std::to_string(buffer_view) +
                ", which does not exist");
  const tinygltf::BufferView& bv = model.bufferViews[static_cast<std::size_t>(buffer_view)];
  if (bv.buffer < 0 || static_cast<std::size_t>(bv.buffer) >= model.buffers.size())
    return fail("buffer view " + std::to_string(buffer_view) + " refers to buffer " +
                std::to_string(bv.buffer) + ", which does not exist");
  const tinygltf::Buffer& buffer = model.buffers[static_cast<std::size_t>(bv.buffer)];
  if (bv.byteOffset > buffer.data.size() || bv.byteLength > buffer.data.size() - bv.byteOffset)
    return fail("buffer view " + std::to_string(buffer_view) + " lies outside buffer " +
                std::to_string(bv.buffer) + " (" + std::to_string(buffer.data.size()) + " bytes)");
  std::size_t stride = element_size;
  if (strided && bv.byteStride != 0) {
    if (bv.byteStride < element_size)
      return fail("buffer view " + std::to_string(buffer_view) + " has a byte stride of " +
                  std::to_string(bv.byteStride) + ", less than the " +
                  std::to_string(element_size) + "-byte elements of " + what);
    stride = bv.byteStride;
  }
  if (count > 0) {
    const std::size_t needed = offset + stride * (count - 1) + element_size;
    if (offset > bv.byteLength || needed > bv.byteLength)
      return fail(what + " reads past the end of buffer view " + std::to_string(buffer_view) +
                  " (needs " + std::to_string(needed) + " bytes, the view has " +
                  std::to_string(bv.byteLength) + ")");
  }
  return Span{buffer.data.data() + bv.byteOffset + offset, stride};
}

// Decodes every component of accessor `index` with `decode(ptr, component_type)` into `out`.
template <class T, class Decode>
Result<std::vector<T>> read_accessor(const tinygltf::Model& model, int index, Decode decode) {
  auto shape = accessor_shape(model, index);
  if (!shape) return fail(shape.error().message);
  const tinygltf::Accessor& acc = model.accessors[static_cast<std::size_t>(index)];
  const std::string what = "accessor " + std::to_string(index);
  const std::uint32_t comps = accessor_components(acc.type);
  const std::uint32_t csize = component_size(acc.componentType);
  const std::size_t element = std::size_t{comps} * csize;
  std::vector<T> out(acc.count * comps, T{});
  if (acc.bufferView >= 0) {
    auto span =
        view_elements(model, acc.bufferView, acc.byteOffset, acc.count, element, true, what);
    if (!span) return fail(span.error().message);
    for (std::size_t i = 0; i < acc.count; ++i) {
      const unsigned char* e = span->data + i * span->stride;
      for (std::uint32_t c = 0; c < comps; ++c) out[i * comps + c] = decode(e + c * csize);
    }
  }
  if (acc.sparse.isSparse) {
    const auto& sp = acc.sparse;
    if (sp.count < 0 || static_cast<std::size_t>(sp.count) > acc.count)
      return fail(what + " has " + std::to_string(sp.count) + " sparse values for " +
                  std::to_string(acc.count) + " elements");
    const auto n = static_cast<std::size_t>(sp.count);
    const std::uint32_t isize = component_size(sp.indices.componentType);
    if (sp.indices.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE &&
        sp.indices.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT &&
        sp.indices.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT)
      return fail(what + " has sparse indices of an unsupported component type");
    auto ispan = view_elements(model, sp.indices.bufferView,
                               static_cast<std::size_t>(std::max(0, sp.indices.byteOffset)), n,
                               isize, false, what + " (sparse indices)");
    if (!ispan) return fail(ispan.error().message);
    auto vspan = view_elements(model, sp.values.bufferView,
                               static_cast<std::size_t>(std::max(0, sp.values.byteOffset)), n,
                               element, false, what + " (sparse values)");
    if (!vspan) return fail(vspan.error().message);
    for (std::size_t k = 0; k < n; ++k) {
      const std::uint32_t target = decode_uint(ispan->data + k * isize, sp.indices.componentType);
      if (target >= acc.count)
        return fail(what + " has a sparse index " + std::to_string(target) + " past its " +
                    std::to_string(acc.count) + " elements");
      const unsigned char* e = vspan->data + k * element;
      for (std::uint32_t c = 0; c < comps; ++c)
        out[std::size_t{target} * comps + c] = decode(e + c * csize);
    }
  }
  return out;
}

}  // namespace

std::uint32_t accessor_components(int type) {
  switch (type) {
    case TINYGLTF_TYPE_SCALAR:
      return 1;
    case TINYGLTF_TYPE_VEC2:
      return 2;
    case TINYGLTF_TYPE_VEC3:
      return 3;
    case TINYGLTF_TYPE_VEC4:
    case TINYGLTF_TYPE_MAT2:
      return 4;
    case TINYGLTF_TYPE_MAT3:
      return 9;
    case TINYGLTF_TYPE_MAT4:
      return 16;
    default:
      return 0;
  }
}

std::string type_name(int type) {
  switch (type) {
    case TINYGLTF_TYPE_SCALAR:
      return "SCALAR";
    case TINYGLTF_TYPE_VEC2:
      return "VEC2";
    case TINYGLTF_TYPE_VEC3:
      return "VEC3";
    case TINYGLTF_TYPE_VEC4:
      return "VEC4";
    case TINYGLTF_TYPE_MAT2:
      return "MAT2";
    case TINYGLTF_TYPE_MAT3:
      return "MAT3";
    case TINYGLTF_TYPE_MAT4:
      return "MAT4";
    default:
      return "an unknown type";
  }
}

Result<AccessorShape> accessor_shape(const tinygltf::Model& model, int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= model.accessors.size())
    return fail("accessor " + std::to_string(index) + " does not exist");
  const tinygltf::Accessor& acc = model.accessors[static_cast<std::size_t>(index)];
  const std::string what = "accessor " + std::to_string(index);
  if (accessor_components(acc.type) == 0) return fail(what + " has an unknown type");
  if (component_size(acc.componentType) == 0)
    return fail(what + " has an unknown component type " + std::to_string(acc.componentType));
  if (acc.count > kMaxElements)
    return fail(what + " has " + std::to_string(acc.count) + " elements, too many");
  if ((acc.type == TINYGLTF_TYPE_MAT2 || acc.type == TINYGLTF_TYPE_MAT3) &&
      component_size(acc.componentType) < 4)
    return fail(what + " is a " + type_name(acc.type) +
                " of 8- or 16-bit components, which is not supported");
  return AccessorShape{acc.count, acc.type, acc.componentType, acc.normalized};
}

Result<std::vector<float>> read_accessor_floats(const tinygltf::Model& model, int index) {
  if (index >= 0 && static_cast<std::size_t>(index) < model.accessors.size()) {
    const tinygltf::Accessor& acc = model.accessors[static_cast<std::size_t>(index)];
    const int ct = acc.componentType;
    const bool normalized = acc.normalized;
    return read_accessor<float>(model, index, [ct, normalized](const unsigned char* p) {
      return decode_float(p, ct, normalized);
    });
  }
  return fail("accessor " + std::to_string(index) + " does not exist");
}

Result<std::vector<std::uint32_t>> read_accessor_uints(const tinygltf::Model& model, int index) {
  auto shape = accessor_shape(model, index);
  if (!shape) return fail(shape.error().message);
  const int ct = shape->component_type;
  if (ct != TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE && ct != TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT &&
      ct != TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT)
    return fail("accessor " + std::to_string(index) +
                " must hold unsigned integers (UNSIGNED_BYTE, UNSIGNED_SHORT or UNSIGNED_INT)");
  return read_accessor<std::uint32_t>(model, index,
                                      [ct](const unsigned char* p) { return decode_uint(p, ct); });
}

}  // namespace trialxr::compiler::detail
