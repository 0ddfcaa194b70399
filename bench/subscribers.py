"""Events per second delivered to many subscribers of `changes` over graphql-transport-ws.

Opens SUBSCRIBERS connections (half anonymous, half with the MEMBER token), subscribes each to
the change feed from now on, then has an administrator correct WRITES published powers as fast
as one client can, and counts every event each subscriber receives until all have received
every correction. Prints the writes per second and the events delivered per second.
"""

import asyncio
import json
import os
import time
import urllib.request

import websockets

PORT = os.environ["PORT"]
SUBSCRIBERS = int(os.environ.get("SUBSCRIBERS", "100"))
WRITES = int(os.environ.get("WRITES", "300"))
HTTP = f"http://127.0.0.1:{PORT}/graphql"
WS = f"ws://127.0.0.1:{PORT}/graphql/ws"


def graphql(query, variables=None, token=None):
    request = urllib.request.Request(
        HTTP,
        json.dumps({"query": query, "variables": variables or {}}).encode(),
        {"content-type": "application/json"},
    )
    if token:
        request.add_header("authorization", "Bearer " + token)
    body = json.load(urllib.request.urlopen(request))
    if body.get("errors"):
        raise SystemExit(f"the query fails: {body['errors']}")
    return body["data"]


async def subscriber(token, ready, counts, index, expected, done):
    async with websockets.connect(WS, subprotocols=["graphql-transport-ws"], max_queue=None) as ws:
        payload = {"Authorization": "Bearer " + token} if token else {}
        await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
        ack = json.loads(await ws.recv())
        assert ack["type"] == "connection_ack", ack
        await ws.send(json.dumps({
            "id": "1", "type": "subscribe",
            "payload": {"query": "subscription { changes(kinds: [POWER]) { cursor operation version } }"},
        }))
        ready.release()
        async for message in ws:
            message = json.loads(message)
            if message["type"] == "ping":
                await ws.send(json.dumps({"type": "pong"}))
                continue
            assert message["type"] == "next", message
            counts[index] += 1
            if counts[index] >= expected:
                done.release()
                return


async def main():
    admin, member = os.environ["ADMIN"], os.environ["MEMBER"]
    powers = graphql(
        "query($n: Int) { powers(first: $n) { nodes { id version scope } } }",
        {"n": 100}, admin,
    )["powers"]["nodes"]
    public = [p for p in powers if p["scope"] == "PUBLIC"]
    assert public, "no public powers"
    counts = [0] * SUBSCRIBERS
    ready, done = asyncio.Semaphore(0), asyncio.Semaphore(0)
    tasks = [
        asyncio.create_task(subscriber(None if i % 2 == 0 else member, ready, counts, i, WRITES, done))
        for i in range(SUBSCRIBERS)
    ]
    for _ in range(SUBSCRIBERS):
        await ready.acquire()
    await asyncio.sleep(0.5)
    loop = asyncio.get_running_loop()
    started = time.monotonic()

    def write_all():
        versions = {p["id"]: p["version"] for p in public}
        for n in range(WRITES):
            power = public[n % len(public)]["id"]
            data = graphql(
                "mutation($id: ID!, $v: Int!, $d: String!) { correctPower(id: $id, expectedVersion: $v, reason: \"基准\", input: { duties: $d }) { version } }",
                {"id": power, "v": versions[power], "d": f"职责 {n}"}, admin,
            )
            versions[power] = data["correctPower"]["version"]
        return time.monotonic()

    written = await loop.run_in_executor(None, write_all)
    for _ in range(SUBSCRIBERS):
        await asyncio.wait_for(done.acquire(), timeout=120)
    finished = time.monotonic()
    for task in tasks:
        task.cancel()
    total = sum(counts)
    print(f"{SUBSCRIBERS} subscribers, {WRITES} corrections: writes {WRITES / (written - started):.0f}/s; "
          f"{total} events delivered in {finished - started:.2f} s: {total / (finished - started):.0f} events/s; "
          f"last event {1000 * (finished - written):.0f} ms after the last write")


asyncio.run(main())
