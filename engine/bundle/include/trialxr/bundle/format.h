// The TrialXR bundle (.trxb) on-disk format: the one definition shared by the
// writer (tools/compiler) and the reader (engine/bundle). docs/bundle-format.md
// describes it in prose; this header is the authority.
//
// Layout (all integers little-endian, all structs plain and padding-free):
//
//   FileHeader                          at offset 0, kHeaderSize bytes
//   SectionEntry[section_count]         at header.table_offset
//   payloads                            each aligned (16 B; GPU blobs 4 KiB)
//
// Tables are arrays of the *Record structs below and are stored uncompressed so the
// reader can hand out zero-copy typed views. Strings live in the 'STRS' pool and are
// referenced by StrRef. Vertex, index, texel and float data live in blob sections and
// are referenced by byte offset (GEOM, TEXB) or by element index (F32S).
//
// [SECTION] constants and header
// [SECTION] section types
// [SECTION] metadata and strings
// [SECTION] scene objects, nodes, meshes, materials, textures
// [SECTION] animation and skins
// [SECTION] timeline: steps, cues, quizzes
// [SECTION] text (format 1.1)
// [SECTION] narration (format 1.3)
// [SECTION] visit schedule (format 1.4)
// [SECTION] layout guarantees
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace trialxr::bundle {

// [SECTION] constants and header

inline constexpr std::array<char, 8> kMagic = {'T', 'R', 'X', 'B', 'N', 'D', 'L', '\x1a'};
inline constexpr std::uint16_t kFormatMajor = 1;
// 1.1 text; 1.2 presentation; 1.3 narration; 1.4 visit schedules
inline constexpr std::uint16_t kFormatMinor = 4;
inline constexpr std::uint32_t kPayloadAlignment = 16;
inline constexpr std::uint32_t kGpuBlobAlignment = 4096;
inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;  // "no index" in any index field

// Domain separation for the ed25519 signature; see signed_message() in the reader.
inline constexpr std::string_view kSignatureContext = "TrialXR bundle signature v1";

enum HeaderFlags : std::uint32_t {
  kFlagSigned = 1u << 0,
};

struct FileHeader {
  std::array<char, 8> magic;
  std::uint16_t format_major;
  std::uint16_t format_minor;
  std::uint32_t flags;  // HeaderFlags
  std::uint32_t header_size;
  std::uint32_t section_count;
  std::uint64_t table_offset;
  std::uint64_t file_size;
  std::array<std::uint8_t, 32> table_hash;  // BLAKE2b-256 of the section table bytes
  std::array<std::uint8_t, 32> signer_key;  // ed25519 public key; zero when unsigned
  std::array<std::uint8_t, 64> signature;   // ed25519 over signed_message(); zero when unsigned
};
static_assert(sizeof(FileHeader) == 168);
inline constexpr std::uint32_t kHeaderSize = sizeof(FileHeader);

enum class Codec : std::uint32_t { none = 0, zstd = 1 };

struct SectionEntry {
  std::uint32_t type;  // SectionType (FourCC)
  Codec codec;
  std::uint64_t offset;               // from the start of the file; aligned
  std::uint64_t stored_size;          // bytes in the file
  std::uint64_t raw_size;             // bytes after decoding
  std::array<std::uint8_t, 32> hash;  // BLAKE2b-256 of the stored bytes
};
static_assert(sizeof(SectionEntry) == 64);

// [SECTION] section types

constexpr std::uint32_t fourcc(const char (&s)[5]) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[0])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[3])) << 24;
}

