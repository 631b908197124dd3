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
  ],
});
const pages = new Map();
const consoleErrors = [];

async function page(name = "main", viewport) {
  if (!pages.has(name)) {
    const ctx = await browser.newContext({ viewport: viewport ?? { width: 1280, height: 860 } });
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
  async consoleErrors() {
    return consoleErrors.splice(0);
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
