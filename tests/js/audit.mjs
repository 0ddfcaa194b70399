// The GraphQL-over-HTTP audit of graphql-http against a running Sunlight:
//
//   node audit.mjs <url of /graphql>
//
// Prints one JSON line per check that is not ok ("error" for a MUST, "warn" for a SHOULD,
// "notice" for a MAY), then a summary line; exits non-zero when any check is not ok.
import { auditServer } from "graphql-http";

const results = await auditServer({ url: process.argv[2] });
const count = { ok: 0, error: 0, warn: 0, notice: 0 };
for (const result of results) {
  count[result.status] = (count[result.status] || 0) + 1;
  if (result.status === "ok") continue;
  console.log(JSON.stringify({ id: result.id, name: result.name, status: result.status, reason: result.reason }));
}
console.log(JSON.stringify({ checks: results.length, ...count }));
process.exit(results.length - count.ok ? 1 : 0);
