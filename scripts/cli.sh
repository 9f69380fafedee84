#!/usr/bin/env bash
# `npm run cli -- <command>`: the command line tool, built from the sources when needed.
# `npm run cli -- <commande>` : l'outil en ligne de commande.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh >&2
# Incremental: a couple of seconds when nothing changed.
npm run --silent build >&2
exec node dist/apps/cli/src/main.js "$@"
