#!/bin/sh
# Test exec credential plugin in the style of a device-code login (kubelogin, az): prints the
# URL and the code on stderr, waits until $EXEC_WAIT_FOR exists (the "user signed in"), then
# prints an ExecCredential.   devicecode.sh <apiVersion> <token>
set -eu
echo "To sign in, use a web browser to open the page https://login.example.test/device and enter the code KBRW-4821 to authenticate." >&2
if [ -n "${EXEC_WAIT_FOR:-}" ]; then
    while [ ! -e "$EXEC_WAIT_FOR" ]; do sleep 0.02; done
fi
printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s"}}\n' "$1" "$2"
