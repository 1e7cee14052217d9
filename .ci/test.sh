#!/usr/bin/env bash
# The README's "run every test" command (npm test): installs what the tests need on a fresh
# machine, then runs typecheck, lint, unit + store contract tests (SQLite, and PostgreSQL when
# TEST_DATABASE_URL is set) and the e2e suite in real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

# better-sqlite3 has no reachable prebuilt binary here: node-gyp builds it against Node's headers.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's chromium"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

if [ "${HG_SKIP_INSTALL:-}" != "1" ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  echo "PostgreSQL store tests will be skipped: TEST_DATABASE_URL is not set."
fi

echo "== typecheck"; npm run --silent typecheck
echo "== lint"; npm run --silent lint
echo "== unit and store contract tests"; npx vitest run
echo "== e2e (Chromium)"; npx playwright test -c e2e/playwright.config.ts
