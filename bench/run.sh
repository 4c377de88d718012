#!/usr/bin/env bash
# Prints Kubrowser's performance figures beside kubectl's, measured in the same run against the
# same local server (kubrowser-demo-server). Usage: bench/run.sh [build-dir]
#
# Wall time and peak RSS come from GNU time; each figure is the median of $RUNS runs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build/release}
if [ ! -x "$build/app/cli/kubrowser-cli" ]; then
    (cd "$here" && cmake --preset release >/dev/null && cmake --build --preset release)
fi
server_bin=$build/app/demoserver/kubrowser-demo-server
cli=$build/app/cli/kubrowser-cli
kubectl=$(command -v kubectl || true)
RUNS=${RUNS:-3}
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# start_server <name> <args...>: starts a demo server, sets $url.
start_server() {
    local name=$1
    shift
    "$server_bin" --port 0 "$@" >"$work/$name.out" 2>"$work/$name.err" &
    pids+=($!)
    for _ in $(seq 1 200); do
        url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/$name.out" | head -n1 || true)
        [ -n "$url" ] && return 0
        sleep 0.05
    done
    echo "demo server $name did not start" >&2
    cat "$work/$name.err" >&2
    exit 1
}

# measure <label> <command...>: median wall seconds and peak RSS (MiB) of $RUNS runs.
# A fresh cache dir per run keeps discovery cold unless the command names its own.
measure() {
    local label=$1
    shift
    local times=() rss=()
    for _ in $(seq 1 "$RUNS"); do
        rm -rf "$work/cache" && mkdir -p "$work/cache"
        /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
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

row() { # row <what> <ours-label> <kubectl-label>
    local what=$1 a b
    a=$(grep "^$2 " "$work/results" || true)
    b=$(grep "^$3 " "$work/results" || true)
    read -r _ at am <<<"$a"
    if [ -n "$b" ]; then
        read -r _ bt bm <<<"$b"
        printf '| %-46s | %8ss | %6s MiB | %8ss | %6s MiB | %6sx | %6sx |\n' "$what" "$at" "$am" "$bt" "$bm" \
            "$(awk -v a="$at" -v b="$bt" 'BEGIN{printf "%.1f", (a>0)?b/a:0}')" \
            "$(awk -v a="$am" -v b="$bm" 'BEGIN{printf "%.1f", (a>0)?b/a:0}')"
    else
        printf '| %-46s | %8ss | %6s MiB | %9s | %10s | %7s | %7s |\n' "$what" "$at" "$am" "-" "-" "-" "-"
    fi
}

: >"$work/results"
echo "Kubrowser benchmarks, $(date -u +%F), $(nproc) cores; kubectl: ${kubectl:-absent}; runs per figure: $RUNS" >&2

# 1. Discovery, cold, stock cluster + 300 CRD group-versions, aggregated discovery.
start_server agg --pods 100 --crds 300
agg=$url
measure ours-disc-agg "$cli" --server "$agg" --cache-dir "$work/cache" api-resources
[ -n "$kubectl" ] && measure kubectl-disc-agg "$kubectl" --server "$agg" --cache-dir "$work/cache" api-resources

# 2. Discovery, cold, no aggregated discovery, 1,000 CRD group-versions.
start_server legacy --pods 100 --crds 1000 --no-aggregated-discovery
legacy=$url
measure ours-disc-legacy "$cli" --server "$legacy" --cache-dir "$work/cache" api-resources
[ -n "$kubectl" ] && measure kubectl-disc-legacy "$kubectl" --server "$legacy" --cache-dir "$work/cache" api-resources

# 3. Lists: get pods -A on 10,000 and 50,000 pods.
for n in 10000 50000; do
    start_server "pods$n" --pods "$n"
    measure "ours-pods$n" "$cli" --server "$url" --cache-dir "$work/cache" get pods -A
    [ -n "$kubectl" ] && measure "kubectl-pods$n" "$kubectl" --server "$url" --cache-dir "$work/cache" get pods -A
done

# 4. -o json of 10,000 pods: items are streamed as pages arrive (issue 13).
start_server json10000 --pods 10000
measure ours-json10000 "$cli" --server "$url" --cache-dir "$work/cache" get pods -A -o json
[ -n "$kubectl" ] && measure kubectl-json10000 "$kubectl" --server "$url" --cache-dir "$work/cache" get pods -A -o json

# 5. Legacy discovery of 1,000 CRD group-versions at 0/30/100 ms per request, over HTTP/1.1
#    (direct) and HTTP/2 (nghttpx with TLS + ALPN h2 in front of the same server).
nghttpx=$(command -v nghttpx || ls /usr/sbin/nghttpx 2>/dev/null || true)
start_h2_proxy() { # start_h2_proxy <backend-url>: sets $h2url
    local port cert="$work/h2.crt" key="$work/h2.key"
    [ -f "$cert" ] || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout "$key" -out "$cert" 2>/dev/null
    port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "$nghttpx" --conf=/dev/null "--frontend=127.0.0.1,$port" "--backend=127.0.0.1,${1##*:}" \
        --backend-connections-per-host=128 --workers=1 --no-ocsp "$key" "$cert" 2>"$work/nghttpx.err" &
    pids+=($!)
    for _ in $(seq 1 200); do
        (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        sleep 0.05
    done
    h2url=https://127.0.0.1:$port
}
for ms in 0 30 100; do
    start_server "legacy$ms" --pods 10 --crds 1000 --no-aggregated-discovery --latency "$ms"
    measure "ours-legacy-h1-$ms" "$cli" --server "$url" --cache-dir "$work/cache" api-resources
    [ -n "$kubectl" ] && measure "kubectl-legacy-h1-$ms" "$kubectl" --server "$url" --cache-dir "$work/cache" api-resources
    if [ -n "$nghttpx" ]; then
        start_h2_proxy "$url"
        measure "ours-legacy-h2-$ms" "$cli" --server "$h2url" --insecure-skip-tls-verify \
            --cache-dir "$work/cache" api-resources
        [ -n "$kubectl" ] && measure "kubectl-legacy-h2-$ms" "$kubectl" --server "$h2url" \
            --insecure-skip-tls-verify --cache-dir "$work/cache" api-resources
    fi
done

echo
echo '| benchmark                                      | kubrowser | RSS        | kubectl   | RSS        | time ÷  | RSS ÷   |'
echo '|------------------------------------------------|-----------|------------|-----------|------------|---------|---------|'
row "discovery cold, aggregated, +300 CRD GVs" ours-disc-agg kubectl-disc-agg
row "discovery cold, legacy, +1000 CRD GVs" ours-disc-legacy kubectl-disc-legacy
row "get pods -A, 10,000 pods" ours-pods10000 kubectl-pods10000
row "get pods -A, 50,000 pods" ours-pods50000 kubectl-pods50000
row "get pods -A -o json, 10,000 pods (streamed)" ours-json10000 kubectl-json10000
for ms in 0 30 100; do
    row "legacy discovery, 1000 CRD GVs, ${ms} ms, HTTP/1.1" "ours-legacy-h1-$ms" "kubectl-legacy-h1-$ms"
    [ -n "$nghttpx" ] && row "legacy discovery, 1000 CRD GVs, ${ms} ms, HTTP/2" "ours-legacy-h2-$ms" "kubectl-legacy-h2-$ms"
done
echo
echo "(ratios are kubectl ÷ kubrowser: above 1 means kubrowser is faster / smaller)"

if [ -x "$build/bench/bench_discovery" ]; then
    echo
    "$build/bench/bench_discovery"
fi
if [ -x "$build/bench/bench_list" ]; then
    echo
    "$build/bench/bench_list"
fi
