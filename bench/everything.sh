#!/usr/bin/env bash
# Everything at once on PostgreSQL, for the server's peak memory: an admin downloading
# powers.csv and procedures.jsonl, 8 connections searching, 8 reading the nested list and 16
# editors updating drafts, over the demo county and a synthetic county of N powers. Release
# build, rate limits and the response cache off.
#
#   bench/everything.sh
#   BUILD=0 BIN=/path/to/sunlight bench/everything.sh
#   N=1000000 COUNTIES=45 KEEP=1 bench/everything.sh   # a province, kept for the next run
#
# Environment: N (default 100000: powers, or records of every kind with COUNTIES), COUNTIES (a
# province of that many counties instead of one county of powers), DURATION
# (default 40s), PORT (default 18087), PG_URL (default postgres://postgres@127.0.0.1:5432; the
# database `sunlight_everything_bench` is created there and dropped afterwards, unless KEEP=1,
# which keeps it and loads it only when it is not there).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
N=${N:-100000}
PORT=${PORT:-18087}
DURATION=${DURATION:-40s}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
[[ ${BUILD:-1} == 0 ]] || cargo build --release -q -p sunlight-api
BIN=${BIN:-$PWD/target/release/sunlight}
WORK=$(mktemp -d)
PID=
export SUNLIGHT_LOG=error SUNLIGHT_JWT_HS256_SECRET="bench-secret-not-for-production-0123456789"
export SUNLIGHT_RATE_LIMIT_ANONYMOUS_PER_SECOND=0 SUNLIGHT_RATE_LIMIT_AUTHENTICATED_PER_SECOND=0
export SUNLIGHT_RESPONSE_CACHE_MS=0 SUNLIGHT_LISTEN="127.0.0.1:$PORT" SUNLIGHT_DATA_DIR="$WORK/data"
export DATABASE_URL="$PG_URL/sunlight_everything_bench?sslmode=disable"
cleanup() {
    [[ -n $PID ]] && { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; }
    rm -rf "$WORK"
    [[ ${KEEP:-0} == 1 ]] || psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS sunlight_everything_bench" || true
}
trap cleanup EXIT
URL="http://127.0.0.1:$PORT"
if [[ ${KEEP:-0} != 1 ]] || ! psql "$PG_URL/postgres" -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'sunlight_everything_bench'" | grep -q 1; then
    psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS sunlight_everything_bench" \
        -c "CREATE DATABASE sunlight_everything_bench"
    "$BIN" seed >/dev/null
    # shellcheck disable=SC2086
    SUNLIGHT_STATEMENT_TIMEOUT_SECS=600 /usr/bin/time -f "loading: %e s, %M KiB peak" \
        "$BIN" seed --synthetic "$N" ${COUNTIES:+--counties "$COUNTIES"} >/dev/null
    # The work a load leaves autovacuum, done before anything is measured.
    psql "$PG_URL/sunlight_everything_bench" -qc "VACUUM (ANALYZE)"
fi
ADMIN=$("$BIN" token --role admin --ttl 2h)
"$BIN" serve &
PID=$!
for _ in $(seq 1 300); do
    curl -sf "$URL/healthz" >/dev/null && break
    sleep 0.2
done
python3 -c 'import json,sys; json.dump({"query": sys.argv[1]}, open(sys.argv[2], "w"))' \
    '{ search(query: "干部", first: 20) { totalCount edges { node { kind title snippet record { id } } } } }' \
    "$WORK/search.json"
python3 -c 'import json,sys; json.dump({"query": sys.argv[1]}, open(sys.argv[2], "w"))' \
    '{ powers(first: 20) { edges { node { name holder { name } procedure { steps { name } } } } } }' \
    "$WORK/list.json"
echo "server at start: $(grep VmRSS "/proc/$PID/status" | awk '{print $2}') KiB"
download() {
    curl -sf -H "authorization: Bearer $ADMIN" -o /dev/null \
        -w "admin, $1: %{time_total} s\n" "$URL/export/$1" || echo "admin, $1: failed"
}
# The downloads start first, each holding a connection while the load comes on.
download powers.csv &
D1=$!
download procedures.jsonl &
D2=$!
sleep 2
export COUNT_ERRORS=1
BODY_FILE="$WORK/search.json" wrk -t1 -c8 -d"$DURATION" --timeout 10s --latency -s bench/graphql.lua "$URL/graphql" >"$WORK/search.out" &
W1=$!
BODY_FILE="$WORK/list.json" wrk -t1 -c8 -d"$DURATION" --timeout 10s --latency -s bench/graphql.lua "$URL/graphql" >"$WORK/list.out" &
W2=$!
PORT=$PORT BIN=$BIN SECONDS_=${DURATION%s} python3 bench/mutations.py &
W3=$!
wait "$W1" "$W2" "$W3" "$D1" "$D2" || true
for load in search list; do
    grep -E 'Requests/sec|99%|Non-2xx|Socket errors|GraphQL errors' "$WORK/$load.out" | sed "s/^/$load: /"
done
echo "server peak (VmHWM): $(grep VmHWM "/proc/$PID/status" | awk '{print $2}') KiB"
