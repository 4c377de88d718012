#!/bin/sh
# Test exec credential plugin: prints the file given as its only argument.
cat "$1"
