#include "trialxr/headless/headless_host.h"

#include "trialxr/core/check.h"

namespace trialxr::headless {

Result<std::unique_ptr<HeadlessHost>> HeadlessHost::create(const HeadlessDesc& desc) {
  if (desc.views != 1 && desc.views != 2) return fail("a headless host renders 1 or 2 views");
  auto renderer = render::Renderer::create(desc.renderer);
  if (!renderer) return fail(renderer.error().message);
  std::unique_ptr<HeadlessHost> host(new HeadlessHost());
  host->renderer_ = std::move(*renderer);
  auto target = OffscreenTarget::create(host->renderer_->device(),
                                        {desc.width, desc.height, desc.views, desc.format});
  if (!target) return fail(target.error().message);
  if (!host->renderer_->supports_target_format(desc.format)) {
    return fail("unsupported offscreen format: the renderer cannot draw into it on this device");
  }
  host->target_ = std::make_unique<OffscreenTarget>(std::move(*target));
  return host;
}

HeadlessHost::~HeadlessHost() {
  if (renderer_) renderer_->wait_idle();
  target_.reset();
}

Result<RgbaImage> HeadlessHost::render(const render::FrameInput& input) {
  const render::RenderTarget target = target_->target();
  TRIALXR_CHECK(input.views.size() == target.layer_count);
  if (auto s = renderer_->render(target, input); !s) return fail(s.error().message);
  return target_->read_back(renderer_->device());
}

}  // namespace trialxr::headless
