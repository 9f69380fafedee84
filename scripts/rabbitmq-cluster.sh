#!/usr/bin/env bash
# A three-node RabbitMQ cluster on this machine: the default node rabbit@localhost (5672, the one
# scripts/services.sh starts) and two extra nodes, rabbit2@localhost (5673) and rabbit3@localhost
# (5674), with their data under var/rabbitmq-cluster/. Idempotent, like scripts/services.sh.
# Trois nœuds RabbitMQ sur cette machine : le nœud par défaut et deux nœuds en plus ; idempotent.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLUSTER_DIR="${PCMS_RABBITMQ_CLUSTER_DIR:-$ROOT/var/rabbitmq-cluster}"
# The extra nodes run as user rabbitmq. A checkout below a folder only root may enter (a CI clone
# under `mktemp -d`, mode 700) would leave them unable to write their data: they never boot.
# Their data then goes beside the default node's, under /var/lib/rabbitmq.
if [ -z "${PCMS_RABBITMQ_CLUSTER_DIR:-}" ] && [ "$(id -u)" -eq 0 ] &&
  ! runuser -u rabbitmq -- test -x "$ROOT" 2>/dev/null; then
  CLUSTER_DIR=/var/lib/rabbitmq/pcms-cluster
fi
WAIT_SECONDS="${PCMS_SERVICES_WAIT_SECONDS:-60}"
DEFAULT_NODE=rabbit@localhost
DEFAULT_PORT=5672
# name amqp-port distribution-port
EXTRA_NODES=("rabbit2 5673 25682" "rabbit3 5674 25692")

