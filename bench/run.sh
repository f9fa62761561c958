#!/usr/bin/env bash
# Weft vs ovs-testcontroller, cbench style; and Weft under a packet-in flood. See bench/README.md.
#
#   bench/run.sh compare [--quick] [--rounds N] [--seconds S] [--warmup S] [--switches N]
#                        [--hosts M] [--window W] [--port P] [--alone "64 256"] [--no-build]
#   bench/run.sh flood   [--switches "16 64 256"] [--seconds S] [--hosts M] [--jar WEFT_JAR] [--no-peer] [--no-build]
#
# Throughput counts answers: packet-ins answered (a flow-mod with a buffer id, a packet-out alone or
# after its flow-mod: one each). compare alternates Weft and ovs-testcontroller (throughput run, then
# latency run, each against a freshly started controller), controller pinned to core 0 and generator
# to core 1, then runs Weft alone at each --alone switch count (ovs-testcontroller serves at most
# 16), and ends with
#   RATIO packet-in-throughput weft/ovs-testcontroller: X.XX
#   RATIO packet-in-latency-p50 weft/ovs-testcontroller: X.XX
#   RATIO packet-in-latency-p99 weft/ovs-testcontroller: X.XX
# flood (bench/flood.sh) floods a fresh Weft (core 0, generator core 1) per switch count, then a
# fresh ovs-testcontroller at each count of at most 16, and ends with a RATIO packet-in-throughput
# line per count both ran at.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

[[ $# -ge 1 && ( $1 == compare || $1 == flood ) ]] || usage
MODE=$1
shift
if [[ $MODE == flood ]]; then
  exec "$ROOT/bench/flood.sh" "$@"
fi
ROUNDS=3 SECONDS_=6 WARMUP=15 SWITCHES=16 HOSTS=1000 WINDOW=16 PORT="" BUILD=1 ALONE="64 256"
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) ROUNDS=1 SECONDS_=2 WARMUP=1 SWITCHES=4 HOSTS=100 ALONE="" ;;
    --alone) ALONE=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --seconds) SECONDS_=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --switches) SWITCHES=$2; shift ;;
    --hosts) HOSTS=$2; shift ;;
    --window) WINDOW=$2; shift ;;
    --port) PORT=$2; shift ;;
    --no-build) BUILD=0 ;;
    -h|--help) usage ;;
    *) echo "unknown option $1" >&2; usage ;;
  esac
  shift
done

WEFT_JAR=controller-dist/target/weft.jar
BENCH_JAR=bench/target/weft-bench.jar
OUT="bench/target/compare-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
CORES=$(nproc)
bench_pins

bench_build "$BUILD"
[[ -f $WEFT_JAR && -f $BENCH_JAR ]] || { echo "missing $WEFT_JAR or $BENCH_JAR" >&2; exit 1; }
ensure_testcontroller
[[ -n $PORT ]] || PORT=$(free_port 16653)
trap stop_controller EXIT INT TERM

start_controller() { # name log
  case $1 in
    weft)
      # shellcheck disable=SC2086
      "${CTL_PIN[@]}" java $WEFT_JAVA_OPTS -jar "$WEFT_JAR" --openflow-port "$PORT" >"$2" 2>&1 &
      CTL_PID=$!
      await_listening weft "$2" "$PORT"
      ;;
    ovs-testcontroller) start_testcontroller "$2" "$PORT" ;;
  esac
}

