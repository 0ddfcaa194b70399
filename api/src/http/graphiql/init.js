// Starts GraphiQL on this server's endpoint and its subscriptions, with the query in the
// page's data-default-query as the first tab. Everything it loads comes from this server.
"use strict";
(() => {
  const mount = document.getElementById("graphiql");
  const socket = new URL("/graphql/ws", location.href);
  socket.protocol = location.protocol === "https:" ? "wss:" : "ws:";
  const fetcher = GraphiQL.createFetcher({ url: "/graphql", subscriptionUrl: socket.href });
  ReactDOM.createRoot(mount).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: mount.dataset.defaultQuery,
      defaultEditorToolsVisibility: "headers",
      shouldPersistHeaders: false,
    }),
  );
})();
