#!/usr/bin/env bash
# bench/run.sh flood: Weft's jar under weft-bench flood, one fresh Weft per switch count. See
# bench/README.md ("Flood").
#
#   bench/flood.sh [--switches "16 64"] [--seconds S] [--hosts M] [--jar WEFT_JAR] [--no-build]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SWITCHES="16 64" SECONDS_=30 HOSTS=100 WEFT_JAR=controller-dist/target/weft.jar BUILD=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --switches) SWITCHES=$2; shift ;;
    --seconds) SECONDS_=$2; shift ;;
    --hosts) HOSTS=$2; shift ;;
    --jar) WEFT_JAR=$2; shift ;;
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

BENCH_JAR=bench/target/weft-bench.jar
if [[ $BUILD == 1 ]]; then
  echo "Building (mvn -B -q package -DskipTests ${MVN_ARGS:-}) ..."
  mvn -B -q package -DskipTests ${MVN_ARGS:-}
fi
[[ -f $WEFT_JAR && -f $BENCH_JAR ]] || { echo "missing $WEFT_JAR or $BENCH_JAR" >&2; exit 1; }
OUT="$ROOT/bench/target/flood-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
if [[ $(nproc) -ge 2 ]]; then CTL_PIN=(taskset -c 0) GEN_PIN=(taskset -c 1); else CTL_PIN=() GEN_PIN=(); fi

listening() { ss -ltnH "sport = :$1" | grep -q LISTEN; }
free_port() { local p=$1; while listening "$p"; do p=$((p + 1)); done; echo "$p"; }
OF_PORT=$(free_port 16653)
REST_PORT=$(free_port 18181)

CTL_PID=""
stop_weft() {
  if [[ -n $CTL_PID ]] && kill -0 "$CTL_PID" 2>/dev/null; then
    kill "$CTL_PID"
    for _ in $(seq 1 100); do kill -0 "$CTL_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$CTL_PID" 2>/dev/null && kill -9 "$CTL_PID"
    wait "$CTL_PID" 2>/dev/null || true
  fi
  CTL_PID=""
}
trap stop_weft EXIT INT TERM

{
  echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "weft: $WEFT_JAR ($(date -r "$WEFT_JAR" '+%F %T')); repository at $(git rev-parse --short HEAD 2>/dev/null || echo n/a)"
} | tee "$OUT/summary.txt"
STATUS=0
for n in $SWITCHES; do
  run="$OUT/s$n"
  mkdir -p "$run"
  printf 'openflow:\n  bindAddress: 127.0.0.1\ndataDir: %s/data\n' "$run" >"$run/weft.yml"
  "${CTL_PIN[@]}" java -jar "$WEFT_JAR" --openflow-port "$OF_PORT" --rest-port "$REST_PORT" \
    --config "$run/weft.yml" >"$run/weft.log" 2>&1 &
  CTL_PID=$!
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$REST_PORT/api/v1/health" >/dev/null && break
    kill -0 "$CTL_PID" 2>/dev/null || { echo "Weft exited; see $run/weft.log" >&2; exit 1; }
    sleep 0.1
  done
  "${GEN_PIN[@]}" timeout $((SECONDS_ + 180)) java -jar "$BENCH_JAR" flood \
    --controller "127.0.0.1:$OF_PORT" --rest "http://127.0.0.1:$REST_PORT" --controller-pid "$CTL_PID" \
    --switches "$n" --seconds "$SECONDS_" --hosts "$HOSTS" >"$run/flood.out" 2>"$run/flood.err" || STATUS=1
  stop_weft
  grep -v '^  00:' "$run/flood.out" | tee -a "$OUT/summary.txt"
done
echo "reports and logs: $OUT"
exit $STATUS