enum SectionType : std::uint32_t {
  kSecMeta = fourcc("META"),             // MetaRecord (exactly one)
  kSecStrings = fourcc("STRS"),          // UTF-8 string pool
  kSecLanguages = fourcc("LANG"),        // StrRef[]: BCP 47 tags, base language first
  kSecLines = fourcc("LINE"),            // LineRecord[]: user-visible strings by line id
  kSecLineText = fourcc("LTXT"),         // LineText[lines * languages], line-major
  kSecObjects = fourcc("OBJS"),          // ObjectRecord[]: the script's named objects
  kSecNodes = fourcc("NODE"),            // NodeRecord[]: parents before children
  kSecMeshes = fourcc("MESH"),           // MeshRecord[]
  kSecPrimitives = fourcc("PRIM"),       // PrimitiveRecord[]
  kSecMorphTargets = fourcc("MTGT"),     // MorphTargetRecord[]
  kSecMaterials = fourcc("MATL"),        // MaterialRecord[]
  kSecTextures = fourcc("TEXR"),         // TextureRecord[]
  kSecSkins = fourcc("SKIN"),            // SkinRecord[]
  kSecJoints = fourcc("JNTS"),           // std::uint32_t[]: node indices used by skins
  kSecAnimations = fourcc("ANIM"),       // AnimationRecord[]
  kSecChannels = fourcc("ACHN"),         // ChannelRecord[]
  kSecFloats = fourcc("F32S"),           // float[]: keys, values, matrices, weights
  kSecSteps = fourcc("STEP"),            // StepRecord[]
  kSecCues = fourcc("CUES"),             // CueRecord[]
  kSecQuizzes = fourcc("QUIZ"),          // QuizRecord[]
  kSecOptions = fourcc("QOPT"),          // OptionRecord[]
  kSecFonts = fourcc("FONT"),            // FontAtlasRecord[]: one per language (1.1)
  kSecGlyphs = fourcc("GLYF"),           // GlyphRecord[]: atlas glyphs, by language (1.1)
  kSecTextLayouts = fourcc("TLAY"),      // TextLayoutRecord[lines * languages], line-major (1.1)
  kSecPlacedGlyphs = fourcc("TGLY"),     // PlacedGlyphRecord[]: laid-out glyphs (1.1)
  kSecPresentation = fourcc("PRES"),     // PresentationRecord (at most one) (1.2)
  kSecNarration = fourcc("NARR"),        // NarrationRecord[lines * languages], line-major (1.3)
  kSecAudioPackets = fourcc("APKT"),     // AudioPacketRecord[]: Opus packets in OPUS (1.3)
  kSecOpus = fourcc("OPUS"),             // blob: the Opus packets, back to back (1.3)
  kSecVisits = fourcc("VIST"),           // VisitRecord[]: the visits of schedule objects (1.4)
  kSecVisitProcedures = fourcc("VPRC"),  // std::uint32_t[]: procedure lines of visits (1.4)
  kSecGeometry = fourcc("GEOM"),         // GPU blob: vertex streams and indices
  kSecTexels = fourcc("TEXB"),           // GPU blob: texel data, all mips
};

// [SECTION] metadata and strings

struct StrRef {
  std::uint32_t offset;  // into STRS
  std::uint32_t size;    // bytes
};

enum class Audience : std::uint32_t {
  adult = 0,
  child_under_7 = 1,
  child_7_11 = 2,
  child_12_14 = 3,
  child_15_17 = 4,
};

struct MetaRecord {
  StrRef scene_id;
  StrRef title;  // base-language text of the title line
  StrRef study_id;
  StrRef content_version;
  StrRef compiler_version;
  StrRef approval_ref;       // empty when none
  StrRef signer_key_id;      // hex key id; empty when unsigned
  std::uint32_t title_line;  // index into LINE
  Audience audience;
  std::array<std::uint8_t, 32> source_hash;  // BLAKE2b-256 over the script and every input
};
static_assert(sizeof(MetaRecord) == 96);

struct LineRecord {
  StrRef id;                  // stable line id ("pinch")
  std::uint32_t source_line;  // line in the script, for reviewers
  std::uint32_t kind;         // LineKind
};

enum class LineKind : std::uint32_t {
  title,
  say,
  label,
  question,
  option,
  feedback,
  caption,
  ui,  // the player's own buttons ("Continue", "Ask the coordinator"); ids start with "ui."
};

enum LineTextFlags : std::uint32_t {
  kTextMissing = 1u << 0,  // no translation; text is the base-language fallback
  kTextStale = 1u << 1,    // translation of an older base text
};

