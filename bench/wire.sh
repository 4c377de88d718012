#!/usr/bin/env bash
# Wire-fidelity figures (issue 13), kubrowser-cli beside kubectl in the same run against the same
# local kubrowser-demo-server:
#   1. legacy discovery (no aggregated discovery) of 1,000 CRD group-versions at 0/30/100 ms per
#      request, over HTTP/1.1 (direct) and over HTTP/2 (nghttpx with TLS + ALPN h2 in front);
#   2. get pods -A -o json and -o yaml of 10,000 pods: time, peak RSS, and whether the output is
#      byte-identical to kubectl's.
# Usage: bench/wire.sh [build-dir]   (RUNS=n for the median of n runs, default 3;
#                                     LATENCIES="0 30 100", PODS=10000, CRDS=1000 to change)
# Wall time and peak RSS come from GNU time. Prints a Markdown table.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build/release}
[ -x "$build/app/cli/kubrowser-cli" ] || build=$here/build/dev
server_bin=$build/app/demoserver/kubrowser-demo-server
cli=$build/app/cli/kubrowser-cli
kubectl=$(command -v kubectl || true)
nghttpx=$(command -v nghttpx || ls /usr/sbin/nghttpx 2>/dev/null || true)
RUNS=${RUNS:-3}
LATENCIES=${LATENCIES:-0 30 100}
PODS=${PODS:-10000}
CRDS=${CRDS:-1000}
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
# Neither program may pick up the user's kubeconfig (its credentials or proxy settings).
export KUBECONFIG=$work/no-kubeconfig HOME=$work

# start_server <name> <args...>: starts a demo server, sets $url.
start_server() {
    local name=$1
    shift
    "$server_bin" --port 0 "$@" >"$work/$name.out" 2>"$work/$name.err" &
    pids+=($!)
    for _ in $(seq 1 600); do
        url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/$name.out" | head -n1 || true)
        [ -n "$url" ] && return 0
        sleep 0.1
    done
    echo "demo server $name did not start" >&2
    cat "$work/$name.err" >&2
    exit 1
}

