// SceneResources: everything the renderer keeps of one bundle on the GPU — GEOM as one
// storage/index buffer (primitives index into it by their StreamRef offsets, so it is
// copied whole, unparsed), the primitive, morph target and material tables the shaders
// read, the textures, and the descriptor sets over them — plus the few CPU facts the
// frame needs (which primitives a mesh has, their materials' alpha modes, bounds).
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <glm/glm.hpp>
#include <vector>

#include "gpu_types.h"
#include "layouts.h"
#include "textures.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/core/result.h"
#include "trialxr/render/memory.h"

namespace trialxr::render {

struct MeshInfo {
  std::uint32_t first_primitive = 0;
  std::uint32_t primitive_count = 0;
  glm::vec3 center{0.0f};  // of the union of the primitives' bounds, mesh space
};

struct PrimitiveInfo {
  std::uint32_t material = 0;     // resolved: the default material is materials().size() - 1
  std::uint32_t index_count = 0;  // 0: not indexed, draw vertex_count vertices
  std::uint32_t vertex_count = 0;
  VkIndexType index_type = VK_INDEX_TYPE_UINT16;
  VkDeviceSize index_offset = 0;  // into the geometry buffer
};

struct MaterialInfo {
  bundle::AlphaMode alpha_mode = bundle::AlphaMode::opaque;
  bool double_sided = false;
};

class SceneResources {
 public:
  // Uploads and waits. Errors: limits of the device (storage buffer range, texture
  // size) and unsupported texture formats, naming the bundle.
  static Result<SceneResources> create(Device& device, const Layouts& layouts,
                                       const bundle::Bundle& bundle);

  const std::vector<MeshInfo>& meshes() const { return meshes_; }
  const std::vector<PrimitiveInfo>& primitives() const { return primitives_; }
  const std::vector<MaterialInfo>& materials() const { return materials_; }
  VkBuffer geometry() const { return geometry_.get(); }
  VkDescriptorSet scene_set() const { return scene_set_; }
  VkDescriptorSet material_set(std::uint32_t material) const { return material_sets_[material]; }
  // The set (material layout, binding 0) over FONT record `font`'s glyph atlas; a white
  // texture for kNone or a bundle without text.
  VkDescriptorSet atlas_set(std::uint32_t font) const {
    return font < atlas_sets_.size() ? atlas_sets_[font] : white_set_;
  }

 private:
  Status create_buffers(Device& device, const bundle::Bundle& bundle, UploadBatch& batch);
  void create_descriptors(const Device& device, const Layouts& layouts);
  void write_texture_set(VkDescriptorSet set, const std::uint32_t (&textures)[kMaterialTextures],
                         std::vector<VkDescriptorImageInfo>& images,
                         std::vector<VkWriteDescriptorSet>& writes) const;

  std::vector<MeshInfo> meshes_;
  std::vector<PrimitiveInfo> primitives_;
  std::vector<MaterialInfo> materials_;
  // Tables kept until the upload has been submitted (the batch points into them).
  std::vector<gpu::PrimitiveData> primitive_table_;
  std::vector<gpu::TargetData> target_table_;
  std::vector<gpu::MaterialData> material_table_;
  std::vector<bundle::MaterialRecord> material_records_;

  Buffer geometry_;
  Buffer primitive_buffer_;
  Buffer target_buffer_;
  Buffer material_buffer_;
  TextureSet textures_;
  Unique<VkDescriptorPool> pool_;  // sets are freed with the pool
  VkDescriptorSet scene_set_ = VK_NULL_HANDLE;
  std::vector<VkDescriptorSet> material_sets_;
  std::vector<VkDescriptorSet> atlas_sets_;  // one per FONT record
  VkDescriptorSet white_set_ = VK_NULL_HANDLE;
  std::vector<std::uint32_t> atlas_textures_;
};

}  // namespace trialxr::render
