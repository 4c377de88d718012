#!/usr/bin/env bash
# The Debian packages, as a user gets them: CPack builds kubrowser, libkubeclient0 and
# libkubeclient-dev from the already-built tree (no second build), they are unpacked into an
# empty root (dpkg-deb -x), and what they ship must work from there alone:
#   - control fields: names, sections, Depends between our packages and on Debian's libraries
#   - kubrowser-cli --demo api-resources, kubrowser --version, kubrowser-demo-server --version
#   - an example built against only libkubeclient-dev (+ Debian's Qt), run against the
#     packaged demo server
#   - appstreamcli validate, desktop-file-validate, man pages, bash completion
# Usage: packaging_test.sh <build dir> <source dir> <version>
set -euo pipefail
build=$1 source=$2 version=$3

fail() { echo "FAIL: $*" >&2; exit 1; }
# grep -q stops reading at the first match; under pipefail the writer then dies of SIGPIPE and
# the pipeline fails although the text matched. contains reads all of its input first.
contains() {
    local text
    text=$(cat)
    grep -q "$@" <<<"$text"
}
for tool in cpack dpkg-deb dpkg-shlibdeps; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
done

work=$(mktemp -d)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "== cpack"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/packages" >"$work/cpack.log" 2>&1 \
    || { cat "$work/cpack.log"; fail "cpack failed"; }
arch=$(dpkg --print-architecture)
app=$work/packages/kubrowser_${version}_$arch.deb
lib=$work/packages/libkubeclient0_${version}_$arch.deb
dev=$work/packages/libkubeclient-dev_${version}_$arch.deb
for deb in "$app" "$lib" "$dev"; do
    [ -f "$deb" ] || { ls "$work/packages"; fail "missing $deb"; }
done

echo "== control fields"
field() { dpkg-deb -f "$1" "$2"; }
[ "$(field "$lib" Section)" = libs ] || fail "libkubeclient0 Section"
[ "$(field "$dev" Section)" = libdevel ] || fail "libkubeclient-dev Section"
field "$app" Depends | contains "libkubeclient0 (= $version)" || fail "kubrowser does not depend on libkubeclient0: $(field "$app" Depends)"
field "$app" Depends | contains "libqt6widgets6" || fail "kubrowser lacks Qt Widgets: $(field "$app" Depends)"
field "$dev" Depends | contains "libkubeclient0 (= $version)" || fail "-dev does not depend on libkubeclient0: $(field "$dev" Depends)"
field "$dev" Depends | contains "qt6-base-dev" || fail "-dev does not depend on qt6-base-dev"
field "$lib" Depends | contains "libqt6network6" || fail "libkubeclient0 lacks Qt Network: $(field "$lib" Depends)"
field "$lib" Depends | contains "libyaml-cpp" || fail "libkubeclient0 lacks yaml-cpp: $(field "$lib" Depends)"
lib_files=$(dpkg-deb -c "$lib")
dev_files=$(dpkg-deb -c "$dev")
app_files=$(dpkg-deb -c "$app")
# Listings are read whole first: grep -q closing a pipe early would fail dpkg-deb under pipefail.
printf '%s\n' "$lib_files" | contains "libkubeclient.so.0$\|libkubeclient.so.0 ->" || fail "libkubeclient0 lacks libkubeclient.so.0"
printf '%s\n' "$lib_files" | contains "include/" && fail "libkubeclient0 ships headers"
printf '%s\n' "$dev_files" | contains "\./usr/include/kubeclient/rest/restclient.h" || fail "-dev lacks headers"
printf '%s\n' "$dev_files" | contains "bin/" && fail "-dev ships programs"
printf '%s\n' "$app_files" | contains "include/\|libkubeclient" && fail "kubrowser ships library files"

echo "== unpack into an empty root"
root=$work/root
for deb in "$app" "$lib" "$dev"; do dpkg-deb -x "$deb" "$root"; done
bin=$root/usr/bin
for f in usr/bin/kubrowser usr/bin/kubrowser-cli usr/bin/kubrowser-demo-server \
         usr/share/applications/io.github.kubrowser.Kubrowser.desktop \
         usr/share/metainfo/io.github.kubrowser.Kubrowser.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/io.github.kubrowser.Kubrowser.svg \
         usr/share/man/man1/kubrowser.1.gz usr/share/man/man1/kubrowser-cli.1.gz \
         usr/share/man/man1/kubrowser-demo-server.1.gz \
         usr/share/bash-completion/completions/kubrowser-cli \
         usr/lib/pkgconfig/kubeclient.pc usr/lib/cmake/KubeClient/KubeClientConfig.cmake; do
    [ -e "$root/$f" ] || fail "missing /$f"
