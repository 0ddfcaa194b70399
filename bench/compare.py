#!/usr/bin/env python3
"""Side-by-side cases of bench/compare.sh: each case asks Sunlight and PostGraphile for the same
rows, checks that both answers hold the same records (record by record, in order), then loads
one server with wrk and records requests per second, p99 latency and the server's CPU time per
request.

  compare.py check   SUNLIGHT_URL POSTGRAPHILE_URL DSN
  compare.py measure NAME URL PIDS RESULTS_FILE DSN       (NAME: sunlight, postgraphile-1, …)
  compare.py report  RESULTS_FILE

With PGBENCH=1 (the default), each case's SQL is also read off PostgreSQL's log (one request,
log_min_duration_statement = 0 set for the moment with ALTER SYSTEM, reset afterwards) and run
by pgbench with the server's pool size of clients: the ceiling the database puts on that side's
statements, and the share of it the side reaches. PG_LOG names the server's log file.
"""

import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

CONNECTIONS = os.environ.get("CONNECTIONS", "32")
DURATION = os.environ.get("DURATION", "10s")
WARMUP = os.environ.get("WARMUP", "3s")
THREADS = os.environ.get("THREADS", "2")
POOL = os.environ.get("POOL", "16")
PGBENCH = os.environ.get("PGBENCH", "1") == "1"
PG_LOG = os.environ.get("PG_LOG", "/var/log/postgresql/postgresql-15-main.log")


