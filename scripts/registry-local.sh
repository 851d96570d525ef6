#!/usr/bin/env bash
# A real local schema registry for development and tests: Apicurio Registry with in-memory storage on
# 127.0.0.1, no Docker, serving the Confluent-compatible REST API under /apis/ccompat/v7. The distribution
# comes from Maven Central (io.apicurio:apicurio-registry-app:<version>:tar.gz:all) into
# .tools/apicurio-registry-<version>/ and is reused. Everything it registers is lost when it stops.
#
#   scripts/registry-local.sh start    fetch if needed, start in the background, wait until the API answers,
#                                      print the Confluent-compatible base URL as the last line
#                                      (already running: just print it)
#   scripts/registry-local.sh stop     SIGTERM, wait, SIGKILL after REGISTRY_LOCAL_STOP_TIMEOUT; no process is left
#   scripts/registry-local.sh status   print "running <pid> <url>" (exit 0) or "stopped" (exit 3)
#   scripts/registry-local.sh fetch    only fetch and unpack the distribution
#
# Environment:
#   REGISTRY_LOCAL_PORT           HTTP port, default 8081
#   REGISTRY_LOCAL_VERSION        Apicurio version; default 3.3.3 when a Java >= 21 is found, else 2.6.13.Final
#                                 (3.x is compiled for Java 21; 2.6.x runs on Java 17)
#   REGISTRY_LOCAL_JAVA           the java binary to use; default: JAVA_HOME's, PATH's, or /usr/lib/jvm/*,
#                                 whichever first has the Java the version needs
#   REGISTRY_LOCAL_DIR            pid file and logs, default <repo>/.tools/registry-local/<port>
#   REGISTRY_LOCAL_HEAP           JVM heap options, default "-Xms64m -Xmx512m"
#   REGISTRY_LOCAL_START_TIMEOUT  seconds to wait for the API, default 120
#   REGISTRY_LOCAL_STOP_TIMEOUT   seconds to wait after SIGTERM before SIGKILL, default 30
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${REGISTRY_LOCAL_PORT:-8081}"
DIR="${REGISTRY_LOCAL_DIR:-$ROOT/.tools/registry-local/$PORT}"
HEAP="${REGISTRY_LOCAL_HEAP:--Xms64m -Xmx512m}"
START_TIMEOUT="${REGISTRY_LOCAL_START_TIMEOUT:-120}"
STOP_TIMEOUT="${REGISTRY_LOCAL_STOP_TIMEOUT:-30}"
HOST=127.0.0.1
URL="http://$HOST:$PORT/apis/ccompat/v7"
LATEST=3.3.3
JAVA17_FALLBACK=2.6.13.Final

case "$DIR" in /*) ;; *) DIR="$ROOT/$DIR" ;; esac
PID_FILE="$DIR/registry.pid"
LOG="$DIR/registry.log"

NAME=registry-local
# shellcheck source=lib/daemon.sh
source "$ROOT/scripts/lib/daemon.sh"

java_major() { # java-binary → major version, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

# The first java binary whose major version is at least $1.
find_java() {
  local want="$1" candidate major
  local candidates=("${REGISTRY_LOCAL_JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)")
  candidates+=(/usr/lib/jvm/*/bin/java)
  for candidate in "${candidates[@]}"; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    major="$(java_major "$candidate")"
    [[ -n "$major" ]] && ((major >= want)) && {
      echo "$candidate"
      return 0
    }
  done
  return 1
}

needed_java() { [[ "$1" == 2.* ]] && echo 17 || echo 21; }

choose_version() {
  if [[ -n "${REGISTRY_LOCAL_VERSION:-}" ]]; then
    VERSION="$REGISTRY_LOCAL_VERSION"
  elif find_java 21 > /dev/null; then
    VERSION="$LATEST"
  else
    VERSION="$JAVA17_FALLBACK"
  fi
  JAVA="$(find_java "$(needed_java "$VERSION")")" ||
    die "Apicurio Registry $VERSION needs Java $(needed_java "$VERSION")+ (set REGISTRY_LOCAL_JAVA, or REGISTRY_LOCAL_VERSION=$JAVA17_FALLBACK for Java 17)"
  DIST="$ROOT/.tools/apicurio-registry-$VERSION"
}

