#!/usr/bin/env bash
# `npm run chaos`: dependencies, services, build, then one chaos run (bench/chaos/chaos.main.ts) as
# compiled code. Whatever happens to the run, the services are left running and the three-node
# cluster stopped (the run does it; this trap is the last resort if the run itself is killed).
# `npm run chaos` : un essai de pannes ; les services restent démarrés et la grappe arrêtée.
set -euo pipefail
cd "$(dirname "$0")/.."

for arg in "$@"; do
  case "$arg" in
    -h | --help)
      [ -f dist/bench/chaos/chaos.main.js ] || npm run --silent build
      exec node dist/bench/chaos/chaos.main.js --help ;;
  esac
done

run=""
restore() {
  # The gateway processes the run started live in its process group: if the run itself died, they
  # would go on without it (seen when a PostgreSQL restart crashed the run).
  [ -n "$run" ] && kill -KILL -- "-$run" >/dev/null 2>&1 || true
  bash scripts/services.sh >/dev/null 2>&1 || true
  rabbitmqctl -q -n rabbit@localhost start_app >/dev/null 2>&1 || true
  bash scripts/rabbitmq-cluster.sh stop >/dev/null 2>&1 || true
}
trap restore EXIT

bash scripts/ensure-deps.sh
bash scripts/services.sh
echo "[chaos] build / compilation…"
npm run --silent build
# Its own process group (setsid, the same pid), which restore() can stop whole; Ctrl-C is passed on
# so that the run stops through its own cleanup.
setsid node dist/bench/chaos/chaos.main.js "$@" &
run=$!
trap 'kill -INT "$run" 2>/dev/null || true' INT TERM
status=0
while kill -0 "$run" 2>/dev/null; do
  wait "$run" && status=0 || status=$?
done
exit "$status"
