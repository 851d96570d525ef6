#!/usr/bin/env bash
# A real local Apache Kafka broker for development and tests: one KRaft node (broker + controller) on
# 127.0.0.1, no Docker. The broker's jars come from Maven Central (scripts/kafka/pom.xml) into
# .tools/kafka-<version>/libs and are reused. Why this version: scripts/kafka/README.md.
#
#   scripts/kafka-local.sh start    fetch if needed, format storage once, start in the background, wait until a
#                                   client round trip succeeds, print the bootstrap address as the last line
#                                   (already running: just print it)
#   scripts/kafka-local.sh stop     SIGTERM, wait, SIGKILL after KAFKA_LOCAL_STOP_TIMEOUT; no process is left
#   scripts/kafka-local.sh kill     SIGKILL at once (fault tests); a later start reuses the same data
#   scripts/kafka-local.sh status   print "running <pid> <address>" (exit 0) or "stopped" (exit 3)
#   scripts/kafka-local.sh fetch    only resolve the jars (CI does this before the tests)
#
# Environment:
#   KAFKA_LOCAL_PORT             client (PLAINTEXT) port, default 9092
#   KAFKA_LOCAL_CONTROLLER_PORT  KRaft controller port, default KAFKA_LOCAL_PORT + 1
#   KAFKA_LOCAL_DIR              data folder (properties, cluster id, pid, data, logs),
#                                default <repo>/.kafka-local/<port>
#   KAFKA_LOCAL_PARTITIONS       num.partitions for topics created without a count, default 6
#   KAFKA_LOCAL_VERSION          broker version, default below
#   KAFKA_LOCAL_HEAP             JVM heap options, default "-Xms256m -Xmx768m"
#   KAFKA_LOCAL_START_TIMEOUT    seconds to wait for readiness, default 120
#   KAFKA_LOCAL_STOP_TIMEOUT     seconds to wait after SIGTERM before SIGKILL, default 30
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${KAFKA_LOCAL_VERSION:-4.4.0}"
PORT="${KAFKA_LOCAL_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_LOCAL_CONTROLLER_PORT:-$((PORT + 1))}"
DIR="${KAFKA_LOCAL_DIR:-$ROOT/.kafka-local/$PORT}"
PARTITIONS="${KAFKA_LOCAL_PARTITIONS:-6}"
HEAP="${KAFKA_LOCAL_HEAP:--Xms256m -Xmx768m}"
START_TIMEOUT="${KAFKA_LOCAL_START_TIMEOUT:-120}"
STOP_TIMEOUT="${KAFKA_LOCAL_STOP_TIMEOUT:-30}"
HOST=127.0.0.1
ADDRESS="$HOST:$PORT"

