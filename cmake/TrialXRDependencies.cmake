# Every dependency comes from Debian 12's packages; tools/deps.sh installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(tl-expected REQUIRED)
find_package(fmt REQUIRED)
find_package(zstd REQUIRED)
find_package(meshoptimizer REQUIRED)
find_package(TinyGLTF REQUIRED)
find_package(glm REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(Vulkan REQUIRED)  # libvulkan-dev; glslc for shaders/
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2>=24.0)  # 2.11+: SDF rendering
pkg_check_modules(HARFBUZZ REQUIRED IMPORTED_TARGET harfbuzz)
pkg_check_modules(FONTCONFIG REQUIRED IMPORTED_TARGET fontconfig)
pkg_check_modules(UNIBREAK REQUIRED IMPORTED_TARGET libunibreak)
pkg_check_modules(GLFW REQUIRED IMPORTED_TARGET glfw3)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)  # with its GLFW and Vulkan backends
pkg_check_modules(OPENXR REQUIRED IMPORTED_TARGET openxr)  # the Khronos loader
# Narration: Opus in bundles (libopus), played through OpenAL Soft; at compile time recorded
# files are read with libsndfile (WAV, Ogg Vorbis, Opus), resampled with libsamplerate, and
# missing lines are synthesised with espeak-ng.
pkg_check_modules(OPUS REQUIRED IMPORTED_TARGET opus)
pkg_check_modules(OPENAL REQUIRED IMPORTED_TARGET openal)
pkg_check_modules(SNDFILE REQUIRED IMPORTED_TARGET sndfile)
pkg_check_modules(SAMPLERATE REQUIRED IMPORTED_TARGET samplerate)
pkg_check_modules(ESPEAKNG REQUIRED IMPORTED_TARGET espeak-ng)

if(TARGET zstd::libzstd_shared)
  set(TRIALXR_ZSTD zstd::libzstd_shared)
else()
  set(TRIALXR_ZSTD zstd::libzstd_static)
endif()

# libgettextpo (libgettextpo-dev) reads and writes PO files; it ships neither a
# pkg-config file nor a CMake package.
find_path(GETTEXTPO_INCLUDE_DIR gettext-po.h REQUIRED)
find_library(GETTEXTPO_LIBRARY gettextpo REQUIRED)
add_library(GettextPo::GettextPo UNKNOWN IMPORTED)
set_target_properties(GettextPo::GettextPo PROPERTIES
  IMPORTED_LOCATION "${GETTEXTPO_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${GETTEXTPO_INCLUDE_DIR}")
