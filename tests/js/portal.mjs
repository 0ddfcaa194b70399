// Drives Debian's Chromium through the portal and the TV ticker of a running Sunlight.
//
//   node portal.mjs <base-url> <screenshot-dir> <json-of-paths>
//
// The paths name the pages to visit and what to look for (see the suite's browser test). One
// JSON line per page goes to stdout with its time to first byte, its weight, its console
// errors and its serious accessibility violations; then the ticker: the line `READY` once
// `/tv` is live, after which the test publishes a bulletin and writes its title on stdin,
// and the line `SEEN` once that title is on the screen. Exits non-zero on any fault.

import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const [base, shots, spec] = process.argv.slice(2);
const plan = JSON.parse(spec);
const axeSource = readFileSync(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
const faults = [];
const fault = (text) => { faults.push(text); console.error(`FAULT ${text}`); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});

/** A fresh page in a context of `viewport`, recording console errors and failed loads. */
async function open(viewport) {
  // axe is injected as a script of its own, which the portal's CSP would refuse.
  const context = await browser.newContext({ viewport, bypassCSP: true, locale: "zh-CN" });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("response", (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  // A load that the page's own navigation cancels (the icon, fetched after the load event,
  // when the test submits a form at once) is aborted, not failed; any other failure counts.
  page.on("requestfailed", (r) => {
    const why = r.failure()?.errorText ?? "";
    if (why !== "net::ERR_ABORTED") errors.push(`failed ${r.url()} ${why}`);
  });
  return { context, page, errors };
}

/** Loads `path`, checks it and reports it. */
async function visit(path, name, check) {
  const { context, page, errors } = await open({ width: 1280, height: 900 });
  const response = await page.goto(base + path, { waitUntil: "load" });
  if (!response || response.status() !== 200) fault(`${path} answered ${response && response.status()}`);
  const figures = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const resources = performance.getEntriesByType("resource");
    const bytes = resources.reduce((sum, r) => sum + (r.encodedBodySize || 0), nav.encodedBodySize || 0);
    return { ttfbMs: nav.responseStart - nav.requestStart, bytes, resources: resources.length };
  });
  if (check) await check(page);
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    await globalThis.axe.run(document, { resultTypes: ["violations"] }));
  const serious = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  for (const v of serious) fault(`${path}: accessibility ${v}`);
  for (const e of errors) fault(`${path}: console ${e}`);
  // A full page of the API docs is tall; on a loaded machine its picture takes a while.
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true, timeout: 90000 });
  console.log(JSON.stringify({ page: path, ...figures, serious: serious.length, consoleErrors: errors.length }));
  await context.close();
}

const text = async (page, selector) => (await page.locator(selector).allInnerTexts()).join("\n");

await visit("/", "home", async (page) => {
  if ((await page.locator("main h2").count()) < 4) fault("/: the home page lacks its sections");
  for (const landmark of ["header", "nav", "main", "footer"]) {
    if ((await page.locator(landmark).count()) !== 1) fault(`/: no single <${landmark}>`);
  }
});

await visit("/powers", "powers", async (page) => {
  // Search: a keyword of a known power finds it, a keyword of none finds nothing.
  await page.fill("#q", plan.search.keyword);
  await Promise.all([page.waitForNavigation(), page.click("form.filters button")]);
  const found = await text(page, ".results");
  if (!found.includes(plan.search.finds)) fault(`/powers: searching ${plan.search.keyword} did not find ${plan.search.finds}`);
  await page.fill("#q", "这个词不在任何职权里");
  await Promise.all([page.waitForNavigation(), page.click("form.filters button")]);
  if (!(await text(page, ".results")).includes("没有符合条件的职权")) fault("/powers: a search for nothing found something");
  // Choosing a category applies it at once (portal.js).
  await page.goto(base + "/powers");
  await Promise.all([page.waitForNavigation(), page.selectOption("#category", plan.search.category)]);
  if (!page.url().includes(`category=${plan.search.category}`)) fault("/powers: choosing a category did not filter");
});

await visit(plan.power, "power", async (page) => {
  const picture = page.locator("figure.flowchart img");
  if ((await picture.count()) !== 1) { fault(`${plan.power}: no flowchart`); return; }
  await picture.scrollIntoViewIfNeeded();
  const width = await picture.evaluate((img) => img.complete ? img.naturalWidth : 0);
  if (!(width > 0)) fault(`${plan.power}: the flowchart did not load`);
});

await visit(plan.meeting, "meeting", async (page) => {
  const body = await text(page, "main");
  for (const part of ["议程", "出席情况", "决策及执行"]) {
    if (!body.includes(part)) fault(`${plan.meeting}: no ${part}`);
  }
});
await visit("/meetings", "meetings");
await visit("/appointments", "appointments", async (page) => {
  if (!(await text(page, "main")).includes("公示期")) fault("/appointments: no notice period");
});
await visit("/bulletins", "bulletins");
await visit("/api/docs", "api-docs", async (page) => {
  if ((await page.locator("section[id]").count()) < 100) fault("/api/docs: too few types");
});
await visit("/statistics", "statistics", async (page) => {
  if ((await page.locator("figure.chart svg").count()) < 2) fault("/statistics: no charts");
});

