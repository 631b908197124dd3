// Drives a real browser for the end-to-end tests: one JSON command per
// line on stdin, one JSON answer per line on stdout. The tests (in Rust,
// tests/tests/webui.rs) own the daemon, the bus and the fleet; this file
// only does what a person at the browser would.
//
// Debian's Chromium (KRYTEN_CHROMIUM, default /usr/bin/chromium): test
// tools cannot download browsers here.
import { chromium } from "playwright-core";
import readline from "node:readline";

const browser = await chromium.launch({
  executablePath: process.env.KRYTEN_CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    // performance.memory to the byte, not in coarse buckets (kryten-bench's heap samples).
    "--enable-precise-memory-info",
  ],
});
const pages = new Map();
const consoleErrors = [];
// Where the UI keeps the token for the tab (web/src/api.ts).
const TOKEN_KEY = "krytend.token";

// A fresh context (empty cache, no storage); with `token`, already signed
// in for the tab, as after the sign-in form.
async function newContext(viewport, token) {
  const ctx = await browser.newContext({ viewport: viewport ?? { width: 1280, height: 860 } });
  if (token) await ctx.addInitScript(([k, t]) => sessionStorage.setItem(k, t), [TOKEN_KEY, token]);
  return ctx;
}

async function page(name = "main", viewport, token) {
  if (!pages.has(name)) {
    const ctx = await newContext(viewport, token);
    const p = await ctx.newPage();
    p.on("console", (m) => m.type() === "error" && consoleErrors.push(`${name}: ${m.text()}`));
    p.on("pageerror", (e) => consoleErrors.push(`${name}: ${e.message}`));
    pages.set(name, p);
  }
  return pages.get(name);
}

