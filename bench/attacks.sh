#!/usr/bin/env bash
# Times the refusal of each attack request (median of 20, curl's time_total), then the p99 of a
# normal query with and without a second client sending fragment bombs without pause.
#
#   bench/attacks.sh            # SQLite, demo county; DATABASE_URL=postgres://... for PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18081}
DURATION=${DURATION:-10s}
# shellcheck source=bench/serve.sh
source bench/serve.sh
python3 bench/attacks.py "$WORK"


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