done
# The programs must use the packaged library, not the build tree's.
ldd "$bin/kubrowser-cli" | grep -E "libkubeclient.so.0 => $root/usr/(bin/\.\./)?lib/" >/dev/null \
    || { ldd "$bin/kubrowser-cli"; fail "kubrowser-cli does not load the packaged libkubeclient"; }

echo "== programs"
out=$("$bin/kubrowser-cli" --demo api-resources) || fail "kubrowser-cli --demo api-resources"
grep -q "^pods .*po .*v1 .*true .*Pod$" <<<"$out" || { echo "$out" | head; fail "no pods row"; }
[ "$(echo "$out" | wc -l)" -gt 50 ] || fail "too few api-resources rows"
"$bin/kubrowser-cli" --version | contains -x "kubrowser-cli $version" || fail "kubrowser-cli --version"
"$bin/kubrowser-cli" --help | contains "completion bash|zsh" || fail "kubrowser-cli --help"
QT_QPA_PLATFORM=offscreen "$bin/kubrowser" --version | contains "$version" || fail "kubrowser --version"
QT_QPA_PLATFORM=offscreen "$bin/kubrowser" --help | contains -- "--kubeconfig" || fail "kubrowser --help"
"$bin/kubrowser-demo-server" --version | contains "$version" || fail "kubrowser-demo-server --version"
"$bin/kubrowser-demo-server" --help | contains -- "--kubeconfig-dir" || fail "kubrowser-demo-server --help"

echo "== shell completion"
"$bin/kubrowser-cli" completion bash | cmp - "$root/usr/share/bash-completion/completions/kubrowser-cli" \
    || fail "completion bash differs from the installed file"
bash -c "source '$root/usr/share/bash-completion/completions/kubrowser-cli' && complete -p kubrowser-cli" \
    | contains "_kubrowser_cli" || fail "bash completion does not register"
"$bin/kubrowser-cli" completion zsh | contains "^#compdef kubrowser-cli" || fail "completion zsh"
if "$bin/kubrowser-cli" completion fish 2>/dev/null; then fail "completion fish succeeded"; fi

echo "== man pages"
for page in kubrowser kubrowser-cli kubrowser-demo-server; do
    text=$(MANWIDTH=80 man -l "$root/usr/share/man/man1/$page.1.gz" 2>"$work/man.err")
    [ -s "$work/man.err" ] && { cat "$work/man.err"; fail "man $page warns"; }
    grep -q "$version" <<<"$text" || fail "man $page has no version"
done

echo "== desktop entry and AppStream metainfo"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$root/usr/share/applications/io.github.kubrowser.Kubrowser.desktop"
else
    echo "desktop-file-validate is not installed: skipped"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/io.github.kubrowser.Kubrowser.metainfo.xml"
else
    echo "appstreamcli is not installed: skipped"
fi

echo "== an example against libkubeclient-dev only"
cmake -S "$source/examples/clientset-pods" -B "$work/example" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$root/usr" >"$work/example.log" 2>&1 \
    || { cat "$work/example.log"; fail "configuring the example"; }
grep -q "$root/usr/lib/cmake/KubeClient" "$work/example/CMakeCache.txt" \
    || fail "the example did not find the packaged KubeClient"
cmake --build "$work/example" >>"$work/example.log" 2>&1 \
    || { cat "$work/example.log"; fail "building the example"; }
"$bin/kubrowser-demo-server" --kubeconfig-dir "$work/kube" >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
    grep -q "^kubeconfig: " "$work/server.out" && break
    sleep 0.1
done
kubeconfig=$(sed -n 's/^kubeconfig: //p' "$work/server.out")
[ -f "$kubeconfig" ] || { cat "$work/server.out"; fail "the demo server wrote no kubeconfig"; }
# The demo cluster keeps no pods in "default".
pods=$("$work/example/clientset-pods" --kubeconfig "$kubeconfig" -n kube-system) || fail "running the example"
grep -qP "^\S+ \t \[(Running|Pending|Succeeded|Failed|Unknown)?\]$" <<<"$pods" \
    || { echo "$pods" | head; fail "the example printed no pod lines"; }
ldd "$work/example/clientset-pods" | contains -E "libkubeclient.so.0 => $root/usr/(bin/\.\./)?lib/" \
    || fail "the example does not use the packaged library"

echo "PASS"
