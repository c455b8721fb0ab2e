// [SECTION] assets: load every model and image the script names
// [SECTION] names: resolve cue targets, parts and clips
// [SECTION] lowering: scene model -> bundle tables
// [SECTION] driver
#include "trialxr/compiler/scene_compiler.h"

#include <fmt/format.h>
#include <filesystem>
#include <functional>
#include <glm/gtc/quaternion.hpp>
#include <map>
#include <optional>

#include "narration_lowering.h"
#include "schedule_lowering.h"
#include "text_lowering.h"
#include "translations.h"
#include "trialxr/compiler/image_import.h"
#include "trialxr/compiler/model_import.h"
#include "trialxr/compiler/primitives.h"
#include "trialxr/compiler/script_analyzer.h"
#include "trialxr/compiler/script_parser.h"
#include "trialxr/core/file_io.h"
#include "trialxr/core/hash.h"

namespace trialxr::compiler {

using bundle::CueOp;
using bundle::kNone;

std::string_view compiler_version() {
  return "trialxr-build " TRIALXR_VERSION;
}

std::string CompileResult::rendered() const {
  return format_diagnostics(
      diags, [this](const std::string& file, std::uint32_t line) -> std::string_view {
        return file == script.path() ? script.line(line) : std::string_view{};
      });
}

namespace {

// What a script object turned out to be once its asset was loaded.
struct LoadedObject {
  std::optional<ModelAsset> model;
  std::optional<ImageAsset> image;
};

class SceneCompiler {
 public:
  SceneCompiler(CompileResult& r, const CompileOptions& options)
      : r_(r), options_(options), file_(r.script.path()) {}

  void run();

 private:
  void error(std::string code, SourceLoc loc, std::string message, std::string hint = {}) {
    r_.diags.error(std::move(code), file_, loc, std::move(message), std::move(hint));
  }

  void load_assets();
  std::optional<std::string> asset_path(const ObjectDecl& obj);
  void check_names();
  void check_target(const Cue& c);
  std::optional<std::size_t> find_object(std::string_view name) const;
  // The glTF node index a part name refers to, or nullopt (reported) when none.
  std::optional<std::size_t> find_part(const ObjectDecl& obj, const LoadedObject& loaded,
                                       std::string_view part, SourceLoc loc, bool report);

  void lower();
  void lower_meta();
  void lower_lines();
  void lower_schedule_lines(const ScheduleDecl& schedule);
  void lower_schedule(const ScheduleDecl& schedule, std::uint32_t object);
  void lower_text();
  void lower_narration();
  float viewing_distance(const Name& target) const;
  void lower_objects();
  std::uint32_t lower_cues(const std::vector<Cue>& cues);
  bundle::CueRecord lower_cue(const Cue& c);
  void lower_quizzes();
  std::uint32_t line_index(const std::optional<Text>& t) const;
  std::uint32_t step_index(const Name& step) const;
  std::uint32_t node_index(const Name& target) const;

