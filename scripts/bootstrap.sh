#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages), configures and builds. Idempotent: with
# everything installed and nothing changed it only runs a no-op ninja.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=${KUBROWSER_PRESET:-dev}

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qtkeychain-qt6-dev
    libyaml-cpp-dev libxkbcommon-dev libgl-dev libssl-dev openssl zlib1g-dev
    xvfb xauth dbus dbus-x11 gnome-keyring
    doxygen appstream desktop-file-utils dpkg-dev
    python3-kubernetes python3-websocket
    nghttp2-proxy
)
# The sanitizer and fuzz builds use clang 14: its ASan + UBSan build takes half of gcc's time
# (gcc's UBSan instrumentation triples the compile time of the generated typed clients).
case "$preset" in
asan | fuzz) packages+=(clang-14 libclang-rt-14-dev) ;;
esac

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
    echo "kubrowser: installing ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

cd "$here"
if [ ! -f "build/$preset/build.ninja" ]; then
    cmake --preset "$preset" >/dev/null
fi
cmake --build --preset "$preset"
