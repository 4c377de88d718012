#!/bin/sh
# Test exec credential plugin that never answers (the provider's timeout must stop it).
echo "waiting for a browser login that never happens" >&2
exec sleep 600
