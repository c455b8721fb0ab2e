#include "scene_fixture.h"

#include <sndfile.h>

#include <cmath>
#include <cstring>
#include <type_traits>
#include <vector>

#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"

namespace trialxr::testing {

std::string script_header(std::string_view languages) {
  return "scene t\n"
         "  title \"Test\" #line:title\n"
         "  study S-1\n"
         "  version 1.0.0\n"
         "  languages " +
         std::string(languages) + "\n";
}

std::optional<bundle::Bundle> bundle_from_file(const std::string& path) {
  auto result = compiler::compile_scene(path);
  if (!result) {
    ADD_FAILURE() << result.error().message;
    return std::nullopt;
  }
  if (!result->ok()) {
    ADD_FAILURE() << result->rendered();
    return std::nullopt;
  }
  return bundle_from_content(result->content);
}

std::optional<bundle::Bundle> bundle_from_script(const TempDir& dir, std::string_view body,
                                                 std::string_view languages) {
  return bundle_from_file(dir.write("scene.txs", script_header(languages) + std::string(body)));
}

std::string narration_wav(const TempDir& dir, const std::string& name, double seconds) {
  const std::string path = dir.file(name);
  SF_INFO info{};
  info.samplerate = 48000;
  info.channels = 1;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
  if (f == nullptr) {
    ADD_FAILURE() << path << ": " << sf_strerror(nullptr);
    return path;
  }
  std::vector<float> samples(static_cast<std::size_t>(std::lround(seconds * 48000.0)));
  for (std::size_t i = 0; i < samples.size(); ++i)
    samples[i] = 0.2f * static_cast<float>(std::sin(static_cast<double>(i) * 0.05));
  sf_writef_float(f, samples.data(), static_cast<sf_count_t>(samples.size()));
  sf_close(f);
  return path;
}

std::optional<bundle::Bundle> bundle_from_content(const compiler::BundleContent& content) {
  auto bytes = compiler::write_bundle(content);
  if (!bytes) {
    ADD_FAILURE() << bytes.error().message;
    return std::nullopt;
  }
  auto b = bundle::Bundle::open_bytes(*bytes, {bundle::TrustPolicy::allow_unsigned, {}});
  if (!b) {
    ADD_FAILURE() << b.error().message;
    return std::nullopt;
  }
  return std::move(*b);
}

std::uint32_t node_named(const bundle::Bundle& b, std::string_view name) {
  for (std::uint32_t i = 0; i < b.nodes().size(); ++i)
    if (b.string(b.nodes()[i].name) == name) return i;
  ADD_FAILURE() << "no node " << name;
  return bundle::kNone;
}

std::uint32_t step_named(const bundle::Bundle& b, std::string_view name) {
  for (std::uint32_t i = 0; i < b.steps().size(); ++i)
    if (b.string(b.steps()[i].name) == name) return i;
  ADD_FAILURE() << "no step " << name;
  return bundle::kNone;
}

std::uint32_t line_named(const bundle::Bundle& b, std::string_view id) {
  for (std::uint32_t i = 0; i < b.lines().size(); ++i)
    if (b.string(b.lines()[i].id) == id) return i;
  ADD_FAILURE() << "no line " << id;
  return bundle::kNone;
}

const scene::DrawItem* item_for(const scene::FrameState& f, std::uint32_t node) {
  for (const scene::DrawItem& item : f.items)
    if (item.node == node) return &item;
  return nullptr;
}

std::vector<scene::Event> events_of(const scene::EventList& list, scene::EventKind kind) {
  std::vector<scene::Event> out;
  for (const scene::Event& e : list.events)
    if (e.kind == kind) out.push_back(e);
  return out;
}

namespace {

class ByteWriter {
 public:
  template <class T>
  void put(const T& value) {
    static_assert(std::is_arithmetic_v<T> || std::is_enum_v<T>);
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out.append(bytes, sizeof(T));
  }
  void put(const glm::vec3& v) {
    for (int i = 0; i < 3; ++i) put(v[i]);
  }
  void put(const glm::mat4& m) {
    for (int c = 0; c < 4; ++c)
      for (int r = 0; r < 4; ++r) put(m[c][r]);
  }
  std::string out;
};

}  // namespace

std::string frame_bytes(const scene::FrameState& f, bool with_events) {
  ByteWriter w;
  w.put(f.time);
  w.put(f.scene_time);
  w.put(f.step);
  w.put(f.paused);
  w.put(f.ended);
  w.put(f.waiting_for_continue);
  w.put(f.language);
  w.put(f.coordinator_requested);
  w.put(f.look_at);
  w.put(f.items.size());
  for (const scene::DrawItem& i : f.items) {
    w.put(i.node);
    w.put(i.mesh);
    w.put(i.world);
    w.put(i.opacity);
    w.put(i.highlighted);
    w.put(i.skin);
    w.put(i.first_joint_matrix);
    w.put(i.joint_count);
    w.put(i.first_weight);
    w.put(i.weight_count);
  }
  w.put(f.joint_matrices.size());
  for (const glm::mat4& m : f.joint_matrices) w.put(m);
  w.put(f.morph_weights.size());
  for (float v : f.morph_weights) w.put(v);
  w.put(f.subtitle_line);
  w.put(f.labels.size());
  for (const scene::LabelText& l : f.labels) {
    w.put(l.line);
    w.put(l.node);
    w.put(l.anchor);
    w.put(l.opacity);
  }
  w.put(f.quiz.visible);
  w.put(f.quiz.quiz);
  w.put(f.quiz.kind);
  w.put(f.quiz.question_line);
  w.put(f.quiz.answered);
  w.put(f.quiz.correct);
  w.put(f.quiz.feedback_line);
  w.put(f.quiz.options.size());
  for (const scene::QuizOptionView& o : f.quiz.options) {
    w.put(o.line);
    w.put(o.chosen);
    w.put(o.correct);
  }
  if (with_events) {
    w.put(f.events.events.size());
    for (const scene::Event& e : f.events.events) {
      w.put(e.kind);
      w.put(e.time);
      w.put(e.scene_time);
      w.put(e.step);
      w.put(e.cue);
      w.put(e.line);
      w.put(e.quiz);
      w.put(e.value);
      w.put(e.correct);
      w.put(e.first_option);
      w.put(e.option_count);
    }
    for (std::uint32_t o : f.events.options) w.put(o);
  }
  return w.out;
}

std::optional<bundle::Bundle> sample_bundle() {
  return bundle_from_file((source_dir() / "scenes/blood-draw.txs").string());
}

}  // namespace trialxr::testing
