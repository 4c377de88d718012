#!/bin/sh
# Test exec credential plugin that fails the way real ones do: a reason on stderr, exit 3.
echo "error: the SSO session has expired; run 'aws sso login'" >&2
exit 3
