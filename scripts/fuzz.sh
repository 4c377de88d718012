#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz": clang 14 with ASan + UBSan) and runs each for
# SECONDS (default 60) on its seed corpus (tests/fuzz/corpus/<target>, read-only; new inputs go to
# build/fuzz/corpus/<target>). Prints executions and coverage per target. A crash input is left
# in build/fuzz/crashes/<target>/: copy it to tests/fuzz/regressions/<target>/ with the fix, and
# the fuzzreplay_<target> test of the normal suite keeps it fixed.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-60}
shift || true

# The Debian packages of the project and clang 14 with its runtime (libFuzzer lives in
# libclang-rt-14-dev), configure and build (the fuzz build preset builds only the fuzz targets
# and the libraries they need).
KUBROWSER_PRESET=fuzz "$here/scripts/bootstrap.sh"
cd "$here"

targets=("$@")
if ((${#targets[@]} == 0)); then
    for f in tests/fuzz/fuzz_*.cpp; do
        t=$(basename "$f" .cpp)
        targets+=("${t#fuzz_}")
    done
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export QT_QPA_PLATFORM=offscreen
status=0
printf '%-22s %12s %8s %8s %s\n' target execs cov ft result
for t in "${targets[@]}"; do
    corpus=build/fuzz/corpus/$t
    crashes=build/fuzz/crashes/$t
    mkdir -p "$corpus" "$crashes"
    log=build/fuzz/$t.log
    seeds=tests/fuzz/corpus/$t
    regressions=tests/fuzz/regressions/$t
    dirs=("$corpus" "$seeds")
    [ -d "$regressions" ] && dirs+=("$regressions")
    result=ok
    if ! "build/fuzz/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" "${dirs[@]}" >"$log" 2>&1; then
        result="CRASH (see $log, inputs in $crashes)"
        status=1
    fi
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    printf '%-22s %12s %8s %8s %s\n' "$t" "$execs" "$cov" "$ft" "$result"
done
exit $status
