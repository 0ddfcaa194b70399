// PostGraphile 5 over the views of views.sql, for bench/compare.sh: `WORKERS=1` serves from
// one process, `WORKERS=2` from a cluster of two workers sharing the port (Node's cluster).
//
//   DATABASE_URL=postgres://… PORT=18090 WORKERS=1 node server.mjs
import cluster from "node:cluster";
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";

const workers = Number(process.env.WORKERS ?? "1");
const port = Number(process.env.PORT ?? "18090");

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code) => {
    console.error(`worker ${worker.process.pid} ended with ${code}`);
    process.exit(1);
  });
} else {
  const preset = {
    extends: [PostGraphileAmberPreset],
    pgServices: [
      makePgService({
        connectionString: process.env.DATABASE_URL,
        schemas: ["sunlight_public"],
        poolConfig: { max: Number(process.env.POOL ?? "16") },
      }),
    ],
    grafserv: { port, graphiql: false, watch: false },
    grafast: { explain: false },
  };
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  server.on("error", (e) => {
    console.error(e);
    process.exit(1);
  });
  await serv.addTo(server);
  server.listen(port, "127.0.0.1", () => {
    console.error(`postgraphile ${process.pid} on ${port}`);
  });
}