TOOLS="$ROOT/.tools/kafka-$VERSION"
LIBS="$TOOLS/libs"
case "$DIR" in /*) ;; *) DIR="$ROOT/$DIR" ;; esac
PID_FILE="$DIR/kafka.pid"
PROPS="$DIR/server.properties"
LOG_DIR="$DIR/logs"

NAME=kafka-local
# shellcheck source=lib/daemon.sh
source "$ROOT/scripts/lib/daemon.sh"

# Resolve the broker and its runtime dependencies once per version. A lock keeps parallel starts from
# fetching twice; the folder is filled under a temporary name and renamed, so a half fetch is never used.
fetch() {
  [[ -f "$LIBS/.complete" ]] && return 0
  command -v mvn > /dev/null || die "Maven (mvn) is needed to fetch Kafka $VERSION"
  command -v java > /dev/null || die "Java 17+ is needed to run Kafka $VERSION"
  mkdir -p "$TOOLS"
  exec 9> "$TOOLS/.lock"
  flock 9
  if [[ ! -f "$LIBS/.complete" ]]; then
    say "fetching Kafka $VERSION from Maven Central into ${LIBS#"$ROOT"/}"
    local tmp="$TOOLS/libs.tmp.$$"
    rm -rf "$tmp"
    if ! mvn -q -B -Dstyle.color=never -f "$ROOT/scripts/kafka/pom.xml" -Dkafka.version="$VERSION" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" >&2; then
      rm -rf "$tmp"
      die "could not resolve org.apache.kafka:kafka_2.13:$VERSION with Maven"
    fi
    touch "$tmp/.complete"
    rm -rf "$LIBS"
    mv "$tmp" "$LIBS"
  fi
  flock -u 9
  exec 9>&-
}

# The pid in the pid file, if that process is alive and is our broker for this data folder.
running_pid() { daemon_pid "$PROPS"; }


log_tail() {
  local f
  for f in "$LOG_DIR/server.log" "$DIR/kafka.out"; do
    [[ -s "$f" ]] || continue
    echo "----- tail of $f -----" >&2
    tail -n 40 "$f" >&2
  done
}

probe() { # timeout-ms [pid]
  [[ -f "$ROOT/node_modules/kafkajs/package.json" ]] ||
    die "node_modules/kafkajs is missing (run npm ci): it is used to check that the broker is ready"
  local cluster_id=()
  [[ -s "$DIR/cluster.id" ]] && cluster_id=(--cluster-id "$(cat "$DIR/cluster.id")")
  node "$ROOT/scripts/kafka/probe.mjs" --brokers "$ADDRESS" --timeout-ms "$1" ${2:+--pid "$2"} "${cluster_id[@]}"
}

port_free() {
  ! (exec 3<> "/dev/tcp/$HOST/$1") 2> /dev/null
}

write_properties() {
  mkdir -p "$DIR/data" "$LOG_DIR"
  cat > "$PROPS" << EOF
# Written by scripts/kafka-local.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DIR/data

# Topics are never created as a side effect of a produce or metadata request. The bridge creates its own
# topics (with their partition count) when BRIDGE_KAFKA_AUTO_CREATE_TOPICS=true and must fail loudly on a
# topic name that does not exist, as it would against a production cluster, where auto-creation is off.
auto.create.topics.enable=false
# Several partitions per topic, so ordering by key is tested across partitions.
num.partitions=$PARTITIONS

# One node: every replication factor and min ISR is 1.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Fewer internal partitions than the defaults (50): the first group join on 2 cores is much quicker.
offsets.topic.num.partitions=$PARTITIONS
transaction.state.log.num.partitions=$PARTITIONS
share.coordinator.state.topic.num.partitions=$PARTITIONS

# Consumer groups form at once instead of waiting 3 s for more members.
group.initial.rebalance.delay.ms=0
# After a SIGKILL the controller keeps the old broker registration until its session expires, and the
# restarted broker cannot register before that: 4 s instead of 9 s makes fault tests quicker. The broker
# heartbeats its own in-process controller, so a short session does not fence it spuriously.
broker.heartbeat.interval.ms=1000
broker.session.timeout.ms=4000
EOF
}

start() {
  local pid
  if pid="$(running_pid)"; then
    probe "$((START_TIMEOUT * 1000))" "$pid" || {
      log_tail
      die "broker $pid is running but $ADDRESS does not answer"
    }
    echo "$ADDRESS"
    return 0
  fi
  fetch
  port_free "$PORT" || die "port $PORT is in use by another process (set KAFKA_LOCAL_PORT)"
  port_free "$CONTROLLER_PORT" || die "port $CONTROLLER_PORT is in use by another process (set KAFKA_LOCAL_CONTROLLER_PORT)"
  write_properties

  local java_opts=($HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError
    -Djava.awt.headless=true -Dkafka.logs.dir="$LOG_DIR"
    -Dlog4j2.configurationFile="$ROOT/scripts/kafka/log4j2.xml")

  # Format once; the cluster id stays in the data folder, and a start after stop or kill reuses the data.
  if [[ ! -f "$DIR/data/meta.properties" ]]; then
    [[ -s "$DIR/cluster.id" ]] ||
      java -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2> /dev/null | tail -n 1 > "$DIR/cluster.id"
    if ! java "${java_opts[@]}" -cp "$LIBS/*" kafka.tools.StorageTool format --ignore-formatted \
      -t "$(cat "$DIR/cluster.id")" -c "$PROPS" > "$DIR/format.out" 2>&1; then
      cat "$DIR/format.out" >&2
      die "could not format KRaft storage in $DIR/data"
    fi
  fi

  say "starting Kafka $VERSION on $ADDRESS (controller $HOST:$CONTROLLER_PORT, data ${DIR#"$ROOT"/})"
  local started=$SECONDS
  # setsid + closed stdio: the broker outlives this script and holds none of the caller's pipes open.
  # The pid is written by the shell that becomes the JVM (exec), so it is the broker's own pid.
  setsid bash -c 'echo $$ > "$0"; exec "$@"' "$PID_FILE" \
    java "${java_opts[@]}" -cp "$LIBS/*" kafka.Kafka "$PROPS" \
    < /dev/null > "$DIR/kafka.out" 2>&1 &
  disown
  local i
  for i in $(seq 50); do
    [[ -s "$PID_FILE" ]] && break
    sleep 0.1
  done
  pid="$(cat "$PID_FILE" 2> /dev/null || true)"
  [[ -n "$pid" ]] || die "the broker did not start (no pid written)"

  local rc=0
  probe "$((START_TIMEOUT * 1000))" "$pid" || rc=$?
  if ((rc != 0)); then
    log_tail
    if kill -0 "$pid" 2> /dev/null; then
      kill -KILL "$pid" 2> /dev/null || true
      wait_gone "$pid" 10 || true
    fi
    rm -f "$PID_FILE"
    ((rc == 2)) && die "Kafka exited while starting on $ADDRESS (logs in $LOG_DIR)"
    die "Kafka did not become ready on $ADDRESS within ${START_TIMEOUT}s (logs in $LOG_DIR)"
  fi
  say "ready in $((SECONDS - started))s (pid $pid)"
  echo "$ADDRESS"
}

stop() { daemon_stop "$PROPS" broker "$ADDRESS" "$STOP_TIMEOUT"; }

kill9() {
  local pid
  if pid="$(running_pid)"; then
    kill -KILL "$pid" 2> /dev/null || true
    wait_gone "$pid" 10 || die "broker $pid survived SIGKILL"
    say "killed broker $pid ($ADDRESS)"
  else
    say "not running ($ADDRESS)"
  fi
  rm -f "$PID_FILE"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    echo "running $pid $ADDRESS"
  else
    echo "stopped"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  kill) kill9 ;;
  status) status ;;
  fetch)
    fetch
    echo "$LIBS"
    ;;
  *)
    echo "usage: $0 start|stop|kill|status|fetch" >&2
    exit 64
    ;;
esac
