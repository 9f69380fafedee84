#!/usr/bin/env bash
# `npm test`: the whole suite on a fresh clone — dependencies, services, typecheck, lint, unit and
# integration tests against the real RabbitMQ, Redis and PostgreSQL on localhost.
# `npm test` : toute la suite ; installe d'abord ce qui manque.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  -h | --help)
    echo "Usage: npm test [-- <jest args>] — deps, services, typecheck, lint, then jest (unit + integration)"
    exit 0 ;;
esac

bash scripts/ensure-deps.sh
bash scripts/services.sh
echo "[test] typecheck…"
npx tsc -p tsconfig.json --noEmit
echo "[test] lint…"
npx eslint --max-warnings 0 .
echo "[test] jest…"
npx jest --ci "$@"
