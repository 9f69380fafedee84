#!/usr/bin/env bash
# `npm run bench`: dependencies, services, build, then the benchmark (bench/gateway.bench.ts) as
# compiled code, so the gateway runs as it does in production.
# `npm run bench` : dépendances, services, compilation, puis le banc d'essai compilé.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'USAGE'
Usage: npm run bench [-- options]   (or / ou: bash scripts/bench.sh [options])

EN: Measures, in one run, on this machine, with nothing switched off (journal writer, encrypted
    payloads, XSD validation, persistent messages, HTTPS delivery to the local I-24/7 peer):
      1. the limit: the CPU of each irreducible piece alone (one broker hop, broker + client; one
         signature; one verification; one kept-alive TLS request), summed for one message,
         divided into the cores (docs/performance.md);
      2. the gateway end to end, per direction, after uncounted warm-up messages: N at once (the
         maximum, with CPU per message of every process, broker, Redis and bench included), then
         N paced at 25, 50 and 75 % of that maximum (latency p50/p95/p99/max);
         outbound: NP-ML submits → the peer stored the notice and RP's platform client read its copy;
         inbound: the peer sends → NP-ML, NP-NE and RP read their signed copies;
      3. a CPU profile of every process (node --cpu-prof): bench/results/profiles.md.
    Writes bench/results/latest.{json,md}, profiles.md and the README section between
    <!-- bench:start --> and <!-- bench:end -->. Removes its processes, queues, Redis keys and temp
    folder, even when it fails.
FR: Mesure en un seul passage, sans rien couper : la limite de la machine (CPU du travail
    irréductible), puis la passerelle de bout en bout dans les deux sens (rafale, puis cadencé à
    25, 50 et 75 % du maximum), le CPU par processus et un profil CPU de chacun.
    Écrit bench/results/ et la section du README ; nettoie tout, même en cas d'échec.

Options:
  -n, --messages <count>     messages per run / messages par essai (default / défaut 2000)
  --rate <perSecond>         one paced run at this rate / une seule cadence
                             (default / défaut: 25, 50, 75 % of the maximum / du maximum)
  --directions <list>        out, in or out,in (default / défaut out,in)
  --instances <count>        then each burst again with this many processes per gateway app, beside
                             what the scaling model predicted (default / défaut 2; 1: none)
                             puis chaque rafale avec autant de processus par application
  --soak <count>             instead / à la place: this many outbound messages in chunks, RSS of
                             every process after each chunk, slope after warm-up: bench/results/soak.md
  --search [count]           instead / à la place: the console's search by business key over a
                             generated journal of this many messages (default / défaut 1,000,000),
                             on SQLite and PostgreSQL, p50/p95/max per kind of search:
                             bench/results/search.md and the README section
  --console [count]          instead / à la place: the operations console's cost and lag (issue 13):
                             outbound bursts without the console and with it (one dashboard reader on
                             its live stream) in turn, without, with, without, with, without; the
                             first time with it, a paced pass too (--rate, default half the first
                             burst); count messages per pass (default / défaut 1000).
                             Rates, cost in %, lag of the dashboard p50/p95/max: bench/results/console.md
                             and the README section
                             coût de la console pour la passerelle (rafales sans et avec elle en
                             alternance) et retard du tableau de bord (p50/p95/max), écrits dans
                             bench/results/console.md et la section du README
  --seed <number>            of that journal / graine de ce journal (default / défaut 1)
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
