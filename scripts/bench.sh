#!/usr/bin/env bash
# `npm run bench`: dependencies, services, build, then the benchmark (bench/gateway.bench.ts) as
# compiled code, so the gateway runs as it does in production.
# `npm run bench` : dépendances, services, compilation, puis le banc d'essai compilé.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'USAGE'
Usage: npm run bench [-- options]   (or / ou: bash scripts/bench.sh [options])

EN: Measures, in one run, on this machine:
      1. the signing ceiling: RSA-2048 crypto.sign, CmsSigner.sign, SignatureVerifier.verify (per s);
      2. the raw broker: N persistent messages of the gateway's size, publisher confirms, manual acks;
      3. the gateway: pcms-adapter, router and i247-adapter as processes (profile bench, delivery
         off), N signed person.wanted submitted by NP-ML until each notice is a delivery job:
         after 300 uncounted warm-up messages, N at once (throughput), then N more at a steady
         rate (latency below saturation).
    Prints progress, writes bench/results/latest.json and latest.md, and the README section between
    <!-- bench:start --> and <!-- bench:end -->. Removes its processes, queues, Redis keys and temp
    folder, even when it fails.
FR: Mesure en un seul passage : le plafond de signature, le courtier brut, puis la passerelle
    (trois processus, profil bench, livraison coupée) de la soumission jusqu'à la file de livraison :
    en rafale (débit), puis à cadence régulière (latence hors saturation).
    Écrit bench/results/latest.{json,md} et la section du README ; nettoie tout, même en cas d'échec.

Options:
  -n, --messages <count>     messages per run / messages par essai (default / défaut 2000)
  --rate <perSecond>         rate of the paced phase / cadence de la phase cadencée
                             (default / défaut: half the burst throughput / moitié du débit en rafale)
  --fan-out                  keep the fixture's recipients INTERPOL + RP / garder INTERPOL + RP
  --sign-seconds <seconds>   duration of each signing measure / durée de chaque mesure (default 2)
  --no-write                 print only / afficher seulement
  -h, --help                 this help / cette aide
USAGE
}

for arg in "$@"; do
  case "$arg" in -h | --help) usage; exit 0 ;; esac
done

bash scripts/ensure-deps.sh
bash scripts/services.sh
echo "[bench] build / compilation…"
npm run --silent build
exec node dist/bench/gateway.bench.js "$@"