usage() {
  cat <<'USAGE'
Usage: scripts/rabbitmq-cluster.sh start|stop|status|reset|pid <node> [--help]

EN: A three-node RabbitMQ cluster on localhost, for failover tests and the chaos run:
      rabbit@localhost  amqp://guest:guest@127.0.0.1:5672  (the default node, scripts/services.sh)
      rabbit2@localhost amqp://guest:guest@127.0.0.1:5673  (data in var/rabbitmq-cluster/rabbit2)
      rabbit3@localhost amqp://guest:guest@127.0.0.1:5674  (data in var/rabbitmq-cluster/rabbit3)
    start   starts what is stopped (the default node through scripts/services.sh), joins the extra
            nodes to rabbit@localhost, prints the three AMQP URLs (one line each). Idempotent:
            a node killed with kill -9 is started again and rejoins.
    stop    makes the default node single again: moves the quorum queue replicas off the extra
            nodes, resets them (they leave the cluster) and stops them. The default node keeps
            running and keeps its queues. A node that cannot be started is forgotten instead.
    status  each node: running or not, member of the cluster or not, its beam pid.
    reset   stop, then delete var/rabbitmq-cluster/ (the extra nodes' data).
    pid N   the beam pid of extra node N (rabbit2 or rabbit3), for fault injection (kill -9).
    Use the URLs in amqp.urls (config/README.md). Needs root (the nodes run as user rabbitmq).
    PCMS_RABBITMQ_CLUSTER_DIR moves the data folder (/var/lib/rabbitmq/pcms-cluster when user
    rabbitmq cannot enter the checkout); PCMS_SERVICES_WAIT_SECONDS (default 60)
    bounds each wait. Never stops, resets or restarts the default node.
FR: Une grappe RabbitMQ de trois nœuds sur localhost, pour les essais de bascule :
    start   démarre ce qui est arrêté, joint les deux nœuds en plus à rabbit@localhost et affiche
            les trois URL AMQP ; idempotent (un nœud tué par kill -9 redémarre et rejoint la grappe).
    stop    rend le nœud par défaut seul : retire les répliques des files quorum des nœuds en plus,
            les réinitialise (ils quittent la grappe) et les arrête. Le nœud par défaut continue.
    status  l'état de chaque nœud ; reset : stop puis efface var/rabbitmq-cluster/ ;
    pid N   le pid beam du nœud N (rabbit2 ou rabbit3), pour l'injection de pannes (kill -9).
    Données dans /var/lib/rabbitmq/pcms-cluster si l'utilisateur rabbitmq ne peut entrer dans le dépôt.
    Ne jamais arrêter, réinitialiser ni redémarrer le nœud par défaut.
USAGE
}

say() { echo "[rabbitmq-cluster] $*" >&2; }
fail() {
  echo "[rabbitmq-cluster] ERROR / ERREUR: $1" >&2
  echo "[rabbitmq-cluster] What to do / que faire: $2" >&2
  exit 1
}

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
node_dir() { echo "$CLUSTER_DIR/$1"; }
ctl() { rabbitmqctl -q "$@"; }

# The node's own environment: its name, ports and files, never /etc/rabbitmq's (whose listener is
# 5672 and whose NODENAME is the default node's).
with_node_env() {
  local name="$1" port="$2" dist="$3"; shift 3
  local dir
  dir="$(node_dir "$name")"
  env RABBITMQ_NODENAME="$name@localhost" RABBITMQ_NODE_PORT="$port" RABBITMQ_DIST_PORT="$dist" \
    RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_PID_FILE="$dir/beam.pid" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" \
    RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config" \
    "$@"
}

write_node_files() {
  local name="$1" port="$2" dir
  dir="$(node_dir "$name")"
  mkdir -p "$dir/mnesia" "$dir/log"
  printf 'listeners.tcp.local = 127.0.0.1:%s\n' "$port" >"$dir/rabbitmq.conf"
  # Distribution on the loopback only, as the default node's /etc/rabbitmq/rabbitmq-env.conf does.
  printf '%s\n' 'ERL_EPMD_ADDRESS=127.0.0.1' \
    'export ERL_FLAGS="-kernel inet_dist_use_interface {127,0,0,1}"' >"$dir/rabbitmq-env.conf"
  # The agent (no listener) lets the default node's management API list the whole cluster;
  # the management plugin itself would want port 15672, which the default node holds.
  echo '[rabbitmq_management_agent].' >"$dir/enabled_plugins"
  # Debian's wrapper runs the node as user rabbitmq (same ~/.erlang.cookie as the default node).
  chown -R rabbitmq:rabbitmq "$CLUSTER_DIR"
}

node_alive() { rabbitmq-diagnostics -q -n "$1@localhost" ping >/dev/null 2>&1; }
node_running() { rabbitmq-diagnostics -q -n "$1@localhost" check_running >/dev/null 2>&1; }

beam_pid() {
  local file
  file="$(node_dir "$1")/beam.pid"
  [ -s "$file" ] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$file")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# Cluster members as the default node sees them: "disk_nodes" and "running_nodes".
members() {
  ctl -n "$DEFAULT_NODE" cluster_status --formatter json |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log((j[process.argv[1]]||[]).join(" "))})' "$1"
}
is_member() { [[ " $(members disk_nodes) " == *" $1@localhost "* ]]; }

wait_until() {
  local label="$1"; shift
  local waited=0
  until "$@"; do
    if [ "$waited" -ge "$WAIT_SECONDS" ]; then return 1; fi
    sleep 1; waited=$((waited + 1))
  done
  say "$label ok (${waited}s)"
}

require_root() {
  [ "$(id -u)" -eq 0 ] || fail "the extra nodes run as user rabbitmq: this needs root / il faut être root" \
    "sudo bash scripts/rabbitmq-cluster.sh $1"
}

ensure_default_node() {
  if ! port_open "$DEFAULT_PORT" || ! command -v rabbitmq-server >/dev/null 2>&1; then
    bash "$ROOT/scripts/services.sh" >&2 ||
      fail "the default node rabbit@localhost does not run / ne tourne pas" "bash scripts/services.sh"
  fi
}

