#include "scene_resources.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>

#include "trialxr/core/check.h"
#include "trialxr/render/vk_check.h"
#include "trialxr/render/vk_init.h"

namespace trialxr::render {
namespace {

using bundle::Attribute;

std::uint32_t word_offset(const bundle::StreamRef& s) {
  return s.size == 0 ? gpu::kNone : static_cast<std::uint32_t>(s.offset / 4);
}

std::uint32_t attr(const bundle::PrimitiveRecord& p, Attribute a) {
  return word_offset(p.attributes[static_cast<std::uint32_t>(a)]);
}

gpu::PrimitiveData primitive_data(const bundle::PrimitiveRecord& p) {
  return {{attr(p, Attribute::position), attr(p, Attribute::normal), attr(p, Attribute::tangent),
           attr(p, Attribute::texcoord0)},
          {attr(p, Attribute::texcoord1), attr(p, Attribute::color0), attr(p, Attribute::joints0),
           attr(p, Attribute::weights0)},
          {p.first_target, p.target_count, 0, 0}};
}

// The material for primitives without one: matte light grey, opaque, single-sided.
bundle::MaterialRecord default_material() {
  bundle::MaterialRecord m{};
  m.base_color[0] = m.base_color[1] = m.base_color[2] = 0.8f;
  m.base_color[3] = 1.0f;
  m.metallic = 0.0f;
  m.roughness = 0.7f;
  m.alpha_cutoff = 0.5f;
  m.alpha_mode = bundle::AlphaMode::opaque;
  for (bundle::TextureSlot* slot : {&m.base_color_texture, &m.metal_rough_texture,
                                    &m.normal_texture, &m.occlusion_texture, &m.emissive_texture}) {
    *slot = {bundle::kNone, 0, 1.0f};
  }
  return m;
}

std::array<const bundle::TextureSlot*, kMaterialTextures> slots(const bundle::MaterialRecord& m) {
  return {&m.base_color_texture, &m.metal_rough_texture, &m.normal_texture, &m.occlusion_texture,
          &m.emissive_texture};
}

gpu::MaterialData material_data(const bundle::MaterialRecord& m) {
  gpu::MaterialData d{};
  d.base_color = {m.base_color[0], m.base_color[1], m.base_color[2], m.base_color[3]};
  d.emissive = {m.emissive[0], m.emissive[1], m.emissive[2], m.alpha_cutoff};
  d.factors = {m.metallic, m.roughness, m.normal_texture.scale, m.occlusion_texture.scale};
  std::uint32_t uv_bits = 0;
  std::uint32_t texture_bits = 0;
  const auto s = slots(m);
  for (std::uint32_t i = 0; i < s.size(); ++i) {
    if (s[i]->uv_set == 1) uv_bits |= 1u << i;
    if (s[i]->texture != bundle::kNone) texture_bits |= 1u << i;
  }
  d.modes = {static_cast<std::uint32_t>(m.alpha_mode),
             (m.flags & bundle::kMaterialDoubleSided) != 0 ? 1u : 0u, uv_bits, texture_bits};
  return d;
}

template <class T>
Buffer table_buffer(const Device& device, const std::vector<T>& table, UploadBatch& batch) {
  const VkDeviceSize size = std::max<VkDeviceSize>(sizeof(T) * table.size(), 16);
  Buffer buffer(device,
                {.size = size,
                 .usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT});
  batch.buffer(std::as_bytes(std::span(table)), buffer.get());
  return buffer;
}

}  // namespace

Result<SceneResources> SceneResources::create(Device& device, const Layouts& layouts,
                                              const bundle::Bundle& bundle) {
  SceneResources scene;
  UploadBatch batch(device);
  if (auto s = scene.create_buffers(device, bundle, batch); !s) return fail(s.error().message);
  auto textures = TextureSet::create(device, bundle, batch);
  if (!textures) return fail(textures.error().message);
  scene.textures_ = std::move(*textures);
  batch.submit_and_wait();
  scene.primitive_table_ = {};
  scene.target_table_ = {};
  scene.material_table_ = {};
  scene.create_descriptors(device, layouts);
  return scene;
}

Status SceneResources::create_buffers(Device& device, const bundle::Bundle& bundle,
                                      UploadBatch& batch) {
  const std::span<const std::byte> geometry = bundle.geometry();
  const VkDeviceSize limit = device.properties().limits.maxStorageBufferRange;
  if (geometry.size() > limit) {
    return fail(
        fmt::format("{}: its geometry is {} bytes; this Vulkan device reads at most {} "
                    "bytes from one storage buffer",
                    bundle.name(), geometry.size(), limit));
  }
  geometry_ = Buffer(
      device, {.size = std::max<VkDeviceSize>((geometry.size() + 3) / 4 * 4, 16),
               .usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_INDEX_BUFFER_BIT |
                        VK_BUFFER_USAGE_TRANSFER_DST_BIT});
  batch.buffer(geometry, geometry_.get());

  const auto material_count = static_cast<std::uint32_t>(bundle.materials().size());
  for (const bundle::PrimitiveRecord& p : bundle.primitives()) {
    primitive_table_.push_back(primitive_data(p));
    primitives_.push_back(
        {p.material == bundle::kNone ? material_count : p.material,
         p.indices.size == 0 ? 0u : p.index_count, p.vertex_count,
         p.index_type == bundle::IndexType::uint16 ? VK_INDEX_TYPE_UINT16 : VK_INDEX_TYPE_UINT32,
         p.indices.offset});
  }
  for (const bundle::MorphTargetRecord& t : bundle.morph_targets()) {
    target_table_.push_back(
        {{word_offset(t.position), word_offset(t.normal), word_offset(t.tangent), 0}});
  }
  material_records_.assign(bundle.materials().begin(), bundle.materials().end());
  for (const bundle::FontAtlasRecord& f : bundle.fonts()) atlas_textures_.push_back(f.texture);
  material_records_.push_back(default_material());
  for (const bundle::MaterialRecord& m : material_records_) {
    material_table_.push_back(material_data(m));
    materials_.push_back({m.alpha_mode, (m.flags & bundle::kMaterialDoubleSided) != 0});
  }
  for (const bundle::MeshRecord& m : bundle.meshes()) {
    glm::vec3 lo(std::numeric_limits<float>::max());
    glm::vec3 hi(std::numeric_limits<float>::lowest());
    for (std::uint32_t i = 0; i < m.primitive_count; ++i) {
      const bundle::PrimitiveRecord& p = bundle.primitives()[m.first_primitive + i];
      lo = glm::min(lo, glm::vec3(p.bounds_min[0], p.bounds_min[1], p.bounds_min[2]));
      hi = glm::max(hi, glm::vec3(p.bounds_max[0], p.bounds_max[1], p.bounds_max[2]));
    }
    const glm::vec3 center = m.primitive_count > 0 ? (lo + hi) * 0.5f : glm::vec3(0.0f);
    meshes_.push_back({m.first_primitive, m.primitive_count, center});
  }
  primitive_buffer_ = table_buffer(device, primitive_table_, batch);
  target_buffer_ = table_buffer(device, target_table_, batch);
  material_buffer_ = table_buffer(device, material_table_, batch);
  return {};
}

void SceneResources::write_texture_set(VkDescriptorSet set,
                                       const std::uint32_t (&textures)[kMaterialTextures],
                                       std::vector<VkDescriptorImageInfo>& images,
                                       std::vector<VkWriteDescriptorSet>& writes) const {
  for (std::uint32_t i = 0; i < kMaterialTextures; ++i) {
    const SampledTexture t = textures_.get(textures[i]);
    TRIALXR_CHECK(images.size() < images.capacity());  // the writes point into `images`
    images.push_back({t.sampler, t.view, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL});
    auto w = vk_init<VkWriteDescriptorSet>(VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET);
    w.dstSet = set;
    w.dstBinding = i;
    w.descriptorCount = 1;
    w.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    w.pImageInfo = &images.back();
    writes.push_back(w);
  }
}

void SceneResources::create_descriptors(const Device& device, const Layouts& layouts) {
  const VkDevice d = device.device();
  const auto material_count = static_cast<std::uint32_t>(material_records_.size());
  const auto atlas_count = static_cast<std::uint32_t>(atlas_textures_.size());
  // The scene set, one set per material, one per text atlas and the white one.
  const std::uint32_t texture_sets = material_count + atlas_count + 1;
  const std::array<VkDescriptorPoolSize, 2> sizes = {{
      {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 4},
      {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, kMaterialTextures * texture_sets},
  }};
  auto pool_info =
      vk_init<VkDescriptorPoolCreateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO);
  pool_info.maxSets = 1 + texture_sets;
  pool_info.poolSizeCount = static_cast<std::uint32_t>(sizes.size());
  pool_info.pPoolSizes = sizes.data();
  VkDescriptorPool pool = VK_NULL_HANDLE;
  VK_CHECK(vkCreateDescriptorPool(d, &pool_info, nullptr, &pool));
  pool_ = Unique<VkDescriptorPool>(d, pool);

