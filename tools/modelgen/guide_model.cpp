#include "guide_model.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

#include "gltf_builder.h"
#include "shapes.h"

namespace trialxr::modelgen {

namespace {

// Guide space: metres, +Y up, Pip facing +Z (toward the viewer), the origin on the table
// between its feet. Pip's own left is +X, its right -X (on the viewer's left).
//
// Node tree: guide (root) -> body -> head -> eyes -> eye-left, eye-right
//                                          -> mouth, antenna
//                                  -> arm-left, arm-right
// Every node's origin is its pivot: the body's at the feet (it squashes and hops from
// there), the head's at the neck (it tilts and nods there), an arm's at its shoulder.

constexpr double kPi = 3.14159265358979323846;

// Body (body space, which is guide space at rest): an egg, a little wider below, from just
// above the table up into the head.
constexpr float kBodyBottom = 0.006f;
constexpr float kBodyTop = 0.108f;
constexpr float kBodyRadius = 0.039f;
constexpr float kBellyY = 0.05f;                           // the belly patch's middle
constexpr glm::vec2 kBellyHalf{0.022f, 0.027f};            // its half width and half height
constexpr glm::vec3 kFootCenter{0.019f, 0.0075f, 0.012f};  // the left foot; the right mirrors x
constexpr glm::vec3 kFootRadii{0.015f, 0.0075f, 0.02f};

// Head (head space: origin at the neck, in body space at kNeck): a big, slightly wide ball.
constexpr glm::vec3 kNeck{0.0f, 0.09f, 0.0f};
constexpr glm::vec3 kHeadCenter{0.0f, 0.041f, 0.0f};
constexpr glm::vec3 kHeadRadii{0.052f, 0.047f, 0.049f};

// Face (head space): two tall, glossy eyes, rosy cheeks below them and a smile.
constexpr float kEyeX = 0.019f;
constexpr float kEyeY = 0.048f;
constexpr glm::vec3 kEyeRadii{0.0078f, 0.011f, 0.0055f};
constexpr float kCheekX = 0.033f;
constexpr float kCheekY = 0.03f;
constexpr glm::vec3 kCheekRadii{0.0085f, 0.0055f, 0.0025f};
constexpr float kMouthY = 0.023f;
constexpr float kMouthHalfWidth = 0.013f;
constexpr float kMouthCurve = 0.0045f;  // how much higher the smile's corners are
constexpr float kMouthThickness = 0.003f;

// Arms (arm space: origin at the shoulder, the arm hanging along -Y before the node's
// rest turn of kArmRestDeg outward about Z).
constexpr glm::vec3 kShoulder{0.03f, 0.068f, 0.006f};  // the left; the right mirrors x
constexpr double kArmRestDeg = 35.0;
constexpr float kArmLength = 0.048f;  // shoulder to the hand's middle
constexpr float kHandRadius = 0.0115f;

// Antenna (antenna space: origin where it leaves the top of the head).
constexpr glm::vec3 kAntennaBase{0.0f, 0.084f, 0.0f};  // head space

glm::mat4 translation(const glm::vec3& by) {
  return glm::translate(glm::mat4(1.0f), by);
}

// Unit quaternion that turns +Z onto the unit vector n (the shortest way).
glm::quat facing(const glm::vec3& n) {
  const glm::vec3 z(0.0f, 0.0f, 1.0f);
  const glm::vec3 c = glm::cross(z, n);
  return glm::normalize(glm::quat(1.0f + glm::dot(z, n), c.x, c.y, c.z));
}

// An ellipsoid of `radii` (its third radius facing +Z), turned by `turn`, centred on `at`.
MeshData ellipsoid(const glm::vec3& at, const glm::vec3& radii, const glm::quat& turn, int segments,
                   int steps) {
  MeshData mesh = sphere({0.0f, 0.0f, 0.0f}, 1.0f, segments, steps);
  transform_mesh(mesh, translation(at) * glm::mat4_cast(turn) * glm::scale(glm::mat4(1.0f), radii));
  return mesh;
}

// Turns a lathe (about +X) so that its axis is +Y.
void stand_up(MeshData& mesh) {
  transform_mesh(mesh,
                 glm::rotate(glm::mat4(1.0f), static_cast<float>(kPi / 2.0), {0.0f, 0.0f, 1.0f}));
}

// The body's radius at height y (body space).
float body_radius(float y) {
  const float middle = 0.5f * (kBodyBottom + kBodyTop);
  const float half = 0.5f * (kBodyTop - kBodyBottom);
  const float c = std::clamp((middle - y) / half, -1.0f, 1.0f);
  return kBodyRadius * std::sqrt(1.0f - c * c) * (1.0f + 0.1f * c);
}

MeshData body_shell() {
  const float middle = 0.5f * (kBodyBottom + kBodyTop);
  const float half = 0.5f * (kBodyTop - kBodyBottom);
  constexpr int kSteps = 28;
  std::vector<ProfilePoint> profile;
  for (int i = 0; i <= kSteps; ++i) {
    const float t = static_cast<float>(kPi) * static_cast<float>(i) / static_cast<float>(kSteps);
    const float radius =
        i == 0 || i == kSteps ? 0.0f : kBodyRadius * std::sin(t) * (1.0f + 0.1f * std::cos(t));
    profile.push_back({middle - half * std::cos(t), radius, false});
  }
  MeshData mesh = lathe(profile, 48);
  stand_up(mesh);
  return mesh;
}

// The belly: a cream oval lying on the body's front. It stands a little proud of the body
// in its middle and sinks under it at its rim, so that its edge is a clean oval.
MeshData belly() {
  constexpr int kRings = 10;
  constexpr int kAround = 40;
  MeshData mesh;
  const auto add_vertex = [&mesh](float rho, float angle) {
    const float x = kBellyHalf.x * rho * std::cos(angle);
    const float y = kBellyY + kBellyHalf.y * rho * std::sin(angle);
    const float r = body_radius(y);
    const float slope = (body_radius(y + 1e-4f) - body_radius(y - 1e-4f)) / 2e-4f;
    const glm::vec3 on_body(x, y, std::sqrt(std::max(0.0f, r * r - x * x)));
    const glm::vec3 n = glm::normalize(glm::vec3(on_body.x, -r * slope, on_body.z));
    const float edge = std::pow(rho, 6.0f);
    mesh.positions.push_back(on_body + n * (0.0012f * (1.0f - edge) - 0.0006f * edge));
    mesh.normals.push_back(n);
    mesh.uvs.emplace_back(0.5f + 0.5f * rho * std::cos(angle), 0.5f - 0.5f * rho * std::sin(angle));
  };
  add_vertex(0.0f, 0.0f);
  for (int k = 1; k <= kRings; ++k) {
    for (int j = 0; j <= kAround; ++j) {
      add_vertex(static_cast<float>(k) / kRings,
                 2.0f * static_cast<float>(kPi) * static_cast<float>(j) / kAround);
    }
  }
  const auto ring = [](int k, int j) {  // vertex index of ring k (>= 1), step j
    return static_cast<std::uint16_t>(1 + (k - 1) * (kAround + 1) + j);
  };
  for (int j = 0; j < kAround; ++j) {
    mesh.indices.insert(mesh.indices.end(), {0, ring(1, j), ring(1, j + 1)});
  }
  for (int k = 1; k < kRings; ++k) {
    for (int j = 0; j < kAround; ++j) {
      mesh.indices.insert(mesh.indices.end(), {ring(k, j), ring(k + 1, j), ring(k + 1, j + 1)});
      mesh.indices.insert(mesh.indices.end(), {ring(k, j), ring(k + 1, j + 1), ring(k, j + 1)});
    }
  }
  return mesh;
}

MeshData feet() {
  const glm::quat none(1.0f, 0.0f, 0.0f, 0.0f);
  MeshData mesh = ellipsoid(kFootCenter, kFootRadii, none, 20, 10);
  append_mesh(mesh,
              ellipsoid(kFootCenter * glm::vec3(-1.0f, 1.0f, 1.0f), kFootRadii, none, 20, 10));
  return mesh;
}

// The point on the front of the head (head space) at (x, y), and the head's normal there.
glm::vec3 head_front(float x, float y) {
  const float dx = x / kHeadRadii.x;
  const float dy = (y - kHeadCenter.y) / kHeadRadii.y;
  return {x, y, kHeadCenter.z + kHeadRadii.z * std::sqrt(std::max(0.0f, 1.0f - dx * dx - dy * dy))};
}

glm::vec3 head_normal(const glm::vec3& on_head) {
  return glm::normalize((on_head - kHeadCenter) / (kHeadRadii * kHeadRadii));
}

MeshData head_shell() {
  // Poles up and down (the top one hides under the antenna).
  MeshData mesh = sphere({0.0f, 0.0f, 0.0f}, 1.0f, 48, 28);
  stand_up(mesh);
  transform_mesh(mesh, translation(kHeadCenter) * glm::scale(glm::mat4(1.0f), kHeadRadii));
  return mesh;
}

MeshData cheeks() {
  MeshData mesh;
  for (const float side : {1.0f, -1.0f}) {
    const glm::vec3 on_head = head_front(side * kCheekX, kCheekY);
    const glm::vec3 n = head_normal(on_head);
    append_mesh(mesh, ellipsoid(on_head - n * 0.0012f, kCheekRadii, facing(n), 16, 8));
  }
  return mesh;
}

// One eye in its node's space (origin at the eye's middle, +Z out of the face): a dark
// glossy oval with a big and a small highlight at its upper left (as the viewer sees it).
struct EyeMeshes {
  MeshData eye;
  MeshData shine;
};

EyeMeshes eye_meshes() {
  const glm::quat none(1.0f, 0.0f, 0.0f, 0.0f);
  EyeMeshes out;
  out.eye = ellipsoid({0.0f, 0.0f, 0.0f}, kEyeRadii, none, 20, 12);
  const auto on_eye = [](float x, float y) {
    const float dx = x / kEyeRadii.x;
    const float dy = y / kEyeRadii.y;
    return kEyeRadii.z * std::sqrt(std::max(0.0f, 1.0f - dx * dx - dy * dy));
  };
  out.shine = ellipsoid({-0.0026f, 0.0042f, on_eye(-0.0026f, 0.0042f) - 0.0006f},
                        {0.0024f, 0.0024f, 0.0012f}, none, 12, 6);
  append_mesh(out.shine, ellipsoid({0.0027f, -0.0036f, on_eye(0.0027f, -0.0036f) - 0.0004f},
                                   {0.0012f, 0.0012f, 0.0007f}, none, 10, 5));
  return out;
}

// The smile: a crescent along the face, thickest in the middle, its corners turned up.
// `origin` is the mouth node's place (head space); the mesh is relative to it.
MeshData smile(const glm::vec3& origin) {
  constexpr int kPoints = 15;
  std::vector<glm::vec3> path;
  std::vector<float> radii;
  for (int i = 0; i < kPoints; ++i) {
    const float s = static_cast<float>(i) / static_cast<float>(kPoints - 1);
    const float x = kMouthHalfWidth * (2.0f * s - 1.0f);
    const float y = kMouthY + kMouthCurve * (2.0f * s - 1.0f) * (2.0f * s - 1.0f);
    const glm::vec3 on_head = head_front(x, y);
    path.push_back(on_head - head_normal(on_head) * 0.0008f - origin);
    radii.push_back(i == 0 || i + 1 == kPoints
                        ? 0.0f
                        : kMouthThickness * std::sqrt(std::sin(static_cast<float>(kPi) * s)));
  }
  return sweep_tube(path, radii, 10, {0.0f, 0.0f, 1.0f});
}

// An arm in arm space: a rounded stub hanging from the shoulder, and a round hand.
MeshData arm_stub() {
  std::vector<ProfilePoint> profile;
  append_arc(profile, {0.0f, 0.0f}, {0.009f, 0.009f}, 180.0f, 90.0f, 5);
  profile.push_back({0.02f, 0.0085f, false});
  append_arc(profile, {kArmLength - 0.006f, 0.0f}, {0.008f, 0.008f}, 90.0f, 0.0f, 4);
  MeshData mesh = lathe(profile, 16);
  // Along -Y instead of +X.
  transform_mesh(mesh,
                 glm::rotate(glm::mat4(1.0f), static_cast<float>(-kPi / 2.0), {0.0f, 0.0f, 1.0f}));
  return mesh;
}

MeshData hand() {
  return sphere({0.0f, -kArmLength, 0.001f}, kHandRadius, 16, 10);
}

struct AntennaMeshes {
  MeshData stalk;
  MeshData tip;
};

AntennaMeshes antenna_meshes() {
  AntennaMeshes out;
  out.stalk = sweep_tube({{0.0f, -0.004f, 0.0f}, {0.0005f, 0.007f, 0.0f}, {0.002f, 0.015f, 0.0f}},
                         {0.0024f, 0.0022f, 0.002f}, 10, {0.0f, 0.0f, 1.0f});
  out.tip = sphere({0.002f, 0.017f, 0.0f}, 0.0055f, 16, 10);
  return out;
}

Trs at(const glm::vec3& p, const glm::dquat& rotation = glm::dquat(1.0, 0.0, 0.0, 0.0)) {
  return {glm::dvec3(p), rotation, glm::dvec3(1.0)};
}

glm::dquat about_z(double degrees) {
  return glm::angleAxis(glm::radians(degrees), glm::dvec3(0.0, 0.0, 1.0));
}

glm::dquat about_x(double degrees) {
  return glm::angleAxis(glm::radians(degrees), glm::dvec3(1.0, 0.0, 0.0));
}

double smoothstep(double edge0, double edge1, double x) {
  const double t = std::clamp((x - edge0) / (edge1 - edge0), 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

// `count` evenly spaced key times from 0 to `duration`, both included.
std::vector<float> key_times(double duration, int count) {
  std::vector<float> times;
  for (int i = 0; i < count; ++i) {
    times.push_back(static_cast<float>(duration * i / (count - 1)));
  }
  return times;
}

void push(std::vector<float>& out, const glm::dvec3& v) {
  for (double c : {v.x, v.y, v.z}) out.push_back(static_cast<float>(c));
}

void push(std::vector<float>& out, const glm::dquat& q) {
  const glm::dquat n = glm::normalize(q);
  for (double c : {n.x, n.y, n.z, n.w}) out.push_back(static_cast<float>(c));
}

// An arm's turn: `out_deg` outward from hanging straight down (in the body's front plane;
// the rest pose is kArmRestDeg), then `forward_deg` toward the viewer. side: +1 for the
// left arm (+X), -1 for the right.
glm::dquat arm_turn(double side, double out_deg, double forward_deg) {
  return about_x(forward_deg) * about_z(side * out_deg);
}

}  // namespace

std::vector<unsigned char> build_guide_glb() {
  GltfBuilder gltf("trialxr-modelgen (guide, format 1)");

  const int orange = add_material(gltf, "pip-orange", 0xFF8C2E, 0.55);
  const int cream = add_material(gltf, "pip-cream", 0xFFF0D8, 0.65);
  const int cheek = add_material(gltf, "pip-cheek", 0xFF8E96, 0.8);
  const int eye = add_material(gltf, "pip-eye", 0x2A1A14, 0.18);
  const int shine = add_material(gltf, "pip-shine", 0xFFFFFF, 0.3, 0.6);
  const int mouth = add_material(gltf, "pip-mouth", 0x7A2A22, 0.5);
  const int tip = add_material(gltf, "pip-antenna", 0xFFD23F, 0.4, 0.25);

  // Meshes.
  const int body_mesh = gltf.add_mesh(
      "body", {{body_shell(), orange, {}}, {belly(), cream, {}}, {feet(), cream, {}}});
  const int head_mesh = gltf.add_mesh("head", {{head_shell(), orange, {}}, {cheeks(), cheek, {}}});
  const EyeMeshes eyes = eye_meshes();
  const int eye_left_mesh =
      gltf.add_mesh("eye-left", {{eyes.eye, eye, {}}, {eyes.shine, shine, {}}});
  const int eye_right_mesh =
      gltf.add_mesh("eye-right", {{eyes.eye, eye, {}}, {eyes.shine, shine, {}}});
  const glm::vec3 mouth_at = head_front(0.0f, kMouthY);
  const int mouth_mesh = gltf.add_mesh("mouth", {{smile(mouth_at), mouth, {}}});
  const AntennaMeshes antenna = antenna_meshes();
  const int antenna_mesh =
      gltf.add_mesh("antenna", {{antenna.stalk, orange, {}}, {antenna.tip, tip, {}}});
  const int arm_left_mesh =
      gltf.add_mesh("arm-left", {{arm_stub(), orange, {}}, {hand(), cream, {}}});
  const int arm_right_mesh =
      gltf.add_mesh("arm-right", {{arm_stub(), orange, {}}, {hand(), cream, {}}});

  // Nodes.
  const int guide = gltf.add_node("guide", {});
  const int body = gltf.add_node("body", {}, body_mesh);
  const glm::dvec3 head_rest(kNeck);
  const int head = gltf.add_node("head", at(kNeck), head_mesh);
  // The eyes' node sits between the eyes, at their height, so that scaling it in y blinks
  // both; each eye faces along the head's normal where it sits.
  const glm::vec3 eyes_at = head_front(0.0f, kEyeY);
  const int eyes_node = gltf.add_node("eyes", at(eyes_at));
  int eye_nodes[2] = {};
  for (int k = 0; k < 2; ++k) {
    const float side = k == 0 ? 1.0f : -1.0f;
    const glm::vec3 on_head = head_front(side * kEyeX, kEyeY);
    const glm::vec3 n = head_normal(on_head);
    const glm::quat turn = facing(n);
    eye_nodes[k] = gltf.add_node(
        k == 0 ? "eye-left" : "eye-right",
        at(on_head - n * 0.0015f - eyes_at, glm::dquat(turn.w, turn.x, turn.y, turn.z)),
        k == 0 ? eye_left_mesh : eye_right_mesh);
  }
  const int mouth_node = gltf.add_node("mouth", at(mouth_at), mouth_mesh);
  const int antenna_node = gltf.add_node("antenna", at(kAntennaBase), antenna_mesh);
  const glm::dquat arm_left_rest = arm_turn(1.0, kArmRestDeg, 0.0);
  const glm::dquat arm_right_rest = arm_turn(-1.0, kArmRestDeg, 0.0);
  const int arm_left = gltf.add_node("arm-left", at(kShoulder, arm_left_rest), arm_left_mesh);
  const int arm_right = gltf.add_node(
      "arm-right", at(kShoulder * glm::vec3(-1.0f, 1.0f, 1.0f), arm_right_rest), arm_right_mesh);

  gltf.add_child(guide, body);
  for (int child : {head, arm_left, arm_right}) gltf.add_child(body, child);
  for (int child : {eyes_node, mouth_node, antenna_node}) gltf.add_child(head, child);
  for (int child : eye_nodes) gltf.add_child(eyes_node, child);
  gltf.add_scene("guide", {guide});

  // The clips animate different properties, so that "idle" keeps looping under the others:
  //   idle:  body scale, head rotation, eyes scale
  //   wave:  arm-right rotation
  //   talk:  mouth scale, head translation
  //   cheer: body translation, arm-left and arm-right rotation, antenna rotation
  // Every clip starts and ends at rest. All LINEAR, with keys close enough to look smooth.

  // "idle" (3 s): the body breathes (a little taller and narrower, from the feet), the
  // head tilts one way and the other and nods a touch, and the eyes blink once.
  {
    constexpr double kDuration = 3.0;
    const int anim = gltf.add_animation("idle");
    const std::vector<float> times = key_times(kDuration, 31);
    std::vector<float> scales;
    std::vector<float> rotations;
    for (const float time : times) {
      const double phase = 2.0 * kPi * static_cast<double>(time) / kDuration;
      const double breath = 0.5 - 0.5 * std::cos(phase);
      push(scales, glm::dvec3(1.0 - 0.014 * breath, 1.0 + 0.03 * breath, 1.0 - 0.014 * breath));
      push(rotations, about_z(4.0 * std::sin(phase)) * about_x(2.0 * breath));
    }
    gltf.add_channel(anim, body, "scale", times, scales, Interpolation::kLinear);
    gltf.add_channel(anim, head, "rotation", times, rotations, Interpolation::kLinear);
    const glm::dvec3 open(1.0);
    const glm::dvec3 shut(1.0, 0.1, 1.0);
    std::vector<float> blink;
    for (const glm::dvec3& s : {open, open, shut, open, open}) push(blink, s);
    gltf.add_channel(anim, eyes_node, "scale", {0.0f, 2.1f, 2.18f, 2.26f, 3.0f}, blink,
                     Interpolation::kLinear);
  }
  // "wave" (1.5 s): the right arm swings up and out, waves twice and comes back down.
  {
    constexpr double kDuration = 1.5;
    const int anim = gltf.add_animation("wave");
    const std::vector<float> times = key_times(kDuration, 31);
    std::vector<float> rotations;
    for (const float time : times) {
      const double t = static_cast<double>(time);
      const double raise = smoothstep(0.0, 0.35, t) * (1.0 - smoothstep(1.15, 1.5, t));
      const double wag = t > 0.35 && t < 1.15 ? std::sin(2.0 * kPi * (t - 0.35) / 0.4) : 0.0;
      push(rotations, arm_turn(-1.0, kArmRestDeg + 103.0 * raise + 22.0 * wag, 8.0 * raise));
    }
    gltf.add_channel(anim, arm_right, "rotation", times, rotations, Interpolation::kLinear);
  }
  // "talk" (0.6 s, meant to loop while Pip speaks): the mouth opens wider twice, and the
  // head bobs down a little with each.
  {
    const int anim = gltf.add_animation("talk");
    const std::vector<float> times = {0.0f, 0.15f, 0.3f, 0.45f, 0.6f};
    std::vector<float> scales;
    for (const glm::dvec3& s :
         {glm::dvec3(1.0), glm::dvec3(0.9, 1.9, 1.1), glm::dvec3(1.0, 1.1, 1.0),
          glm::dvec3(0.94, 1.6, 1.05), glm::dvec3(1.0)}) {
      push(scales, s);
    }
    gltf.add_channel(anim, mouth_node, "scale", times, scales, Interpolation::kLinear);
    std::vector<float> bob;
    for (const double dip : {0.0, 0.0015, 0.0, 0.001, 0.0}) {
      push(bob, head_rest - glm::dvec3(0.0, dip, 0.0));
    }
    gltf.add_channel(anim, head, "translation", times, bob, Interpolation::kLinear);
  }
  // "cheer" (1.2 s): both arms go up, Pip hops, the antenna wobbles as it lands, and the
  // arms come back down.
  {
    constexpr double kDuration = 1.2;
    const int anim = gltf.add_animation("cheer");
    const std::vector<float> times = key_times(kDuration, 31);
    std::vector<float> hop;
    std::vector<float> left;
    std::vector<float> right;
    std::vector<float> wobble;
    for (const float time : times) {
      const double t = static_cast<double>(time);
      const double s = std::clamp((t - 0.12) / 0.5, 0.0, 1.0);
      push(hop, glm::dvec3(0.0, 0.03 * 4.0 * s * (1.0 - s), 0.0));
      const double up = smoothstep(0.0, 0.25, t) * (1.0 - smoothstep(0.85, 1.2, t));
      const double out = kArmRestDeg + up * (110.0 + 10.0 * std::sin(2.0 * kPi * t / 0.3));
      push(left, arm_turn(1.0, out, 10.0 * up));
      push(right, arm_turn(-1.0, out, 10.0 * up));
      const double since = std::max(0.0, t - 0.12);
      push(wobble, about_z(14.0 * std::sin(2.0 * kPi * since / 0.36) * std::exp(-2.5 * since) *
                           (1.0 - smoothstep(1.0, 1.2, t))));
    }
    gltf.add_channel(anim, body, "translation", times, hop, Interpolation::kLinear);
    gltf.add_channel(anim, arm_left, "rotation", times, left, Interpolation::kLinear);
    gltf.add_channel(anim, arm_right, "rotation", times, right, Interpolation::kLinear);
    gltf.add_channel(anim, antenna_node, "rotation", times, wobble, Interpolation::kLinear);
  }
  return gltf.to_glb();
}

}  // namespace trialxr::modelgen