# Boots the node when it is down (not waiting); a node whose beam runs without its application
# gets the application started.
launch_node() {
  local name="$1" port="$2" dist="$3"
  node_running "$name" && return 0
  if node_alive "$name"; then
    say "$name: starting its application / démarrage de l'application"
    ctl -n "$name@localhost" start_app >>"$(node_dir "$name")/log/ctl.log" 2>&1 || true
  else
    say "$name: starting / démarrage (:$port, data / données $(node_dir "$name"))"
    write_node_files "$name" "$port"
    with_node_env "$name" "$port" "$dist" rabbitmq-server -detached
  fi
}

# Waits until the node runs, then joins it to the default node unless it already is a member.
join_node() {
  local name="$1" port="$2" dir log
  dir="$(node_dir "$name")"
  log="$dir/log/ctl.log"
  wait_until "$name running / démarré" node_running "$name" ||
    fail "$name does not run after ${WAIT_SECONDS}s / ne démarre pas" \
      "read / lire $dir/log/; if it says it is not a member of the cluster / s'il n'est plus membre: bash scripts/rabbitmq-cluster.sh reset"
  if ! is_member "$name"; then
    say "$name: joining / rejoint $DEFAULT_NODE"
    {
      ctl -n "$name@localhost" stop_app &&
        # A node that once belonged to a cluster (since forgotten) must forget it before it joins.
        ctl -n "$name@localhost" reset &&
        ctl -n "$name@localhost" join_cluster "$DEFAULT_NODE" &&
        ctl -n "$name@localhost" start_app
    } >>"$log" 2>&1 || fail "$name could not join $DEFAULT_NODE / n'a pas pu rejoindre" "read / lire $log, $dir/log/ and /var/log/rabbitmq/"
    wait_until "$name running / démarré" node_running "$name" ||
      fail "$name does not run after joining / ne tourne pas après avoir rejoint" "read / lire $dir/log/"
  fi
  port_open "$port" || wait_until "$name :$port" port_open "$port" ||
    fail "$name does not answer on :$port / ne répond pas" "read / lire $dir/log/"
}

start_node() {
  launch_node "$@"
  join_node "$1" "$2"
}

print_urls() {
  echo "amqp://guest:guest@127.0.0.1:$DEFAULT_PORT"
  local spec name port dist
  for spec in "${EXTRA_NODES[@]}"; do
    read -r name port dist <<<"$spec"
    echo "amqp://guest:guest@127.0.0.1:$port"
  done
}

cmd_start() {
  require_root start
  ensure_default_node
  mkdir -p "$CLUSTER_DIR"
  local spec name port dist
  # Both nodes boot at once (about 8 s each), then join one after the other.
  for spec in "${EXTRA_NODES[@]}"; do
    read -r name port dist <<<"$spec"
    launch_node "$name" "$port" "$dist"
  done
  for spec in "${EXTRA_NODES[@]}"; do
    read -r name port dist <<<"$spec"
    join_node "$name" "$port"
  done
  say "cluster running / grappe démarrée: $(members running_nodes)"
  print_urls
}

# Quorum queues declared while the cluster ran have replicas on the extra nodes: without them a
# queue keeps no majority, so they are removed first, while every member still answers (a Raft
# membership change needs the majority of the old membership).
# How many quorum queues have a replica on the node (RabbitMQ 3.10 keeps them in the type state).
replicas_on() {
  ctl -n "$DEFAULT_NODE" eval "length([Q || Q <- rabbit_amqqueue:list(), amqqueue:get_type(Q) =:= rabbit_quorum_queue, lists:member('$1@localhost', maps:get(nodes, amqqueue:get_type_state(Q), []))])." 2>/dev/null
}

shrink_off() {
  local name="$1" attempt
  for attempt in 1 2 3; do
    replicas_on "$name" | grep -qx '0' && return 0
    rabbitmq-queues -q -n "$DEFAULT_NODE" shrink "$name@localhost" >/dev/null 2>&1 || true
  done
  say "WARNING / ATTENTION: some quorum queues still have a replica on $name / des files quorum gardent une réplique sur $name"
}

