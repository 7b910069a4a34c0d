#!/usr/bin/env bash
# Runs every test of the project (see scripts/test.ts), installing what this machine lacks first.
AWAITABLE_NEED_BROWSER=1
source "$(dirname "$0")/setup.sh"
exec npm test -- "$@"