struct LineText {
  StrRef text;
  std::uint32_t flags;  // LineTextFlags
  std::uint32_t reserved;
};

// [SECTION] scene objects, nodes, meshes, materials, textures

enum class ObjectKind : std::uint32_t {
  model,
  box,
  sphere,
  cylinder,
  capsule,
  plane,
  arrow,
  image,
  schedule,  // a visit schedule drawn as a path of visits (1.4); its visits are in VIST
};

struct ObjectRecord {
  StrRef name;  // script name ("arm")
  ObjectKind kind;
  std::uint32_t root_node;   // index into NODE
  std::uint32_t first_node;  // the object's nodes are [first_node, first_node + node_count)
  std::uint32_t node_count;
  std::uint32_t first_animation;
  std::uint32_t animation_count;
  StrRef source;  // asset path as written in the script; empty for primitives
};

enum NodeFlags : std::uint32_t {
  kNodeHidden = 1u << 0,  // starts hidden
};

struct NodeRecord {
  StrRef name;           // full name: "arm" or "arm.vein"
  std::uint32_t parent;  // kNone for roots; always less than this node's index
  std::uint32_t object;  // index into OBJS
  std::uint32_t mesh;    // kNone when the node draws nothing
  std::uint32_t skin;    // kNone when not skinned
  float translation[3];
  float rotation[4];  // quaternion x, y, z, w
  float scale[3];
  std::uint32_t flags;  // NodeFlags
};
static_assert(sizeof(NodeRecord) == 68);

struct MeshRecord {
  std::uint32_t first_primitive;
  std::uint32_t primitive_count;
  std::uint32_t first_weight;  // default morph weights in F32S
  std::uint32_t weight_count;
};

enum class Attribute : std::uint32_t {
  position,   // float3
  normal,     // float3
  tangent,    // float4
  texcoord0,  // float2
  texcoord1,  // float2
  color0,     // float4
  joints0,    // uint16x4
  weights0,   // float4
  count
};
inline constexpr std::uint32_t kAttributeCount = static_cast<std::uint32_t>(Attribute::count);

// Bytes per vertex of each attribute, in Attribute order.
inline constexpr std::array<std::uint32_t, kAttributeCount> kAttributeStride = {12, 12, 16, 8,
                                                                                8,  16, 8,  16};

struct StreamRef {
  std::uint64_t offset;  // into GEOM; aligned to 4; meaningful only when size > 0
  std::uint64_t size;    // bytes; 0 when absent
};

enum class IndexType : std::uint32_t { uint16 = 0, uint32 = 1 };

struct PrimitiveRecord {
  std::uint32_t material;  // kNone uses the default material
  std::uint32_t vertex_count;
  std::uint32_t index_count;
  IndexType index_type;
  StreamRef indices;
  StreamRef attributes[kAttributeCount];
  std::uint32_t first_target;  // into MTGT
  std::uint32_t target_count;
  float bounds_min[3];
  float bounds_max[3];
};

struct MorphTargetRecord {
  StreamRef position;  // float3 deltas
  StreamRef normal;    // float3 deltas
  StreamRef tangent;   // float3 deltas
};

enum class AlphaMode : std::uint32_t { opaque, mask, blend };

enum MaterialFlags : std::uint32_t {
  kMaterialDoubleSided = 1u << 0,
};

struct TextureSlot {
  std::uint32_t texture;  // kNone when absent
  std::uint32_t uv_set;   // 0 or 1
  float scale;            // normal scale or occlusion strength; 1 otherwise
};

struct MaterialRecord {
  StrRef name;
  float base_color[4];  // linear
  float emissive[3];
  float metallic;
  float roughness;
  float alpha_cutoff;
  AlphaMode alpha_mode;
  std::uint32_t flags;  // MaterialFlags
  TextureSlot base_color_texture;
  TextureSlot metal_rough_texture;
  TextureSlot normal_texture;
  TextureSlot occlusion_texture;
  TextureSlot emissive_texture;
};