def psql(dsn, sql):
    out = subprocess.run(
        ["psql", dsn, "-At", "-c", sql], check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


def cases(dsn, sunlight_url):
    # The power of the lookup: the first with steps from the eleventh on, in id order, which
    # both sides list alike (the first case checks that they do).
    row_ids = psql(dsn, "SELECT id FROM sunlight_public.powers ORDER BY id LIMIT 100").split()
    listed = post(
        sunlight_url,
        {"query": "{ powers(first: 100) { nodes { id procedure { steps { name } } } } }"},
    )["data"]["powers"]["nodes"]
    if len(listed) != len(row_ids):
        sys.exit(f"Sunlight lists {len(listed)} powers where the views hold {len(row_ids)}")
    at = next(
        (i for i in range(10, len(listed)) if (listed[i]["procedure"] or {}).get("steps")),
        None,
    )
    if at is None:
        sys.exit("no public power with steps to look up")
    gid, row_id = listed[at]["id"], row_ids[at]

    def power(name, holder, steps):
        return {"name": name, "holder": holder, "steps": steps}

    def steps_of(p):
        return [s["name"] for s in p] if p is not None else None

    return [
        {
            "name": "20 powers + holder + steps",
            "sunlight": {
                "query": "{ powers(first: 20) { nodes { name holder { name } procedure { steps { name } } } } }"
            },
            "postgraphile": {
                "query": "{ allPowers(first: 20, orderBy: PRIMARY_KEY_ASC) { nodes { name "
                "organizationByHolderOrgId { name } procedureByProcedureId { "
                "procedureStepsByProcedureId(orderBy: [POSITION_ASC, PRIMARY_KEY_ASC]) { nodes { name } } } } } }"
            },
            "s": lambda d: [
                power(
                    n["name"],
                    (n["holder"] or {}).get("name"),
                    steps_of((n["procedure"] or {}).get("steps")) if n["procedure"] else None,
                )
                for n in d["powers"]["nodes"]
            ],
            "p": lambda d: [
                power(
                    n["name"],
                    (n["organizationByHolderOrgId"] or {}).get("name"),
                    steps_of(n["procedureByProcedureId"]["procedureStepsByProcedureId"]["nodes"])
                    if n["procedureByProcedureId"]
                    else None,
                )
                for n in d["allPowers"]["nodes"]
            ],
        },
        {
            "name": "one power by id + steps",
            "sunlight": {
                "query": "query($id: ID!) { power(id: $id) { name holder { name } procedure { steps { name } } } }",
                "variables": {"id": gid},
            },
            "postgraphile": {
                "query": "query($id: BigInt!) { powerByRowId(rowId: $id) { name organizationByHolderOrgId { name } "
                "procedureByProcedureId { procedureStepsByProcedureId(orderBy: [POSITION_ASC, PRIMARY_KEY_ASC]) "
                "{ nodes { name } } } } }",
                "variables": {"id": row_id},
            },
            "s": lambda d: power(
                d["power"]["name"],
                (d["power"]["holder"] or {}).get("name"),
                steps_of((d["power"]["procedure"] or {}).get("steps")),
            ),
            "p": lambda d: power(
                d["powerByRowId"]["name"],
                (d["powerByRowId"]["organizationByHolderOrgId"] or {}).get("name"),
                steps_of(
                    d["powerByRowId"]["procedureByProcedureId"]["procedureStepsByProcedureId"]["nodes"]
                ),
            ),
        },
        {
            "name": "20 meetings + decisions",
            "sunlight": {"query": "{ meetings(first: 20) { nodes { label decisions { title } } } }"},
            "postgraphile": {
                "query": "{ allMeetings(first: 20, orderBy: PRIMARY_KEY_ASC) { nodes { label "
                "decisionsByMeetingId(orderBy: PRIMARY_KEY_ASC) { nodes { title } } } } }"
            },
            "s": lambda d: [
                {"label": n["label"], "decisions": [x["title"] for x in n["decisions"]]}
                for n in d["meetings"]["nodes"]
            ],
            "p": lambda d: [
                {
                    "label": n["label"],
                    "decisions": [x["title"] for x in n["decisionsByMeetingId"]["nodes"]],
                }
                for n in d["allMeetings"]["nodes"]
            ],
        },
    ]


def post(url, body):
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.load(response)
    if answer.get("errors"):
        sys.exit(f"{url}: {json.dumps(answer)[:500]}")
    return answer


def check(sunlight_url, postgraphile_url, dsn):
    for case in cases(dsn, sunlight_url):
        s = case["s"](post(sunlight_url, case["sunlight"])["data"])
        p = case["p"](post(postgraphile_url, case["postgraphile"])["data"])
        if s != p:
            sys.exit(
                f"{case['name']}: the answers differ\n  Sunlight:     {json.dumps(s, ensure_ascii=False)[:800]}\n"
                f"  PostGraphile: {json.dumps(p, ensure_ascii=False)[:800]}"
            )
        size = len(s) if isinstance(s, list) else 1
        print(f"== {case['name']}: both answers equal, record by record ({size} records)")


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            # utime, stime, cutime, cstime (clock ticks)
            total += sum(int(x) for x in fields[11:15])
        except FileNotFoundError:
            pass
    return total / os.sysconf("SC_CLK_TCK")


def postgres_cpu_ticks():
    """CPU ticks of each PostgreSQL process of the machine (the benchmark is alone on it)."""
    ticks = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() != "postgres":
                    continue
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ticks[pid] = sum(int(x) for x in fields[11:13])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return ticks


def postgres_cpu_seconds_between(before, after):
    """CPU time PostgreSQL spent between two readings: processes alive at both (the pools'
    connections), plus whatever new ones spent."""
    spent = sum(t - before.get(pid, 0) for pid, t in after.items())
    return spent / os.sysconf("SC_CLK_TCK")


def wrk(url, body):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(body, f)
        path = f.name
    env = dict(os.environ, BODY_FILE=path, TOKEN="")
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "graphql.lua")
    base = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", "-s", script]
    subprocess.run(base + [f"-d{WARMUP}", url], env=env, check=True, capture_output=True)
    out = subprocess.run(
        base + [f"-d{DURATION}", "--latency", url], env=env, check=True, capture_output=True, text=True
    ).stdout
    os.unlink(path)
    if "Non-2xx" in out:
        sys.exit(f"{url}: answers that are not 200:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    return rps, float(p99.group(1)) * scale, total


ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \S+ \[(\d+)\] (\S+) ", re.M)
PARAMETER = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")
EXECUTED = re.compile(r"LOG:\s+duration: [\d.]+ ms\s+(?:execute [^:]*|statement): (.*)", re.S)


def logged_statements(text, database):
    """The statements executed on `database` in a piece of the server's log, parameters in place,
    in the order they finished. An execution's parameters are in the DETAIL entry the same
    process logs right after it (the parse and bind entries before it are skipped)."""
    marks = list(ENTRY.finditer(text))
    executed = []
    last = {}
    for n, mark in enumerate(marks):
        pid, who = mark.group(1), mark.group(2)
        end = marks[n + 1].start() if n + 1 < len(marks) else len(text)
        rest = text[mark.end():end]
        if not who.endswith(f"@{database}"):
            continue
        statement = EXECUTED.match(rest)
        if statement:
            executed.append([statement.group(1).strip(), {}])
            last[pid] = len(executed) - 1
        elif rest.startswith("DETAIL:") and "arameters:" in rest and pid in last:
            executed[last.pop(pid)][1] = {int(k): v for k, v in PARAMETER.findall(rest)}
        else:
            last.pop(pid, None)
    statements = []
    for sql, parameters in executed:
        for k in sorted(parameters, reverse=True):
            sql = re.sub(rf"\${k}(?!\d)", lambda _, v=parameters[k]: v, sql)
        statements.append(sql)
    return statements


def set_logging(dsn, on):
    admin = dsn.rsplit("/", 1)[0] + "/postgres"
    if on:
        psql(admin, "ALTER SYSTEM SET log_min_duration_statement = 0")
    else:
        psql(admin, "ALTER SYSTEM RESET log_min_duration_statement")
    psql(admin, "SELECT pg_reload_conf()")
    time.sleep(0.5)


# Statements of Sunlight's own work beside the requests (the scheduled publications' tick).
BESIDE = re.compile(r"\bchange_schedule\b")


def captured(url, body, dsn):
    """The statements one request sends: of five requests after a first that warms the caches,
    the list seen most often, the shortest among equals; the statements of the server's work
    beside the requests are left out."""
    database = dsn.rsplit("/", 1)[1].split("?")[0]
    seen = []
    set_logging(dsn, True)
    try:
        post(url, body)
        for _ in range(5):
            start = os.path.getsize(PG_LOG)
            post(url, body)
            time.sleep(0.3)
            with open(PG_LOG, errors="replace") as f:
                f.seek(start)
                statements = logged_statements(f.read(), database)
            seen.append(tuple(s for s in statements if not BESIDE.search(s)))
    finally:
        set_logging(dsn, False)
    counts = collections.Counter(seen)
    return list(min(counts, key=lambda s: (-counts[s], len(s))))


def pgbench(statements, dsn):
    """Transactions per second of pgbench running `statements` as one transaction each."""
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        for sql in statements:
            f.write(sql.rstrip().rstrip(";") + ";\n")
        path = f.name
    out = subprocess.run(
        ["pgbench", "-n", "-M", "prepared", "-c", POOL, "-j", THREADS, "-T", DURATION.rstrip("s"),
         "-f", path, dsn.split("?")[0]],
        check=True, capture_output=True, text=True,
    ).stdout
    os.unlink(path)
    return float(re.search(r"tps = ([\d.]+)", out).group(1))


def measure(name, url, pids, results, dsn, sunlight_url):
    pids = [int(p) for p in pids.split(",") if p]
    side = "sunlight" if name.startswith("sunlight") else "postgraphile"
    out = []
    for case in cases(dsn, sunlight_url):
        cpu0, pg0 = cpu_seconds(pids), postgres_cpu_ticks()
        rps, p99, total = wrk(url, case[side])
        cpu1, pg1 = cpu_seconds(pids), postgres_cpu_ticks()
        row = {
            "server": name,
            "case": case["name"],
            "rps": rps,
            "p99_ms": p99,
            "server_cpu_ms": (cpu1 - cpu0) * 1000 / max(total, 1),
            "postgres_cpu_ms": postgres_cpu_seconds_between(pg0, pg1) * 1000 / max(total, 1),
        }
        print(
            f"== {name} / {case['name']}: {rps:,.0f} req/s, p99 {p99:.1f} ms, "
            f"server CPU {row['server_cpu_ms']:.2f} ms/req, PostgreSQL CPU {row['postgres_cpu_ms']:.2f} ms/req"
        )
        if PGBENCH and os.access(PG_LOG, os.R_OK):
            statements = captured(url, case[side], dsn)
            tps = pgbench(statements, dsn)
            row["statements"] = len(statements)
            row["pgbench_tps"] = tps
            print(
                f"   {len(statements)} statements a request; pgbench runs them at {tps:,.0f}/s: "
                f"this side reaches {rps / tps:.0%} of that ceiling"
            )
        out.append(row)
    with open(results, "a") as f:
        for row in out:
            f.write(json.dumps(row) + "\n")


def report(results):
    rows = [json.loads(line) for line in open(results)]
    by = {(r["server"], r["case"]): r for r in rows}
    names = []
    for r in rows:
        if r["case"] not in names:
            names.append(r["case"])
    print()
    print("| case | Sunlight req/s (p99) | PostGraphile, 1 process | PostGraphile, 2 processes | Sunlight ÷ 1 process / ÷ 2 processes | CPU per request: Sunlight / PostGraphile 1 (PostgreSQL's) |")
    print("|---|---|---|---|---|---|")
    for case in names:
        s = by.get(("sunlight", case))
        p1 = by.get(("postgraphile-1", case))
        p2 = by.get(("postgraphile-2", case))
        if not (s and p1 and p2):
            continue
        print(
            f"| {case} | {s['rps']:,.0f} ({s['p99_ms']:.0f} ms) | {p1['rps']:,.0f} ({p1['p99_ms']:.0f} ms) "
            f"| {p2['rps']:,.0f} ({p2['p99_ms']:.0f} ms) | {s['rps'] / p1['rps']:.2f}× / {s['rps'] / p2['rps']:.2f}× "
            f"| {s['server_cpu_ms']:.2f} ({s['postgres_cpu_ms']:.2f}) / {p1['server_cpu_ms']:.2f} ({p1['postgres_cpu_ms']:.2f}) ms |"
        )
    benched = [case for case in names if "pgbench_tps" in by.get(("sunlight", case), {})]
    if benched:
        print()
        print("| case | Sunlight: statements, pgbench ceiling, share reached | PostGraphile 1 process: statements, ceiling, share | PostGraphile 2 processes: share |")
        print("|---|---|---|---|")
        for case in benched:
            cells = []
            for server in ("sunlight", "postgraphile-1", "postgraphile-2"):
                r = by.get((server, case), {})
                if "pgbench_tps" not in r:
                    cells.append("–")
                elif server == "postgraphile-2":
                    cells.append(f"{r['rps'] / r['pgbench_tps']:.0%}")
                else:
                    cells.append(
                        f"{r['statements']}, {r['pgbench_tps']:,.0f}/s, {r['rps'] / r['pgbench_tps']:.0%}"
                    )
            print(f"| {case} | " + " | ".join(cells) + " |")
    before = [case for case in names if ("sunlight-before", case) in by and ("sunlight", case) in by]
    if before:
        print()
        print("| case | Sunlight before req/s (p99) | Sunlight now req/s (p99) | now ÷ before | CPU per request before / now (PostgreSQL's) |")
        print("|---|---|---|---|---|")
        for case in before:
            b = by[("sunlight-before", case)]
            s = by[("sunlight", case)]
            print(
                f"| {case} | {b['rps']:,.0f} ({b['p99_ms']:.0f} ms) | {s['rps']:,.0f} ({s['p99_ms']:.0f} ms) "
                f"| {s['rps'] / b['rps']:.2f}× "
                f"| {b['server_cpu_ms']:.2f} ({b['postgres_cpu_ms']:.2f}) / {s['server_cpu_ms']:.2f} ({s['postgres_cpu_ms']:.2f}) ms |"
            )


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "check":
        check(sys.argv[2], sys.argv[3], sys.argv[4])
    elif command == "measure":
        measure(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7])
    elif command == "report":
        report(sys.argv[2])
    else:
        sys.exit(__doc__)
