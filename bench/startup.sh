#!/usr/bin/env bash
# Start-up of a release build on an empty SQLite data directory, to the first answer of
# POST /graphql: three starts that load the demo county through the write path
# (SUNLIGHT_PREBUILT_DEMO=false), then three that start from the prebuilt copy of it (the first
# start with the copy on writes it beside the binary, if it is not there yet).
#
#   bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p sunlight-api >/dev/null 2>&1
BIN=target/release/sunlight
PORT=${PORT:-18090}

once() {
    local prebuilt=$1 dir
    dir=$(mktemp -d)
    local started
    started=$(date +%s.%N)
    SUNLIGHT_DATA_DIR=$dir SUNLIGHT_LISTEN=127.0.0.1:$PORT SUNLIGHT_PREBUILT_DEMO=$prebuilt \
        "$BIN" >"$dir/log" 2>&1 &
    local pid=$!
    until curl -sf -o /dev/null -H 'content-type: application/json' \
        --data '{"query":"{ powers(first: 1) { totalCount } }"}' "http://127.0.0.1:$PORT/graphql"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "the server stopped:" >&2
            cat "$dir/log" >&2
            exit 1
        fi
        sleep 0.01
    done
    local done_at
    done_at=$(date +%s.%N)
    kill "$pid"
    wait "$pid" || true
    rm -rf "$dir"
    python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f} s')" "$started" "$done_at"
}

echo "== through the write path"
for _ in 1 2 3; do once false; done
once true >/dev/null # makes the prebuilt copy when there is none
echo "== from the prebuilt copy"
for _ in 1 2 3; do once true; done
