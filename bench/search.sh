#!/usr/bin/env bash
# Search on PostgreSQL over a synthetic province: a word that matches most records, a word
# that matches few, and two words; the first page and the page after 200 hits; with and
# without `totalCount`. 32 connections, response cache and rate limits off. Prints req/s and
# p99 for each, the number of matches, and the size of the search table against the text it
# indexes.
#
#   RECORDS=1000000 COUNTIES=45 bench/search.sh        # a province (loads for some 4 minutes)
#   BEFORE=/path/to/an/older/sunlight bench/search.sh  # also measures that build, same rows
#   KEEP=1 bench/search.sh                             # keeps the database for the next run
#
# Uses the database sunlight_search on the server of PG_URL; loads it when it is not there.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
RECORDS=${RECORDS:-100000}
COUNTIES=${COUNTIES:-5}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10s}
PORT=${PORT:-18084}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
[[ ${BUILD:-1} == 0 ]] || cargo build --release -q -p sunlight-api
BIN=${BIN:-$PWD/target/release/sunlight}
DB=sunlight_search
WORK=$(mktemp -d)
PID=
cleanup() {
    [[ -n $PID ]] && { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; }
    rm -rf "$WORK"
    [[ ${KEEP:-0} == 1 ]] || psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $DB" 2>/dev/null || true
    return 0
}
trap cleanup EXIT
export DATABASE_URL="$PG_URL/$DB?sslmode=disable" SUNLIGHT_DATA_DIR="$WORK/data" SUNLIGHT_LISTEN="127.0.0.1:$PORT"
export SUNLIGHT_LOG=warn SUNLIGHT_POOL_MAX_CONNECTIONS=${POOL:-16} SUNLIGHT_RESPONSE_CACHE_MS=0
export SUNLIGHT_RATE_LIMIT_ANONYMOUS_PER_SECOND=0 SUNLIGHT_RATE_LIMIT_AUTHENTICATED_PER_SECOND=0
if ! psql "$PG_URL/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    psql "$PG_URL/postgres" -qc "CREATE DATABASE $DB"
    "$BIN" seed
    /usr/bin/time -f "loading: %e s, %M KiB peak" "$BIN" seed --synthetic "$RECORDS" --counties "$COUNTIES"
    # The work a load leaves autovacuum, done before anything is measured.
    psql "$PG_URL/$DB" -qc "VACUUM (ANALYZE)"
fi
psql "$PG_URL/$DB" -tAc "SELECT 'search documents: ' || count(*) || ', table with its indexes: ' ||
    pg_size_pretty(pg_total_relation_size('search_documents')) || ', of which the search index: ' ||
    pg_size_pretty(pg_relation_size(COALESCE(to_regclass('search_documents_newest'), to_regclass('search_documents_terms')))) || ', text indexed: ' ||
    pg_size_pretty(sum(octet_length(title) + octet_length(body))) FROM search_documents"

URL="http://127.0.0.1:$PORT/graphql"
start() {
    "$1" serve 2>>"$WORK/server.log" &
    PID=$!
    for _ in $(seq 1 300); do
        curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return
        sleep 0.2
    done
    echo "the server did not start" >&2
    exit 1
}
stop() {
    echo "   server peak memory (VmHWM): $(grep VmHWM /proc/$PID/status | awk '{print $2, $3}')"
    kill "$PID"
    wait "$PID" 2>/dev/null || true
    PID=
}
body() { python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1], "variables": json.loads(sys.argv[2])}))' "$1" "${2:-{\}}"; }
post() { curl -s -H 'content-type: application/json' --data-binary @"$1" "$URL"; }
COUNTED='query($q: String!, $a: String) { search(query: $q, first: 20, after: $a) { totalCount edges { node { kind title snippet record { id } } } } }'
PLAIN='query($q: String!, $a: String) { search(query: $q, first: 20, after: $a) { edges { node { kind title snippet record { id } } } } }'
# The cursor after 200 hits of $1.
cursor_after_200() {
    python3 - "$URL" "$1" <<'PY'
import json, sys, urllib.request
url, q, after = sys.argv[1], sys.argv[2], None
try:
    for _ in range(2):
        body = {"query": "query($q: String!, $a: String) { search(query: $q, first: 100, after: $a) { pageInfo { endCursor } } }", "variables": {"q": q, "a": after}}
        req = urllib.request.Request(url, json.dumps(body).encode(), {"content-type": "application/json"})
        after = json.load(urllib.request.urlopen(req, timeout=30))["data"]["search"]["pageInfo"]["endCursor"]
except Exception:
    after = "no cursor: the search failed"
print(json.dumps(after))
PY
}
run() {
    local name=$1 file=$2 check
    check=$(post "$file")
    printf '%-52s' "$name"
    if [[ $check == *'"errors"'* || $check != *'"data"'* ]]; then
        echo "fails: $(grep -o '"code":"[A-Z_]*"' <<<"$check" | head -1)"
        return
    fi
    BODY_FILE=$file wrk -t2 -c"$CONNECTIONS" -d3s -s bench/graphql.lua "$URL" >/dev/null
    BODY_FILE=$file wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/graphql.lua "$URL" |
        awk '/Requests\/sec/ {r=$2} / 99%/ {p=$2} /Non-2xx/ {e=$0} END {printf "%10s req/s   p99 %8s %s\n", r, p, e}'
}
measure() {
    local label=$1 bin=$2
    echo "== $label"
    start "$bin"
    for q in 干部 任免 "干部 任免" 扶贫 SYN; do
        body "$COUNTED" "{\"q\": \"$q\"}" >"$WORK/count.json"
        echo "   \"$q\": $(post "$WORK/count.json" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["data"]["search"]["totalCount"] if d.get("data") else d["errors"][0]["extensions"]["code"])') matches counted ($(curl -so /dev/null -w '%{time_total}' -H 'content-type: application/json' --data-binary @"$WORK/count.json" "$URL") s)"
    done
    for q in 干部 "干部 任免" 扶贫; do
        body "$COUNTED" "{\"q\": \"$q\"}" >"$WORK/a.json"
        body "$PLAIN" "{\"q\": \"$q\"}" >"$WORK/b.json"
        body "$PLAIN" "{\"q\": \"$q\", \"a\": $(cursor_after_200 "$q")}" >"$WORK/c.json"
        run "\"$q\", first 20, with totalCount" "$WORK/a.json"
        run "\"$q\", first 20" "$WORK/b.json"
        run "\"$q\", 20 after the first 200" "$WORK/c.json"
    done
    stop
}
[[ -z ${BEFORE:-} ]] || measure "before: $BEFORE" "$BEFORE"
measure "$BIN" "$BIN"
