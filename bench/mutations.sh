#!/usr/bin/env bash
# Draft updates per second, each naming its expected version and writing its audit entry and
# search documents in one transaction: 16 editors, 10 s, on the demo county. wrk sends them
# (bench/mutations.lua), one connection per editor; GENERATOR=python sends them from Python
# threads, as the figures before wrk were measured.
#
#   bench/mutations.sh                                                     # SQLite
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sunlight_bench bench/mutations.sh
#
# With DATABASE_URL, the database must exist and is filled with the demo county if empty.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18083}
# shellcheck source=bench/serve.sh
source bench/serve.sh
export PORT BIN SECONDS_=${SECONDS_:-10}
python3 bench/mutations.py
