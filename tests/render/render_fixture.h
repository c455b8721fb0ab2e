// Shared pieces of the renderer tests: the seated camera, a headless host with the
// validation layer on, and a fixture that fails any test that produced a validation
// message (counted after the host — renderer, device, instance — is destroyed, so leak
// reports count too).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <glm/glm.hpp>
#include <memory>
#include <vector>

#include "trialxr/headless/headless_host.h"
#include "trialxr/render/frame_input.h"

namespace trialxr::testing {

inline constexpr std::uint32_t kWidth = 256;
inline constexpr std::uint32_t kHeight = 192;
inline constexpr float kEyeHeight = 1.2f;
inline constexpr float kIpd = 0.064f;

// A seated viewer: eye at (x, 1.2, 0) looking down -Z, 60 degrees vertical field of view,
// Vulkan clip conventions.
render::View seated_view(float aspect, float eye_x = 0.0f);

// One view, or two eyes kIpd apart.
render::FrameInput make_frame(std::uint32_t views = 1,
                              float aspect = float(kWidth) / float(kHeight));

// translate * rotate (Y, then X, then Z; degrees) * scale
glm::mat4 place(glm::vec3 position, glm::vec3 degrees = glm::vec3(0.0f), float scale = 1.0f);

struct HostOptions {
  std::uint32_t views = 1;
  std::uint32_t width = kWidth;
  std::uint32_t height = kHeight;
  VkFormat format = VK_FORMAT_R8G8B8A8_SRGB;
  bool allow_multiview = true;
  std::uint32_t msaa_samples = 4;
};

class RenderTest : public ::testing::Test {
 protected:
  // Creates the host on first use (the test fails if that fails).
  headless::HeadlessHost& host(const HostOptions& options = {});
  // Destroys the host and checks that the validation log is empty.
  void TearDown() override;
  void destroy_host();

  std::unique_ptr<headless::HeadlessHost> host_;
  std::shared_ptr<const render::ValidationLog> log_;
};

}  // namespace trialxr::testing
