#!/usr/bin/env bash
# Weft's packet-in latency tail under different JVM flags: Weft pinned to core 0 with each flag set,
# weft-bench latency on core 1, 16 switches x 1,000 hosts, 2 s warm-up + 6 s, three runs per set.
# Prints p50/p99/max per run; GC logs and outputs land in bench/target/gc-tail/. Needs the built jars
# (mvn -B -q package -DskipTests). Usage: bench/gc-tail.sh [port]
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-17653}
OUT=bench/target/gc-tail
mkdir -p "$OUT"
run() { # label flags...
  local label=$1
  shift
  for r in 1 2 3; do
    taskset -c 0 java "$@" -Xlog:gc:file="$OUT/$label-$r.gc.log" -jar controller-dist/target/weft.jar \
      --openflow-port "$PORT" >"$OUT/$label-$r.weft.log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 150); do ss -ltnH "sport = :$PORT" | grep -q LISTEN && break; sleep 0.1; done
    taskset -c 1 timeout 100 java -jar bench/target/weft-bench.jar latency --controller "127.0.0.1:$PORT" \
      --switches 16 --hosts 1000 --warmup 2 --seconds 6 >"$OUT/$label-$r.out" 2>/dev/null || true
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    echo "$label round $r: $(grep '^RESULT' "$OUT/$label-$r.out" | grep -o 'p50_us=[0-9.]* p99_us=[0-9.]* max_us=[0-9.]*')"
  done
}
run default
run g1 -XX:+UseG1GC
run g1-pause2 -XX:+UseG1GC -XX:MaxGCPauseMillis=2
run g1-young512 -XX:+UseG1GC -Xmn512m
run serial-young512 -XX:+UseSerialGC -Xmn512m
run zgc -XX:+UseZGC
run shenandoah -XX:+UseShenandoahGC
run parallel -XX:+UseParallelGC
