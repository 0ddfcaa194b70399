# Sourced by the benchmarks: builds the release binary and starts it on the demo county in a
# fresh data directory ($WORK), on $PORT, with rate limits off (one load generator on one
# address would hit the per-caller budgets at once) and the response cache off (so that
# anonymous requests run their queries like requests with a token; CACHE_MS turns it on).
# Stops it and removes $WORK on exit.
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
# BUILD=0 takes the binary as it is; BIN picks another one.
[[ ${BUILD:-1} == 0 ]] || cargo build --release -q -p sunlight-api
BIN=${BIN:-$PWD/target/release/sunlight}
WORK=$(mktemp -d)
export SUNLIGHT_DATA_DIR="$WORK/data" SUNLIGHT_LISTEN="127.0.0.1:$PORT" SUNLIGHT_LOG=warn
export SUNLIGHT_JWT_HS256_SECRET="bench-secret-not-for-production-0123456789"
export SUNLIGHT_RATE_LIMIT_ANONYMOUS_PER_SECOND=0 SUNLIGHT_RATE_LIMIT_AUTHENTICATED_PER_SECOND=0
export SUNLIGHT_RESPONSE_CACHE_MS=${CACHE_MS:-0}
"$BIN" serve &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
    sleep 0.2
done
URL="http://127.0.0.1:$PORT/graphql"
