#include "image_compare.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "temp_dir.h"

namespace trialxr::testing {

std::string CompareResult::describe() const {
  if (!same_size) return "sizes differ";
  return fmt::format("{} pixels differ ({:.3f}%), mean channel error {:.3f}, max {}",
                     differing_pixels, differing_fraction * 100.0, mean_error, max_error);
}

CompareResult compare_images(const headless::RgbaImage& a, const headless::RgbaImage& e,
                             int threshold) {
  CompareResult r;
  r.same_size = a.width == e.width && a.height == e.height && a.pixels.size() == e.pixels.size();
  if (!r.same_size || a.pixels.empty()) return r;
  std::uint64_t total_error = 0;
  for (std::size_t i = 0; i < a.pixels.size(); i += 4) {
    int worst = 0;
    for (std::size_t c = 0; c < 4; ++c) {
      const int d = std::abs(int{a.pixels[i + c]} - int{e.pixels[i + c]});
      worst = std::max(worst, d);
      total_error += static_cast<std::uint64_t>(d);
    }
    r.max_error = std::max(r.max_error, worst);
    if (worst > threshold) ++r.differing_pixels;
  }
  const double pixels = static_cast<double>(a.pixels.size() / 4);
  r.differing_fraction = static_cast<double>(r.differing_pixels) / pixels;
  r.mean_error = static_cast<double>(total_error) / static_cast<double>(a.pixels.size());
  return r;
}

headless::RgbaImage difference_image(const headless::RgbaImage& a, const headless::RgbaImage& e,
                                     int threshold) {
  headless::RgbaImage d = e;
  if (a.pixels.size() != e.pixels.size()) return a;
  for (std::size_t i = 0; i < a.pixels.size(); i += 4) {
    int worst = 0;
    for (std::size_t c = 0; c < 4; ++c) {
      worst = std::max(worst, std::abs(int{a.pixels[i + c]} - int{e.pixels[i + c]}));
    }
    const int grey = (e.pixels[i] + e.pixels[i + 1] + e.pixels[i + 2]) / 12;
    if (worst > threshold) {
      d.pixels[i] = static_cast<std::uint8_t>(std::min(255, 128 + worst));
      d.pixels[i + 1] = d.pixels[i + 2] = 0;
    } else {
      d.pixels[i] = d.pixels[i + 1] = d.pixels[i + 2] = static_cast<std::uint8_t>(grey);
    }
    d.pixels[i + 3] = 255;
  }
  return d;
}

std::string check_golden(const std::string& name, const headless::RgbaImage& actual,
                         const CompareOptions& options) {
  const std::filesystem::path golden = source_dir() / "tests/render/golden" / (name + ".png");
  auto expected = headless::read_png(golden.string());
  // Updating writes only the goldens that are missing or no longer match, so a
  // regeneration changes just the images that really changed.
  const char* update = std::getenv("TRIALXR_UPDATE_GOLDENS");
  if (update != nullptr && std::string(update) == "1") {
    if (expected && compare_images(actual, *expected, options.channel_threshold).matches(options))
      return {};
    std::filesystem::create_directories(golden.parent_path());
    if (auto s = headless::write_png(golden.string(), actual); !s) return s.error().message;
    return {};
  }
  if (!expected) {
    return fmt::format("{}\n(no golden yet? run tools/update-goldens.sh)",
                       expected.error().message);
  }
  const CompareResult r = compare_images(actual, *expected, options.channel_threshold);
  if (r.matches(options)) return {};

  const char* bin = std::getenv("TRIALXR_BIN_DIR");
  const std::filesystem::path dir =
      std::filesystem::path(bin != nullptr ? bin : ".") / "render-failures";
  std::filesystem::create_directories(dir);
  const std::string actual_path = (dir / (name + ".actual.png")).string();
  const std::string diff_path = (dir / (name + ".diff.png")).string();
  (void)headless::write_png(actual_path, actual);
  (void)headless::write_png(diff_path,
                            difference_image(actual, *expected, options.channel_threshold));
  return fmt::format("{} differs from its golden {}: {}\n  actual: {}\n  difference: {}", name,
                     golden.string(), r.describe(), actual_path, diff_path);
}

}  // namespace trialxr::testing
