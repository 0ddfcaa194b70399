#!/usr/bin/env bash
# Benchmarks Sunlight over real HTTP with wrk (Debian package `wrk`).
#
#   bench/run.sh                 # SQLite, demo county
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sunlight_bench bench/run.sh
#
# Environment: DURATION (default 10s), WARMUP (default 3s), CONNECTIONS (default 32),
# THREADS (default 2), PORT (default 18080), SCENARIOS (default: all, space separated).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
# shellcheck source=bench/serve.sh
source bench/serve.sh
MEMBER=$("$BIN" token --role member --ttl 1h)
# Media see exactly what the public sees: the pair isolates the cost of verifying a token.
MEDIA=$("$BIN" token --role media --ttl 1h)

# scenario NAME TOKEN QUERY
scenario() {
    local name=$1 token=$2 query=$3
    local body="$WORK/$name.json"
    python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$query" >"$body"
    # One checked request first: a benchmark of errors is worthless.
    local check
    check=$(curl -s -H 'content-type: application/json' ${token:+-H "authorization: Bearer $token"} \
        --data-binary @"$body" "http://127.0.0.1:$PORT/graphql")
    if [[ $check == *'"errors"'* || $check != *'"data"'* ]]; then
        echo "$name: the query fails: ${check:0:300}" >&2
        exit 1
    fi
    BODY_FILE=$body TOKEN=$token wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/graphql.lua \
        "http://127.0.0.1:$PORT/graphql" >/dev/null
    echo "== $name"
    BODY_FILE=$body TOKEN=$token wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
        -s bench/graphql.lua "http://127.0.0.1:$PORT/graphql" |
        grep -E 'Requests/sec|Latency  |99%|Non-2xx|Socket errors'
}

LIST='{ powers(first: 20) { edges { node { name holder { name } procedure { steps { name } } } } } }'
VIEWER='{ viewer { role scopes } }'
for s in ${SCENARIOS:-list_anonymous list_media list_member}; do
    case $s in
    list_anonymous) scenario "$s" "" "$LIST" ;;
    list_media) scenario "$s" "$MEDIA" "$LIST" ;;
    list_member) scenario "$s" "$MEMBER" "$LIST" ;;
    viewer_anonymous) scenario "$s" "" "$VIEWER" ;;
    viewer_media) scenario "$s" "$MEDIA" "$VIEWER" ;;
    *) echo "unknown scenario $s" >&2; exit 1 ;;
    esac
done
echo "== server peak memory (VmHWM): $(grep VmHWM /proc/$PID/status | awk '{print $2, $3}')"
