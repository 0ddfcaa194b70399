#!/usr/bin/env bash
# Bulk exports of 100,000 records: the time and the server's peak memory (VmHWM, reset before
# each download) to download the powers of a synthetic county of 100,000 powers as JSON Lines
# and as CSV, as an admin (every power) and anonymously (the public ones), the procedures with
# their flowcharts as an admin, then the time of the admin's first manifest (which reads every
# file of every kind to count and hash it) and of a second one (kept). Release build, rate
# limits off, on SQLite and then on PostgreSQL.
#
#   bench/export.sh                 # both databases
#   DBS=sqlite bench/export.sh      # one
#
#   BUILD=0 BIN=/path/to/sunlight bench/export.sh   # that binary, as it is
#
# Environment: N (default 100000 powers), PORT (default 18086), PG_URL (default
# postgres://postgres@127.0.0.1:5432; the database `sunlight_export_bench` is created there and
# dropped afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
PORT=${PORT:-18086}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
DBS=${DBS:-sqlite postgres}
[[ ${BUILD:-1} == 0 ]] || cargo build --release -q -p sunlight-api
BIN=${BIN:-$PWD/target/release/sunlight}
WORK=$(mktemp -d)
PID=
export SUNLIGHT_LOG=warn SUNLIGHT_JWT_HS256_SECRET="bench-secret-not-for-production-0123456789"
export SUNLIGHT_RATE_LIMIT_ANONYMOUS_PER_SECOND=0 SUNLIGHT_RATE_LIMIT_AUTHENTICATED_PER_SECOND=0
export SUNLIGHT_LISTEN="127.0.0.1:$PORT"
cleanup() {
    [[ -n $PID ]] && { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; }
    rm -rf "$WORK"
    [[ $DBS == *postgres* ]] && psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS sunlight_export_bench" || true
}
trap cleanup EXIT
URL="http://127.0.0.1:$PORT"

kib() { grep "$1" "/proc/$PID/status" | awk '{print $2}'; }

# One download: records, bytes, seconds, and the server's peak memory above its memory before.
fetch() {
    local label=$1 path=$2 token=${3:-}
    echo 5 >"/proc/$PID/clear_refs"
    local before out
    before=$(kib VmRSS)
    if [[ -n $token ]]; then
        out=$(curl -sf -H "authorization: Bearer $token" -o "$WORK/file" -w '%{time_total}' "$URL$path")
    else
        out=$(curl -sf -o "$WORK/file" -w '%{time_total}' "$URL$path")
    fi
    local lines bytes
    lines=$(wc -l <"$WORK/file")
    bytes=$(stat -c %s "$WORK/file")
    [[ $path == *.csv ]] && lines=$((lines - 1))
    printf '%-34s %8d records %11d bytes %7.2f s   peak +%d KiB (RSS before %d KiB)\n' \
        "$label" "$lines" "$bytes" "$out" "$(($(kib VmHWM) - before))" "$before"
}

for db in $DBS; do
    rm -rf "$WORK/data"
    if [[ $db == postgres ]]; then
        psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS sunlight_export_bench" -c "CREATE DATABASE sunlight_export_bench"
        export DATABASE_URL="$PG_URL/sunlight_export_bench?sslmode=disable"
    else
        unset DATABASE_URL
    fi
    export SUNLIGHT_DATA_DIR="$WORK/data"
    "$BIN" seed
    # Loading 100,000 powers takes statements longer than the default statement timeout.
    SUNLIGHT_STATEMENT_TIMEOUT_SECS=600 /usr/bin/time -f "== $db: synthetic county of $N powers: %e s" \
        "$BIN" seed --synthetic "$N"
    ADMIN=$("$BIN" token --role admin --ttl 2h)
    "$BIN" serve &
    PID=$!
    for _ in $(seq 1 300); do
        curl -sf "$URL/healthz" >/dev/null && break
        sleep 0.2
    done
    echo "== $db: server at $(kib VmRSS) KiB"
    fetch "admin, powers.jsonl" /export/powers.jsonl "$ADMIN"
    fetch "admin, powers.csv" /export/powers.csv "$ADMIN"
    fetch "anonymous, powers.jsonl" /export/powers.jsonl
    fetch "anonymous, powers.csv" /export/powers.csv
    # Procedures carry their flowcharts, laid out as the pages are read.
    fetch "admin, procedures.jsonl" /export/procedures.jsonl "$ADMIN"
    echo "server RSS after the downloads: $(kib VmRSS) KiB"
    echo 5 >"/proc/$PID/clear_refs"
    before=$(kib VmRSS)
    first=$(curl -sf -H "authorization: Bearer $ADMIN" -o "$WORK/manifest.json" -w '%{time_total}' "$URL/export/manifest.json")
    second=$(curl -sf -H "authorization: Bearer $ADMIN" -o /dev/null -w '%{time_total}' "$URL/export/manifest.json")
    records=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(sum(f["records"] for f in m["files"] if f["format"]=="csv"))' "$WORK/manifest.json")
    echo "admin manifest: $records records in all kinds; first call ${first} s (peak +$(($(kib VmHWM) - before)) KiB), second ${second} s"
    kill "$PID"
    wait "$PID" 2>/dev/null || true
    PID=
done
