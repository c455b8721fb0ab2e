#include "trialxr/compiler/image_import.h"

#include <gtest/gtest.h>
#include <stb/stb_image_write.h>

#include "gltf_fixture.h"
#include "temp_dir.h"

namespace trialxr::compiler {
namespace {

using testing::TempDir;

std::string as_text(const std::vector<std::uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

ImageAsset make_image(std::uint32_t w, std::uint32_t h, std::vector<std::uint8_t> rgba) {
  ImageAsset image;
  image.path = "test";
  image.width = w;
  image.height = h;
  image.rgba = std::move(rgba);
  return image;
}

TEST(ImageImport, PngRoundTrip) {
  TempDir dir;
  std::vector<std::uint8_t> rgba;
  for (int i = 0; i < 3 * 2; ++i)
    rgba.insert(rgba.end(),
                {static_cast<std::uint8_t>(i * 40), 7, 200, static_cast<std::uint8_t>(255 - i)});
  const std::string path = dir.write("pic.png", as_text(testing::encode_png(rgba, 3, 2)));
  auto image = load_image(path);
  ASSERT_TRUE(image) << image.error().message;
  EXPECT_EQ(image->width, 3u);
  EXPECT_EQ(image->height, 2u);
  EXPECT_EQ(image->rgba, rgba);
  EXPECT_TRUE(image->has_alpha());
  EXPECT_EQ(image->path, path);
}

TEST(ImageImport, JpegIsDecodedToRgba) {
  TempDir dir;
  std::vector<std::uint8_t> rgb(16 * 8 * 3, 128);
  const std::string path = dir.file("photo.jpg");
  ASSERT_NE(stbi_write_jpg(path.c_str(), 16, 8, 3, rgb.data(), 90), 0);
  auto image = load_image(path);
  ASSERT_TRUE(image) << image.error().message;
  EXPECT_EQ(image->width, 16u);
  EXPECT_EQ(image->height, 8u);
  ASSERT_EQ(image->rgba.size(), 16u * 8u * 4u);
  EXPECT_NEAR(image->rgba[0], 128, 3);
  EXPECT_EQ(image->rgba[3], 255);
  EXPECT_FALSE(image->has_alpha());
}

TEST(ImageImport, ErrorsNameTheFile) {
  TempDir dir;
  auto missing = load_image(dir.file("nope.png"));
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("nope.png"), std::string::npos);

  auto text = load_image(dir.write("notes.png", "hello, not an image"));
  ASSERT_FALSE(text);
  EXPECT_NE(text.error().message.find("notes.png"), std::string::npos);
  EXPECT_NE(text.error().message.find("not a PNG or JPEG"), std::string::npos);

  std::vector<std::uint8_t> png = testing::encode_png(testing::checker_2x2(), 2, 2);
  png.resize(png.size() / 2);  // truncated: a PNG signature, then garbage
  auto broken = load_image(dir.write("broken.png", as_text(png)));
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("broken.png"), std::string::npos);
  EXPECT_NE(broken.error().message.find("cannot decode PNG"), std::string::npos)
      << broken.error().message;
}

TEST(Mips, CountAndExtents) {
  EXPECT_EQ(mip_count(1, 1), 1u);
  EXPECT_EQ(mip_count(2, 2), 2u);
  EXPECT_EQ(mip_count(256, 16), 9u);
  EXPECT_EQ(mip_count(5, 3), 3u);
  EXPECT_EQ(mip_extent(5, 1), 2u);
  EXPECT_EQ(mip_extent(5, 2), 1u);
  EXPECT_EQ(mip_extent(16, 7), 1u);
}

TEST(Mips, SrgbCheckerAveragesInLinearLight) {
  const ImageAsset checker = make_image(2, 2, testing::checker_2x2());
  const auto chain = build_mip_chain(checker, bundle::TextureFormat::rgba8_srgb);
  ASSERT_EQ(chain.size(), 16u + 4u);
  // Linear average of 0 and 1 is 0.5, which is sRGB 0.7354 -> 188 (not 128).
  for (std::size_t k = 0; k < 3; ++k) EXPECT_EQ(chain[16 + k], 188) << "channel " << k;
  EXPECT_EQ(chain[19], 255);
  EXPECT_EQ(linear_to_srgb8(0.5f), 188);
  EXPECT_EQ(linear_to_srgb8(srgb8_to_linear(77)), 77);
}

TEST(Mips, DataTexturesAverageRawValues) {
  const ImageAsset checker = make_image(2, 2, testing::checker_2x2());
  const auto chain = build_mip_chain(checker, bundle::TextureFormat::rgba8_unorm);
  ASSERT_EQ(chain.size(), 20u);
  for (std::size_t k = 0; k < 3; ++k) EXPECT_EQ(chain[16 + k], 128);  // 127.5 rounded
}

TEST(Mips, TransparentTexelsDoNotDarkenColour) {
  // Opaque red next to transparent black: the colour stays red, alpha halves.
  const ImageAsset image = make_image(2, 1, {255, 0, 0, 255, 0, 0, 0, 0});
  const auto chain = build_mip_chain(image, bundle::TextureFormat::rgba8_srgb);
  ASSERT_EQ(chain.size(), 8u + 4u);
  EXPECT_GE(chain[8], 254);
  EXPECT_EQ(chain[9], 0);
  EXPECT_EQ(chain[11], 128);
  // Fully transparent: a plain average, not black.
  const ImageAsset clear = make_image(2, 1, {255, 255, 255, 0, 255, 255, 255, 0});
  const auto clear_chain = build_mip_chain(clear, bundle::TextureFormat::rgba8_srgb);
  EXPECT_EQ(clear_chain[8], 255);
  EXPECT_EQ(clear_chain[11], 0);
}

TEST(Mips, OddSizesUseAreaWeights) {
  // 3x1: values 0, 90, 180 (unorm). 3 -> 1 covers all three equally.
  const ImageAsset image = make_image(3, 1, {0, 0, 0, 255, 90, 90, 90, 255, 180, 180, 180, 255});
  const auto chain = build_mip_chain(image, bundle::TextureFormat::rgba8_unorm);
  ASSERT_EQ(chain.size(), 12u + 4u);
  EXPECT_EQ(chain[12], 90);
  // 5x3 -> 2x1 -> 1x1.
  const ImageAsset big = make_image(5, 3, std::vector<std::uint8_t>(5 * 3 * 4, 60));
  const auto big_chain = build_mip_chain(big, bundle::TextureFormat::rgba8_srgb);
  EXPECT_EQ(big_chain.size(), (15u + 2u + 1u) * 4u);
  for (std::uint8_t v : big_chain) EXPECT_EQ(v, 60);
}

TEST(Textures, AppendWritesRecordAndTexels) {
  BundleContent content;
  content.texels.append(std::as_bytes(std::span<const char>("abc", 3)), 1);
  const ImageAsset image = make_image(4, 2, std::vector<std::uint8_t>(4 * 2 * 4, 9));
  SamplerDesc sampler;
  sampler.mag_filter = bundle::Filter::nearest;
  sampler.wrap_t = bundle::Wrap::mirror;
  const std::uint32_t t =
      append_texture(image, bundle::TextureFormat::rgba8_unorm, sampler, "tex", content);
  const bundle::TextureRecord& rec = content.textures[t];
  EXPECT_EQ(rec.width, 4u);
  EXPECT_EQ(rec.height, 2u);
  EXPECT_EQ(rec.mip_count, 3u);
  EXPECT_EQ(rec.offset % 16, 0u);
  EXPECT_EQ(rec.size, (8u + 2u + 1u) * 4u);
  EXPECT_EQ(rec.format, bundle::TextureFormat::rgba8_unorm);
  EXPECT_EQ(rec.mag_filter, bundle::Filter::nearest);
  EXPECT_EQ(rec.min_filter, bundle::Filter::linear);
  EXPECT_EQ(rec.wrap_s, bundle::Wrap::repeat);
  EXPECT_EQ(rec.wrap_t, bundle::Wrap::mirror);
  EXPECT_EQ(content.texels.bytes().size(), rec.offset + rec.size);
  EXPECT_EQ(content.strings.view(rec.name), "tex");
}

}  // namespace
}  // namespace trialxr::compiler
