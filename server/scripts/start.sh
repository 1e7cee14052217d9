#!/usr/bin/env bash
# `npm start`: from a fresh clone (Node 20) to a running healthgate with demo data.
# Installs dependencies when needed, makes the keys, builds the PWA with the trust root embedded,
# then serves it. Settings come from the environment (see server/config.ts), e.g. PORT, HG_DATA_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."

# better-sqlite3 builds from source here; node-gyp needs the local Node headers.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"

major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then
  echo "healthgate needs Node 20 or newer (found $(node -v))." >&2
  exit 1
fi

# npm writes node_modules/.package-lock.json on every install: older than the lock file means stale.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> Installing dependencies (npm ci)…"
  npm ci --no-audit --no-fund
fi

echo "==> Making sure the trust root and a signing key exist…"
npm run -s cli -- keys ensure

echo "==> Building the web app (the trust root is embedded at build time)…"
npx vite build --logLevel warn

echo "==> Starting healthgate: open http://localhost:${PORT:-8787} when it says it is running."
# The same as `npm run cli -- serve --seed-if-empty`, but exec node itself: npm does not pass
# SIGTERM on to its child, and the server should get it to shut down cleanly.
exec node --import tsx server/cli.ts serve --seed-if-empty
