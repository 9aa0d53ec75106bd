#!/usr/bin/env bash
# Chat turns under load with the outcome store on (SQLite) and off: 64 connections for 30 s each,
# then the store's counters (no event may be dropped). Needs wrk and the packaged jar.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=server/target/gateway-doctor.jar
LUA=$(mktemp --suffix=.lua); DATA=$(mktemp -d); INPUTS=$(mktemp)
trap 'rm -rf "$LUA" "$DATA" "$INPUTS"' EXIT
# Distinct texts too: every dev-set input in turn as a chat's first message.
[ -d server/target/test-classes ] || mvn -q -B -ntp test-compile -pl server
java -cp "$JAR:server/target/test-classes" dev.gatewaydoctor.bench.WrkInputs 100000 \
  | python3 -c 'import json,sys; [print(json.dumps({"message": json.loads(l)["text"], "channel": "widget"})) for l in sys.stdin]' >"$INPUTS"
cat > "$LUA" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"message": "2024/05/14 10:21:07 [crit] 1187#1187: *5678 connect() to unix:/run/php/php8.2-fpm.sock failed (2: No such file or directory) while connecting to upstream, client: 198.51.100.23, server: shop.example.com", "channel": "widget"}'
LUA
run() {
  local label=$1 db=$2 port=$3
  GATEWAY_DOCTOR_DB=$db GATEWAY_DOCTOR_DATA=$DATA GATEWAY_DOCTOR_OUTCOMES_QUEUE=10000 GATEWAY_DOCTOR_RATE_LIMIT=0 \
    java -jar "$JAR" --host 127.0.0.1 --port "$port" >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
  wrk -t2 -c64 -d5s -s "$LUA" "http://127.0.0.1:$port/api/chat" >/dev/null   # warm-up
  echo "== store $label: one repeated log line"
  wrk -t2 -c64 -d30s --latency -s "$LUA" "http://127.0.0.1:$port/api/chat" | grep -E "Requests/sec|Latency |99%|50%|requests in|Non-2xx"
  echo "== store $label: every dev-set input in turn"
  wrk -t2 -c64 -d30s --latency -s bench/cycle.lua "http://127.0.0.1:$port" -- "$INPUTS" /api/chat | grep -E "Requests/sec|Latency |99%|50%|requests in|Non-2xx"
  sleep 2
  curl -s "http://127.0.0.1:$port/health"; echo
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
run on "" 17181
run off off 17182