# The distribution is unpacked under a temporary name and renamed, so a half fetch is never used; a lock
# keeps parallel starts from fetching twice.
fetch() {
  [[ -f "$DIST/.complete" ]] && return 0
  command -v mvn > /dev/null || die "Maven (mvn) is needed to fetch Apicurio Registry $VERSION"
  mkdir -p "$ROOT/.tools"
  exec 9> "$DIST.lock"
  flock 9
  if [[ ! -f "$DIST/.complete" ]]; then
    say "fetching io.apicurio:apicurio-registry-app:$VERSION:tar.gz:all from Maven Central"
    local tmp="$DIST.tmp.$$"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    if ! mvn -q -B -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy \
      -Dartifact="io.apicurio:apicurio-registry-app:$VERSION:tar.gz:all" -DoutputDirectory="$tmp" >&2; then
      rm -rf "$tmp"
      die "could not fetch io.apicurio:apicurio-registry-app:$VERSION:tar.gz:all with Maven"
    fi
    tar -xzf "$tmp"/*.tar.gz -C "$tmp" && rm -f "$tmp"/*.tar.gz
    touch "$tmp/.complete"
    rm -rf "$DIST"
    mv "$tmp" "$DIST"
  fi
  flock -u 9
  exec 9>&-
}

# 3.x ships Quarkus's fast-jar layout (quarkus-run.jar); 2.x an uber-jar (*-runner.jar).
launcher() {
  if [[ -f "$DIST/quarkus-run.jar" ]]; then
    echo "$DIST/quarkus-run.jar"
  else
    compgen -G "$DIST/*-runner.jar" | head -n 1 || die "no quarkus-run.jar or *-runner.jar in $DIST"
  fi
}

# The pid in the pid file, if that process is alive and is a registry started for this port.
running_pid() { daemon_pid "-Dquarkus.http.port=$PORT "; }

answers() { curl -fsS -o /dev/null --max-time 2 "$URL/subjects" 2> /dev/null; }

wait_ready() { # pid
  local deadline=$((SECONDS + START_TIMEOUT))
  until answers; do
    kill -0 "$1" 2> /dev/null || return 1
    ((SECONDS < deadline)) || return 1
    sleep 0.25
  done
}


port_free() { ! (exec 3<> "/dev/tcp/$HOST/$1") 2> /dev/null; }

start() {
  local pid
  if pid="$(running_pid)"; then
    wait_ready "$pid" || die "registry $pid is running but $URL does not answer (log: $LOG)"
    echo "$URL"
    return 0
  fi
  command -v curl > /dev/null || die "curl is needed to check that the registry answers"
  choose_version
  fetch
  port_free "$PORT" || die "port $PORT is in use by another process (set REGISTRY_LOCAL_PORT)"
  mkdir -p "$DIR"
  # Loopback only; the management interface (health, metrics on :9000) is off so that parallel registries
  # on other ports do not collide. Storage is the default: in-memory (3.x: an H2 in-memory database).
  local props=(-Dquarkus.http.host="$HOST" -Dquarkus.http.port="$PORT" -Dquarkus.management.enabled=false
    -Dquarkus.log.level=WARN)

  say "starting Apicurio Registry $VERSION ($("$JAVA" -version 2>&1 | head -n 1)) on $URL"
  local started=$SECONDS
  # setsid + closed stdio: the registry outlives this script and holds none of the caller's pipes open. The
  # shell that writes the pid file execs the JVM, so the pid is the registry's own.
  setsid bash -c 'echo $$ > "$0"; exec "$@"' "$PID_FILE" \
    "$JAVA" $HEAP -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true "${props[@]}" \
    -jar "$(launcher)" < /dev/null > "$LOG" 2>&1 &
  local i
  for i in $(seq 50); do
    [[ -s "$PID_FILE" ]] && break
    sleep 0.1
  done
  pid="$(cat "$PID_FILE" 2> /dev/null || true)"
  [[ -n "$pid" ]] || die "the registry did not start (no pid written)"
  if ! wait_ready "$pid"; then
    tail -n 40 "$LOG" >&2 || true
    kill -KILL "$pid" 2> /dev/null || true
    wait_gone "$pid" 10 || true
    rm -f "$PID_FILE"
    die "Apicurio Registry did not answer on $URL within ${START_TIMEOUT}s (log: $LOG)"
  fi
  say "ready in $((SECONDS - started))s (pid $pid)"
  echo "$URL"
}

stop() { daemon_stop "-Dquarkus.http.port=$PORT " registry "$URL" "$STOP_TIMEOUT"; }

status() {
  local pid
  if pid="$(running_pid)"; then
    echo "running $pid $URL"
  else
    echo "stopped"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  fetch)
    choose_version
    fetch
    echo "$DIST"
    ;;
  *)
    echo "usage: $0 start|stop|status|fetch" >&2
    exit 64
    ;;
esac
