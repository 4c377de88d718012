#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite: GUI tests offscreen, keychain tests against a
# real Secret Service (gnome-keyring in a private D-Bus session started here).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/bootstrap.sh"

cd "$here"
export QT_QPA_PLATFORM=offscreen
export TZ=UTC
# Tests must never touch the user's real ~/.kube or keyring.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/.local/share" XDG_CONFIG_HOME="$scratch/home/.config"
export XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset KUBECONFIG KUBECACHEDIR

exec dbus-run-session -- sh -c '
    echo -n kubrowser-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
    ctest --preset "${KUBROWSER_PRESET:-dev}" "$@"
' sh "$@"