  CompileResult& r_;
  const CompileOptions& options_;
  const std::string& file_;
  std::vector<LoadedObject> loaded_;
  Blake2b256 source_hash_;
  Translations translations_;
  std::map<std::string, std::uint32_t> lines_by_id_;
  std::vector<LineSource> line_sources_;  // like content.lines
  std::vector<NarrationSource> narration_sources_;
  std::map<std::string, std::uint32_t> nodes_by_name_;
  std::vector<ModelPlacement> placements_;              // per object (empty for non-models)
  std::map<std::string, std::uint32_t> details_lines_;  // "SCHEDULE.VISIT" -> its details line
};

// [SECTION] assets: load every model and image the script names

std::optional<std::string> SceneCompiler::asset_path(const ObjectDecl& obj) {
  std::filesystem::path base = std::filesystem::path(file_).parent_path();
  std::filesystem::path path = base / obj.source;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    bool exists = std::filesystem::exists(path, ec);
    error("TX0113", obj.source_loc,
          exists ? fmt::format("'{}' is not a file", obj.source)
                 : fmt::format("cannot find the file '{}'", obj.source),
          fmt::format("paths are relative to the script's folder; looked for {}",
                      std::filesystem::absolute(path).lexically_normal().string()));
    return std::nullopt;
  }
  return path.lexically_normal().string();
}

void SceneCompiler::load_assets() {
  loaded_.resize(r_.model.objects.size());
  for (std::size_t i = 0; i < r_.model.objects.size(); ++i) {
    const ObjectDecl& obj = r_.model.objects[i];
    if (obj.source.empty()) continue;
    auto path = asset_path(obj);
    if (!path) continue;
    auto bytes = read_file(*path);
    if (!bytes) {
      error("TX0113", obj.source_loc, bytes.error().message);
      continue;
    }
    r_.inputs.push_back(*path);
    source_hash_.update(obj.source);
    source_hash_.update(*bytes);
    if (obj.kind == bundle::ObjectKind::model) {
      Diagnostics model_diags;
      auto model = load_model(*path, model_diags);
      // The importer's findings are about the model file; show them at the script line
      // that names it, where the author can act on them.
      for (const Diagnostic& d : model_diags.items()) {
        Diagnostic moved = d;
        moved.file = file_;
        moved.loc = obj.source_loc;
        moved.message = fmt::format("in '{}': {}", obj.source, d.message);
        r_.diags.add(std::move(moved));
      }
      if (!model) {
        error("TX0114", obj.source_loc, model.error().message,
              "check that the file is a glTF 2.0 model (.glb or .gltf) and opens in a glTF viewer");
        continue;
      }
      // Buffers and images the model refers to are inputs too: they change the bundle.
      for (const std::string& extra : model->input_files()) {
        if (extra == *path) continue;
        auto extra_bytes = read_file(extra);
        if (!extra_bytes) continue;  // the importer read it a moment ago; nothing to add
        r_.inputs.push_back(extra);
        source_hash_.update(std::filesystem::path(extra)
                                .lexically_relative(std::filesystem::path(*path).parent_path())
                                .string());
        source_hash_.update(*extra_bytes);
      }
      loaded_[i].model = std::move(*model);
    } else {
      auto image = load_image(*path);
      if (!image) {
        error("TX0114", obj.source_loc, image.error().message, "use a PNG or JPEG image");
        continue;
      }
      loaded_[i].image = std::move(*image);
    }
  }
}

// [SECTION] names: resolve cue targets, parts and clips

std::optional<std::size_t> SceneCompiler::find_object(std::string_view name) const {
  for (std::size_t i = 0; i < r_.model.objects.size(); ++i)
    if (r_.model.objects[i].name.text == name) return i;
  return std::nullopt;
}

std::optional<std::size_t> SceneCompiler::find_part(const ObjectDecl& obj,
                                                    const LoadedObject& loaded,
                                                    std::string_view part, SourceLoc loc,
                                                    bool report) {
  if (obj.kind == bundle::ObjectKind::schedule) {
    const auto index = static_cast<std::size_t>(&obj - r_.model.objects.data());
    const ScheduleDecl* schedule = schedule_of(r_.model, index);
    std::vector<std::string> names = {"track"};
    for (std::size_t v = 0; schedule != nullptr && v < schedule->visits.size(); ++v) {
      if (schedule->visits[v].name.text == part) return v;
      names.push_back(schedule->visits[v].name.text);
    }
    if (part == "track") return names.size();
    if (report) {
      std::string guess = suggest(part, names);
      error("TX0115", loc,
            fmt::format("schedule '{}' has no visit named '{}'", obj.name.text, part),
            guess.empty()
                ? fmt::format("its visits are: {}", fmt::join(names.begin() + 1, names.end(), ", "))
                : fmt::format("did you mean '{}.{}'?", obj.name.text, guess));
    }
    return std::nullopt;
  }
  if (obj.kind != bundle::ObjectKind::model) {
    if (report) {
      error("TX0117", loc, fmt::format("'{}' is a built-in shape and has no parts", obj.name.text),
            fmt::format("name the whole object: '{}'", obj.name.text));
    }
    return std::nullopt;
  }
  if (!loaded.model) return std::nullopt;  // the model failed to load; already reported
  std::string node_name(part);
  if (auto alias = obj.parts.find(node_name); alias != obj.parts.end())
    node_name = alias->second.text;
  if (auto index = loaded.model->find_node(node_name)) return index;
  if (report) {
    std::vector<std::string> names;
    for (std::size_t n = 0; n < loaded.model->node_names().size(); ++n)
      if (loaded.model->node_in_scene(n)) names.push_back(loaded.model->node_names()[n]);
    for (const auto& [alias, node] : obj.parts) names.push_back(alias);
    std::string guess = suggest(node_name, names);
    error(
        "TX0115", loc,
        fmt::format("model '{}' ({}) has no part named '{}'", obj.name.text, obj.source, node_name),
        guess.empty() ? fmt::format("its parts are: {}", fmt::join(names, ", "))
                      : fmt::format("did you mean '{}.{}'?", obj.name.text, guess));
  }
  return std::nullopt;
}

void SceneCompiler::check_target(const Cue& c) {
  if (c.target.text.empty()) return;
  std::string_view full = c.target.text;
  std::size_t dot = full.find('.');
  std::string_view object_name = full.substr(0, dot);
  auto index = find_object(object_name);
  if (!index) {
    std::vector<std::string> names;
    for (const ObjectDecl& o : r_.model.objects) names.push_back(o.name.text);
    std::string guess = suggest(object_name, names);
    SourceLoc loc = c.target.loc;
    loc.length = static_cast<std::uint32_t>(object_name.size());
    error("TX0201", loc, fmt::format("there is no object named '{}'", object_name),
          guess.empty() ? "declare it first, e.g. 'box NAME' or 'model NAME \"file.glb\"'"
                        : fmt::format("did you mean '{}'?", guess));
    return;
  }
  const ObjectDecl& obj = r_.model.objects[*index];
  const LoadedObject& loaded = loaded_[*index];
  if (dot != std::string_view::npos) {
    SourceLoc loc = c.target.loc;
    loc.column += static_cast<std::uint32_t>(dot + 1);
    loc.length = static_cast<std::uint32_t>(full.size() - dot - 1);
    find_part(obj, loaded, full.substr(dot + 1), loc, true);
  }
  if (c.op == CueOp::play || c.op == CueOp::stop) {
    if (obj.kind != bundle::ObjectKind::model) {
      error(
          "TX0117", c.target.loc,
          fmt::format("'{}' is {}; only models have animations", obj.name.text,
                      obj.kind == bundle::ObjectKind::schedule ? "a schedule" : "a built-in shape"),
          "use move, rotate or scale to animate shapes");
      return;
    }
    if (dot != std::string_view::npos) {
      error("TX0117", c.target.loc,
            fmt::format("'{}' plays the whole model's animations",
                        c.op == CueOp::play ? "play" : "stop"),
            fmt::format("write '{}'", object_name));
      return;
    }
    if ((c.op == CueOp::play || !c.clip.empty()) && loaded.model) {
      std::vector<std::string> clips;
      for (const auto& a : loaded.model->animations()) {
        if (a.name == c.clip) return;
        clips.push_back(a.name);
      }
      std::string guess = suggest(c.clip, clips);
      error("TX0115", c.clip_loc,
            fmt::format("model '{}' ({}) has no animation named '{}'", obj.name.text, obj.source,
                        c.clip),
            clips.empty()   ? "this model has no animations"
            : guess.empty() ? fmt::format("its animations are: {}", fmt::join(clips, ", "))
                            : fmt::format("did you mean \"{}\"?", guess));
    }
  }
}

void SceneCompiler::check_names() {
  std::function<void(const std::vector<Cue>&)> walk = [&](const std::vector<Cue>& cues) {
    for (const Cue& c : cues) {
      check_target(c);
      walk(c.children);
    }
  };
  for (const StepDecl& s : r_.model.steps) walk(s.cues);
  // Parts given friendly names must exist even if no cue uses them yet.
  for (std::size_t i = 0; i < r_.model.objects.size(); ++i) {
    const ObjectDecl& obj = r_.model.objects[i];
    if (!loaded_[i].model) continue;
    for (const auto& [alias, node] : obj.parts) {
      if (!loaded_[i].model->find_node(node.text)) {
        std::vector<std::string> names;
        for (std::size_t n = 0; n < loaded_[i].model->node_names().size(); ++n)
          if (loaded_[i].model->node_in_scene(n))
            names.push_back(loaded_[i].model->node_names()[n]);
        std::string guess = suggest(node.text, names);
        error("TX0115", node.loc,
              fmt::format("'{}' has no node named \"{}\"", obj.source, node.text),
              guess.empty() ? fmt::format("its nodes are: {}", fmt::join(names, ", "))
                            : fmt::format("did you mean \"{}\"?", guess));
      }
    }
  }
}

// [SECTION] lowering: scene model -> bundle tables

glm::quat quat_from_degrees(const std::array<float, 3>& deg) {
  // About x, then y, then z (each about the fixed axes).
  glm::quat qx = glm::angleAxis(glm::radians(deg[0]), glm::vec3(1, 0, 0));
  glm::quat qy = glm::angleAxis(glm::radians(deg[1]), glm::vec3(0, 1, 0));
  glm::quat qz = glm::angleAxis(glm::radians(deg[2]), glm::vec3(0, 0, 1));
  return glm::normalize(qz * qy * qx);
}

void set_rotation(float (&out)[4], const glm::quat& q) {
  out[0] = q.x;
  out[1] = q.y;
  out[2] = q.z;
  out[3] = q.w;
}

void SceneCompiler::lower_meta() {
  BundleContent& c = r_.content;
  const SceneHeader& h = r_.model.header;
  for (const std::string& lang : h.languages) c.languages.push_back(c.strings.intern(lang));
  c.meta.scene_id = c.strings.intern(h.id);
  c.meta.title = c.strings.intern(h.title.text);
  c.meta.study_id = c.strings.intern(h.study);
  c.meta.content_version = c.strings.intern(h.version);
  c.meta.compiler_version = c.strings.intern(compiler_version());
  c.meta.approval_ref = c.strings.intern(h.approval);
  c.meta.signer_key_id = c.strings.intern("");
  c.meta.audience = h.audience;
  c.presentation.display = h.display;
  c.presentation.space = h.space;
  c.meta.title_line = line_index(h.title);
  c.meta.source_hash = source_hash_.finish();
}

void SceneCompiler::lower_lines() {
  BundleContent& c = r_.content;
  std::size_t languages = std::max<std::size_t>(1, r_.model.header.languages.size());
  auto add = [&](const Text& t) {
    lines_by_id_[t.line_id] = static_cast<std::uint32_t>(c.lines.size());
    line_sources_.push_back({t.loc, 0.0f});
    c.lines.push_back({c.strings.intern(t.line_id), t.line, static_cast<std::uint32_t>(t.kind)});
    bundle::StrRef text = c.strings.intern(t.text);
    c.line_text.push_back({text, 0, 0});
    const std::uint32_t line = static_cast<std::uint32_t>(c.lines.size() - 1);
    const std::vector<std::string>& tags = r_.model.header.languages;
    NarrationSource base;
    if (t.kind == bundle::LineKind::say) {
      base.line = line;
      base.text = t.text;
      base.voice_language = tags.empty() ? std::string("en") : tags[0];
      base.file = file_;
      base.loc = t.loc;
      if (!t.audio.empty()) {
        base.audio_name = t.audio;
        base.audio_path =
            (std::filesystem::path(file_).parent_path() / t.audio).lexically_normal().string();
        base.loc = t.audio_loc;
      }
      narration_sources_.push_back(base);
    }
    // The other languages come from the PO files, or fall back to the base text, marked
    // (and then heard in the base language too).
    for (std::size_t l = 1; l < languages; ++l) {
      TranslatedText translated = translations_.text(t, l);
      c.line_text.push_back({c.strings.intern(translated.text), translated.flags, 0});
      if (t.kind != bundle::LineKind::say) continue;
      NarrationSource n = base;
      n.language = static_cast<std::uint32_t>(l);
      if ((translated.flags & bundle::kTextMissing) == 0) {
        n.text = translated.text;
        n.voice_language = l < tags.size() ? tags[l] : base.voice_language;
        n.audio_name.clear();
        n.audio_path.clear();
        n.loc = t.loc;
        if (translated.audio) {
          n.audio_name = translated.audio->name;
          n.audio_path = translated.audio->path;
          n.file = translated.audio->po_file;
          n.loc = translated.audio->loc;
        }
      }
      narration_sources_.push_back(std::move(n));
    }
  };
  add(r_.model.header.title);
  for (const ScheduleDecl& schedule : r_.model.schedules) {
    if (schedule.day_text) add(*schedule.day_text);
    if (schedule.window_text) add(*schedule.window_text);
    for (const VisitDecl& v : schedule.visits) {
      add(v.title);
      for (const Text& p : v.procedures) add(p);
    }
    lower_schedule_lines(schedule);
  }
  std::function<void(const std::vector<Cue>&)> walk = [&](const std::vector<Cue>& cues) {
    for (const Cue& cue : cues) {
      if (cue.text) {
        add(*cue.text);
        if (cue.op == CueOp::label) line_sources_.back().distance = viewing_distance(cue.target);
      }
      if (cue.op == CueOp::quiz) {
        const QuizDecl& q = r_.model.quizzes[cue.quiz];
        if (q.question) add(*q.question);
        for (const OptionDecl& o : q.options) {
          add(o.text);
          if (o.feedback) add(*o.feedback);
        }
      }
      walk(cue.children);
    }
  };
  for (const StepDecl& s : r_.model.steps) walk(s.cues);
}

// Each visit's details line ("SCHEDULE.VISIT.details"), composed per language from the
// schedule's day and window texts and the visit's procedures in that language. It is as
// missing or stale as the least translated of its parts.
void SceneCompiler::lower_schedule_lines(const ScheduleDecl& schedule) {
  BundleContent& c = r_.content;
  const std::string& name = r_.model.objects[schedule.object].name.text;
  const std::size_t languages = std::max<std::size_t>(1, r_.model.header.languages.size());
  // A translated day or window text must fill in the same names as the script's.
  auto check_template = [&](const std::optional<Text>& t, std::size_t language,
                            const std::string& translated) {
    if (!t) return;
    std::vector<std::string> want = template_names(t->text), got = template_names(translated);
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    if (want == got) return;
    error("TX1004", t->loc,
          fmt::format("the {} translation of '{}' fills in {{{}}}, the script's text {{{}}}",
                      r_.model.header.languages[language], t->line_id, fmt::join(got, "}, {"),
                      fmt::join(want, "}, {")),
          "keep the names in braces exactly as they are in the translation");
  };
  for (std::size_t l = 1; l < languages; ++l) {
    if (schedule.day_text)
      check_template(schedule.day_text, l, translations_.text(*schedule.day_text, l).text);
    if (schedule.window_text)
      check_template(schedule.window_text, l, translations_.text(*schedule.window_text, l).text);
  }
  for (const VisitDecl& v : schedule.visits) {
    const std::string id = fmt::format("{}.{}.details", name, v.name.text);
    const auto line = static_cast<std::uint32_t>(c.lines.size());
    details_lines_[fmt::format("{}.{}", name, v.name.text)] = line;
    lines_by_id_[id] = line;
    line_sources_.push_back({v.title.loc, 0.0f});
    c.lines.push_back(
        {c.strings.intern(id), v.line, static_cast<std::uint32_t>(bundle::LineKind::feedback)});
    for (std::size_t l = 0; l < languages; ++l) {
      std::uint32_t flags = 0;
      auto in_language = [&](const Text& t) {
        if (l == 0) return t.text;
        TranslatedText translated = translations_.text(t, l);
        flags |= translated.flags;
        return translated.text;
      };
      std::optional<std::string> day, window;
      if (schedule.day_text) day = in_language(*schedule.day_text);
      if (schedule.window_text) window = in_language(*schedule.window_text);
      std::vector<std::string> procedures;
      for (const Text& p : v.procedures) procedures.push_back(in_language(p));
      const std::string text =
          visit_details(v, day ? &*day : nullptr, window ? &*window : nullptr, procedures);
      c.line_text.push_back({c.strings.intern(text), flags, 0});
    }
  }
}

ShapeKind shape_of(bundle::ObjectKind kind) {
  switch (kind) {
    case bundle::ObjectKind::sphere:
      return ShapeKind::sphere;
    case bundle::ObjectKind::cylinder:
      return ShapeKind::cylinder;
    case bundle::ObjectKind::capsule:
      return ShapeKind::capsule;
    case bundle::ObjectKind::plane:
      return ShapeKind::plane;
    case bundle::ObjectKind::arrow:
      return ShapeKind::arrow;
    default:
      return ShapeKind::box;
  }
}

void SceneCompiler::lower_objects() {
  BundleContent& c = r_.content;
  placements_.resize(r_.model.objects.size());
  for (std::size_t i = 0; i < r_.model.objects.size(); ++i) {
    const ObjectDecl& obj = r_.model.objects[i];
    auto object_index = static_cast<std::uint32_t>(i);
    bundle::ObjectRecord record{};
    record.name = c.strings.intern(obj.name.text);
    record.kind = obj.kind;
    record.source = c.strings.intern(obj.source);
    std::uint32_t root;
    if (obj.kind == bundle::ObjectKind::model) {
      ModelPlacement& p = placements_[i] =
          append_model(*loaded_[i].model, obj.name.text, object_index, c);
      record = p.object_record(record.name, record.source);
      root = p.root_node;
      for (std::uint32_t n = p.first_node; n < p.first_node + p.node_count; ++n)
        nodes_by_name_[std::string(c.strings.view(c.nodes[n].name))] = n;
    } else if (obj.kind == bundle::ObjectKind::schedule) {
      const ScheduleDecl* schedule = schedule_of(r_.model, i);
      root = static_cast<std::uint32_t>(c.nodes.size());
      if (schedule != nullptr) lower_schedule(*schedule, object_index);
      record.root_node = root;
      record.first_node = root;
      record.node_count = static_cast<std::uint32_t>(c.nodes.size()) - root;
      record.first_animation = static_cast<std::uint32_t>(c.animations.size());
      record.animation_count = 0;
      for (std::uint32_t n = root; n < c.nodes.size(); ++n)
        nodes_by_name_[std::string(c.strings.view(c.nodes[n].name))] = n;
    } else {
      root = static_cast<std::uint32_t>(c.nodes.size());
      bundle::NodeRecord node{};
      node.name = record.name;
      node.parent = kNone;
      node.object = object_index;
      node.skin = kNone;
      node.mesh = kNone;
      set_rotation(node.rotation, glm::quat(1, 0, 0, 0));
      node.scale[0] = node.scale[1] = node.scale[2] = 1;
      c.nodes.push_back(node);
      std::uint32_t mesh;
      if (obj.kind == bundle::ObjectKind::image) {
        mesh = append_image_quad(*loaded_[i].image, obj.size[0], obj.name.text, c).mesh;
      } else {
        PrimitiveShape shape{shape_of(obj.kind), obj.size, obj.radius, obj.height, obj.length};
        mesh = append_primitive(shape, obj.color, c);
      }
      if (obj.kind == bundle::ObjectKind::arrow) {
        // The shape points up (+Y); a script's arrow points ahead (-Z) before its turn.
        bundle::NodeRecord shaft = node;
        shaft.name = c.strings.intern(obj.name.text + ".shape");
        shaft.parent = root;
        shaft.mesh = mesh;
        set_rotation(shaft.rotation, glm::angleAxis(glm::radians(-90.0f), glm::vec3(1, 0, 0)));
        c.nodes.push_back(shaft);
      } else {
        c.nodes[root].mesh = mesh;
      }
      record.root_node = root;
      record.first_node = root;
      record.node_count = static_cast<std::uint32_t>(c.nodes.size()) - root;
      record.first_animation = static_cast<std::uint32_t>(c.animations.size());
      record.animation_count = 0;
      nodes_by_name_[obj.name.text] = root;
    }
    bundle::NodeRecord& n = c.nodes[root];
    for (int k = 0; k < 3; ++k) {
      n.translation[k] = obj.position[static_cast<std::size_t>(k)];
      n.scale[k] = obj.scale[static_cast<std::size_t>(k)];
    }
    set_rotation(n.rotation, quat_from_degrees(obj.rotation_deg));
    n.flags = obj.hidden ? bundle::kNodeHidden : 0u;
    c.objects.push_back(record);
  }
}

// The schedule's nodes and its visits' records (VIST, VPRC).
void SceneCompiler::lower_schedule(const ScheduleDecl& schedule, std::uint32_t object) {
  BundleContent& c = r_.content;
  const std::string& name = r_.model.objects[schedule.object].name.text;
  const ScheduleNodes nodes = append_schedule_nodes(schedule, name, object, c);
  for (std::size_t i = 0; i < schedule.visits.size(); ++i) {
    const VisitDecl& v = schedule.visits[i];
    bundle::VisitRecord rec{};
    rec.name = c.strings.intern(v.name.text);
    rec.object = object;
    rec.node = nodes.visit_nodes[i];
    rec.name_line = line_index(v.title);
    rec.details_line = details_lines_.at(fmt::format("{}.{}", name, v.name.text));
    rec.day = v.day;
    rec.window_before = v.window_before;
    rec.window_after = v.window_after;
    rec.first_procedure = static_cast<std::uint32_t>(c.visit_procedures.size());
    rec.procedure_count = static_cast<std::uint32_t>(v.procedures.size());
    for (const Text& p : v.procedures) c.visit_procedures.push_back(line_index(p));
    c.visits.push_back(rec);
  }
}

std::uint32_t SceneCompiler::line_index(const std::optional<Text>& t) const {
  if (!t) return kNone;
  auto it = lines_by_id_.find(t->line_id);
  return it == lines_by_id_.end() ? kNone : it->second;
}

std::uint32_t SceneCompiler::step_index(const Name& step) const {
  for (std::size_t i = 0; i < r_.model.steps.size(); ++i)
    if (r_.model.steps[i].name.text == step.text) return static_cast<std::uint32_t>(i);
  return kNone;
}

std::uint32_t SceneCompiler::node_index(const Name& target) const {
  if (target.text.empty()) return kNone;
  std::string_view full = target.text;
  std::size_t dot = full.find('.');
  auto object = find_object(full.substr(0, dot));
  if (!object) return kNone;
  const ObjectDecl& obj = r_.model.objects[*object];
  if (dot == std::string_view::npos) return r_.content.objects[*object].root_node;
  if (obj.kind == bundle::ObjectKind::schedule) {
    auto it = nodes_by_name_.find(std::string(full));
    return it == nodes_by_name_.end() ? kNone : it->second;
  }
  std::string part(full.substr(dot + 1));
  if (auto alias = obj.parts.find(part); alias != obj.parts.end()) part = alias->second.text;
  auto gltf = loaded_[*object].model->find_node(part);
  return gltf ? placements_[*object].gltf_node[*gltf] : kNone;
}

bundle::CueRecord SceneCompiler::lower_cue(const Cue& c) {
  bundle::CueRecord rec{};
  rec.op = c.op;
  rec.target = node_index(c.target);
  rec.line = line_index(c.text);
  rec.ref = kNone;
  rec.count = 0;
  rec.easing = c.easing;
  rec.duration = c.duration;
  rec.source_line = c.line;
  for (std::size_t k = 0; k < 4; ++k) rec.value[k] = c.value[k];
  switch (c.op) {
    case CueOp::rotate: {
      glm::quat q = quat_from_degrees({c.value[0], c.value[1], c.value[2]});
      rec.value[0] = q.x;
      rec.value[1] = q.y;
      rec.value[2] = q.z;
      rec.value[3] = q.w;
      break;
    }
    case CueOp::stop: {
      if (c.clip.empty()) break;  // every clip of the object
      auto object = find_object(c.target.text);
      const auto& anims = loaded_[*object].model->animations();
      for (std::uint32_t a = 0; a < anims.size(); ++a)
        if (anims[a].name == c.clip) rec.ref = r_.content.objects[*object].first_animation + a;
      break;
    }
    case CueOp::play: {
      auto object = find_object(c.target.text);
      const bundle::ObjectRecord& o = r_.content.objects[*object];
      const auto& anims = loaded_[*object].model->animations();
      for (std::uint32_t a = 0; a < anims.size(); ++a)
        if (anims[a].name == c.clip) rec.ref = o.first_animation + a;
      rec.count = c.repeat;
      break;
    }
    case CueOp::go_to:
      rec.ref = step_index(c.step);
      break;
    case CueOp::quiz:
      rec.ref = static_cast<std::uint32_t>(c.quiz);
      break;
    default:
      break;
  }
  return rec;
}

// Top-level cues of a list are contiguous; a `together` cue's children follow later as
// their own contiguous block (ref = first, count = how many).
std::uint32_t SceneCompiler::lower_cues(const std::vector<Cue>& cues) {
  BundleContent& content = r_.content;
  auto first = static_cast<std::uint32_t>(content.cues.size());
  for (const Cue& c : cues) content.cues.push_back(lower_cue(c));
  for (std::size_t i = 0; i < cues.size(); ++i) {
    if (cues[i].op != CueOp::together) continue;
    std::uint32_t children = lower_cues(cues[i].children);
    content.cues[first + i].ref = children;
    content.cues[first + i].count = static_cast<std::uint32_t>(cues[i].children.size());
  }
  return first;
}

void SceneCompiler::lower_quizzes() {
  BundleContent& c = r_.content;
  for (std::size_t qi = 0; qi < r_.model.quizzes.size(); ++qi) {
    const QuizDecl& q = r_.model.quizzes[qi];
    bundle::QuizRecord rec{};
    rec.name = c.strings.intern(q.name.text.empty() ? fmt::format("quiz-{}", qi + 1) : q.name.text);
    rec.kind = q.kind;
    rec.question_line = line_index(q.question);
    rec.first_option = static_cast<std::uint32_t>(c.options.size());
    rec.option_count = static_cast<std::uint32_t>(q.options.size());
    rec.topic_step = step_index(q.topic);
    rec.wrong_step = step_index(q.wrong_step);
    rec.source_line = q.line;
    rec.schedule = kNone;
    if (q.kind == bundle::QuizKind::explore) {
      // The options are the schedule's visits: choosing one shows its details.
      auto object = find_object(q.schedule.text);
      const ScheduleDecl* schedule = object ? schedule_of(r_.model, *object) : nullptr;
      if (schedule == nullptr) continue;  // reported by the checker
      rec.schedule = static_cast<std::uint32_t>(*object);
      rec.option_count = static_cast<std::uint32_t>(schedule->visits.size());
      for (const VisitDecl& v : schedule->visits) {
        bundle::OptionRecord opt{};
        opt.name = c.strings.intern(v.name.text);
        opt.text_line = line_index(v.title);
        opt.feedback_line = details_lines_.at(fmt::format("{}.{}", q.schedule.text, v.name.text));
        opt.go_to_step = kNone;
        c.options.push_back(opt);
      }
      c.quizzes.push_back(rec);
      continue;
    }
    for (const OptionDecl& o : q.options) {
      bundle::OptionRecord opt{};
      opt.name = c.strings.intern(o.text.line_id);
      opt.text_line = line_index(o.text);
      opt.feedback_line = line_index(o.feedback);
      opt.go_to_step = step_index(o.go_to);
      opt.flags = o.correct ? bundle::kOptionCorrect : 0u;
      c.options.push_back(opt);
    }
    c.quizzes.push_back(rec);
  }
}

// How far from the seated viewer's eye `target` (an object or one of its parts) is
// placed: parts are measured at their object's position.
float SceneCompiler::viewing_distance(const Name& target) const {
  auto obj = find_object(target.text.substr(0, target.text.find('.')));
  if (!obj) return 0.0f;
  const std::array<float, 3>& p = r_.model.objects[*obj].position;
  return glm::length(glm::vec3(p[0], p[1], p[2]) -
                     glm::vec3(kEyePosition[0], kEyePosition[1], kEyePosition[2]));
}

void SceneCompiler::lower_text() {
  add_ui_lines(r_.model.header, r_.content, line_sources_);
  for (const std::string& font :
       compiler::lower_text(r_.model.header, line_sources_, r_.content, r_.diags, file_)) {
    auto bytes = read_file(font);
    if (!bytes) {
      error("TX0801", r_.model.header.loc, bytes.error().message);
      continue;
    }
    source_hash_.update(font);
    source_hash_.update(*bytes);
    r_.inputs.push_back(font);
  }
}

void SceneCompiler::lower_narration() {
  compiler::lower_narration(narration_sources_,
                            std::max<std::size_t>(1, r_.model.header.languages.size()), options_,
                            r_.content, r_.diags, r_.inputs, source_hash_);
}

void SceneCompiler::lower() {
  lower_lines();
  lower_text();
  if (r_.diags.has_errors()) return;
  lower_narration();
  if (r_.diags.has_errors()) return;
  lower_meta();
  lower_objects();
  BundleContent& c = r_.content;
  // Reserve the step table first so goto targets are known by index.
  for (const StepDecl& s : r_.model.steps) {
    bundle::StepRecord rec{};
    rec.name = c.strings.intern(s.name.text);
    rec.cue_count = static_cast<std::uint32_t>(s.cues.size());
    rec.source_line = s.line;
    c.steps.push_back(rec);
  }
  for (std::size_t i = 0; i < r_.model.steps.size(); ++i)
    c.steps[i].first_cue = lower_cues(r_.model.steps[i].cues);
  lower_quizzes();
}

void SceneCompiler::run() {
  source_hash_.update(r_.script.text());
  auto statements = parse_script(r_.script, r_.diags);
  r_.model = analyze_script(file_, statements, r_.diags);
  load_assets();
  check_names();
  translations_ = load_translations(statements, options_, r_, source_hash_);
  if (r_.diags.has_errors()) return;
  lower();
}

}  // namespace

// [SECTION] driver

Result<CompileResult> compile_scene(const std::string& script_path, const CompileOptions& options) {
  auto script = SourceFile::load(script_path);
  if (!script) return tl::unexpected(script.error());
  CompileResult result;
  result.script = std::move(*script);
  result.inputs.push_back(script_path);
  SceneCompiler(result, options).run();
  result.diags.sort();
  return result;
}

}  // namespace trialxr::compiler
