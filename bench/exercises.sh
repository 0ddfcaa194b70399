#!/usr/bin/env bash
# Exercises of powers and flowchart pictures, on the demo county, over real HTTP:
#   - the time to draw the largest flowchart (LC-02, 12 steps, 17 edges) with and without an
#     exercise's path, median and 95th percentile of 50 requests (curl time_total);
#   - exercises listed with their current step (a nested query), with wrk.
#
#   bench/exercises.sh                                        # SQLite
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sunlight_bench bench/exercises.sh
#
# Environment: DURATION (default 10s), CONNECTIONS (default 32), PORT (default 18080).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18080}
# shellcheck source=bench/serve.sh
source bench/serve.sh

gql() {
    python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$1" |
        curl -s -H 'content-type: application/json' --data-binary @- "$URL"
}
IDS=$(gql '{ procedures(first: 50) { nodes { id code } } exercises(first: 50) { nodes { id procedure { code } } } }')
read -r PROCEDURE EXERCISE < <(python3 -c '
import json, sys
d = json.loads(sys.argv[1])["data"]
p = next(n["id"] for n in d["procedures"]["nodes"] if n["code"] == "LC-02")
e = next(n["id"] for n in d["exercises"]["nodes"] if n["procedure"]["code"] == "LC-02")
print(p, e)' "$IDS")

timings() {
    local path=$1
    curl -sf -o /dev/null "http://127.0.0.1:$PORT$path"
    for _ in $(seq 1 50); do
        curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT$path"
    done | sort -n | awk '{ t[NR] = $1 } END { printf "median %.2f ms, p95 %.2f ms\n", t[25] * 1000, t[48] * 1000 }'
}
echo "== LC-02 as SVG: $(timings "/procedures/$PROCEDURE.svg")"
echo "== LC-02 as SVG with an exercise: $(timings "/procedures/$PROCEDURE.svg?exercise=$EXERCISE")"
echo "== size: $(curl -s "http://127.0.0.1:$PORT/procedures/$PROCEDURE.svg?exercise=$EXERCISE" | wc -c) bytes"

QUERY='{ exercises(first: 20) { nodes { title power { name } progress currentPassage { step { name actor } enteredAt dueOn late } latePassages { stepKey } } } }'
BODY=$WORK/exercises.json
python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$QUERY" >"$BODY"
CHECK=$(curl -s -H 'content-type: application/json' --data-binary @"$BODY" "$URL")
if [[ $CHECK == *'"errors"'* || $CHECK != *'"currentPassage"'* ]]; then
    echo "the query fails: ${CHECK:0:300}" >&2
    exit 1
fi
echo "== exercises per answer: $(python3 -c 'import json,sys; print(len(json.loads(sys.argv[1])["data"]["exercises"]["nodes"]))' "$CHECK")"
BODY_FILE=$BODY wrk -t2 -c"$CONNECTIONS" -d3s -s bench/graphql.lua "$URL" >/dev/null
echo "== exercises with their current step"
BODY_FILE=$BODY wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/graphql.lua "$URL" |
    grep -E 'Requests/sec|Latency  |99%|Non-2xx|Socket errors'