# start_h2_proxy <backend-url>: nghttpx in front of it; sets $h2url and $h2log (access log
# with the negotiated protocol of every stream).
start_h2_proxy() {
    local port cert="$work/h2.crt" key="$work/h2.key"
    [ -f "$cert" ] || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout "$key" \
        -out "$cert" 2>/dev/null
    port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    h2log=$work/h2-$port.log
    # --conf=/dev/null: the system configuration would add a listener of its own.
    "$nghttpx" --conf=/dev/null "--frontend=127.0.0.1,$port" "--backend=127.0.0.1,${1##*:}" \
        --backend-connections-per-host=128 --workers=1 --no-ocsp \
        "--accesslog-file=$h2log" '--accesslog-format=$alpn $status "$http_user_agent"' \
        "$key" "$cert" 2>"$work/nghttpx-$port.err" &
    pids+=($!)
    for _ in $(seq 1 300); do
        (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        sleep 0.1
    done
    h2url=https://127.0.0.1:$port
}

# measure <label> <output-file> <command...>: median wall seconds and peak RSS (MiB) of $RUNS
# runs, stdout of the last run kept in <output-file>. A fresh cache dir per run keeps
# discovery cold.
measure() {
    local label=$1 output=$2
    shift 2
    local times=() rss=()
    for _ in $(seq 1 "$RUNS"); do
        rm -rf "$work/cache" && mkdir -p "$work/cache"
        /usr/bin/time -f '%e %M' -o "$work/time" "$@" --cache-dir "$work/cache" >"$output" \
            2>"$work/stderr" || {
            echo "failed: $*" >&2
            tail -n 5 "$work/stderr" >&2
            return 1
        }
        read -r t m <"$work/time"
        times+=("$t")
        rss+=("$m")
    done
    local mt mr
    mt=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
    mr=$(printf '%s\n' "${rss[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
    printf '%s %s %s\n' "$label" "$mt" "$((mr / 1024))" >>"$work/results"
}

row() { # row <what> <ours-label> <kubectl-label> [note]
    local what=$1 a b at am bt bm
    a=$(grep "^$2 " "$work/results" || true)
    b=$(grep "^$3 " "$work/results" || true)
    [ -n "$a" ] || return 0
    read -r _ at am <<<"$a"
    if [ -n "$b" ]; then
        read -r _ bt bm <<<"$b"
        printf '| %s | %s s | %s MiB | %s s | %s MiB | %s |\n' "$what" "$at" "$am" "$bt" "$bm" "${4:-}"
    else
        printf '| %s | %s s | %s MiB | - | - | %s |\n' "$what" "$at" "$am" "${4:-}"
    fi
}

: >"$work/results"
declare -A notes
echo "wire benchmarks, $(date -u '+%F %H:%M') UTC, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg);" \
    "build: $build; kubectl: ${kubectl:-absent}; nghttpx: ${nghttpx:-absent}; runs per figure: $RUNS" >&2

# 1. Legacy discovery of $CRDS CRD group-versions, cold cache.
for ms in $LATENCIES; do
    start_server "legacy$ms" --pods 10 --crds "$CRDS" --no-aggregated-discovery --latency "$ms"
    measure "ours-h1-$ms" "$work/ours.out" "$cli" --server "$url" api-resources
    [ -n "$kubectl" ] && measure "kubectl-h1-$ms" "$work/kubectl.out" "$kubectl" --server "$url" api-resources
    if [ -n "$kubectl" ]; then
        cmp -s "$work/ours.out" "$work/kubectl.out" && notes[h1-$ms]="same output" || notes[h1-$ms]="OUTPUT DIFFERS"
    fi
    if [ -n "$nghttpx" ]; then
        start_h2_proxy "$url"
        # A token (any: the demo server checks none): without credentials kubectl prompts for a
        # username on https servers.
        measure "ours-h2-$ms" "$work/ours.out" "$cli" --server "$h2url" --insecure-skip-tls-verify \
            --token bench api-resources
        [ -n "$kubectl" ] && measure "kubectl-h2-$ms" "$work/kubectl.out" "$kubectl" --server "$h2url" \
            --insecure-skip-tls-verify --token bench api-resources
        ours_h2=$(grep -c '^h2 .*"kubrowser/' "$h2log" || true)
        ours_h1=$(grep -c '^http/1.1 .*"kubrowser/' "$h2log" || true)
        notes[h2-$ms]="kubrowser streams: $ours_h2 h2, $ours_h1 http/1.1"
        if [ -n "$kubectl" ]; then
            cmp -s "$work/ours.out" "$work/kubectl.out" && notes[h2-$ms]+="; same output" || notes[h2-$ms]+="; OUTPUT DIFFERS"
        fi
    fi
done

# 2. get pods -A -o json|yaml of $PODS pods (ours writes items as pages arrive).
start_server "pods$PODS" --pods "$PODS"
for fmt in json yaml; do
    measure "ours-$fmt" "$work/ours.$fmt" "$cli" --server "$url" get pods -A -o "$fmt"
    if [ -n "$kubectl" ]; then
        measure "kubectl-$fmt" "$work/kubectl.$fmt" "$kubectl" --server "$url" get pods -A -o "$fmt"
        size=$(stat -c %s "$work/kubectl.$fmt")
        if cmp -s "$work/ours.$fmt" "$work/kubectl.$fmt"; then
            notes[$fmt]="byte-identical ($((size / 1048576)) MiB)"
        else
            notes[$fmt]="OUTPUT DIFFERS: $(cmp "$work/ours.$fmt" "$work/kubectl.$fmt" | head -n1)"
        fi
    fi
done

echo
echo '| benchmark | kubrowser-cli | RSS | kubectl | RSS | notes |'
echo '|---|---|---|---|---|---|'
for ms in $LATENCIES; do
    row "legacy discovery, $CRDS CRD GVs, $ms ms, HTTP/1.1" "ours-h1-$ms" "kubectl-h1-$ms" "${notes[h1-$ms]:-}"
    row "legacy discovery, $CRDS CRD GVs, $ms ms, HTTP/2" "ours-h2-$ms" "kubectl-h2-$ms" "${notes[h2-$ms]:-}"
done
row "get pods -A -o json, $PODS pods" ours-json kubectl-json "${notes[json]:-}"
row "get pods -A -o yaml, $PODS pods" ours-yaml kubectl-yaml "${notes[yaml]:-}"
