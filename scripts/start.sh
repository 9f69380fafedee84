#!/usr/bin/env bash
# `npm start`: the whole gateway on one machine, demo profile by default. Installs what is missing,
# creates a development PKI on first run, then runs every app with its logs labelled. Ctrl-C stops
# them all; each finishes the messages it holds before it exits.
# `npm start` : la passerelle entière sur une machine ; Ctrl-C arrête tout proprement.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  -h | --help)
    cat <<'USAGE'
Usage: npm start            (PCMS_PROFILE selects config/<profile>.yaml, default demo)
EN: installs npm dependencies and local services when missing, builds, creates the dev PKI on first
    run, then starts the journal writer, pcms-adapter, router, i247-adapter and the local peer.
FR: installe les dépendances et les services manquants, compile, crée la PKI de développement au
    premier lancement, puis démarre le journal, pcms-adapter, router, i247-adapter et le pair I-24/7 local.
USAGE
    exit 0 ;;
esac

bash scripts/ensure-deps.sh
bash scripts/services.sh
echo "[start] building / compilation…"
npm run --silent build
node dist/apps/cli/src/main.js pki init --if-enabled

apps=(journal-writer pcms-adapter router i247-adapter i247-peer)
commands=()
for app in "${apps[@]}"; do commands+=("node dist/apps/$app/src/main.js"); done
echo "[start] starting / démarrage : ${apps[*]} (Ctrl-C to stop / pour arrêter)"
exec npx concurrently --names "$(IFS=,; echo "${apps[*]}")" --prefix-colors yellow,blue,magenta,cyan,green \
  --kill-others-on-fail --kill-signal SIGTERM "${commands[@]}"
