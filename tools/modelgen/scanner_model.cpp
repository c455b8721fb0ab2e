#include "scanner_model.h"

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

// Scanner space: metres, +Y up, the origin on the table top under the middle of the model.
// The bore's axis runs along Z: the housing stands at the back (-Z) and the couch reaches
// toward the viewer (+Z). About 1:8.5 scale: the model is 0.45 m long and the person 19 cm.
//
// Node tree: scanner (root) -> stand, bore -> bore-light
//                           -> couch -> couch-top -> head-coil
//                                                -> person -> headphones, call-ball
// Each node's origin is where a label should point, on its part's surface, except `bore`
// and `bore-light`, whose origin is the middle of the bore's front opening (they pulse
// about the axis there) and `stand` (the root's origin). Meshes are built in scanner space
// at rest and moved into their node's space.

constexpr float kPi = 3.14159265358979323846f;

// The housing: a thick ring about the bore's axis, with a flat front and back face and
// rounded edges, on a stand.
constexpr float kBoreY = 0.16f;     // the axis' height
constexpr float kFrontZ = -0.075f;  // the front face
constexpr float kDepth = 0.15f;     // the back face is at kFrontZ - kDepth
constexpr float kOuterRadius = 0.13f;
constexpr float kBoreRadius = 0.055f;
constexpr float kEdgeRadius = 0.02f;    // the rounding of the outer edges
constexpr float kLipRadius = 0.01f;     // the rounding of the bore's mouths
constexpr float kLightRadius = 0.074f;  // the light ring on the front face, around the bore
constexpr glm::vec3 kBoreAt{0.0f, kBoreY, kFrontZ};

// The couch: a body on a pedestal in front of the housing, and the top that slides.
constexpr float kCouchBackZ = -0.07f;
constexpr float kCouchFrontZ = 0.225f;
constexpr float kCouchBodyBottom = 0.082f;
constexpr float kCouchBodyTop = 0.112f;
constexpr float kCushionTop = 0.123f;  // where the person lies
constexpr float kTopBackZ = -0.065f;   // the couch top's ends, at rest
constexpr float kTopFrontZ = 0.205f;
constexpr float kSlide = 0.115f;  // how far "slide-in" moves it: the head to the middle
constexpr glm::vec3 kCouchAt{0.0f, kCouchBodyTop, kCouchFrontZ};
constexpr glm::vec3 kCouchTopAt{0.0f, kCushionTop, 0.185f};  // on the cushion, past the feet

// The person (lying on the back, head toward the bore), measured from the cushion's top.
constexpr float kY0 = kCushionTop;
constexpr glm::vec3 kHeadCenter{0.0f, kY0 + 0.011f, -0.039f};
constexpr glm::vec3 kHeadRadii{0.0085f, 0.0105f, 0.011f};   // width, face-to-back, crown-to-chin
constexpr glm::vec3 kPersonAt{0.0f, kY0 + 0.019f, 0.005f};  // on the chest
constexpr glm::vec3 kHeadphonesAt{-0.0121f, kHeadCenter.y, kHeadCenter.z};  // the -X ear cup
constexpr glm::vec3 kBallCenter{-0.0195f, kY0 + 0.0095f, 0.047f};           // in the right hand
constexpr float kBallRadius = 0.0055f;
constexpr glm::vec3 kCallBallAt{kBallCenter.x, kBallCenter.y + kBallRadius, kBallCenter.z};

// The head coil: a cage of arches over the head on a base plate.
constexpr float kCoilBaseY = kY0 + 0.005f;  // the arches' ellipse centre height
constexpr glm::vec2 kArchRadii{0.0175f, 0.0205f};
constexpr float kBarRadius = 0.0015f;
constexpr float kArchZ[3] = {-0.052f, -0.040f, -0.028f};
constexpr glm::vec3 kHeadCoilAt{0.0f, kCoilBaseY + kArchRadii.y + kBarRadius, kArchZ[1]};

glm::mat4 translation(const glm::vec3& by) {
  return glm::translate(glm::mat4(1.0f), by);
}

void translate(MeshData& mesh, const glm::vec3& by) {
  for (glm::vec3& p : mesh.positions) p += by;
}

// The mesh (built in scanner space) in the space of a node whose origin is `node_at`.
MeshData in_node(MeshData mesh, const glm::vec3& node_at) {
  translate(mesh, -node_at);
  return mesh;
}

