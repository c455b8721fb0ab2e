// The arm's skin textures: a subtle, tileable skin-colour noise (sRGB base colour) and a
// matching tangent-space normal map, both generated from a fixed seed.
#pragma once

#include <cstdint>

#include "png_encode.h"

namespace trialxr::modelgen {

struct SkinTextures {
  Image8 base_color;  // RGB, sRGB-encoded
  Image8 normal;      // RGB, glTF tangent space (+X right, +Y up in the image)
};

SkinTextures make_skin_textures(int size, std::uint32_t seed);

}  // namespace trialxr::modelgen
