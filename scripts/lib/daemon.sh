# Process handling shared by the scripts that run a local service in the background (kafka-local.sh,
# registry-local.sh). Source it after setting NAME (the prefix of messages) and PID_FILE.

say() { echo "$NAME: $*" >&2; }
die() {
  say "$*"
  exit 1
}

# daemon_pid MARKER: the pid in PID_FILE when that process is alive and its command line contains MARKER
# (so a reused pid of another program is never taken for ours).
daemon_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$1" || return 1
  echo "$pid"
}

# wait_gone PID SECONDS: true once the process has exited, false if it is still there after SECONDS.
wait_gone() {
  local pid="$1" deadline=$((SECONDS + $2))
  while kill -0 "$pid" 2> /dev/null; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# daemon_stop MARKER WHAT ADDRESS TIMEOUT: SIGTERM, wait TIMEOUT seconds, then SIGKILL; no process is left.
daemon_stop() {
  local marker="$1" what="$2" address="$3" timeout="$4" pid
  if ! pid="$(daemon_pid "$marker")"; then
    rm -f "$PID_FILE"
    say "not running ($address)"
    return 0
  fi
  kill -TERM "$pid" 2> /dev/null || true
  if ! wait_gone "$pid" "$timeout"; then
    say "$what $pid did not stop within ${timeout}s; sending SIGKILL"
    kill -KILL "$pid" 2> /dev/null || true
    wait_gone "$pid" 10 || die "$what $pid survived SIGKILL"
  fi
  rm -f "$PID_FILE"
  say "stopped ($address)"
}
