// The TV ticker: shows each bulletin the moment it is published, from the API's own
// subscription (graphql-transport-ws at /graphql/ws, as the public), and reconnects when the
// connection drops.
"use strict";
(() => {
  const ticker = document.getElementById("ticker");
  const now = document.getElementById("now");
  const clock = document.getElementById("clock");
  const first = ticker.querySelector("li");
  if (first) now.textContent = first.textContent;

  const tick = () => {
    clock.textContent = new Date().toLocaleTimeString("zh-CN", { hour12: false, timeZone: "Asia/Shanghai" });
  };
  tick();
  setInterval(tick, 1000);

  const show = (bulletin) => {
    const item = document.createElement("li");
    item.dataset.id = bulletin.id;
    const title = document.createElement("strong");
    title.textContent = bulletin.title;
    item.append(title, " ", bulletin.crawl);
    ticker.prepend(item);
    while (ticker.children.length > 10) ticker.lastElementChild.remove();
    now.textContent = item.textContent;
    document.body.dataset.latest = bulletin.id;
  };

  let wait = 1000;
  const connect = () => {
    const url = new URL("/graphql/ws", location.href);
    url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(url, "graphql-transport-ws");
    socket.onopen = () => socket.send(JSON.stringify({ type: "connection_init", payload: {} }));
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.type === "connection_ack") {
        wait = 1000;
        document.body.dataset.live = "yes";
        socket.send(JSON.stringify({
          id: "bulletins",
          type: "subscribe",
          payload: { query: "subscription { bulletinPublished { id title crawl } }" },
        }));
      } else if (message.type === "next" && message.payload.data) {
        show(message.payload.data.bulletinPublished);
      } else if (message.type === "ping") {
        socket.send(JSON.stringify({ type: "pong" }));
      }
    };
    socket.onclose = () => {
      document.body.dataset.live = "no";
      setTimeout(connect, wait);
      wait = Math.min(wait * 2, 30000);
    };
  };
  connect();
})();
