#!/bin/sh
# Test exec credential plugin that returns a client certificate and key (PEM from files).
#   cert.sh <apiVersion> <cert.pem> <key.pem>
set -eu
pem() { awk '{printf "%s\\n", $0}' "$1"; }
printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"clientCertificateData":"%s","clientKeyData":"%s"}}\n' \
    "$1" "$(pem "$2")" "$(pem "$3")"
