#!/usr/bin/env bash
# `npm test`: the whole suite on a fresh clone — dependencies, services, typecheck, lint, unit and
# integration tests against the real RabbitMQ, Redis and PostgreSQL on localhost.
# `npm test` : toute la suite ; installe d'abord ce qui manque.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  -h | --help)
    echo "Usage: npm test [-- <jest args>] — deps, services, typecheck, lint, then jest (unit + integration)"
    echo "  FR : dépendances, services, typage, lint, puis jest (unitaires + intégration)"
    exit 0 ;;
esac

bash scripts/ensure-deps.sh
bash scripts/services.sh
bash scripts/ensure-chromium.sh  # the console's browser tests (test/console) drive Debian's chromium
echo "[test] typecheck…"
npx tsc -p tsconfig.json --noEmit
echo "[test] lint…"
npx eslint --max-warnings 0 .
echo "[test] jest…"
mkdir -p var
status=0
# --forceExit: with one worker jest runs the files in its own process, and one leaked connection
# (a test that failed before its teardown) kept it waiting after the last result until CI's limit.
npx jest --ci --forceExit --json --outputFile=var/jest-results.json "$@" || status=$?
# One plain closing line that any CI can read, whatever jest printed above it.
node -e 'const r = require("./var/jest-results.json");
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`);' || true
exit "$status"
