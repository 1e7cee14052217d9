#!/usr/bin/env bash
# `npm start`: from a fresh clone (Node 20) to a running healthgate with demo data.
# Installs dependencies when needed, makes the keys, builds the PWA with the trust root embedded,
# then serves it. Settings come from the environment (see server/config.ts), e.g. PORT, HG_DATA_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."

# better-sqlite3 builds from source here; node-gyp needs the local Node headers.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"

# package.json "engines": Node 20.19 or newer (require(esm) and the Vite 8 toolchain need it).
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "healthgate needs Node 20.19 or newer (found $(node -v))." >&2
  exit 1
fi

# npm writes node_modules/.package-lock.json on every install: older than the lock file means stale.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> Installing dependencies (npm ci; the first time takes a few minutes, better-sqlite3 compiles from source)…"
  # npm is silent while it works: say every 10 s that it still is, and how far it got.
  started=$SECONDS
  ( while sleep 10; do
      echo "    … still installing: $((SECONDS - started)) s, $(find node_modules -maxdepth 2 -name package.json 2>/dev/null | wc -l) packages unpacked"
    done ) &
  ticker=$!
  trap 'kill "$ticker" 2>/dev/null || true' EXIT
  npm ci --no-audit --no-fund --loglevel=error
  kill "$ticker" 2>/dev/null || true
  trap - EXIT
  echo "    installed in $((SECONDS - started)) s"
fi

echo "==> Making sure the trust root and a signing key exist…"
npm run -s cli -- keys ensure

echo "==> Building the web app (the trust root is embedded at build time)…"
npx vite build --logLevel warn

echo "==> Starting healthgate: open http://localhost:${PORT:-8787} when it says it is running."
# The same as `npm run cli -- serve --seed-if-empty`, but exec node itself: npm does not pass
# SIGTERM on to its child, and the server should get it to shut down cleanly.
# Demo data only outside production: a production start refuses it (the demo admin needs no secret).
if [ "${NODE_ENV:-}" = "production" ]; then
  exec node --import tsx server/cli.ts serve
fi
exec node --import tsx server/cli.ts serve --seed-if-empty
