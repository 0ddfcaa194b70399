#!/usr/bin/env bash
# What the access log costs a member's reads: two servers side by side on copies of one SQLite
# demo county, one with SUNLIGHT_ACCESS_LOG on and one with it off (release build, response
# cache off, rate limits off); short wrk runs take turns between them (on, off, off, on, …) so
# that whatever else the machine does weighs on both alike. Prints each run, then the mean
# req/s and the median p99 of each server and query, and how many rows the log wrote.
#
#   bench/access_log.sh
#
# Environment: DURATION (default 8s per run), WARMUP (default 3s), CONNECTIONS (default 32),
# THREADS (default 2), PORT (default 18084; the second server takes the next port),
# ROUNDS (default 6).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-8s}
WARMUP=${WARMUP:-3s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-18084}
ROUNDS=${ROUNDS:-6}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
cargo build --release -q -p sunlight-api
BIN=$PWD/target/release/sunlight
WORK=$(mktemp -d)
export SUNLIGHT_LOG=warn SUNLIGHT_JWT_HS256_SECRET="bench-secret-not-for-production-0123456789"
export SUNLIGHT_RATE_LIMIT_ANONYMOUS_PER_SECOND=0 SUNLIGHT_RATE_LIMIT_AUTHENTICATED_PER_SECOND=0
export SUNLIGHT_RESPONSE_CACHE_MS=0
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT
SUNLIGHT_DATA_DIR="$WORK/on" "$BIN" seed
cp -r "$WORK/on" "$WORK/off"
MEMBER=$(SUNLIGHT_DATA_DIR="$WORK/on" "$BIN" token --role member --ttl 1h)

declare -A PORTS=([on]=$PORT [off]=$((PORT + 1)))
for mode in on off; do
    SUNLIGHT_DATA_DIR="$WORK/$mode" SUNLIGHT_LISTEN="127.0.0.1:${PORTS[$mode]}" \
        SUNLIGHT_ACCESS_LOG=$mode "$BIN" serve &
    PIDS+=($!)
done
for mode in on off; do
    for _ in $(seq 1 300); do
        curl -sf "http://127.0.0.1:${PORTS[$mode]}/healthz" >/dev/null && break
        sleep 0.2
    done
done

body() { python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$1"; }
# The member list query of bench/run.sh: the first page of powers (some of them PARTY).
body '{ powers(first: 20) { edges { node { name holder { name } procedure { steps { name } } } } } }' >"$WORK/list.json"
# Twenty meetings with their party-internal minutes: every response logs twenty rows.
body '{ meetings(first: 20) { edges { node { label startsAt minutes } } } }' >"$WORK/minutes.json"

# run QUERY MODE [warm]: one checked request, then a measured run (or a warm-up).
run() {
    local query=$1 mode=$2 url="http://127.0.0.1:${PORTS[$2]}/graphql" check out
    check=$(curl -s -H 'content-type: application/json' -H "authorization: Bearer $MEMBER" \
        --data-binary @"$WORK/$query.json" "$url")
    if [[ $check == *'"errors"'* || $check != *'"data"'* ]]; then
        echo "$query fails: ${check:0:300}" >&2
        exit 1
    fi
    if [[ ${3:-} == warm ]]; then
        BODY_FILE=$WORK/$query.json TOKEN=$MEMBER wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" \
            -s bench/graphql.lua "$url" >/dev/null
        return
    fi
    out=$(BODY_FILE=$WORK/$query.json TOKEN=$MEMBER wrk -t"$THREADS" -c"$CONNECTIONS" \
        -d"$DURATION" --latency -s bench/graphql.lua "$url")
    if grep -q 'Non-2xx' <<<"$out"; then
        echo "$query: answers that are not 200: $out" >&2
        exit 1
    fi
    printf '%-8s %-4s %10s req/s   p99 %s\n' "$query" "$mode" \
        "$(awk '/Requests\/sec/ { print $2 }' <<<"$out")" "$(awk '$1 == "99%" { print $2 }' <<<"$out")" |
        tee -a "$WORK/runs.txt"
}

for query in list minutes; do
    run "$query" on warm
    run "$query" off warm
done
for round in $(seq 1 "$ROUNDS"); do
    if ((round % 2)); then modes="on off"; else modes="off on"; fi
    for query in list minutes; do
        for mode in $modes; do
            run "$query" "$mode"
        done
    done
done
sleep 1
rows=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM access_log").fetchone()[0])' "$WORK/on/sunlight.sqlite")
echo "== access log (server with it on): $rows rows written (rows dropped, if any, are in the server's warnings)"
python3 - "$WORK/runs.txt" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    query, mode, rps, _, _, p99 = line.split()
    ms = float(p99[:-2]) if p99.endswith("ms") else float(p99[:-2]) / 1000 if p99.endswith("us") else float(p99[:-1]) * 1000
    runs.setdefault((query, mode), []).append((float(rps), ms))
for query in ("list", "minutes"):
    on, off = runs[(query, "on")], runs[(query, "off")]
    mean = lambda r: statistics.mean(x for x, _ in r)
    p99 = lambda r: statistics.median(y for _, y in r)
    print(f"== {query}: on {mean(on):,.0f} req/s (p99 {p99(on):.1f} ms), "
          f"off {mean(off):,.0f} req/s (p99 {p99(off):.1f} ms): "
          f"on is {100 * (mean(on) / mean(off) - 1):+.1f} %")
PY
