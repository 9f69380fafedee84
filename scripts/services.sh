#!/usr/bin/env bash
# Starts the local services the gateway and its integration tests need (RabbitMQ, Redis, PostgreSQL),
# installing the Debian package first when its binary is absent. Idempotent: when everything already
# answers it only probes ports and returns in well under two seconds.
# Démarre les services locaux (RabbitMQ, Redis, PostgreSQL) ; idempotent et rapide s'ils tournent déjà.
set -euo pipefail

WAIT_SECONDS="${PCMS_SERVICES_WAIT_SECONDS:-60}"
APT_UPDATED=0

usage() {
  cat <<'USAGE'
Usage: scripts/services.sh [--help]

EN: Checks RabbitMQ (127.0.0.1:5672), Redis (6379) and PostgreSQL (5432). Installs the missing
    Debian packages (rabbitmq-server, redis-server, postgresql), starts what is stopped, waits until
    each one answers, enables the rabbitmq_management plugin, and checks that openssl is present.
    Exits non-zero, saying what to do, when a service cannot be started.
    PCMS_SERVICES_WAIT_SECONDS (default 60) bounds each wait.
FR: Vérifie RabbitMQ (127.0.0.1:5672), Redis (6379) et PostgreSQL (5432). Installe les paquets Debian
    manquants, démarre ce qui est arrêté, attend que chaque service réponde, active le plugin
    rabbitmq_management et vérifie la présence d'openssl. Sort en erreur, en disant quoi faire,
    si un service ne peut pas démarrer.
USAGE
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  "") ;;
  *) echo "Unknown option / option inconnue: $1" >&2; usage >&2; exit 2 ;;
esac

say() { echo "[services] $*"; }
fail() {
  echo "[services] ERROR / ERREUR: $1" >&2
  echo "[services] What to do / que faire: $2" >&2
  exit 1
}

# bash /dev/tcp probe, bounded by timeout so a black-holed port cannot hang the script.
port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

ensure_package() {
  local binary="$1" package="$2"
  command -v "$binary" >/dev/null 2>&1 && return 0
  [ "$(id -u)" -eq 0 ] || fail "$binary is missing and installing $package needs root / $binary absent, l'installation de $package demande root" \
    "sudo apt-get install -y $package"
  say "installing / installation de $package…"
  export DEBIAN_FRONTEND=noninteractive
  if [ "$APT_UPDATED" -eq 0 ]; then
    apt-get update -qq || fail "apt-get update failed / a échoué" "check network and apt sources / vérifier le réseau et les sources apt"
    APT_UPDATED=1
  fi
  apt-get install -y -qq "$package" >/dev/null ||
    fail "apt-get install $package failed / a échoué" "run: apt-get install -y $package"
}

# Waits until "$@" succeeds, printing a dot per second, at most WAIT_SECONDS.
wait_until() {
  local label="$1"; shift
  local waited=0
  printf '[services] waiting for / attente de %s ' "$label"
  until "$@" >/dev/null 2>&1; do
    if [ "$waited" -ge "$WAIT_SECONDS" ]; then echo; return 1; fi
    printf '.'; sleep 1; waited=$((waited + 1))
  done
  echo ' ok'
}

start_postgresql() {
  local version
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)"
  [ -n "$version" ] || fail "no PostgreSQL cluster in /etc/postgresql / aucun cluster PostgreSQL" "pg_createcluster <version> main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
}

start_redis() {
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
}

start_rabbitmq() { rabbitmq-server -detached; }

ensure_service() {
  local name="$1" port="$2" binary="$3" package="$4" starter="$5" log_hint="$6"
  if port_open "$port"; then say "$name up / démarré (:$port)"; return 0; fi
  say "$name down / arrêté (:$port): starting / démarrage"
  ensure_package "$binary" "$package"
  "$starter" || true
  wait_until "$name :$port" port_open "$port" ||
    fail "$name does not answer on :$port after ${WAIT_SECONDS}s / ne répond pas" "read / lire $log_hint"
}

rabbitmq_running() { rabbitmq-diagnostics -q check_running; }

# The management listener answering on 15672 proves the plugin is on without the slow CLI.
ensure_rabbitmq_management() {
  port_open 15672 && return 0
  if grep -qs 'rabbitmq_management' /etc/rabbitmq/enabled_plugins; then
    wait_until "rabbitmq_management :15672" port_open 15672 && return 0
  fi
  say "enabling / activation de rabbitmq_management"
  rabbitmq-plugins enable rabbitmq_management >/dev/null ||
    fail "rabbitmq-plugins enable rabbitmq_management failed / a échoué" "read / lire /var/log/rabbitmq/"
}

ensure_service PostgreSQL 5432 pg_ctlcluster postgresql start_postgresql /var/log/postgresql/
ensure_service Redis 6379 redis-server redis-server start_redis /var/log/redis/ci.log
rabbitmq_was_up=1
port_open 5672 || rabbitmq_was_up=0
ensure_service RabbitMQ 5672 rabbitmq-server rabbitmq-server start_rabbitmq /var/log/rabbitmq/
# The AMQP port can open before the node has finished booting its applications.
if [ "$rabbitmq_was_up" -eq 0 ]; then
  wait_until "RabbitMQ check_running" rabbitmq_running ||
    fail "RabbitMQ is not running after ${WAIT_SECONDS}s / RabbitMQ ne tourne pas" "read / lire /var/log/rabbitmq/"
fi
ensure_rabbitmq_management

command -v openssl >/dev/null 2>&1 ||
  fail "openssl is missing / openssl est absent" "apt-get install -y openssl"
# XSD validation uses xmllint-wasm (npm): the xmllint binary is deliberately not required.
say "all services ready / tous les services sont prêts"