// Unit quaternion that turns +X onto the unit vector d (the shortest way).
glm::quat from_x(const glm::vec3& d) {
  const glm::vec3 x(1.0f, 0.0f, 0.0f);
  const float c = glm::dot(x, d);
  if (c < -0.9999f) return glm::angleAxis(kPi, glm::vec3(0.0f, 1.0f, 0.0f));
  const glm::vec3 a = glm::cross(x, d);
  return glm::normalize(glm::quat(1.0f + c, a.x, a.y, a.z));
}

// A lathe about the housing's axis: `axial` 0 is the front face and grows toward the back.
MeshData ring_lathe(const std::vector<ProfilePoint>& profile, int segments) {
  MeshData mesh = lathe(profile, segments);
  // +X (the lathe's axis) onto -Z, then to the front face's middle.
  transform_mesh(
      mesh, translation(kBoreAt) * glm::rotate(glm::mat4(1.0f), kPi / 2.0f, {0.0f, 1.0f, 0.0f}));
  return mesh;
}

MeshData ellipsoid(const glm::vec3& at, const glm::vec3& radii, int segments, int steps) {
  MeshData mesh = sphere({0.0f, 0.0f, 0.0f}, 1.0f, segments, steps);
  transform_mesh(mesh, translation(at) * glm::scale(glm::mat4(1.0f), radii));
  return mesh;
}

// A rounded stick from a to b, radius ra at a and rb at b, with round ends.
MeshData capsule(const glm::vec3& a, const glm::vec3& b, float ra, float rb, int sides) {
  const float length = glm::length(b - a);
  std::vector<ProfilePoint> profile;
  append_arc(profile, {0.0f, 0.0f}, {ra, ra}, 180.0f, 90.0f, 5);
  append_arc(profile, {length, 0.0f}, {rb, rb}, 90.0f, 0.0f, 5);
  profile.front().radius = 0.0f;
  profile.back().radius = 0.0f;
  MeshData mesh = lathe(profile, sides);
  transform_mesh(mesh, translation(a) * glm::mat4_cast(from_x((b - a) / length)));
  return mesh;
}

// A thin tube along a path, closed with a point at each end.
MeshData closed_tube(std::vector<glm::vec3> path, float radius, int sides, const glm::vec3& up) {
  const glm::vec3 first = glm::normalize(path[1] - path[0]);
  const glm::vec3 last = glm::normalize(path[path.size() - 1] - path[path.size() - 2]);
  path.insert(path.begin(), path.front() - first * radius);
  path.push_back(path.back() + last * radius);
  std::vector<float> radii(path.size(), radius);
  radii.front() = 0.0f;
  radii.back() = 0.0f;
  return sweep_tube(path, radii, sides, up);
}

MeshData rounded(const glm::vec3& center, const glm::vec3& half, float radius) {
  MeshData mesh = rounded_box(half, radius, 3, 1);
  translate(mesh, center);
  return mesh;
}

// [housing]

struct HousingMeshes {
  MeshData shell;   // front face, outside, back face, the bore's rounded mouths
  MeshData liner;   // the bore's inside
  MeshData stripe;  // an accent band around the outside near the front
  MeshData light;   // the light ring on the front face
};

HousingMeshes housing() {
  constexpr int kSegments = 72;
  HousingMeshes out;
  // Clockwise in the (axial, radial) plane, so that the outside is on the left: from the
  // front mouth up the front face, along the outside, down the back face to the back mouth.
  std::vector<ProfilePoint> shell;
  append_arc(shell, {kLipRadius, kBoreRadius + kLipRadius}, {kLipRadius, kLipRadius}, 270.0f,
             180.0f, 4);
  append_arc(shell, {kEdgeRadius, kOuterRadius - kEdgeRadius}, {kEdgeRadius, kEdgeRadius}, 180.0f,
             90.0f, 6);
  append_arc(shell, {kDepth - kEdgeRadius, kOuterRadius - kEdgeRadius}, {kEdgeRadius, kEdgeRadius},
             90.0f, 0.0f, 6);
  append_arc(shell, {kDepth - kLipRadius, kBoreRadius + kLipRadius}, {kLipRadius, kLipRadius}, 0.0f,
             -90.0f, 4);
  out.shell = ring_lathe(shell, kSegments);
  out.liner = ring_lathe(
      {{kDepth - kLipRadius, kBoreRadius, true}, {kLipRadius, kBoreRadius, true}}, kSegments);
  out.stripe = ring_lathe({{0.03f, kOuterRadius - 0.002f, true},
                           {0.03f, kOuterRadius + 0.0012f, true},
                           {0.046f, kOuterRadius + 0.0012f, true},
                           {0.046f, kOuterRadius - 0.002f, true}},
                          kSegments);
  // A low half-round bump standing out of the front face (toward -axial).
  std::vector<ProfilePoint> light;
  append_arc(light, {0.0005f, kLightRadius}, {0.0025f, 0.003f}, 270.0f, 90.0f, 6);
  out.light = ring_lathe(light, kSegments);
  return out;
}

