#!/usr/bin/env bash
# Installs Debian's chromium when it is missing: the console's browser tests (test/console) drive
# it with playwright-core, which downloads no browser of its own.
# Installe le chromium de Debian s'il manque : les tests du navigateur de la console (test/console)
# le pilotent avec playwright-core, qui ne télécharge aucun navigateur.
set -euo pipefail

case "${1:-}" in
  -h | --help)
    echo "Usage: scripts/ensure-chromium.sh — installs Debian's chromium (apt-get) when /usr/bin/chromium is missing"
    echo "  FR : installe le chromium de Debian (apt-get) si /usr/bin/chromium manque"
    exit 0 ;;
esac

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get > /dev/null; then
  echo "[chromium] /usr/bin/chromium is missing and apt-get is not available: install chromium, then rerun" >&2
  echo "[chromium] /usr/bin/chromium manque et apt-get n'est pas disponible : installer chromium, puis relancer" >&2
  exit 1
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
echo "[chromium] installing Debian's chromium / installation du chromium de Debian (apt-get)…"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends chromium > /dev/null
