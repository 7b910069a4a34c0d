#!/usr/bin/env bash
# Builds the course and serves it at http://localhost:4321 as a static host would (compressed,
# hashed assets cached for a year), installing what this machine lacks first.
# `npm run dev` serves the sources instead, reloading on every change, for writing lessons.
source "$(dirname "$0")/setup.sh"
npx astro build
exec node scripts/serve-static.ts "$@"
