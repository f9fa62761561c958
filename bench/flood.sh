#!/usr/bin/env bash
# bench/run.sh flood: weft-bench flood (core 1) against Weft's jar (core 0), one fresh Weft per
# switch count, and against ovs-testcontroller (core 0) at each count it serves (at most 16) in
# the same invocation. See bench/README.md ("Flood").
#
#   bench/flood.sh [--switches "16 64 256"] [--seconds S] [--warmup W] [--hosts M] [--jar WEFT_JAR] [--no-peer] [--no-build]
#
# Ends with, per switch count both ran at (answers: packet-ins answered after the first W seconds,
# see bench/README.md; the whole run's figures are printed too),
#   RATIO packet-in-throughput weft/ovs-testcontroller: X.XX
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

SWITCHES="16 64 256" SECONDS_=45 WARMUP=15 HOSTS=100 WEFT_JAR=controller-dist/target/weft.jar BUILD=1 PEER=1
PEER_MAX=16 # ovs-testcontroller serves at most 16 switches
while [[ $# -gt 0 ]]; do
  case $1 in
    --switches) SWITCHES=$2; shift ;;
    --seconds) SECONDS_=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --hosts) HOSTS=$2; shift ;;
    --jar) WEFT_JAR=$2; shift ;;
    --no-peer) PEER=0 ;;
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

BENCH_JAR=bench/target/weft-bench.jar
bench_build "$BUILD"
[[ -f $WEFT_JAR && -f $BENCH_JAR ]] || { echo "missing $WEFT_JAR or $BENCH_JAR" >&2; exit 1; }
[[ $PEER == 1 ]] && ensure_testcontroller
OUT="$ROOT/bench/target/flood-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
bench_pins
OF_PORT=$(free_port 16653)
REST_PORT=$(free_port 18181)
trap stop_controller EXIT INT TERM

start_weft() { # run-directory
  printf 'openflow:\n  bindAddress: 127.0.0.1\ndataDir: %s/data\n' "$1" >"$1/weft.yml"
  # shellcheck disable=SC2086
  "${CTL_PIN[@]}" java $WEFT_JAVA_OPTS -jar "$WEFT_JAR" --openflow-port "$OF_PORT" --rest-port "$REST_PORT" \
    --config "$1/weft.yml" >"$1/controller.log" 2>&1 &
  CTL_PID=$!
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$REST_PORT/api/v1/health" >/dev/null && return 0
    kill -0 "$CTL_PID" 2>/dev/null || { echo "Weft exited; see $1/controller.log" >&2; return 1; }
    sleep 0.1
  done
  echo "Weft's REST API did not answer within 30 s; see $1/controller.log" >&2
  return 1
}

# flood controller switches late -> 0; 1 when the run reported a problem; 2 when the controller did not
# start. Called outside a pipeline and with ||, so it checks every step itself.
flood() {
  local run="$OUT/$1-s$2" rest
  mkdir -p "$run"
  if [[ $1 == weft ]]; then
    start_weft "$run" || { stop_controller; return 2; }
    rest="http://127.0.0.1:$REST_PORT"
  else
    start_testcontroller "$run/controller.log" "$OF_PORT" || { stop_controller; return 2; }
    rest=none # no REST API: dropped packet-ins are n/a
  fi
  local rc=0
  "${GEN_PIN[@]}" timeout $((SECONDS_ + 180)) java -jar "$BENCH_JAR" flood \
    --controller "127.0.0.1:$OF_PORT" --rest "$rest" --controller-pid "$CTL_PID" \
    --switches "$2" --late-switches "$3" --seconds "$SECONDS_" --warmup "$WARMUP" --hosts "$HOSTS" >"$run/flood.out" 2>"$run/flood.err" || rc=1
  stop_controller
  {
    echo "== $1, $2 switches"
    grep -v '^  00:' "$run/flood.out" || echo "no report; see $run/flood.err"
  } | tee -a "$OUT/summary.txt"
  field "$run/flood.out" answered_after_warmup_per_s >"$OUT/$1-s$2.answered"
  field "$run/flood.out" answered_per_s >"$OUT/$1-s$2.whole"
  return $rc
}

{
  echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), Weft JVM options: ${WEFT_JAVA_OPTS:-none}, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  [[ $PEER == 1 ]] && echo "peer: $(testcontroller_version) (at $PEER_MAX switches at most)"
  echo "weft: $WEFT_JAR ($(date -r "$WEFT_JAR" '+%F %T')); repository at $(git rev-parse --short HEAD 2>/dev/null || echo n/a)"
} | tee "$OUT/summary.txt"
STATUS=0
for n in $SWITCHES; do
  peer=0
  [[ $PEER == 1 && $n -le $PEER_MAX ]] && peer=1
  # The flood adds one late switch; where the peer runs, both get it only if the peer serves it.
  late=1
  ((peer == 1 && n + 1 > PEER_MAX)) && late=0
  rc=0
  flood weft "$n" "$late" || rc=$?
  ((rc == 2)) && exit 1
  ((rc == 0)) || STATUS=1 # Weft's problems fail the run; the peer's are only reported
  if ((peer == 1)); then
    rc=0
    flood ovs-testcontroller "$n" "$late" || rc=$?
    ((rc == 2)) && exit 1
  fi
done
{
  echo
  for n in $SWITCHES; do
    w=$(cat "$OUT/weft-s$n.answered") ww=$(cat "$OUT/weft-s$n.whole")
    printf 'flood, %d switches, answers/s after %d s of warm-up (whole run): weft %s (%s)' "$n" "$WARMUP" "${w:-n/a}" "${ww:-n/a}"
    if [[ -f $OUT/ovs-testcontroller-s$n.answered ]]; then
      o=$(cat "$OUT/ovs-testcontroller-s$n.answered") ow=$(cat "$OUT/ovs-testcontroller-s$n.whole")
      printf ', ovs-testcontroller %s (%s); whole-run ratio %s\n' "${o:-n/a}" "${ow:-n/a}" "$(ratio "$ww" "$ow")"
    else
      printf ' (weft alone)\n'
    fi
  done
  echo "reports and logs: $OUT"
  for n in $SWITCHES; do
    [[ -f $OUT/ovs-testcontroller-s$n.answered ]] || continue
    echo "RATIO packet-in-throughput weft/ovs-testcontroller: $(ratio "$(cat "$OUT/weft-s$n.answered")" "$(cat "$OUT/ovs-testcontroller-s$n.answered")")"
  done
} | tee -a "$OUT/summary.txt"
exit $STATUS
