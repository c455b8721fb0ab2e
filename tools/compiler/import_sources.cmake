# Asset importers: glTF models, images and textures, built-in shapes, the mesh builder.
target_sources(trialxr_compiler PRIVATE
  src/gltf_accessor.cpp
  src/gltf_load_animation.cpp
  src/gltf_load_materials.cpp
  src/gltf_load_meshes.cpp
  src/gltf_load_nodes.cpp
  src/gltf_loader.cpp
  src/image_import.cpp
  src/mesh_builder.cpp
  src/model_append.cpp
  src/model_import.cpp
  src/primitives.cpp
  src/texture_mips.cpp
)