// The stand under the housing.
MeshData stand() {
  return rounded({0.0f, 0.032f, kFrontZ - 0.5f * kDepth}, {0.085f, 0.032f, 0.065f}, 0.01f);
}

// [couch]

MeshData couch_body() {
  MeshData mesh = rounded(
      {0.0f, 0.5f * (kCouchBodyBottom + kCouchBodyTop), 0.5f * (kCouchBackZ + kCouchFrontZ)},
      {0.032f, 0.5f * (kCouchBodyTop - kCouchBodyBottom), 0.5f * (kCouchFrontZ - kCouchBackZ)},
      0.008f);
  return mesh;
}

MeshData couch_pedestal() {
  MeshData mesh = rounded({0.0f, 0.043f, 0.1f}, {0.02f, 0.043f, 0.07f}, 0.006f);
  append_mesh(mesh, rounded({0.0f, 0.004f, 0.1f}, {0.036f, 0.004f, 0.085f}, 0.003f));
  return mesh;
}

MeshData couch_slab() {
  return rounded({0.0f, kCushionTop - 0.008f, 0.5f * (kTopBackZ + kTopFrontZ)},
                 {0.024f, 0.003f, 0.5f * (kTopFrontZ - kTopBackZ)}, 0.0025f);
}

MeshData couch_cushion() {
  return rounded({0.0f, kCushionTop - 0.0025f, 0.5f * (kTopBackZ + kTopFrontZ)},
                 {0.022f, 0.0025f, 0.5f * (kTopFrontZ - kTopBackZ) - 0.002f}, 0.0022f);
}

// [head coil]

struct CoilMeshes {
  MeshData frame;  // the base plate and the arches
  MeshData bars;   // the bars along the top
};

glm::vec3 on_arch(float degrees, float z) {
  const float a = degrees * kPi / 180.0f;
  return {kArchRadii.x * std::cos(a), kCoilBaseY + kArchRadii.y * std::sin(a), z};
}

CoilMeshes head_coil() {
  CoilMeshes out;
  out.frame = rounded({0.0f, kY0 + 0.0015f, kArchZ[1]}, {0.019f, 0.0015f, 0.0145f}, 0.0012f);
  for (const float z : kArchZ) {
    std::vector<glm::vec3> path = {{kArchRadii.x, kY0 + 0.0015f, z}};
    for (int i = 0; i <= 16; ++i) path.push_back(on_arch(180.0f * static_cast<float>(i) / 16, z));
    path.push_back({-kArchRadii.x, kY0 + 0.0015f, z});
    append_mesh(out.frame, closed_tube(path, kBarRadius, 10, {0.0f, 0.0f, 1.0f}));
  }
  for (const float degrees : {55.0f, 90.0f, 125.0f}) {
    append_mesh(out.bars, stick(on_arch(degrees, kArchZ[0] - 0.001f),
                                on_arch(degrees, kArchZ[2] + 0.001f), 0.0011f, 8));
  }
  return out;
}

// [person]

struct PersonMeshes {
  MeshData skin;
  MeshData hair;
  MeshData eyes;
  MeshData gown;
  MeshData socks;
};

