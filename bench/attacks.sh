#!/usr/bin/env bash
# Times the refusal of each attack request (median of 20, curl's time_total), then the p99 of a
# normal query with and without a second client sending fragment bombs without pause.
#
#   bench/attacks.sh            # SQLite, demo county; DATABASE_URL=postgres://... for PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18081}
DURATION=${DURATION:-10s}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
cargo build --release -q -p sunlight-api
BIN=$PWD/target/release/sunlight
WORK=$(mktemp -d)
export SUNLIGHT_DATA_DIR="$WORK/data" SUNLIGHT_LISTEN="127.0.0.1:$PORT" SUNLIGHT_LOG=warn
export SUNLIGHT_JWT_HS256_SECRET="bench-secret-not-for-production-0123456789"
export SUNLIGHT_RATE_LIMIT_ANONYMOUS_PER_SECOND=0 SUNLIGHT_RATE_LIMIT_AUTHENTICATED_PER_SECOND=0
"$BIN" serve &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
    sleep 0.2
done
python3 bench/attacks.py "$WORK"
URL="http://127.0.0.1:$PORT/graphql"

echo "== time to refuse (median of 20 requests, ms)"
for f in depth50 aliases1000 aliases10000 fragments24 directives1000 first_max_x4 batch1000; do
    times=()
    status=""
    for _ in $(seq 1 20); do
        read -r status t < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
            -H 'content-type: application/json' --data-binary @"$WORK/$f.json" "$URL")
        times+=("$t")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 10p)
    printf '%-16s status %s  %.2f ms\n' "$f" "$status" "$(echo "$median * 1000" | bc -l)"
done

NORMAL="$WORK/normal.json"
python3 -c 'import json; print(json.dumps({"query": "{ powers(first: 20) { edges { node { name holder { name } } } } }"}))' >"$NORMAL"
echo "== normal query alone (wrk -t1 -c8 -d$DURATION)"
BODY_FILE=$NORMAL wrk -t1 -c8 -d"$DURATION" --latency -s bench/graphql.lua "$URL" | grep -E 'Requests/sec|99%'
echo "== normal query while another client sends fragment bombs"
BODY_FILE="$WORK/fragments24.json" wrk -t1 -c8 -d"$DURATION" -s bench/graphql.lua "$URL" >"$WORK/attack.txt" &
ATTACK=$!
sleep 1
BODY_FILE=$NORMAL wrk -t1 -c8 -d"$DURATION" --latency -s bench/graphql.lua "$URL" | grep -E 'Requests/sec|99%'
wait $ATTACK
echo "   (attacker: $(grep Requests/sec "$WORK/attack.txt" | awk '{print $2}') refused requests/s)"
