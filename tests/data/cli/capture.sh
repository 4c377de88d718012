#!/bin/sh
# Regenerates the kubectl reference outputs in golden/ from the fixtures in server/:
# ./capture.sh [kubectl]   (needs python3; kubectl v1.32 was used for the committed files)
set -e
cd "$(dirname "$0")"
KUBECTL=${1:-kubectl}
PORT=18089
python3 capture_server.py $PORT 2>/dev/null &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1
mkdir -p golden
while IFS='|' read -r name args; do
    [ -z "$name" ] && continue
    case "$name" in \#*) continue;; esac
    cache=$(mktemp -d)
    set +e
    # shellcheck disable=SC2086
    $KUBECTL --server http://127.0.0.1:$PORT --cache-dir "$cache" $args >golden/$name.out 2>golden/$name.err
    echo $? >golden/$name.rc
    set -e
    rm -rf "$cache"
    echo "$args" >golden/$name.args
done <cases.txt
