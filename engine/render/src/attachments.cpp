#include "attachments.h"

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
  depth = Image(device, {.format = device.depth_stencil_format(),
                         .extent = {k.width, k.height},
                         .layers = k.layers,
                         .samples = k.samples,
                         .usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT,
                         .aspect = VK_IMAGE_ASPECT_DEPTH_BIT | VK_IMAGE_ASPECT_STENCIL_BIT,
                         .transient = true});
}

}  // namespace trialxr::render
