#!/usr/bin/env bash
# The way back, measured over real HTTP on the demo county:
#   - anonymous submissions (submitFeedback) per second with wrk, the submissions budget off,
#     and the rows actually written counted afterwards;
#   - the quarterly figures (statistics.feedbackByQuarter) with N submissions in the database
#     (default 100,000, bulk-inserted beside the server), median and 95th percentile of 20
#     requests (curl time_total).
#
#   bench/feedback.sh                                                     # SQLite
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sunlight_bench bench/feedback.sh
#
# Environment: DURATION (default 10s), CONNECTIONS (default 16), PORT (default 18085), N.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-18085}
N=${N:-100000}
export SUNLIGHT_RATE_LIMIT_FEEDBACK_PER_HOUR=0
# shellcheck source=bench/serve.sh
source bench/serve.sh
export SQLITE_FILE="$WORK/data/sunlight.sqlite"

sql() {
    if [[ "${DATABASE_URL:-}" == postgres* ]]; then
        psql "$DATABASE_URL" -Atqc "$1"
    else
        python3 -c 'import sqlite3, sys
with sqlite3.connect(sys.argv[1], timeout=30) as db:
    for row in db.execute(sys.argv[2]).fetchall(): print("|".join(map(str, row)))' "$SQLITE_FILE" "$1"
    fi
}

BODY_FILE=$(mktemp)
cat > "$BODY_FILE" <<'JSON'
{"query":"mutation($input: FeedbackInput!) { submitFeedback(input: $input) { code secret } }","variables":{"input":{"kind":"OPINION","subject":"建议增加公开栏更新频次","body":"公开栏内容更新不及时，建议每月更新一次。","contact":"0970-0000000","publishConsent":true}}}
JSON
before=$(sql "SELECT COUNT(*) FROM feedback")
echo "== submissions, $CONNECTIONS connections, $DURATION"
BODY_FILE=$BODY_FILE wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/graphql.lua "$URL" |
    grep -E "Requests/sec|Latency|99%|Non-2xx|requests in"
after=$(sql "SELECT COUNT(*) FROM feedback")
echo "rows written: $((after - before))"
rm -f "$BODY_FILE"

echo "== inserting $N submissions beside the server"
start=$(date +%s.%N)
python3 - "$N" <<'PY'
import datetime, os, random, subprocess, sqlite3, sys
n = int(sys.argv[1])
url = os.environ.get("DATABASE_URL", "")
random.seed(632221)
kinds = ["OPINION", "DISCLOSURE_REQUEST", "COMPLAINT_REPORT", "HEARING_REQUEST"]
statuses = ["ANSWERED", "ANSWERED", "ANSWERED", "ASSIGNED", "TRANSFERRED", "REJECTED"]
start = datetime.date(2010, 12, 20)
def rows(orgs):
    for i in range(n):
        received = start + datetime.timedelta(days=random.randrange(0, 740))
        due = received + datetime.timedelta(days=21)
        status = random.choice(statuses)
        closed = None if status == "ASSIGNED" else received + datetime.timedelta(days=random.randrange(1, 40))
        yield (f"B{i:07d}", "0" * 64, random.choice(kinds), "WEB", "批量意见", "批量意见内容",
               random.choice(orgs), status, received.isoformat(), due.isoformat(),
               closed.isoformat() if closed else None, "2011-01-01 00:00:00+00:00",
               "2011-01-01 00:00:00+00:00", False, 1)
columns = ("code, secret_hash, kind, channel, subject, body, handling_org_id, status, "
           "received_on, due_on, closed_on, created_at, updated_at, publish_consent, version")
if url.startswith("postgres"):
    orgs = [int(x) for x in subprocess.run(["psql", url, "-Atqc", "SELECT id FROM organizations"],
                                           check=True, capture_output=True, text=True).stdout.split()]
    data = "\n".join("\t".join("\\N" if v is None else str(v) for v in r) for r in rows(orgs))
    subprocess.run(["psql", url, "-qc", f"COPY feedback ({columns}) FROM STDIN"],
                   input=data, check=True, text=True)
    subprocess.run(["psql", url, "-qc", "ANALYZE feedback"], check=True)
else:
    db = sqlite3.connect(os.environ["SQLITE_FILE"], timeout=30)
    orgs = [r[0] for r in db.execute("SELECT id FROM organizations")]
    db.executemany(f"INSERT INTO feedback ({columns}) VALUES ({', '.join('?' * 15)})",
                   rows(orgs))
    db.commit()
PY
echo "inserted in $(python3 -c "import sys; print(round($(date +%s.%N) - $start, 1))") s; rows now $(sql "SELECT COUNT(*) FROM feedback")"

QUERY='{"query":"{ statistics(asOf: \"2012-12-31\") { feedbackByQuarter { quarter unit { name } received { count } answered { count } outcomes { key count withheld } } } }"}'
curl -s -H 'content-type: application/json' -d "$QUERY" "$URL" | python3 -c '
import json, sys
rows = json.load(sys.stdin)["data"]["statistics"]["feedbackByQuarter"]
shown = sum(row["received"]["count"] or 0 for row in rows)
print("rows:", len(rows), "received shown:", shown)'
echo "== quarterly figures: $(for _ in $(seq 1 20); do
    curl -s -o /dev/null -w '%{time_total}\n' -H 'content-type: application/json' -d "$QUERY" "$URL"
done | sort -n | awk '{ t[NR] = $1 } END { printf "median %.1f ms, p95 %.1f ms", t[10] * 1000, t[19] * 1000 }')"
