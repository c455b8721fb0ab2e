#include "skin_texture.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include <glm/glm.hpp>

#include "noise.h"

namespace trialxr::modelgen {

namespace {

// The palette's "skin" (#E0AC8A), sRGB.
constexpr float kSkinR = 224.0f / 255.0f;
constexpr float kSkinG = 172.0f / 255.0f;
constexpr float kSkinB = 138.0f / 255.0f;

std::uint8_t to_byte(float value) {
  return static_cast<std::uint8_t>(std::lround(std::clamp(value, 0.0f, 1.0f) * 255.0f));
}

// Bump height in [0, 1): broad undulation plus fine pores.
float skin_height(float u, float v, std::uint32_t seed) {
  return 0.7f * fractal_noise(u, v, 8, 3, seed + 300u) +
         0.3f * fractal_noise(u, v, 32, 1, seed + 400u);
}

}  // namespace

SkinTextures make_skin_textures(int size, std::uint32_t seed) {
  SkinTextures out;
  out.base_color = {size, size, 3, {}};
  out.normal = {size, size, 3, {}};
  const auto pixels = static_cast<std::size_t>(size) * static_cast<std::size_t>(size);
  out.base_color.pixels.reserve(pixels * 3);
  out.normal.pixels.reserve(pixels * 3);

  const float texel = 1.0f / static_cast<float>(size);
  std::vector<float> height(pixels);
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const float u = (static_cast<float>(x) + 0.5f) * texel;
      const float v = (static_cast<float>(y) + 0.5f) * texel;
      const float tone = fractal_noise(u, v, 4, 4, seed) - 0.5f;             // broad shading
      const float blotch = fractal_noise(u, v, 8, 3, seed + 100u) - 0.5f;    // redness
      const float freckle = fractal_noise(u, v, 32, 2, seed + 200u) - 0.5f;  // fine mottling
      const float brightness = 1.0f + 0.10f * tone + 0.03f * freckle;
      const float redness = 0.05f * blotch;
      out.base_color.pixels.push_back(to_byte(kSkinR * brightness + 0.5f * redness));
      out.base_color.pixels.push_back(to_byte(kSkinG * brightness - redness));
      out.base_color.pixels.push_back(to_byte(kSkinB * brightness - 0.5f * redness));
      height[static_cast<std::size_t>(y * size + x)] = skin_height(u, v, seed);
    }
  }

  // Normals from central differences of the height, wrapping at the edges (the texture
  // tiles). Image rows run down, so "up" (+Y) is towards smaller y.
  constexpr float kBumpStrength = 3.0f;
  auto h = [&](int x, int y) {
    const int wx = (x + size) % size;
    const int wy = (y + size) % size;
    return height[static_cast<std::size_t>(wy * size + wx)];
  };
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const float dx = 0.5f * (h(x + 1, y) - h(x - 1, y));
      const float dy_down = 0.5f * (h(x, y + 1) - h(x, y - 1));
      const glm::vec3 n =
          glm::normalize(glm::vec3(-dx * kBumpStrength, dy_down * kBumpStrength, 1.0f));
      out.normal.pixels.push_back(to_byte(0.5f + 0.5f * n.x));
      out.normal.pixels.push_back(to_byte(0.5f + 0.5f * n.y));
      out.normal.pixels.push_back(to_byte(0.5f + 0.5f * n.z));
    }
  }
  return out;
}

}  // namespace trialxr::modelgen