  std::vector<VkDescriptorSetLayout> set_layouts(1 + texture_sets, layouts.material.get());
  set_layouts[0] = layouts.scene.get();
  std::vector<VkDescriptorSet> sets(set_layouts.size());
  auto alloc = vk_init<VkDescriptorSetAllocateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO);
  alloc.descriptorPool = pool;
  alloc.descriptorSetCount = static_cast<std::uint32_t>(set_layouts.size());
  alloc.pSetLayouts = set_layouts.data();
  VK_CHECK(vkAllocateDescriptorSets(d, &alloc, sets.data()));
  scene_set_ = sets[0];
  material_sets_.assign(sets.begin() + 1, sets.begin() + 1 + material_count);
  atlas_sets_.assign(sets.begin() + 1 + material_count, sets.end() - 1);
  white_set_ = sets.back();

  const std::array<VkDescriptorBufferInfo, 4> buffers = {{
      {geometry_.get(), 0, VK_WHOLE_SIZE},
      {primitive_buffer_.get(), 0, VK_WHOLE_SIZE},
      {target_buffer_.get(), 0, VK_WHOLE_SIZE},
      {material_buffer_.get(), 0, VK_WHOLE_SIZE},
  }};
  std::vector<VkWriteDescriptorSet> writes;
  for (std::uint32_t i = 0; i < buffers.size(); ++i) {
    auto w = vk_init<VkWriteDescriptorSet>(VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET);
    w.dstSet = scene_set_;
    w.dstBinding = i;
    w.descriptorCount = 1;
    w.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    w.pBufferInfo = &buffers[i];
    writes.push_back(w);
  }
  std::vector<VkDescriptorImageInfo> images;
  images.reserve(kMaterialTextures * texture_sets);
  for (std::uint32_t m = 0; m < material_count; ++m) {
    const auto s = slots(material_records_[m]);
    std::uint32_t textures[kMaterialTextures];
    for (std::uint32_t i = 0; i < kMaterialTextures; ++i) textures[i] = s[i]->texture;
    write_texture_set(material_sets_[m], textures, images, writes);
  }
  for (std::uint32_t a = 0; a < atlas_count; ++a) {
    std::uint32_t textures[kMaterialTextures] = {atlas_textures_[a], bundle::kNone, bundle::kNone,
                                                 bundle::kNone, bundle::kNone};
    write_texture_set(atlas_sets_[a], textures, images, writes);
  }
  const std::uint32_t white[kMaterialTextures] = {bundle::kNone, bundle::kNone, bundle::kNone,
                                                  bundle::kNone, bundle::kNone};
  write_texture_set(white_set_, white, images, writes);
  vkUpdateDescriptorSets(d, static_cast<std::uint32_t>(writes.size()), writes.data(), 0, nullptr);
}

}  // namespace trialxr::render
