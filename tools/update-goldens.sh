#!/usr/bin/env bash
# Regenerates the golden images (tests/render/golden/*.png) on lavapipe: the renderer's
# focused scenes (render_test) and the sample scene's storyboard (app_test), each run
# with TRIALXR_UPDATE_GOLDENS=1, which writes each golden that is missing or no longer matches
# (those that still match stay untouched). Look at every changed PNG before committing it.
#   tools/update-goldens.sh [build-dir]     (default: build/dev)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/dev}"

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake --preset dev -B "$build" >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target render_test app_test preview_test
export TRIALXR_UPDATE_GOLDENS=1 TRIALXR_SOURCE_DIR="$PWD" TRIALXR_BIN_DIR="$PWD/$build/bin"
"$build/bin/render_test" --gtest_filter='Golden.*'
"$build/bin/app_test" --gtest_filter='SampleGolden.*:Languages/TextGolden.*'
xvfb-run -a -s "-screen 0 1280x1024x24" "$build/bin/preview_test" --gtest_filter='Preview.OpensAndRendersTheSampleScene'
git status --short tests/render/golden || true
