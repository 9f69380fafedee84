#!/usr/bin/env bash
# `npm start`: the whole gateway on one machine, demo profile by default. Installs what is missing,
# creates a development PKI on first run, then runs every app with its logs labelled. Ctrl-C, or
# SIGINT/SIGTERM to the pid of `npm start` or of this script, stops them all; each finishes the
# messages it holds and exits 0.
# `npm start` : la passerelle entière sur une machine ; Ctrl-C arrête tout proprement.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  -h | --help)
    cat <<'USAGE'
Usage: npm start [-- --instances N]   (PCMS_PROFILE selects config/<profile>.yaml, default demo)
EN: installs npm dependencies and local services when missing, builds, creates the dev PKI on first
    run, then starts the journal writer, pcms-adapter, router, i247-adapter, the local peer, the
    judicial adapter, whose door (https://127.0.0.1:8445/judicial/messages in demo) takes the
    judicial authorities' signed messages, and the local judicial peer, which plays every authority's
    system (judicialAdapter.enabled: false leaves both out).
    --instances N (1 to 8, config key instances.count): N processes of each gateway app, labelled
    [router#2], sharing the queues; instance k listens on each port + (k-1)*10; the peer runs once.
FR: installe les dépendances et les services manquants, compile, crée la PKI de développement au
    premier lancement, puis démarre le journal, pcms-adapter, router, i247-adapter, le pair I-24/7 local,
    l'adaptateur judiciaire, dont la porte (https://127.0.0.1:8445/judicial/messages en démo) reçoit
    les messages signés des autorités judiciaires, et le pair judiciaire local, qui joue le système de
    chaque autorité.
    --instances N : N processus de chaque application de la passerelle, étiquetés [router#2].
USAGE
    exit 0 ;;
esac

bash scripts/ensure-deps.sh
bash scripts/services.sh
echo "[start] building / compilation…"
npm run --silent build
node dist/apps/cli/src/main.js pki init --if-enabled

# exec: the supervisor takes this shell's pid, so a signal to it, or to `npm start` (npm relays
# SIGINT/SIGTERM to its script, and package.json execs this script so that no `sh -c` stands in
# between to die of it), reaches every app once; each stops cleanly and exits 0.
echo "[start] starting / démarrage : journal-writer pcms-adapter router i247-adapter i247-peer judicial-adapter judicial-peer console $* (Ctrl-C to stop / pour arrêter)"
echo "[start] operations console / console d’exploitation : its lines [console] give the URL and the PKCS#12 files to import / ses lignes [console] donnent l’URL et les fichiers PKCS#12 à importer"
echo "[start] judicial door / porte judiciaire : see judicial-adapter's line 'judicial door open' for its URL / voir sa ligne 'judicial door open'"
exec node dist/apps/supervisor/src/main.js "$@"
