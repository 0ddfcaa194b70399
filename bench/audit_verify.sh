#!/usr/bin/env bash
# How long `sunlight audit verify` takes over 100,000 audit entries, on SQLite and PostgreSQL:
# the demo county and a synthetic county of 10,000 powers, each power written ten times
# (entries the size of real ones, the whole row before and after), then the chain walked, a
# checkpoint held against it and every record held against its last entry. The filling and the
# timing are the ignored test `audit::verify_time` (tests/suite/audit.rs), run alone in a
# release build; it prints one line per database.
#
#   bench/audit_verify.sh
#
# Environment: SUNLIGHT_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres;
# a database is created there and dropped afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
export SUNLIGHT_TEST_POSTGRES_URL=${SUNLIGHT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
cargo test --release -q -p sunlight-tests --test suite audit::verify_time -- \
    --ignored --nocapture --test-threads=1 | grep -o 'audit verify, .*\|test result.*'
