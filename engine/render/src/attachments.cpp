#include "attachments.h"

#include "depth_target_plan.h"

namespace trialxr::render {

Attachments::Attachments(const Device& device, const AttachmentKey& k) : key(k) {
  if (k.samples != VK_SAMPLE_COUNT_1_BIT) {
    color = Image(device, {.format = k.color,
                           .extent = {k.width, k.height},
                           .layers = k.layers,
                           .samples = k.samples,
                           .usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT,
                           .transient = true});
  }
  if (k.depth != VK_FORMAT_UNDEFINED) {
    depth = Image(device, {.format = k.depth,
                           .extent = {k.width, k.height},
                           .layers = k.layers,
                           .samples = k.samples,
                           .usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT,
                           .aspect = depth_aspects(k.depth),
                           .transient = true});
  }
}

}  // namespace trialxr::render
