#!/usr/bin/env bash
# Sets up, builds and starts Kubrowser: on the current kubeconfig context when there is one,
# else on the built-in demo cluster. Extra arguments go to kubrowser.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/bootstrap.sh"

args=("$@")
config=${KUBECONFIG:-$HOME/.kube/config}
has_context=0
IFS=: read -ra files <<<"$config"
for f in "${files[@]}"; do
    [ -f "$f" ] && grep -q '^current-context: *[^ "]' "$f" && has_context=1
done
if [ "$has_context" -eq 0 ] && [[ " ${args[*]-} " != *" --demo "* ]]; then
    echo "kubrowser: no kubeconfig context found; starting the built-in demo cluster" >&2
    args+=(--demo)
fi
exec "$here/build/${KUBROWSER_PRESET:-dev}/app/gui/kubrowser" "${args[@]}"
