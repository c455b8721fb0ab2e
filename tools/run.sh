#!/usr/bin/env bash
# Builds everything and runs the main job: opens the sample scene in the desktop
# preview (edit scenes/blood-draw.txs and save: the preview rebuilds it). Without a
# display it compiles the sample into a bundle, shows what the bundle holds, and renders
# its storyboard (one PNG per step, with an index.html for reviewers) offscreen — on the
# CPU when there is no GPU.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev -j"$(nproc)"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "Opening the sample scene in the preview (close the window to quit)."
  exec build/dev/bin/trialxr preview scenes/blood-draw.txs
fi

out=build/dev/out
mkdir -p "$out"
build/dev/bin/trialxr-build build scenes/blood-draw.txs -o "$out/blood-draw.trxb"
build/dev/bin/trialxr-build inspect "$out/blood-draw.trxb"
echo
echo "No display, so no preview window: rendering the storyboard instead."
build/dev/bin/trialxr render "$out/blood-draw.trxb" --storyboard "$out/storyboard" --size 1280x720
echo
echo "The sample bundle is $out/blood-draw.trxb"
echo "Its storyboard is in $out/storyboard/ — open $out/storyboard/index.html"