# Leaves by kill -9 and forget_cluster_node rather than stop_app and reset: stop_app takes about
# 6 s, and while the last extra node is a stopped member of a two-node cluster the default node
# refuses every new quorum queue (cluster_not_formed) to everybody's tests. Forgetting a killed
# node takes about 1 s. Its data is then deleted: it could not rejoin with it.
leave_cluster() {
  local name="$1" pid
  if is_member "$name"; then
    shrink_off "$name"
    if pid="$(beam_pid "$name")"; then kill -9 "$pid" 2>/dev/null || true; fi
    wait_until "$name down / arrêté" node_down "$name" || true
    ctl -n "$DEFAULT_NODE" forget_cluster_node "$name@localhost" >/dev/null ||
      fail "$DEFAULT_NODE could not forget $name / n'a pas pu oublier $name" \
        "rabbitmqctl -n $DEFAULT_NODE forget_cluster_node $name@localhost"
  elif pid="$(beam_pid "$name")"; then
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$(node_dir "$name")/mnesia"
  say "$name stopped, out of the cluster / arrêté, hors de la grappe"
}

node_down() { [[ " $(members running_nodes) " != *" $1@localhost "* ]]; }

cmd_stop() {
  require_root stop
  port_open "$DEFAULT_PORT" || fail "the default node does not run / le nœud par défaut ne tourne pas" \
    "bash scripts/services.sh, then / puis bash scripts/rabbitmq-cluster.sh stop"
  local spec name port dist
  # A member that was killed is started again first so that its replicas can be moved off it.
  for spec in "${EXTRA_NODES[@]}"; do
    read -r name port dist <<<"$spec"
    if is_member "$name" && ! node_running "$name" && [ -d "$(node_dir "$name")/mnesia" ]; then
      start_node "$name" "$port" "$dist" || true
    fi
  done
  for ((i = ${#EXTRA_NODES[@]} - 1; i >= 0; i--)); do
    read -r name port dist <<<"${EXTRA_NODES[$i]}"
    leave_cluster "$name"
  done
  say "default node alone / nœud par défaut seul: $(members disk_nodes)"
}

cmd_status() {
  local disk running spec name port dist state member pid
  disk=" $(members disk_nodes) "
  running=" $(members running_nodes) "
  printf '%-18s %-6s %-9s %-7s %s\n' node port running member pid
  printf '%-18s %-6s %-9s %-7s %s\n' "$DEFAULT_NODE" "$DEFAULT_PORT" yes yes "$(ctl -n "$DEFAULT_NODE" eval 'os:getpid().' | tr -dc '0-9')"
  for spec in "${EXTRA_NODES[@]}"; do
    read -r name port dist <<<"$spec"
    state=no; [[ "$running" == *" $name@localhost "* ]] && state=yes
    member=no; [[ "$disk" == *" $name@localhost "* ]] && member=yes
    pid="$(beam_pid "$name" || true)"
    printf '%-18s %-6s %-9s %-7s %s\n' "$name@localhost" "$port" "$state" "$member" "${pid:--}"
  done
}

cmd_pid() {
  local wanted="${1:-}" spec name port dist
  for spec in "${EXTRA_NODES[@]}"; do
    read -r name port dist <<<"$spec"
    if [ "$name" = "$wanted" ]; then
      beam_pid "$name" || fail "$name does not run / ne tourne pas" "bash scripts/rabbitmq-cluster.sh start"
      return 0
    fi
  done
  fail "no extra node named '$wanted' / aucun nœud en plus nommé '$wanted'" "use rabbit2 or rabbit3"
}

case "${1:-}" in
  -h | --help | help) usage ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reset) cmd_stop; rm -rf "$CLUSTER_DIR"; say "data deleted / données effacées: $CLUSTER_DIR" ;;
  pid) cmd_pid "${2:-}" ;;
  "") usage >&2; exit 2 ;;
  *) echo "Unknown command / commande inconnue: $1" >&2; usage >&2; exit 2 ;;
esac
