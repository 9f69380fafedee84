#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than package-lock.json, so that the
# two commands of the quick start work right after `git clone`.
# Installe les dépendances npm si elles manquent ou sont plus anciennes que package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  -h | --help)
    echo "Usage: scripts/ensure-deps.sh — runs 'npm ci' when node_modules is missing or stale / lance 'npm ci' si besoin"
    exit 0 ;;
esac

marker=node_modules/.package-lock.json
if [ -f "$marker" ] && [ "$marker" -nt package-lock.json ]; then
  exit 0
fi
echo "[deps] installing npm dependencies / installation des dépendances npm (npm ci)…"
npm ci --no-audit --no-fund --loglevel=error
