#!/bin/sh
# A stand-in for a user's login shell: its profile prints a banner and puts $FAKE_LOGIN_PATH in
# front of PATH. Called as: loginshell.sh -l -i -c <command>
echo "Welcome to the test machine (profile banner)"
PATH="${FAKE_LOGIN_PATH:?}:$PATH"
export PATH
exec /bin/sh -c "$4"
