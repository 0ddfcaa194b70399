// The introspection queries GraphQL tools send, each run against a running Sunlight and the
// schema each tool would build from the answer held against schema.graphql:
//
//   node introspect.mjs <url of /graphql> <path of schema.graphql>
//
// Prints one JSON line per tool; exits non-zero when any tool could not build the schema or
// misses a type.
import { readFileSync } from "node:fs";
import { buildClientSchema, buildSchema, getIntrospectionQuery } from "graphql";

const [url, path] = process.argv.slice(2);
const expected = buildSchema(readFileSync(path, "utf8"));
const names = Object.keys(expected.getTypeMap()).filter((n) => !n.startsWith("__"));

// The options each tool passes to graphql-js's getIntrospectionQuery (graphql-core's
// get_introspection_query takes the same, for Python's gql).
const tools = {
  "graphql-js defaults (Apollo, get-graphql-schema, gql)": {},
  "GraphiQL 3 and 4": { inputValueDeprecation: true, schemaDescription: true },
  "GraphQL Code Generator": { descriptions: true, directiveIsRepeatable: true, specifiedByUrl: false },
  "everything graphql-js can ask": {
    descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true,
    schemaDescription: true, inputValueDeprecation: true, oneOf: true,
  },
};

let failed = 0;
for (const [tool, options] of Object.entries(tools)) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify({ query: getIntrospectionQuery(options) }),
  });
  const body = await response.json();
  let missing = [];
  let error = null;
  try {
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    const built = buildClientSchema(body.data);
    missing = names.filter((n) => !built.getType(n));
    if (options.specifiedByUrl && !built.getType("DateTime").specifiedByURL) {
      missing.push("DateTime.specifiedByURL");
    }
  } catch (e) {
    error = String(e).slice(0, 300);
  }
  if (error || missing.length || response.status !== 200) failed += 1;
  console.log(JSON.stringify({ tool, status: response.status, types: names.length, missing, error }));
}
process.exit(failed ? 1 : 0);
