"""Draft updates per second: WORKERS clients each edit a draft power of their own, naming the
version they expect, for SECONDS. Run by bench/mutations.sh, which starts the server. The
updates are sent by wrk (bench/mutations.lua); GENERATOR=python sends them from Python threads
instead, as earlier figures were measured."""

import http.client
import json
import os
import subprocess
import sys
import threading
import time

PORT = int(os.environ["PORT"])
WORKERS = int(os.environ.get("WORKERS", "16"))
SECONDS = float(os.environ.get("SECONDS_", "10"))
BIN = os.environ["BIN"]


def graphql(query, variables=None, token=None):
    conn = http.client.HTTPConnection("127.0.0.1", PORT)
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    conn.request("POST", "/graphql", json.dumps({"query": query, "variables": variables or {}}),
                 headers)
    answer = json.loads(conn.getresponse().read())
    if "errors" in answer:
        sys.exit(f"setting up failed: {answer['errors'][0]}")
    return answer["data"]


# The holder of the first public power; one draft power of its own per worker, created
# through the API as that organization's editor.
holder = graphql("{ powers(first: 1) { nodes { holder { id } } } }")["powers"]["nodes"][0]["holder"]["id"]
token = subprocess.run([BIN, "token", "--role", "editor", "--org", holder,
                        "--sub", "bench-editor", "--ttl", "1h"],
                       check=True, capture_output=True, text=True).stdout.strip()
CREATE = "mutation($input: PowerInput!) { createPower(input: $input) { id } }"
drafts = []
for n in range(WORKERS):
    drafts.append(graphql(CREATE, {"input": {
        "code": f"BENCH-{os.getpid()}-{n}", "name": f"基准测试事项{n}（示例）", "category": "OTHER",
        "holderOrganization": holder, "legalBasis": "示例依据", "duties": "职责说明第1稿",
        "accountability": "示例责任", "undertakingUnit": "示例科室", "carriers": ["WEBSITE"],
        "timing": "IMMEDIATE", "riskLevel": "LOW", "scope": "PUBLIC"}}, token)["createPower"]["id"])

if os.environ.get("GENERATOR", "wrk") == "wrk":
    # wrk sends the updates: a Python client would take a good part of the two cores the
    # server and the database share, and count its own time as theirs.
    env = dict(os.environ, DRAFTS=",".join(drafts), TOKEN=token)
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mutations.lua")
    out = subprocess.run(["wrk", "-t", str(WORKERS), "-c", str(WORKERS), "-d", f"{int(SECONDS)}s",
                          "-s", script, f"http://127.0.0.1:{PORT}"],
                         env=env, check=True, capture_output=True, text=True).stdout
    lines = [line for line in out.splitlines()
             if "draft updates by" in line or line.startswith("first failure")]
    print("\n".join(lines))
    sys.exit(0 if lines and lines[0].endswith("; 0 failed") else 1)

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
            "id": drafts[i], "v": version, "d": f"职责说明第{version}稿"}})
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
