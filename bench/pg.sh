#!/usr/bin/env bash
# The read benchmark on PostgreSQL with a synthetic county of 20,000 powers: the list query,
# the detail query, a two-word Chinese search, and page 500 against page 1 of meetings; once
# with the response cache (the default) and once without it. Creates (and afterwards drops)
# the database `sunlight_bench` on the server of PG_URL.
#
#   PG_URL=postgres://postgres@127.0.0.1:5432 bench/pg.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
PORT=${PORT:-18082}
DURATION=${DURATION:-10s}
N=${N:-20000}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
cargo build --release -q -p sunlight-api
BIN=$PWD/target/release/sunlight
WORK=$(mktemp -d)
psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS sunlight_bench" -c "CREATE DATABASE sunlight_bench"
# The database is on this machine: no TLS on loopback (over TLS, the same runs are about 15 %
# slower; use sslmode=require or verify-full across a network).
export DATABASE_URL="$PG_URL/sunlight_bench?sslmode=disable" SUNLIGHT_DATA_DIR="$WORK/data" SUNLIGHT_LISTEN="127.0.0.1:$PORT"
export SUNLIGHT_LOG=warn SUNLIGHT_POOL_MAX_CONNECTIONS=${POOL:-16}
export SUNLIGHT_RATE_LIMIT_ANONYMOUS_PER_SECOND=0 SUNLIGHT_RATE_LIMIT_AUTHENTICATED_PER_SECOND=0
"$BIN" seed
/usr/bin/time -f "synthetic county of $N powers (with its search index): %e s, %M KiB peak" "$BIN" seed --synthetic "$N"
PID=
start() {
    "$BIN" serve &
    PID=$!
    for _ in $(seq 1 300); do
        curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return
        sleep 0.2
    done
    echo "the server did not start" >&2
    exit 1
}
stop() {
    echo "== server peak memory (VmHWM): $(grep VmHWM /proc/$PID/status | awk '{print $2, $3}')"
    kill $PID
    wait $PID 2>/dev/null || true
}
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"; psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS sunlight_bench"' EXIT
start
URL="http://127.0.0.1:$PORT/graphql"

body() { python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1], "variables": json.loads(sys.argv[2])}))' "$1" "${2:-{\}}"; }
run() {
    local name=$1 file=$2
    local check
    check=$(curl -s -H 'content-type: application/json' --data-binary @"$file" "$URL")
    if [[ $check == *'"errors"'* || $check != *'"data"'* ]]; then
        echo "$name fails: ${check:0:300}" >&2
        exit 1
    fi
    BODY_FILE=$file wrk -t2 -c32 -d3s -s bench/graphql.lua "$URL" >/dev/null
    echo "== $name"
    BODY_FILE=$file wrk -t2 -c32 -d"$DURATION" --latency -s bench/graphql.lua "$URL" | grep -E 'Requests/sec|99%|Non-2xx'
}

body '{ powers(first: 20) { edges { node { name holder { name } procedure { steps { name } } } } } }' >"$WORK/list.json"
ID=$(curl -s -H 'content-type: application/json' -d '{"query":"{ powers(first: 1, after: null, filter: { keyword: \"SYN\" }) { edges { node { id } } } }"}' "$URL" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["powers"]["edges"][0]["node"]["id"])')
body 'query($id: ID!) { power(id: $id) { name code legalBasis procedure { steps { name actor timeLimitDays riskPoints { level description prevention } } } } }' "{\"id\": \"$ID\"}" >"$WORK/detail.json"
body 'query($q: String!) { search(query: $q, first: 20) { totalCount edges { node { kind title snippet record { id } } } } }' '{"q": "干部 任免"}' >"$WORK/search.json"
# The cursor after 9,980 meetings: page 500 of 20.
CURSOR=$(python3 - "$URL" <<'PY'
import json, sys, urllib.request
url, after, seen = sys.argv[1], None, 0
while seen < 9980:
    n = min(100, 9980 - seen)
    q = {"query": "query($a: String, $n: Int) { meetings(first: $n, after: $a) { pageInfo { endCursor } } }", "variables": {"a": after, "n": n}}
    req = urllib.request.Request(url, json.dumps(q).encode(), {"content-type": "application/json"})
    after = json.load(urllib.request.urlopen(req))["data"]["meetings"]["pageInfo"]["endCursor"]
    seen += n
print(after)
PY
)
MEETINGS='query($a: String) { meetings(first: 20, after: $a) { edges { node { label startsAt body { name } decisions { title } } } } }'
body "$MEETINGS" '{"a": null}' >"$WORK/page1.json"
body "$MEETINGS" "{\"a\": \"$CURSOR\"}" >"$WORK/page500.json"

all() {
    run "a: first 20 powers with holder and steps" "$WORK/list.json"
    run "b: one power with steps and risk points" "$WORK/detail.json"
    run "c: two-word Chinese search (干部 任免), first 20" "$WORK/search.json"
    run "d: meetings page 1" "$WORK/page1.json"
    run "d: meetings page 500" "$WORK/page500.json"
}
echo "### anonymous, with the response cache (the default)"
all
stop
echo "### anonymous, response cache off (SUNLIGHT_RESPONSE_CACHE_MS=0): every request reads the database"
SUNLIGHT_RESPONSE_CACHE_MS=0 start
all
stop
