# Shell shared by bench/run.sh (compare) and bench/flood.sh (flood): sourced, not run. The
# caller sets ROOT, cds there, and uses `set -euo pipefail`.

# Weft's JVM options (README, "Running Weft"): ZGC, measured against Serial (what a JVM pinned to one
# core picks by itself), G1 and Shenandoah in BENCHMARKS.md. Word-split on purpose.
WEFT_JAVA_OPTS=${WEFT_JAVA_OPTS-"-XX:+UseZGC"}

# CTL_PIN / GEN_PIN: the controller on core 0, the generator on core 1 (no pinning on one core).
bench_pins() {
  if [[ $(nproc) -ge 2 ]]; then CTL_PIN=(taskset -c 0) GEN_PIN=(taskset -c 1); else CTL_PIN=() GEN_PIN=(); fi
}

# bench_build 1|0: the whole build (MVN_ARGS=-o adds flags), or nothing.
bench_build() {
  if [[ $1 == 1 ]]; then
    echo "Building (mvn -B -q package -DskipTests ${MVN_ARGS:-}) ..."
    mvn -B -q package -DskipTests ${MVN_ARGS:-}
  fi
}

# Installs ovs-testcontroller (package openvswitch-testcontroller) with apt-get when missing.
ensure_testcontroller() {
  if ! command -v ovs-testcontroller >/dev/null; then
    echo "Installing openvswitch-testcontroller ..."
    apt-get update -qq && apt-get install -y -qq openvswitch-testcontroller >/dev/null
  fi
}

listening() { ss -ltnH "sport = :$1" | grep -q LISTEN; }
free_port() { local p=$1; while listening "$p"; do p=$((p + 1)); done; echo "$p"; }

# The controller started last (one at a time); stop_controller stops it by PID.
CTL_PID=""
stop_controller() {
  if [[ -n $CTL_PID ]] && kill -0 "$CTL_PID" 2>/dev/null; then
    kill "$CTL_PID"
    for _ in $(seq 1 100); do kill -0 "$CTL_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$CTL_PID" 2>/dev/null && kill -9 "$CTL_PID"
    wait "$CTL_PID" 2>/dev/null || true
  fi
  CTL_PID=""
}

# await_listening name log port: waits (15 s at most) until CTL_PID listens on port.
await_listening() {
  for _ in $(seq 1 150); do
    listening "$3" && return 0
    kill -0 "$CTL_PID" 2>/dev/null || { echo "$1 exited; see $2" >&2; return 1; }
    sleep 0.1
  done
  echo "$1 did not listen on $3 within 15 s" >&2
  return 1
}

# start_testcontroller log port: ovs-testcontroller on core 0, a learning switch that installs
# flows (no --noflow, no --hub), no pidfile, no detach, its control socket in TMPDIR (the default
# directory, /var/run/openvswitch, exists only where Open vSwitch runs; a relative path would be
# taken from there, and a socket path must stay short); returns once it listens.
start_testcontroller() {
  local ctl="${TMPDIR:-/tmp}/ovs-testcontroller-$$-$2.ctl"
  "${CTL_PIN[@]}" ovs-testcontroller --unixctl="$ctl" "ptcp:$2:127.0.0.1" >"$1" 2>&1 &
  CTL_PID=$!
  await_listening ovs-testcontroller "$1" "$2"
}

testcontroller_version() { ovs-testcontroller --version | head -1; }

cpu_seconds() { # pid -> utime+stime in seconds
  awk -v tck="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / tck}' "/proc/$1/stat"
}

field() { # file key -> value from the RESULT line
  sed -n "s/^RESULT .*\b$2=\([0-9.]*\).*/\1/p" "$1" | tail -1
}

stats() { # file -> "min median max"
  [[ -s $1 ]] || { echo "n/a n/a n/a"; return 0; }
  sort -g "$1" | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%.1f %.1f %.1f\n", v[1], m, v[NR]}'
}
median() { stats "$1" | awk '{print $2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }
