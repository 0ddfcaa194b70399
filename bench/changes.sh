#!/usr/bin/env bash
# The change feed's costs, over real HTTP and WebSocket, on a synthetic county:
#   1. pages of `changes` (100 events each) per second, for the public and for a member, with
#      wrk (Debian package `wrk`);
#   2. events per second delivered to 100 subscribers (graphql-transport-ws), half public and
#      half members, while an administrator corrects published powers (Python, `websockets`).
#
#   bench/changes.sh                                                      # SQLite
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sunlight_bench bench/changes.sh
#
# Environment: N (synthetic powers, default 5000), DURATION (default 10s), CONNECTIONS
# (default 16), SUBSCRIBERS (default 100), WRITES (default 300), PORT (default 18084).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-5000}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-18084}
python3 -c 'import websockets' 2>/dev/null || pip install -q 'websockets>=13,<14'
cargo build --release -q -p sunlight-api
BIN=$PWD/target/release/sunlight
WORK=$(mktemp -d)
export SUNLIGHT_DATA_DIR="$WORK/data" SUNLIGHT_LISTEN="127.0.0.1:$PORT" SUNLIGHT_LOG=warn
export SUNLIGHT_JWT_HS256_SECRET="bench-secret-not-for-production-0123456789"
export SUNLIGHT_RATE_LIMIT_ANONYMOUS_PER_SECOND=0 SUNLIGHT_RATE_LIMIT_AUTHENTICATED_PER_SECOND=0
export SUNLIGHT_RESPONSE_CACHE_MS=0
[ -n "${DATABASE_URL:-}" ] && export SUNLIGHT_DATABASE_URL="$DATABASE_URL"
"$BIN" migrate
"$BIN" seed
/usr/bin/time -f "synthetic county of $N powers: %e s" "$BIN" seed --synthetic "$N"
"$BIN" serve &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
    sleep 0.2
done
MEMBER=$("$BIN" token --role member --ttl 1h)
ADMIN=$("$BIN" token --role admin --ttl 1h)

# A cursor in the middle of the feed, so that every request reads a full page.
middle() {
    python3 - "$1" <<'PY'
import json, sys, urllib.request
token = sys.argv[1]
after, n = None, 0
while n < 20:
    q = {"query": "query($a: String) { changes(after: $a, first: 1000) { endCursor hasMore } }",
         "variables": {"a": after}}
    req = urllib.request.Request("http://127.0.0.1:%s/graphql" % __import__("os").environ["PORT"],
                                 json.dumps(q).encode(), {"content-type": "application/json"})
    if token:
        req.add_header("authorization", "Bearer " + token)
    page = json.load(urllib.request.urlopen(req))["data"]["changes"]
    after, n = page["endCursor"], n + 1
    if not page["hasMore"] or n == 3:
        break
print(after or "")
PY
}
export PORT

pages() {
    local name=$1 token=$2 cursor body
    cursor=$(middle "$token")
    body="$WORK/$name.json"
    python3 -c 'import json,sys; print(json.dumps({"query": "query($a: String) { changes(after: $a, first: 100) { events { cursor operation action kind recordId version record { id } } endCursor hasMore } }", "variables": {"a": sys.argv[1] or None}}))' "$cursor" >"$body"
    check=$(curl -s -H 'content-type: application/json' ${token:+-H "authorization: Bearer $token"} --data-binary @"$body" "http://127.0.0.1:$PORT/graphql")
    events=$(python3 -c 'import json,sys; print(len(json.loads(sys.argv[1])["data"]["changes"]["events"]))' "$check")
    echo "== $name: pages of $events events"
    BODY_FILE=$body TOKEN=$token wrk -t2 -c"$CONNECTIONS" -d3s -s bench/graphql.lua "http://127.0.0.1:$PORT/graphql" >/dev/null
    BODY_FILE=$body TOKEN=$token wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/graphql.lua \
        "http://127.0.0.1:$PORT/graphql" | grep -E 'Requests/sec|Latency  |99%|Non-2xx|Socket errors'
}
pages changes_public ""
pages changes_member "$MEMBER"
echo "== subscribers"
MEMBER=$MEMBER ADMIN=$ADMIN python3 bench/subscribers.py
echo "== server peak memory (VmHWM): $(grep VmHWM /proc/$PID/status | awk '{print $2, $3}')"
