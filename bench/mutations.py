"""Draft updates per second: WORKERS clients each edit a draft power of their own, naming the
version they expect, for SECONDS. Run by bench/mutations.sh, which starts the server."""

import base64
import http.client
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time

PORT = int(os.environ["PORT"])
WORKERS = int(os.environ.get("WORKERS", "16"))
SECONDS = float(os.environ.get("SECONDS_", "10"))
DATABASE_URL = os.environ.get("DATABASE_URL", "")
SQLITE = os.environ.get("SQLITE_FILE", "")
BIN = os.environ["BIN"]


def sql(statement):
    """Runs one statement on the server's database; returns the rows."""
    if DATABASE_URL.startswith("postgres"):
        out = subprocess.run(["psql", DATABASE_URL, "-Atqc", statement],
                             check=True, capture_output=True, text=True).stdout
        return [line.split("|") for line in out.splitlines() if line]
    with sqlite3.connect(SQLITE) as db:
        return [list(map(str, row)) for row in db.execute(statement).fetchall()]


def gid(kind, key):
    return base64.urlsafe_b64encode(f"{kind}:{key}".encode()).decode().rstrip("=")


# Copies of one power, as drafts of its holder: one per worker.
if DATABASE_URL.startswith("postgres"):
    columns = [r[0] for r in sql("SELECT column_name FROM information_schema.columns "
                                 "WHERE table_name = 'powers' ORDER BY ordinal_position")]
else:
    columns = [r[1] for r in sql("PRAGMA table_info(powers)")]
source, holder = sql("SELECT id, holder_org_id FROM powers ORDER BY id LIMIT 1")[0]
overrides = {"status": "'DRAFT'", "version": "1", "owner_org_id": "holder_org_id",
             "publish_at": "NULL"}
drafts = []
for n in range(WORKERS):
    cols = [c for c in columns if c != "id"]
    exprs = [f"'BENCH-{n}'" if c == "code" else overrides.get(c, c) for c in cols]
    sql(f"INSERT INTO powers ({', '.join(cols)}) SELECT {', '.join(exprs)} "
        f"FROM powers WHERE id = {source}")
    drafts.append(sql(f"SELECT id FROM powers WHERE code = 'BENCH-{n}'")[0][0])
token = subprocess.run([BIN, "token", "--role", "editor", "--org", gid("Organization", holder),
                        "--sub", "bench-editor", "--ttl", "1h"],
                       check=True, capture_output=True, text=True).stdout.strip()

UPDATE = ("mutation($id: ID!, $v: Int!, $d: String!) { updatePower(id: $id, expectedVersion: $v, "
          "input: { duties: $d }) { version } }")
done = [0] * WORKERS
failed = []
stop_at = time.monotonic() + SECONDS


def work(i):
    conn = http.client.HTTPConnection("127.0.0.1", PORT)
    headers = {"content-type": "application/json", "authorization": f"Bearer {token}"}
    version = 1
    while time.monotonic() < stop_at:
        body = json.dumps({"query": UPDATE, "variables": {
            "id": gid("Power", drafts[i]), "v": version, "d": f"职责说明第{version}稿"}})
        conn.request("POST", "/graphql", body, headers)
        answer = json.loads(conn.getresponse().read())
        if "errors" in answer:
            failed.append(answer["errors"][0])
            return
        version = answer["data"]["updatePower"]["version"]
        done[i] += 1


threads = [threading.Thread(target=work, args=(i,)) for i in range(WORKERS)]
started = time.monotonic()
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.monotonic() - started
if failed:
    sys.exit(f"an update failed: {failed[0]}")
print(f"{sum(done)} draft updates by {WORKERS} editors in {elapsed:.1f} s: "
      f"{sum(done) / elapsed:.0f} updates/s")
