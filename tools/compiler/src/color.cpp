#include "trialxr/compiler/color.h"

#include <cmath>
#include <cstdint>
#include <map>

namespace trialxr::compiler {

namespace {

// A small palette chosen for clinical scenes: calm, distinguishable, with skin tones.
const std::map<std::string, std::uint32_t, std::less<>>& palette() {
  static const std::map<std::string, std::uint32_t, std::less<>> colors = {
      {"white", 0xFFFFFF},     {"black", 0x111111},      {"grey", 0x9AA0A6},
      {"gray", 0x9AA0A6},      {"red", 0xD93025},        {"orange", 0xF29900},
      {"yellow", 0xFDD663},    {"green", 0x34A853},      {"teal", 0x129EAF},
      {"blue", 0x4285F4},      {"skyblue", 0x87CEEB},    {"navy", 0x1A3A6B},
      {"purple", 0x9334E6},    {"pink", 0xF28BB6},       {"brown", 0x8D5B3C},
      {"skin", 0xE0AC8A},      {"skin-light", 0xF1C9A5}, {"skin-medium", 0xC68E65},
      {"skin-dark", 0x8D5524}, {"steel", 0xB8C2CC},      {"glass", 0xD6EAF8},
      {"blood", 0x8A0303},     {"cream", 0xFFF8E7}};
  return colors;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::array<float, 4> from_srgb8(std::uint32_t rgb, float alpha) {
  auto channel = [&](int shift) {
    return srgb_to_linear(static_cast<float>((rgb >> shift) & 0xFF) / 255.0f);
  };
  return {channel(16), channel(8), channel(0), alpha};
}

}  // namespace

float srgb_to_linear(float c) {
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

std::optional<std::array<float, 4>> parse_color(std::string_view text) {
  if (auto it = palette().find(text); it != palette().end()) return from_srgb8(it->second, 1.0f);
  if (text.size() != 7 && text.size() != 9) return std::nullopt;
  if (text[0] != '#') return std::nullopt;
  std::uint32_t value = 0;
  for (std::size_t i = 1; i < text.size(); ++i) {
    int d = hex_digit(text[i]);
    if (d < 0) return std::nullopt;
    value = value << 4 | static_cast<std::uint32_t>(d);
  }
  if (text.size() == 7) return from_srgb8(value, 1.0f);
  return from_srgb8(value >> 8, static_cast<float>(value & 0xFF) / 255.0f);
}

const std::vector<std::string>& color_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [name, value] : palette()) out.push_back(name);
    return out;
  }();
  return names;
}

}  // namespace trialxr::compiler
