#!/bin/sh
# Test exec credential plugin: prints an ExecCredential with a token.
#   credential.sh <apiVersion> <token-prefix> [expirationTimestamp]
# Each run appends to $EXEC_STATE_DIR/runs, the token is "<prefix>-<run number>", and the
# environment it was given is saved to $EXEC_STATE_DIR/env-<run> for the test to check.
set -eu
state=${EXEC_STATE_DIR:?}
echo run >> "$state/runs"
n=$(wc -l < "$state/runs" | tr -d ' ')
env > "$state/env-$n"
printf '%s' "${KUBERNETES_EXEC_INFO:-}" > "$state/info-$n"
if [ -n "${EXEC_WAIT_FOR:-}" ]; then
    # Lets a test hold the plugin running until it creates this file (no timing guesses).
    while [ ! -e "$EXEC_WAIT_FOR" ]; do sleep 0.02; done
fi
expiry=""
if [ $# -ge 3 ]; then
    expiry=",\"expirationTimestamp\":\"$3\""
fi
echo "plugin diagnostics go to stderr" >&2
printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s-%s"%s}}\n' "$1" "$2" "$n" "$expiry"