PersonMeshes person() {
  PersonMeshes out;
  // Head, face, neck.
  out.skin = ellipsoid(kHeadCenter, kHeadRadii, 24, 14);
  append_mesh(out.skin, sphere({0.0f, kY0 + 0.0213f, -0.0368f}, 0.0017f, 10, 6));  // nose
  append_mesh(out.skin, capsule({0.0f, kY0 + 0.0085f, -0.031f}, {0.0f, kY0 + 0.0085f, -0.02f},
                                0.0042f, 0.0042f, 12));
  out.hair = ellipsoid({0.0f, kY0 + 0.0093f, -0.0405f}, {0.0091f, 0.0106f, 0.0112f}, 24, 14);
  for (const float side : {1.0f, -1.0f}) {
    append_mesh(out.eyes, sphere({side * 0.003f, kY0 + 0.0203f, -0.0405f}, 0.0009f, 8, 5));
  }
  // The body in a gown: the torso (flattened), the upper arms, the legs.
  out.gown =
      capsule({0.0f, kY0 + 0.0095f, -0.0175f}, {0.0f, kY0 + 0.0095f, 0.036f}, 0.0095f, 0.0095f, 24);
  transform_mesh(out.gown, glm::scale(glm::mat4(1.0f), {1.8f, 1.0f, 1.0f}));
  for (const float side : {1.0f, -1.0f}) {
    const glm::vec3 mirror(side, 1.0f, 1.0f);
    const glm::vec3 shoulder = glm::vec3(0.0195f, kY0 + 0.0085f, -0.015f) * mirror;
    const glm::vec3 elbow = glm::vec3(0.021f, kY0 + 0.0065f, 0.013f) * mirror;
    const glm::vec3 wrist = glm::vec3(0.0195f, kY0 + 0.0055f, 0.04f) * mirror;
    append_mesh(out.gown, capsule(shoulder, elbow, 0.0042f, 0.0038f, 12));
    append_mesh(out.skin, capsule(elbow, wrist, 0.0036f, 0.0031f, 12));
    append_mesh(out.skin, ellipsoid(glm::vec3(0.0195f, kY0 + 0.0052f, 0.046f) * mirror,
                                    {0.0033f, 0.0026f, 0.0052f}, 12, 8));
    const glm::vec3 hip = glm::vec3(0.0085f, kY0 + 0.0085f, 0.038f) * mirror;
    const glm::vec3 knee = glm::vec3(0.009f, kY0 + 0.0072f, 0.088f) * mirror;
    const glm::vec3 ankle = glm::vec3(0.009f, kY0 + 0.0055f, 0.129f) * mirror;
    append_mesh(out.gown, capsule(hip, knee, 0.0078f, 0.0058f, 14));
    append_mesh(out.gown, capsule(knee, ankle, 0.0058f, 0.004f, 14));
    append_mesh(out.socks, ellipsoid(glm::vec3(0.009f, kY0 + 0.009f, 0.1335f) * mirror,
                                     {0.0036f, 0.0075f, 0.0038f}, 12, 8));
  }
  return out;
}

// Ear protection: a band over the crown and a cup on each ear.
MeshData headphones() {
  std::vector<glm::vec3> band;
  for (int i = 0; i <= 16; ++i) {
    const float a = kPi * static_cast<float>(i) / 16;
    band.push_back({0.0117f * std::cos(a), kHeadCenter.y, kHeadCenter.z - 0.0142f * std::sin(a)});
  }
  MeshData mesh = closed_tube(band, 0.0011f, 8, {0.0f, 1.0f, 0.0f});
  for (const float side : {1.0f, -1.0f}) {
    append_mesh(mesh, ellipsoid({side * 0.0101f, kHeadCenter.y, kHeadCenter.z},
                                {0.002f, 0.0058f, 0.0058f}, 16, 8));
  }
  return mesh;
}

struct BallMeshes {
  MeshData ball;
  MeshData cable;
};

BallMeshes call_ball() {
  BallMeshes out;
  out.ball = sphere(kBallCenter, kBallRadius, 16, 10);
  out.cable = closed_tube({kBallCenter - glm::vec3(0.0f, 0.004f, -0.001f),
                           {-0.0225f, kY0 + 0.0005f, 0.053f},
                           {-0.0232f, kY0 - 0.0035f, 0.062f},
                           {-0.0232f, kY0 - 0.0035f, 0.1f}},
                          0.0009f, 6, {0.0f, 1.0f, 0.0f});
  return out;
}

// [materials and animation helpers]

Trs at(const glm::vec3& p) {
  return {glm::dvec3(p), glm::dquat(1.0, 0.0, 0.0, 0.0), glm::dvec3(1.0)};
}

