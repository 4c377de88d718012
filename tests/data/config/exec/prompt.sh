#!/bin/sh
# Test exec credential plugin that asks the user (interactiveMode Always): prompts on stderr,
# reads one line from stdin and returns it as the token; refuses to run when
# KUBERNETES_EXEC_INFO does not say interactive.   prompt.sh <apiVersion>
set -eu
case "${KUBERNETES_EXEC_INFO:-}" in
*'"interactive":true'*) ;;
*) echo "not interactive" >&2; exit 3 ;;
esac
printf 'One-time code: ' >&2
read -r code
printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"typed-%s"}}\n' "$1" "$code"