run_one() { # controller mode round [switches]
  local n=${4:-$SWITCHES}
  # Weft's host table holds 100,000 hosts by default: more switches get fewer hosts each.
  local hosts=$HOSTS
  ((n * hosts > 90000)) && hosts=$((90000 / n))
  local log="$OUT/$1-$2-$3"
  [[ $n != "$SWITCHES" ]] && log="$OUT/$1-$n-$2-$3"
  start_controller "$1" "$log.controller.log"
  local extra=()
  [[ $2 == throughput ]] && extra=(--window "$WINDOW")
  "${GEN_PIN[@]}" timeout $((SECONDS_ + WARMUP + 90)) java -jar "$BENCH_JAR" "$2" \
    --controller "127.0.0.1:$PORT" --switches "$n" --hosts "$hosts" \
    --warmup "$WARMUP" --seconds "$SECONDS_" "${extra[@]}" >"$log.out" 2>"$log.err" \
    || echo "generator failed ($1 $2 round $3); see $log.err" >&2
  local cpu
  cpu=$(cpu_seconds "$CTL_PID")
  stop_controller
  local v
  if [[ $2 == throughput ]]; then v=$(field "$log.out" answered_per_s); else v=$(field "$log.out" p50_us); fi
  local p99=""
  [[ $2 == latency ]] && p99=$(field "$log.out" p99_us)
  printf '%-18s %3d switches x %4d hosts %-10s round %d: %s %s%s (generator %s cores, controller CPU %s s for the whole run)\n' \
    "$1" "$n" "$hosts" "$2" "$3" "${v:-n/a}" "$([[ $2 == throughput ]] && echo answers/s || echo us p50)" \
    "$([[ $2 == latency ]] && echo ", p99 ${p99:-n/a} us")" \
    "$(field "$log.out" generator_cores)" "$cpu" | tee -a "$OUT/summary.txt"
  local key="$1"
  [[ $n != "$SWITCHES" ]] && key="$1-$n"
  [[ -n $v ]] && echo "$v" >>"$OUT/$key-$2.values"
  [[ -n $p99 ]] && echo "$p99" >>"$OUT/$key-$2-p99.values"
  return 0
}

echo "machine: $CORES cores, $(java -version 2>&1 | head -1), $(testcontroller_version); Weft JVM options: ${WEFT_JAVA_OPTS:-none}" | tee "$OUT/summary.txt"
echo "load: $SWITCHES switches x $HOSTS hosts, window $WINDOW, ${WARMUP} s warm-up + ${SECONDS_} s, $ROUNDS rounds, port $PORT" | tee -a "$OUT/summary.txt"
for r in $(seq 1 "$ROUNDS"); do
  for ctl in weft ovs-testcontroller; do
    run_one "$ctl" throughput "$r"
    run_one "$ctl" latency "$r"
  done
done

for n in $ALONE; do
  for r in $(seq 1 "$ROUNDS"); do
    run_one weft throughput "$r" "$n"
    run_one weft latency "$r" "$n"
  done
done

{
  echo
  for mode in throughput latency; do
    unit=$([[ $mode == throughput ]] && echo "answers/s" || echo "us p50")
    for ctl in weft ovs-testcontroller; do
      read -r mn md mx < <(stats "$OUT/$ctl-$mode.values")
      printf '%-18s %-10s min %s  median %s  max %s  (%s)\n' "$ctl" "$mode" "$mn" "$md" "$mx" "$unit"
    done
  done
  for ctl in weft ovs-testcontroller; do
    read -r mn md mx < <(stats "$OUT/$ctl-latency-p99.values")
    printf '%-18s %-10s min %s  median %s  max %s  (us p99)\n' "$ctl" latency "$mn" "$md" "$mx"
  done
  for n in $ALONE; do
    printf 'weft alone, %d switches: throughput median %s answers/s, latency median p50 %s us, p99 %s us\n' "$n" \
      "$(median "$OUT/weft-$n-throughput.values")" "$(median "$OUT/weft-$n-latency.values")" \
      "$(median "$OUT/weft-$n-latency-p99.values")"
  done
  echo "results and logs: $OUT"
  echo "RATIO packet-in-throughput weft/ovs-testcontroller: $(ratio "$(median "$OUT/weft-throughput.values")" "$(median "$OUT/ovs-testcontroller-throughput.values")")"
  echo "RATIO packet-in-latency-p50 weft/ovs-testcontroller: $(ratio "$(median "$OUT/weft-latency.values")" "$(median "$OUT/ovs-testcontroller-latency.values")")"
  echo "RATIO packet-in-latency-p99 weft/ovs-testcontroller: $(ratio "$(median "$OUT/weft-latency-p99.values")" "$(median "$OUT/ovs-testcontroller-latency-p99.values")")"
} | tee -a "$OUT/summary.txt"
