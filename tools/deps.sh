#!/usr/bin/env bash
# Installs the Debian 12 packages TrialXR needs to build and test, when missing.
# As root it runs apt-get itself; otherwise it prints the exact command and stops.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake pkg-config git
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # core, bundle and compiler
  libexpected-dev libfmt-dev libcli11-dev libsodium-dev libzstd-dev
  libmeshoptimizer-dev libtinygltf-dev nlohmann-json3-dev libstb-dev libglm-dev
  # translations: gettext PO files
  libgettextpo-dev
  # renderer: Vulkan headers and loader, the shader compiler, the validation layer and
  # Mesa's CPU driver (lavapipe), which the tests and headless rendering run on
  libvulkan-dev glslc vulkan-validationlayers mesa-vulkan-drivers
  # text: fonts through fontconfig, shaping, UAX #14 line breaking, SDF glyphs; the
  # default faces for Latin (DejaVu Sans) and Chinese, Japanese, Korean (Noto Sans CJK)
  libfontconfig-dev libfreetype-dev libharfbuzz-dev libunibreak-dev
  fonts-dejavu-core fonts-noto-cjk
  # desktop preview: window, review tools; tests run it under a virtual X server
  libglfw3-dev libimgui-dev xvfb xauth
  # headset host: the Khronos OpenXR loader and its core validation layer (the tests run
  # against the project's own headless runtime)
  libopenxr-dev openxr-layer-corevalidation
  # narration: Opus in bundles, OpenAL Soft playback; recorded files read with libsndfile
  # and resampled with libsamplerate; lines without a recording synthesised by espeak-ng
  libopus-dev libopenal-dev libsndfile1-dev libsamplerate0-dev libespeak-ng-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "TrialXR needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
