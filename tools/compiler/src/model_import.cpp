// glTF loading: read the file, parse it with tinygltf, check its extensions, then let
// GltfLoader (gltf_loader.h) check and decode the rest. ModelAsset's accessors.
#include "trialxr/compiler/model_import.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <limits>

#include "gltf_loader.h"
#include "model_data.h"
#include "tinygltf_wrap.h"
#include "trialxr/core/file_io.h"

namespace trialxr::compiler {

const std::vector<std::string>& supported_gltf_extensions() {
  static const std::vector<std::string> list = {"KHR_mesh_quantization",
                                                "KHR_materials_emissive_strength"};
  return list;
}

// [SECTION] ModelAsset

ModelAsset::ModelAsset() : data_(std::make_unique<detail::ModelData>()) {}
ModelAsset::ModelAsset(std::unique_ptr<detail::ModelData> data) : data_(std::move(data)) {}
ModelAsset::ModelAsset(ModelAsset&&) noexcept = default;
ModelAsset& ModelAsset::operator=(ModelAsset&&) noexcept = default;
ModelAsset::~ModelAsset() = default;

const std::string& ModelAsset::path() const {
  return data_->path;
}
const std::vector<std::string>& ModelAsset::node_names() const {
  return data_->node_names;
}
bool ModelAsset::node_in_scene(std::size_t index) const {
  return index < data_->nodes.size() && data_->nodes[index].in_scene;
}
std::optional<std::size_t> ModelAsset::find_node(std::string_view name) const {
  for (std::size_t i = 0; i < data_->node_names.size(); ++i)
    if (data_->nodes[i].in_scene && data_->node_names[i] == name) return i;
  return std::nullopt;
}
const std::vector<ModelAnimationInfo>& ModelAsset::animations() const {
  return data_->animation_info;
}
const std::vector<std::string>& ModelAsset::input_files() const {
  return data_->input_files;
}
const detail::ModelData& ModelAsset::data() const {
  return *data_;
}

// [SECTION] loading

namespace {

// tinygltf image callback: keep the encoded bytes; decode_image decodes the ones used.
// `user` is the model being parsed. tinygltf hands over an image stored in a buffer view
// as a pointer into the buffer without checking the view's extent, so check it here
// (buffers and buffer views are parsed before images).
bool keep_encoded_image(tinygltf::Image* image, const int index, std::string* err, std::string*,
                        int, int, const unsigned char* bytes, int size, void* user) {
  const auto* model = static_cast<const tinygltf::Model*>(user);
  if (image->bufferView >= 0) {
    const auto& views = model->bufferViews;
    const auto view = static_cast<std::size_t>(image->bufferView);
    const bool ok = view < views.size() && views[view].buffer >= 0 &&
                    static_cast<std::size_t>(views[view].buffer) < model->buffers.size() &&
                    views[view].byteOffset <=
                        model->buffers[static_cast<std::size_t>(views[view].buffer)].data.size() &&
                    views[view].byteLength <=
                        model->buffers[static_cast<std::size_t>(views[view].buffer)].data.size() -
                            views[view].byteOffset;
    if (!ok) {
      if (err != nullptr)
        *err += "image " + std::to_string(index) + ": its buffer view lies outside its buffer\n";
      return false;
    }
  }
  if (size < 0) return false;
  image->image.assign(bytes, bytes + size);
  image->as_is = true;
  return true;
}

// tinygltf file reads, recorded so the caller can hash every input.
bool read_and_record(std::vector<unsigned char>* out, std::string* err, const std::string& path,
                     void* user) {
  if (!tinygltf::ReadWholeFile(out, err, path, nullptr)) return false;
  static_cast<std::vector<std::string>*>(user)->push_back(path);
  return true;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  std::replace(s.begin(), s.end(), '\n', ';');
  return s;
}

// Required extensions we cannot honour make the model unusable; optional ones are
// dropped with a warning.
Status check_extensions(const std::string& path, const tinygltf::Model& gm, Diagnostics& diags) {
  const auto& ok = supported_gltf_extensions();
  auto supported = [&](const std::string& e) {
    return std::find(ok.begin(), ok.end(), e) != ok.end();
  };
  std::vector<std::string> missing;
  for (const std::string& e : gm.extensionsRequired)
    if (!supported(e) && std::find(missing.begin(), missing.end(), e) == missing.end())
      missing.push_back(e);
  if (!missing.empty()) {
    std::string list;
    bool compressed = false;
    for (const std::string& e : missing) {
      list += (list.empty() ? "'" : ", '") + e + "'";
      compressed = compressed || e == "KHR_draco_mesh_compression" ||
                   e == "EXT_meshopt_compression" || e == "KHR_meshopt_compression";
    }
    return fail(path + ": the model requires the glTF extension" +
                (missing.size() > 1 ? "s " : " ") + list + ", which TrialXR does not support" +
                (compressed ? "; export the model again without mesh compression" : ""));
  }
  for (const std::string& e : gm.extensionsUsed) {
    if (supported(e)) continue;
    if (std::find(gm.extensionsRequired.begin(), gm.extensionsRequired.end(), e) !=
        gm.extensionsRequired.end())
      continue;
    diags.warning(detail::kWarnExtension, path, SourceLoc{},
                  "the model uses the glTF extension '" + e +
                      "', which TrialXR does not support; it is ignored");
  }
  return {};
}

}  // namespace

Result<ModelAsset> load_model(const std::string& path, Diagnostics& diags) {
  auto bytes = read_file(path);
  if (!bytes) return fail(bytes.error().message);
  if (bytes->size() >= std::numeric_limits<unsigned int>::max())
    return fail(path + ": the file is too large for a model");

  auto data = std::make_unique<detail::ModelData>();
  data->path = path;
  data->input_files.push_back(path);

  tinygltf::Model gm;
  tinygltf::TinyGLTF parser;
  parser.SetImageLoader(&keep_encoded_image, &gm);
  tinygltf::FsCallbacks fs{&tinygltf::FileExists, &tinygltf::ExpandFilePath, &read_and_record,
                           &tinygltf::WriteWholeFile, &data->input_files};
  parser.SetFsCallbacks(fs);

  std::string base_dir = std::filesystem::path(path).parent_path().string();
  if (base_dir.empty()) base_dir = ".";
  const bool binary = bytes->size() >= 4 && std::memcmp(bytes->data(), "glTF", 4) == 0;
  std::string err, warn;
  const auto size = static_cast<unsigned int>(bytes->size());
  const bool parsed =
      binary ? parser.LoadBinaryFromMemory(&gm, &err, &warn,
                                           reinterpret_cast<const unsigned char*>(bytes->data()),
                                           size, base_dir, tinygltf::REQUIRE_VERSION)
             : parser.LoadASCIIFromString(&gm, &err, &warn, bytes->data(), size, base_dir,
                                          tinygltf::REQUIRE_VERSION);
  bytes->clear();
  // The extension lists are parsed before anything else, so they say why a file failed
  // (e.g. Draco-compressed accessors without buffer views) better than the parser can.
  if (auto s = check_extensions(path, gm, diags); !s) return tl::unexpected(s.error());
  if (!parsed) {
    return fail(path + ": not a valid glTF" + (binary ? " binary (.glb)" : "") +
                " file: " + (err.empty() ? std::string("unknown error") : trim(err)));
  }
  std::size_t start = 0;
  while (start < warn.size()) {
    std::size_t end = warn.find('\n', start);
    if (end == std::string::npos) end = warn.size();
    if (end > start)
      diags.warning(detail::kWarnParser, path, SourceLoc{}, warn.substr(start, end - start));
    start = end + 1;
  }

  detail::GltfLoader loader(path, diags, gm, *data);
  if (auto s = loader.run(); !s) return tl::unexpected(s.error());
  return ModelAsset(std::move(data));
}

}  // namespace trialxr::compiler