await visit("/feedback", "feedback", async (page) => {
  // Send an opinion, then follow it with the code and secret the answer shows.
  await page.selectOption("#kind", "OPINION");
  await page.fill("#subject", "建议增加重播时段");
  await page.fill("#body", "浏览器测试提交的意见。");
  await Promise.all([page.waitForNavigation(), page.click("form[action='/feedback'] button")]);
  const facts = await page.locator("dl.facts dd").allInnerTexts();
  const [code, secret] = facts;
  if (!code || !secret) { fault("/feedback: no code and secret after sending"); return; }
  await page.fill("#code", code);
  await page.fill("#secret", secret);
  await Promise.all([page.waitForNavigation(), page.click("form[action='/feedback/track'] button")]);
  const shown = await text(page, "main");
  if (!shown.includes(code) || !shown.includes("建议增加重播时段")) fault("/feedback: tracking did not show the submission");
  await page.screenshot({ path: `${shots}/feedback-tracked.png`, fullPage: true });
  // A wrong secret shows nothing of it.
  await page.fill("#code", code);
  await page.fill("#secret", "wrong");
  await Promise.all([page.waitForNavigation(), page.click("form[action='/feedback/track'] button")]);
  if ((await text(page, "main")).includes("建议增加重播时段")) fault("/feedback: a wrong secret showed the submission");
});

// On a phone: nothing wider than the screen.
{
  const { context, page } = await open({ width: 390, height: 844 });
  for (const path of ["/", "/powers", plan.meeting]) {
    await page.goto(base + path);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (wide > 1) fault(`${path}: ${wide}px wider than a phone's screen`);
  }
  await page.goto(base + "/");
  await page.screenshot({ path: `${shots}/home-phone.png`, fullPage: true });
  await context.close();
}

// GraphiQL, built in: it loads, runs its default query and reads the schema, with every
// request to an address other than this server's refused (as on a network without internet).
{
  const { context, page, errors } = await open({ width: 1280, height: 900 });
  const outside = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith("data:")) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const started = Date.now();
  await page.goto(base + "/graphql");
  await page.waitForSelector(".graphiql-execute-button", { timeout: 30000 });
  // On a loaded machine the editor may take the first click before it holds its default
  // query; ask again, for up to 75 s in all, before calling it a fault.
  let answered = false;
  for (let attempt = 0; attempt < 5 && !answered; attempt++) {
    await page.click(".graphiql-execute-button");
    try {
      await page.waitForFunction(
        () => (document.querySelector(".result-window")?.textContent || "").includes("totalCount"),
        null, { timeout: 15000 });
      answered = true;
    } catch {}
  }
  if (!answered) {
    const shown = await page.evaluate(() => ({
      query: (document.querySelector(".graphiql-query-editor")?.textContent || "").slice(0, 200),
      result: (document.querySelector(".result-window")?.textContent || "").slice(0, 300),
    }));
    fault(`/graphql: GraphiQL did not show the answer to its default query: ${JSON.stringify(shown)}`);
  }
  await page.click("[aria-label='Show Documentation Explorer']");
  try {
    await page.waitForSelector(".graphiql-doc-explorer-content :text('Query')", { timeout: 15000 });
  } catch {
    fault("/graphql: GraphiQL's documentation pane is empty");
  }
  await page.screenshot({ path: `${shots}/graphiql.png` });
  for (const url of outside) fault(`/graphql: GraphiQL asked for ${url}`);
  for (const e of errors) fault(`/graphql: console ${e}`);
  console.log(JSON.stringify({ page: "/graphql", answeredMs: Date.now() - started }));
  await context.close();
}

// The ticker: live, then a bulletin published by the test reaches the screen.
{
  const { context, page, errors } = await open({ width: 1920, height: 1080 });
  await page.goto(base + "/tv");
  await page.waitForSelector("body[data-live=yes]", { timeout: 15000 });
  console.log("READY");
  const lines = createInterface({ input: process.stdin });
  const title = await new Promise((resolve) => lines.once("line", resolve));
  try {
    await page.waitForFunction(
      (t) => document.getElementById("now").textContent.includes(t), title, { timeout: 15000 });
    console.log("SEEN");
  } catch {
    fault(`/tv: ${title} did not appear`);
  }
  lines.close();
  await page.screenshot({ path: `${shots}/tv.png` });
  for (const e of errors) fault(`/tv: console ${e}`);
  await context.close();
}

await browser.close();
if (faults.length) {
  console.error(`${faults.length} faults`);
  process.exit(1);
}
console.log("OK");