const ops = {
  async open({ page: n, url, viewport }) {
    const p = await page(n, viewport);
    const t0 = Date.now();
    await p.goto(url);
    return Date.now() - t0;
  },
  async fill({ page: n, selector, text }) {
    await (await page(n)).fill(selector, text);
  },
  async click({ page: n, selector }) {
    await (await page(n)).click(selector);
  },
  async press({ page: n, key }) {
    await (await page(n)).keyboard.press(key);
  },
  async check({ page: n, selector }) {
    await (await page(n)).check(selector);
  },
  async waitFor({ page: n, selector, state, timeout }) {
    const t0 = Date.now();
    await (await page(n)).waitForSelector(selector, { state: state ?? "visible", timeout: timeout ?? 15000 });
    return Date.now() - t0;
  },
  async waitForText({ page: n, selector, text, timeout }) {
    const p = await page(n);
    const t0 = Date.now();
    await p.waitForFunction(
      ([s, t]) => [...document.querySelectorAll(s)].some((e) => e.textContent.includes(t)),
      [selector, text],
      { timeout: timeout ?? 15000 },
    );
    return Date.now() - t0;
  },
  async text({ page: n, selector }) {
    return (await page(n)).locator(selector).first().innerText();
  },
  async count({ page: n, selector }) {
    return (await page(n)).locator(selector).count();
  },
  async attr({ page: n, selector, name }) {
    return (await page(n)).locator(selector).first().getAttribute(name);
  },
  async eval({ page: n, js }) {
    return (await page(n)).evaluate(js);
  },
  async screenshot({ page: n, path, fullPage }) {
    await (await page(n)).screenshot({ path, fullPage: fullPage ?? true });
  },
  async longTasks({ page: n, ms }) {
    // Long tasks (> 50 ms) observed over `ms`, and the JS heap at the
    // start and end of each half (Chromium's performance.memory).
    return (await page(n)).evaluate(async (ms) => {
      const tasks = [];
      const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => tasks.push(e.duration)));
      obs.observe({ type: "longtask", buffered: false });
      const heap = () => performance.memory?.usedJSHeapSize ?? 0;
      const samples = [heap()];
      const step = ms / 10;
      for (let i = 0; i < 10; i++) {
        await new Promise((r) => setTimeout(r, step));
        samples.push(heap());
      }
      obs.disconnect();
      return { tasks, samples };
    }, ms);
  },
  async openSignedIn({ page: n, url, token, selector, viewport, timeout }) {
    // A page of its own (context, cache, storage) signed in with `token`;
    // resolves once `selector` is shown.
    const p = await page(n, viewport, token);
    const t0 = Date.now();
    await p.goto(url);
    if (selector) await p.waitForSelector(selector, { timeout: timeout ?? 30000 });
    return Date.now() - t0;
  },
  async closePage({ page: n }) {
    const p = pages.get(n);
    pages.delete(n);
    if (p) await p.context().close();
  },
  async firstLoad({ url, token, selector, min, timeout }) {
    // One cold load in a fresh context (nothing cached), signed in for the
    // tab: ms from navigation start until `min` (default 1) elements match
    // `selector` in the DOM (seen by
    // a MutationObserver in the page, not by polling), with the navigation
    // timing for where the time went.
    const ctx = await newContext(undefined, token);
    await ctx.addInitScript(([sel, min]) => {
      const seen = () => {
        if (window.__usableAt === undefined && document.querySelectorAll(sel).length >= min) {
          window.__usableAt = performance.now();
          obs.disconnect();
        }
      };
      const obs = new MutationObserver(seen);
      obs.observe(document, { childList: true, subtree: true, attributes: true });
    }, [selector, min ?? 1]);
    try {
      const p = await ctx.newPage();
      p.on("pageerror", (e) => consoleErrors.push(`firstLoad: ${e.message}`));
      await p.goto(url);
      await p.waitForFunction(() => window.__usableAt !== undefined, null, { timeout: timeout ?? 15000 });
      return await p.evaluate(() => {
        const nav = performance.getEntriesByType("navigation")[0];
        const res = performance.getEntriesByType("resource");
        return {
          usable: window.__usableAt,
          responseEnd: nav?.responseEnd ?? null,
          domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
          load: nav?.loadEventEnd ?? null,
          resources: res.map((r) => ({ name: r.name, start: r.startTime, end: r.responseEnd, bytes: r.transferSize })),
        };
      });
    } finally {
      await ctx.close();
    }
  },
  async perfWindow({ page: n, ms, every, countSelector }) {
    // Over `ms`: every long task (> 50 ms: start, duration), every long
    // animation frame (> 50 ms, with the scripts that ran in it: what the
    // JS was doing), the JS heap every `every` ms, and the text of
    // `countSelector` at the start and the end (is the page live?).
    return (await page(n)).evaluate(
      async ([ms, every, countSelector]) => {
        const tasks = [];
        const frames = [];
        const obs = new PerformanceObserver((l) =>
          l.getEntries().forEach((e) => tasks.push({ start: e.startTime, duration: e.duration })),
        );
        obs.observe({ type: "longtask", buffered: false });
        let loaf = null;
        if (PerformanceObserver.supportedEntryTypes.includes("long-animation-frame")) {
          loaf = new PerformanceObserver((l) =>
            l.getEntries().forEach((e) =>
              frames.push({
                start: e.startTime,
                duration: e.duration,
                blocking: e.blockingDuration,
                render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
                style: e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
                scripts: (e.scripts ?? []).map((s) => ({
                  invoker: s.invoker,
                  type: s.invokerType,
                  fn: s.sourceFunctionName,
                  src: s.sourceURL,
                  duration: s.duration,
                  layout: s.forcedStyleAndLayoutDuration,
                })),
              }),
            ),
          );
          loaf.observe({ type: "long-animation-frame", buffered: false });
        }
        const heap = () => performance.memory?.usedJSHeapSize ?? 0;
        const text = () => (countSelector ? document.querySelector(countSelector)?.textContent ?? null : null);
        const firstText = text();
        const samples = [heap()];
        const t0 = performance.now();
        while (performance.now() - t0 < ms) {
          await new Promise((r) => setTimeout(r, every));
          samples.push(heap());
        }
        obs.disconnect();
        loaf?.disconnect();
        return { tasks, frames, samples, firstText, lastText: text(), dom: document.getElementsByTagName("*").length };
      },
      [ms, every ?? 1000, countSelector ?? null],
    );
  },
  async consoleErrors() {
    return consoleErrors.splice(0);
  },
  async close() {
    // Closes the browser and answers; the caller then ends this process.
    await browser.close();
  },
  async quit() {
    await browser.close();
    process.exit(0);
  },
};

const rl = readline.createInterface({ input: process.stdin });
for await (const line of rl) {
  if (!line.trim()) continue;
  let cmd;
  try {
    cmd = JSON.parse(line);
    const value = await ops[cmd.op](cmd);
    process.stdout.write(JSON.stringify({ ok: true, value: value ?? null }) + "\n");
  } catch (e) {
    process.stdout.write(JSON.stringify({ ok: false, error: String(e?.message ?? e) }) + "\n");
  }
}
await browser.close();
