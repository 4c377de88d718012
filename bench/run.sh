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

echo
echo '| benchmark                                      | kubrowser | RSS        | kubectl   | RSS        | time ÷  | RSS ÷   |'
echo '|------------------------------------------------|-----------|------------|-----------|------------|---------|---------|'
row "discovery cold, aggregated, +300 CRD GVs" ours-disc-agg kubectl-disc-agg
row "discovery cold, legacy, +1000 CRD GVs" ours-disc-legacy kubectl-disc-legacy
row "get pods -A, 10,000 pods" ours-pods10000 kubectl-pods10000
row "get pods -A, 50,000 pods" ours-pods50000 kubectl-pods50000
echo
echo "(ratios are kubectl ÷ kubrowser: above 1 means kubrowser is faster / smaller)"

if [ -x "$build/bench/bench_discovery" ]; then
    echo
    "$build/bench/bench_discovery"
fi
if [ -x "$build/bench/bench_logview" ]; then
    echo
    "$build/bench/bench_logview"
fi
if [ -x "$build/bench/bench_list" ]; then
    echo
    "$build/bench/bench_list"
fi
if [ -x "$build/bench/bench_informer" ]; then
    echo
    "$build/bench/bench_informer"
fi
if [ -x "$build/bench/bench_gui" ]; then
    echo
    "$build/bench/bench_gui" --pods "${GUI_PODS:-50000}" --churn 200 --seconds "${GUI_SECONDS:-60}"
fi

# Wire fidelity (issue 13): legacy discovery over HTTP/1.1 and HTTP/2, -o json|yaml RSS.
echo
"$here/bench/wire.sh" "$build"