enum class TextureFormat : std::uint32_t { rgba8_srgb = 0, rgba8_unorm = 1, r8_unorm = 2 };
enum class Filter : std::uint32_t { nearest = 0, linear = 1 };
enum class Wrap : std::uint32_t { repeat = 0, clamp = 1, mirror = 2 };

struct TextureRecord {
  StrRef name;
  TextureFormat format;
  std::uint32_t width;
  std::uint32_t height;
  std::uint32_t mip_count;  // full chain down to 1x1, tightly packed, largest first
  std::uint64_t offset;     // into TEXB; aligned to 16
  std::uint64_t size;       // bytes of all mips
  Filter mag_filter;
  Filter min_filter;
  Wrap wrap_s;
  Wrap wrap_t;
};

// [SECTION] animation and skins

struct SkinRecord {
  std::uint32_t first_joint;  // into JNTS
  std::uint32_t joint_count;
  std::uint32_t inverse_bind;  // first float in F32S of joint_count 4x4 column-major matrices
  std::uint32_t skeleton;      // node index or kNone
};

enum class AnimPath : std::uint32_t { translation, rotation, scale, weights };
enum class Interpolation : std::uint32_t { step, linear, cubic_spline };

struct AnimationRecord {
  StrRef name;  // clip name as in the glTF file
  std::uint32_t object;
  std::uint32_t first_channel;
  std::uint32_t channel_count;
  float duration;  // seconds: the latest key of any channel
};

struct ChannelRecord {
  std::uint32_t node;
  AnimPath path;
  Interpolation interpolation;
  std::uint32_t key_count;
  std::uint32_t times;       // first float in F32S: key_count times, increasing
  std::uint32_t values;      // first float in F32S: key_count * components (* 3 for cubic)
  std::uint32_t components;  // 3, 4, or the morph target count for weights
  std::uint32_t reserved;
};

// [SECTION] timeline: steps, cues, quizzes

struct StepRecord {
  StrRef name;
  std::uint32_t first_cue;  // the step's top-level cues, in order
  std::uint32_t cue_count;
  std::uint32_t source_line;
  std::uint32_t reserved;
};

enum class CueOp : std::uint32_t {
  say,     // line: narration + subtitle; runs in the background
  show,    // target; duration = fade time
  hide,    // target; duration = fade time
  move,    // target to value[0..2] (metres) over duration
  rotate,  // target to quaternion value[0..3] over duration
  scale,   // target to value[0..2] over duration
  play,    // target object, ref = animation; count = repeats, 0 loops
  stop,    // target object: stop its clips (ref kNone), or only animation ref, after its cycle
  highlight,  // target; duration = how long, 0 = until unhighlight
  unhighlight,
  label,  // target, line; duration = how long, 0 = until unlabel
  unlabel,
  look_at,        // target: a hint for where the viewer should look
  wait_time,      // duration
  wait_say,       // until the narration running now ends
  wait_continue,  // until the patient continues
  together,       // ref = first child cue, count = child count; ends when all children end
  quiz,           // ref = quiz index; blocks until answered
  go_to,          // ref = step index
  end_scene,
};

enum class Easing : std::uint32_t { linear, in, out, in_out };

struct CueRecord {
  CueOp op;
  std::uint32_t target;  // node index or kNone
  std::uint32_t line;    // line index or kNone
  std::uint32_t ref;     // op-dependent index or kNone
  std::uint32_t count;   // op-dependent count
  Easing easing;
  float duration;  // seconds
  float value[4];
  std::uint32_t source_line;
};
static_assert(sizeof(CueRecord) == 48);

// explore (1.4): not a question but a choice to look at: its options are the visits of a
// schedule object, in order; choosing one shows its details (the option's feedback line)
// and any other can be chosen next, until the patient continues. Nothing is scored.
enum class QuizKind : std::uint32_t { single, multiple, true_false, explore };

