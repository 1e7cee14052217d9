#!/usr/bin/env bash
# `npm run bench`: installs what the benchmarks use on a fresh machine — Debian's chromium (browser
# rows) and wrk (the peak-hours load, a C generator in its own process; without it the bench falls
# back to autocannon in the bench's own process, which shares the cores with the server) — then
# prints the table (e2e/bench/run.ts).
set -euo pipefail
cd "$(dirname "$0")/../.."
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v wrk >/dev/null || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing Debian's ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
exec npx tsx e2e/bench/run.ts
