#!/usr/bin/env bash
# Memory stays flat however many records are exported: the server's peak memory growth while
# exporting 2,000 and then 20,000 powers as CSV, on SQLite and PostgreSQL. The probe is the
# ignored test `export::memory_probe`, run here alone, one database after the other, so that no
# other test moves the process' peak; it fails if ten times the records take more than 8 MiB
# more, or a quarter of the file's size. It prints one line per database.
#
#   bench/export_memory.sh
#
# Environment: SUNLIGHT_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres;
# a database is created there and dropped afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
export SUNLIGHT_TEST_POSTGRES_URL=${SUNLIGHT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
cargo test -q -p sunlight-tests --test suite export::memory_probe -- \
    --ignored --nocapture --test-threads=1 | grep -o 'EXPORT_MEMORY.*\|test result.*'
