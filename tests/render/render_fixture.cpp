#include "render_fixture.h"

#include <glm/gtc/matrix_transform.hpp>

namespace trialxr::testing {

render::View seated_view(float aspect, float eye_x) {
  render::View v;
  v.eye_position = glm::vec3(eye_x, kEyeHeight, 0.0f);
  v.view = glm::lookAtRH(v.eye_position, v.eye_position + glm::vec3(0, 0, -1), glm::vec3(0, 1, 0));
  v.projection = glm::perspectiveRH_ZO(glm::radians(60.0f), aspect, 0.05f, 50.0f);
  v.projection[1][1] *= -1.0f;  // Vulkan: y down in clip space
  return v;
}

render::FrameInput make_frame(std::uint32_t views, float aspect) {
  render::FrameInput f;
  if (views == 1) {
    f.views.push_back(seated_view(aspect));
  } else {
    f.views.push_back(seated_view(aspect, -kIpd / 2));
    f.views.push_back(seated_view(aspect, kIpd / 2));
  }
  return f;
}

glm::mat4 place(glm::vec3 position, glm::vec3 degrees, float scale) {
  glm::mat4 m = glm::translate(glm::mat4(1.0f), position);
  m = glm::rotate(m, glm::radians(degrees.y), glm::vec3(0, 1, 0));
  m = glm::rotate(m, glm::radians(degrees.x), glm::vec3(1, 0, 0));
  m = glm::rotate(m, glm::radians(degrees.z), glm::vec3(0, 0, 1));
  return glm::scale(m, glm::vec3(scale));
}

headless::HeadlessHost& RenderTest::host(const HostOptions& o) {
  if (!host_) {
    headless::HeadlessDesc desc;
    desc.width = o.width;
    desc.height = o.height;
    desc.views = o.views;
    desc.format = o.format;
    desc.renderer.device.validation = true;
    desc.renderer.device.synchronization_validation = true;
    desc.renderer.device.application_name = "trialxr render_test";
    desc.renderer.allow_multiview = o.allow_multiview;
    desc.renderer.msaa_samples = o.msaa_samples;
    auto host = headless::HeadlessHost::create(desc);
    if (!host) {
      ADD_FAILURE() << host.error().message;
      throw std::runtime_error(host.error().message);
    }
    host_ = std::move(*host);
    log_ = host_->renderer().validation_log();
  }
  return *host_;
}

void RenderTest::destroy_host() {
  host_.reset();
}

void RenderTest::TearDown() {
  destroy_host();
  if (!log_) return;
  std::string all;
  for (const std::string& m : log_->messages()) all += m + "\n";
  EXPECT_EQ(log_->count(), 0u) << "validation messages:\n" << all;
}

}  // namespace trialxr::testing
