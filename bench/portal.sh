#!/usr/bin/env bash
# The portal's pages on a release build over the demo county: time to first byte (median and
# slowest of 20 requests, each a fresh connection, no cache between them) and the bytes of the
# HTML itself, then of the page with its style sheet and scripts; the portal's own answer
# cache is off (SUNLIGHT_HTTP_CACHE_MAX_AGE_SECS does not apply to curl, which keeps nothing).
#
#   bench/portal.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18093}
source bench/serve.sh
BASE="http://127.0.0.1:$PORT"
power=$(curl -sf -H 'content-type: application/json' \
    --data '{"query":"{ powers(first: 50) { nodes { id procedure { id } } } }"}' "$URL" |
    python3 -c 'import json,sys; print(next(p["id"] for p in json.load(sys.stdin)["data"]["powers"]["nodes"] if p["procedure"]))')
meeting=$(curl -sf -H 'content-type: application/json' \
    --data '{"query":"{ meetings(first: 1, orderBy: { field: STARTS_AT, direction: DESC }) { nodes { id } } }"}' "$URL" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["meetings"]["nodes"][0]["id"])')
assets=$(for a in portal.css portal.js icon.svg; do curl -sf "$BASE/assets/$a" | wc -c; done | paste -sd+ | bc)
printf '%-34s %10s %10s %10s %12s\n' page "ttfb p50" "ttfb max" "html B" "with assets"
for path in / /powers "/powers?keyword=%E5%B9%B2%E9%83%A8" /meetings /appointments /bulletins \
    /statistics /feedback "/records/$power" "/records/$meeting" /tv /api/docs; do
    times=$(for _ in $(seq 1 20); do
        curl -sf -o /dev/null -w '%{time_starttransfer}\n' "$BASE$path"
    done | sort -n)
    p50=$(echo "$times" | sed -n 10p)
    max=$(echo "$times" | tail -1)
    bytes=$(curl -sf "$BASE$path" | wc -c)
    printf '%-34s %8.1f ms %7.1f ms %10d %12d\n' "$path" "$(echo "$p50*1000" | bc)" \
        "$(echo "$max*1000" | bc)" "$bytes" "$((bytes + assets))"
done
