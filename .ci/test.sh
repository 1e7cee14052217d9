#!/usr/bin/env bash
# The README's "run every test" command (npm test): installs what the tests need on a fresh
# machine, then runs typecheck, lint, unit + store contract tests (SQLite, and PostgreSQL when
# TEST_DATABASE_URL is set) and the e2e suite in real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

# better-sqlite3 has no reachable prebuilt binary here: node-gyp builds it against Node's headers.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"

# Chromium for e2e; CJK fonts so the zh-CN screenshots the e2e suite takes show characters, not boxes.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing Debian's ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "${HG_SKIP_INSTALL:-}" != "1" ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  echo "PostgreSQL store tests will be skipped: TEST_DATABASE_URL is not set."
fi

mkdir -p test-results
echo "== typecheck"; npm run --silent typecheck
echo "== lint"; npm run --silent lint

status=0
echo "== unit, property and store contract tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json || status=1
echo "== e2e (Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/test-results/e2e.json" npx playwright test -c e2e/playwright.config.ts --reporter=list,json || status=1

# One closing line for both runners, counted from their own JSON reports.
node -e '
const fs = require("fs");
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return undefined; } };
const u = read("test-results/unit.json"), e = read("test-results/e2e.json");
const passed = (u?.numPassedTests ?? 0) + (e?.stats?.expected ?? 0) + (e?.stats?.flaky ?? 0);
const failed = (u ? u.numFailedTests : 1) + (e ? e.stats.unexpected : 1);
const skipped = (u?.numPendingTests ?? 0) + (u?.numTodoTests ?? 0) + (e?.stats?.skipped ?? 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
'
exit $status
