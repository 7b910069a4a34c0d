#!/usr/bin/env bash
# Serves the course at http://localhost:4321, installing what this machine lacks first.
source "$(dirname "$0")/setup.sh"
exec npx astro dev "$@"
