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

restore() {
  bash scripts/services.sh >/dev/null 2>&1 || true
  rabbitmqctl -q -n rabbit@localhost start_app >/dev/null 2>&1 || true
  bash scripts/rabbitmq-cluster.sh stop >/dev/null 2>&1 || true
}
trap restore EXIT

bash scripts/ensure-deps.sh
bash scripts/services.sh
echo "[chaos] build / compilation…"
npm run --silent build
node dist/bench/chaos/chaos.main.js "$@"