void push(std::vector<float>& out, const glm::dvec3& v) {
  for (double c : {v.x, v.y, v.z}) out.push_back(static_cast<float>(c));
}

// `count` evenly spaced key times from 0 to `duration`, both included.
std::vector<float> key_times(double duration, int count) {
  std::vector<float> times;
  for (int i = 0; i < count; ++i) {
    times.push_back(static_cast<float>(duration * i / (count - 1)));
  }
  return times;
}

double smoothstep(double x) {
  const double t = std::clamp(x, 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

}  // namespace

std::vector<unsigned char> build_scanner_glb() {
  GltfBuilder gltf("trialxr-modelgen (scanner, format 1)");

  const int white = add_material(gltf, "scanner-white", 0xF1F3F5, 0.35);
  const int bore_grey = add_material(gltf, "bore-grey", 0xB9C0C8, 0.5);
  const int accent = add_material(gltf, "scanner-accent", 0x2F8FBF, 0.4);
  const int light = add_material(gltf, "bore-light", 0x8FD8FF, 0.3, 0.9);
  const int base_grey = add_material(gltf, "base-grey", 0x9AA1AA, 0.5);
  const int slab = add_material(gltf, "couch-dark", 0x3A4049, 0.5);
  const int cushion = add_material(gltf, "cushion", 0x5A6E86, 0.85);
  const int coil_white = add_material(gltf, "coil-white", 0xECEEF0, 0.4);
  const int coil_blue = add_material(gltf, "coil-blue", 0x4F86C6, 0.4);
  const int skin = add_material(gltf, "skin", 0xE2B48F, 0.6);
  const int hair = add_material(gltf, "hair", 0x3B2A20, 0.7);
  const int eye = add_material(gltf, "eye", 0x1E1A18, 0.3);
  const int gown = add_material(gltf, "gown", 0x9DC3E6, 0.85);
  const int socks = add_material(gltf, "socks", 0xF3F1EC, 0.9);
  const int phones = add_material(gltf, "headphones", 0x3E5BA9, 0.4);
  const int ball = add_material(gltf, "call-ball", 0xFF6F1F, 0.4, 0.3);
  const int cable = add_material(gltf, "cable", 0x40444A, 0.6);

  // Meshes, each in its node's space.
  HousingMeshes ring = housing();
  const int bore_mesh = gltf.add_mesh("bore", {{in_node(ring.shell, kBoreAt), white, {}},
                                               {in_node(ring.liner, kBoreAt), bore_grey, {}},
                                               {in_node(ring.stripe, kBoreAt), accent, {}}});
  const int light_mesh = gltf.add_mesh("bore-light", {{in_node(ring.light, kBoreAt), light, {}}});
  const int stand_mesh = gltf.add_mesh("stand", {{stand(), base_grey, {}}});
  const int couch_mesh =
      gltf.add_mesh("couch", {{in_node(couch_body(), kCouchAt), white, {}},
                              {in_node(couch_pedestal(), kCouchAt), base_grey, {}}});
  const int top_mesh =
      gltf.add_mesh("couch-top", {{in_node(couch_slab(), kCouchTopAt), slab, {}},
                                  {in_node(couch_cushion(), kCouchTopAt), cushion, {}}});
  const CoilMeshes coil = head_coil();
  const int coil_mesh =
      gltf.add_mesh("head-coil", {{in_node(coil.frame, kHeadCoilAt), coil_white, {}},
                                  {in_node(coil.bars, kHeadCoilAt), coil_blue, {}}});
  const PersonMeshes body = person();
  const int person_mesh = gltf.add_mesh("person", {{in_node(body.skin, kPersonAt), skin, {}},
                                                   {in_node(body.hair, kPersonAt), hair, {}},
                                                   {in_node(body.eyes, kPersonAt), eye, {}},
                                                   {in_node(body.gown, kPersonAt), gown, {}},
                                                   {in_node(body.socks, kPersonAt), socks, {}}});
  const int phones_mesh =
      gltf.add_mesh("headphones", {{in_node(headphones(), kHeadphonesAt), phones, {}}});
  const BallMeshes squeeze = call_ball();
  const int ball_mesh =
      gltf.add_mesh("call-ball", {{in_node(squeeze.ball, kCallBallAt), ball, {}},
                                  {in_node(squeeze.cable, kCallBallAt), cable, {}}});

  // Nodes. Translations are relative to the parent's origin.
  const int scanner = gltf.add_node("scanner", {});
  const int stand_node = gltf.add_node("stand", {}, stand_mesh);
  const int bore = gltf.add_node("bore", at(kBoreAt), bore_mesh);
  const int bore_light = gltf.add_node("bore-light", {}, light_mesh);
  const int couch = gltf.add_node("couch", at(kCouchAt), couch_mesh);
  const glm::dvec3 top_rest(kCouchTopAt - kCouchAt);
  const int couch_top = gltf.add_node("couch-top", at(kCouchTopAt - kCouchAt), top_mesh);
  const int head_coil_node = gltf.add_node("head-coil", at(kHeadCoilAt - kCouchTopAt), coil_mesh);
  const int person_node = gltf.add_node("person", at(kPersonAt - kCouchTopAt), person_mesh);
  const int phones_node = gltf.add_node("headphones", at(kHeadphonesAt - kPersonAt), phones_mesh);
  const int ball_node = gltf.add_node("call-ball", at(kCallBallAt - kPersonAt), ball_mesh);

  for (int child : {stand_node, bore, couch}) gltf.add_child(scanner, child);
  gltf.add_child(bore, bore_light);
  gltf.add_child(couch, couch_top);
  for (int child : {head_coil_node, person_node}) gltf.add_child(couch_top, child);
  for (int child : {phones_node, ball_node}) gltf.add_child(person_node, child);
  gltf.add_scene("scanner", {scanner});

  // The clips and the node properties they drive:
  //   slide-in, slide-out: couch-top translation; bore and bore-light scale held at rest
  //   knock:               bore and bore-light scale
  // The player gives a property to the clip started last that drives it, and a stopped or
  // finished clip holds the pose it had. So "knock" can loop while the couch is in, and a
  // "stop" part-way through a knock leaves the bore a touch swollen -- until the next
  // slide, which takes the scales back to rest. All LINEAR; every clip starts and ends at
  // rest (the slides at their own ends).
  const glm::dvec3 slid_in = top_rest - glm::dvec3(0.0, 0.0, kSlide);
  const glm::dvec3 rest_scale(1.0);
  for (const bool in : {true, false}) {
    constexpr double kDuration = 4.0;
    const int anim = gltf.add_animation(in ? "slide-in" : "slide-out");
    const std::vector<float> times = key_times(kDuration, 17);
    std::vector<float> moves;
    for (const float time : times) {
      const double s = smoothstep(static_cast<double>(time) / kDuration);
      const double u = in ? s : 1.0 - s;
      push(moves, top_rest + (slid_in - top_rest) * u);
    }
    gltf.add_channel(anim, couch_top, "translation", times, moves, Interpolation::kLinear);
    std::vector<float> still;
    push(still, rest_scale);
    push(still, rest_scale);
    const std::vector<float> ends = {0.0f, static_cast<float>(kDuration)};
    gltf.add_channel(anim, bore, "scale", ends, still, Interpolation::kLinear);
    gltf.add_channel(anim, bore_light, "scale", ends, still, Interpolation::kLinear);
  }
  // "knock" (0.5 s, loops): two knocks, each a quick swell of the housing and a stronger
  // pulse of the light ring, then rest.
  {
    const int anim = gltf.add_animation("knock");
    const std::vector<float> times = {0.0f, 0.04f, 0.12f, 0.25f, 0.29f, 0.37f, 0.5f};
    const std::vector<double> amount = {0.0, 1.0, 0.0, 0.0, 0.8, 0.0, 0.0};
    std::vector<float> housing_scale;
    std::vector<float> light_scale;
    for (const double a : amount) {
      push(housing_scale, glm::dvec3(1.0 + 0.012 * a, 1.0 + 0.012 * a, 1.0 + 0.008 * a));
      push(light_scale, glm::dvec3(1.0 + 0.06 * a, 1.0 + 0.06 * a, 1.0 + 1.2 * a));
    }
    gltf.add_channel(anim, bore, "scale", times, housing_scale, Interpolation::kLinear);
    gltf.add_channel(anim, bore_light, "scale", times, light_scale, Interpolation::kLinear);
  }
  return gltf.to_glb();
}

}  // namespace trialxr::modelgen