struct QuizRecord {
  StrRef name;
  QuizKind kind;
  std::uint32_t question_line;
  std::uint32_t first_option;  // into QOPT
  std::uint32_t option_count;
  std::uint32_t topic_step;  // the step this quiz checks; kNone when none
  std::uint32_t wrong_step;  // where a wrong answer leads unless its option says; kNone = go on
  std::uint32_t source_line;
  std::uint32_t schedule;  // explore: the schedule object (OBJS) whose visits are the options;
                           // other kinds: kNone (0 in bundles before 1.4), never read
};

enum OptionFlags : std::uint32_t {
  kOptionCorrect = 1u << 0,
};

struct OptionRecord {
  StrRef name;  // stable option id (the option's line id)
  std::uint32_t text_line;
  std::uint32_t feedback_line;  // kNone when none
  std::uint32_t go_to_step;     // kNone: follow the quiz's rule
  std::uint32_t flags;          // OptionFlags
};

// [SECTION] text (format 1.1)
//
// Text is shaped, broken into lines and laid out by the compiler; the player only places
// quads. Each language has a signed-distance-field glyph atlas (an r8_unorm texture:
// 128 on the outline, 128 + 128 × distance / spread inside) holding only the glyphs its
// strings use. A layout's glyph positions are in em units from the block's top-left
// corner, x right, y down, on the baseline; em_size says how many metres an em is.

struct FontAtlasRecord {
  StrRef family;              // the primary face's family, for reviewers
  std::uint32_t texture;      // into TEXR
  std::uint32_t first_glyph;  // into GLYF
  std::uint32_t glyph_count;
  float pixels_per_em;
  float spread;  // texels of distance on each side of the outline
  std::uint32_t reserved;
};

struct GlyphRecord {
  float uv[4];     // u0, v0, u1, v1 in the atlas (v down)
  float plane[4];  // left, top, right, bottom in em from the pen position (y up)
};

enum class TextAlign : std::uint32_t { start = 0, center = 1 };

struct TextLayoutRecord {
  std::uint32_t first_glyph;  // into TGLY
  std::uint32_t glyph_count;
  std::uint32_t line_count;
  TextAlign align;
  float em_size;  // metres per em
  float width;    // em, the widest line
  float height;   // em, lines × line height
  std::uint32_t reserved;
};

struct PlacedGlyphRecord {
  std::uint32_t glyph;  // into GLYF, within the layout's language's range
  float x;              // em, pen position on the baseline
  float y;
};

// [SECTION] presentation preferences (format 1.2)
//
// How the scene would like to be shown; a host follows them where the device allows.
// Absent (a 1.0 or 1.1 bundle): vr and seated.

enum class DisplayPreference : std::uint32_t {
  vr = 0,  // an opaque, virtual room
  ar = 1,  // the patient's own room shows through where the headset can (passthrough)
};
enum class SpacePreference : std::uint32_t {
  seated = 0,    // LOCAL space: the content stands around the seated patient's eyes
  standing = 1,  // STAGE space where the headset has one: the floor is y = 0
};

struct PresentationRecord {
  DisplayPreference display;
  SpacePreference space;
  std::uint32_t reserved[2];
};

// [SECTION] narration (format 1.3)
//
// Every `say` line is heard in every language: a recorded file or, where none was given,
// speech synthesised at compile time (a draft). Audio is mono Opus at 48 kHz in 20 ms
// packets (960 samples each); the length heard is known here, so the player times
// subtitles and `wait say` by it. Absent (before 1.3): durations are estimated from text.

inline constexpr std::uint32_t kOpusSampleRate = 48000;
inline constexpr std::uint32_t kOpusFrameSamples = 960;  // 20 ms

inline constexpr std::uint16_t kNarrationSynthesised = 1u << 0;  // a draft: no recording

struct NarrationRecord {
  std::uint32_t first_packet;  // into APKT
  std::uint32_t packet_count;  // 0: this line has no audio (not a `say` line)
  std::uint32_t samples;       // samples heard at 48 kHz, after pre_skip
  std::uint16_t pre_skip;      // decoded samples to drop first (the encoder's look-ahead)
  std::uint16_t flags;         // kNarrationSynthesised
  StrRef source;               // the recording as named, or the synthesiser and its voice
};

