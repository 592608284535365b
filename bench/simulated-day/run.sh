#!/usr/bin/env bash
# A simulated day of streaming, then compaction: how many small files a live stream leaves, and
# what they cost a query. See bench/README.md and docs/lake-maintenance.md.
#
#   bench/simulated-day/run.sh [--speed N] [--events N] [--dir DIR] [-- EXTRA RUN FLAGS]
#
# A local broker; a stream job (ingest, parallelism 2) with checkpoints every 10 s of simulated
# time (10 s / N of wall time); the generator sends one day of history paced at N times real time.
# When the day is sent, the stream is stopped with a drained savepoint (Flink's REST API: every
# partition is published), then: files per partition, checkpoint statistics, DuckDB query time,
# `compact`, files and query time again, `verify`. Needs curl and python3.
set -euo pipefail

speed=60
events=1000000
dir=""
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --speed) speed="$2"; shift 2 ;;
    --events) events="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "usage: $0 [--speed N] [--events N] [--dir DIR] [-- EXTRA RUN FLAGS]" >&2; exit 2 ;;
  esac
done
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/simulated-day"
ls="$root/bin/lakestream"
dir="${dir:-$(mktemp -d /tmp/lakestream-day.XXXXXX)}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
cd "$dir" # the CLI's log goes to .lakestream/logs under the working directory
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$dir/report.txt"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

kafka_port=$(free_port)
ui_port=$(free_port)
bootstrap="127.0.0.1:$kafka_port"
interval_ms=$(python3 -c "print(max(1, round(10000 / $speed)))")
stream_pid=""
cleanup() {
  [[ -n "$stream_pid" ]] && kill "$stream_pid" 2>/dev/null || true
  "$ls" kafka stop --data-dir "$dir/kafka" >/dev/null 2>&1 || true
}
trap cleanup EXIT

log "simulated day: $events events, speed ${speed}x, checkpoints every ${interval_ms} ms (10 s simulated), in $dir"
"$ls" kafka start --port "$kafka_port" --data-dir "$dir/kafka" >/dev/null
cp="$root/deploy/target/classes:$(cat "$root/deploy/target/classpath.txt")"
java -cp "$cp" "$here/CreateTopic.java" "$bootstrap" events 1 >/dev/null

"$ls" run --pipelines ingest --mode stream --lake "$dir/lake" --bootstrap "$bootstrap" \
  --topic events --checkpoint-interval "PT$(python3 -c "print($interval_ms / 1000)")S" \
  --web-ui-port "$ui_port" --state-dir "$dir/state" "${extra[@]}" >"$dir/stream.log" 2>&1 &
stream_pid=$!

rest() { curl -sf "http://127.0.0.1:$ui_port$1"; }
job=""
for _ in $(seq 120); do
  job=$(rest /jobs/overview 2>/dev/null | python3 -c \
    'import json,sys; j=[x["jid"] for x in json.load(sys.stdin)["jobs"] if x["state"]=="RUNNING"]; print(j[0] if j else "")' \
    2>/dev/null || true)
  [[ -n "$job" ]] && break
  kill -0 "$stream_pid" 2>/dev/null || { cat "$dir/stream.log" >&2; exit 1; }
  sleep 1
done
[[ -n "$job" ]] || { echo "the stream job did not start; see $dir/stream.log" >&2; exit 1; }
log "stream job $job running; sending one day paced"

t0=$(date +%s)
"$ls" generate --bootstrap "$bootstrap" --topic events --events "$events" --seed 7 --days 1 \
  --speed "$speed" | tee -a "$dir/report.txt"
log "day sent in $(( $(date +%s) - t0 )) s"

rest "/jobs/$job/checkpoints" >"$dir/checkpoints.json"
not_started=$(grep -c "job $job is not being executed at the moment" "$dir/.lakestream/logs/lakestream.log" || true)
python3 - "$dir/checkpoints.json" "$not_started" <<'PY' | tee -a "$dir/report.txt"
import json, sys
c = json.load(open(sys.argv[1]))
n, s = c["counts"], c["summary"]
d = s.get("end_to_end_duration") or s.get("endToEndDuration")
print(f"checkpoints: {n['completed']} completed, {n['failed']} failed ({sys.argv[2]} of them triggered"
      f" before every task was running); end-to-end duration p50 {d['p50']:.0f} ms,"
      f" p99 {d['p99']:.0f} ms, max {d['max']} ms")
PY

curl -sf -X POST -H 'Content-Type: application/json' \
  -d "{\"drain\": true, \"targetDirectory\": \"file://$dir/savepoint\"}" \
  "http://127.0.0.1:$ui_port/jobs/$job/stop" >/dev/null
wait "$stream_pid" || { cat "$dir/stream.log" >&2; exit 1; }
stream_pid=""
tail -n 3 "$dir/stream.log" | tee -a "$dir/report.txt"

mvn -B -q -f "$root/pom.xml" dependency:get -Dartifact=org.duckdb:duckdb_jdbc:1.4.4.0 >/dev/null
duckdb=~/.m2/repository/org/duckdb/duckdb_jdbc/1.4.4.0/duckdb_jdbc-1.4.4.0.jar
measure() {
  java -cp "$cp" "$here/FilesPerPartition.java" "$dir/lake" events | tee -a "$dir/report.txt"
  java -cp "$duckdb" "$root/bench/compaction/QueryTime.java" "$dir/lake" | tee -a "$dir/report.txt"
}
log "before compaction"
measure
t0=$(date +%s)
"$ls" compact --lake "$dir/lake" --table events | tail -n 1 | tee -a "$dir/report.txt"
log "compacted in $(( $(date +%s) - t0 )) s; after compaction"
measure
"$ls" verify --lake "$dir/lake" --table events | tail -n 1 | tee -a "$dir/report.txt"
log "report: $dir/report.txt"
