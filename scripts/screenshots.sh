#!/bin/sh
# Writes screenshots of Kubrowser's main views to docs/screenshots/, using the built-in demo
# cluster under a virtual X server (xvfb-run). Usage: scripts/screenshots.sh [build-dir]
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build/dev"}
bin="$build/app/gui/kubrowser-harness"
out="$root/docs/screenshots"

if [ ! -x "$bin" ]; then
    echo "screenshots.sh: $bin not found; build first (cmake --build $build --target kubrowser-harness)" >&2
    exit 1
fi
if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "screenshots.sh: xvfb-run not found (apt install xvfb)" >&2
    exit 1
fi
mkdir -p "$out"

# A fixed look: Fusion style, a sane font size, no user settings, UTC ages.
export QT_QPA_PLATFORM=xcb
export QT_STYLE_OVERRIDE=Fusion
export QT_SCALE_FACTOR=1
export TZ=UTC
export LC_ALL=C.UTF-8
tmp_home=$(mktemp -d)
trap 'rm -rf "$tmp_home"' EXIT
export HOME="$tmp_home"
export XDG_CONFIG_HOME="$tmp_home/.config"

shot() {
    name=$1
    shift
    echo "screenshots.sh: $name"
    xvfb-run -a -s "-screen 0 1600x1000x24" "$bin" --demo --demo-pods 2000 --no-watch \
        --screenshot "$out/$name.png" "$@"
}

shot pods -A --resource pods
shot pod-details -A --resource pods --screenshot-view details
shot pod-events -A --resource pods --screenshot-view events
shot deployments -A --resource deploy --screenshot-view details
shot nodes --resource nodes
shot api-resources --screenshot-view api-resources
shot tree-filter -A --resource crd --screenshot-view tree-filter=deploy

echo "screenshots.sh: wrote $(ls "$out"/*.png | wc -l) screenshots to $out"