struct AudioPacketRecord {
  std::uint32_t offset;  // into OPUS
  std::uint32_t size;    // bytes, 1..1275
};

// [SECTION] visit schedule (format 1.4)
//
// A `schedule` object's visits, in the script's order; the visits of one schedule are
// contiguous. Timing follows CDISC USDM: `day` is the study day of the visit relative to
// the schedule's anchor (day 1; negative before it, as for screening), and the window
// is how many days early or late the visit may fall (USDM windowLower / windowUpper).

struct VisitRecord {
  StrRef name;                    // the visit's id in the script ("week-4")
  std::uint32_t object;           // the schedule object (OBJS) it belongs to
  std::uint32_t node;             // its marker node: highlighted and labelled when chosen
  std::uint32_t name_line;        // what the visit is called ("Week 4")
  std::uint32_t details_line;     // compiled per language: its day, window and procedures
  std::int32_t day;               // study day
  std::uint32_t window_before;    // days it may come early
  std::uint32_t window_after;     // days it may come late
  std::uint32_t first_procedure;  // into VPRC: the lines naming what happens at the visit
  std::uint32_t procedure_count;
};

// [SECTION] layout guarantees
//
// The records are written and read as raw bytes, so every one must be trivially
// copyable, free of padding (its size is the sum of its fields) and the host must be
// little-endian. These checks make a layout change or a port to a big-endian target
// fail to compile instead of silently changing the format.

static_assert(std::endian::native == std::endian::little, "the .trxb format is little-endian");

// Size is the sum of the field sizes, so sizeof(T) == Size proves there is no padding.
template <class T, std::size_t Size, std::size_t Align>
constexpr bool kPlainRecord = std::is_trivially_copyable_v<T>&& std::is_standard_layout_v<T> &&
                              sizeof(T) == Size && alignof(T) == Align;

static_assert(kPlainRecord<FileHeader, 168, 8>);
static_assert(kPlainRecord<SectionEntry, 64, 8>);
static_assert(kPlainRecord<StrRef, 8, 4>);
static_assert(kPlainRecord<MetaRecord, 96, 4>);
static_assert(kPlainRecord<LineRecord, 16, 4>);
static_assert(kPlainRecord<LineText, 16, 4>);
static_assert(kPlainRecord<ObjectRecord, 40, 4>);
static_assert(kPlainRecord<NodeRecord, 68, 4>);
static_assert(kPlainRecord<MeshRecord, 16, 4>);
static_assert(kPlainRecord<StreamRef, 16, 8>);
static_assert(kPlainRecord<PrimitiveRecord, 192, 8>);
static_assert(kPlainRecord<MorphTargetRecord, 48, 8>);
static_assert(kPlainRecord<TextureSlot, 12, 4>);
static_assert(kPlainRecord<MaterialRecord, 116, 4>);
static_assert(kPlainRecord<TextureRecord, 56, 8>);
static_assert(kPlainRecord<SkinRecord, 16, 4>);
static_assert(kPlainRecord<AnimationRecord, 24, 4>);
static_assert(kPlainRecord<ChannelRecord, 32, 4>);
static_assert(kPlainRecord<StepRecord, 24, 4>);
static_assert(kPlainRecord<CueRecord, 48, 4>);
static_assert(kPlainRecord<QuizRecord, 40, 4>);
static_assert(kPlainRecord<OptionRecord, 24, 4>);
static_assert(kPlainRecord<FontAtlasRecord, 32, 4>);
static_assert(kPlainRecord<GlyphRecord, 32, 4>);
static_assert(kPlainRecord<TextLayoutRecord, 32, 4>);
static_assert(kPlainRecord<PlacedGlyphRecord, 12, 4>);
static_assert(kPlainRecord<PresentationRecord, 16, 4>);
static_assert(kPlainRecord<NarrationRecord, 24, 4>);
static_assert(kPlainRecord<AudioPacketRecord, 8, 4>);
static_assert(kPlainRecord<VisitRecord, 44, 4>);

}  // namespace trialxr::bundle
