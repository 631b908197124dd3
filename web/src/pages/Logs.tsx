import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { Connection, rest } from "../api";
import { LogItem, Ring, compileSearch } from "../model";
import { LogsView, QUICK_RANGES, localInput, logsPermalink, parseLogsView, rangeQuery } from "../history";

const KEEP = 5_000;
/** Most lines a history range reads. */
const HISTORY_LIMIT = 5_000;

/**
 * Logs of every service in one stream. Tail: the last 15 minutes (or since
 * the permalink's time), then live over the WebSocket. History: a time
 * range from the store (`GET /api/v1/logs?since&until`), nothing live.
 */
export function Logs({ conn, token }: { conn: Connection; token: string }) {
  const initial = useMemo(() => parseLogsView(location.hash), []);
  const [mode, setMode] = useState<LogsView["mode"]>(initial.mode);
  const [level, setLevel] = useState(initial.level);
  const [services, setServices] = useState(initial.service);
  const [search, setSearch] = useState(initial.q);
  const [tailSince] = useState(initial.mode === "tail" && initial.since ? initial.since : new Date(Date.now() - 15 * 60_000).toISOString());
  const isQuick = (s: string) => (QUICK_RANGES as readonly string[]).includes(s);
  // History: a quick range ("1h") or from/to (datetime-local values).
  const [quick, setQuick] = useState(initial.mode === "history" && initial.since && !initial.until ? initial.since : initial.until ? "custom" : "1h");
  const [from, setFrom] = useState(initial.mode === "history" ? localInput(initial.since) : "");
  const [to, setTo] = useState(initial.mode === "history" ? localInput(initial.until) : "");
  const [range, setRange] = useState<{ since: string; until: string } | null>(
    initial.mode === "history" ? { since: initial.since || "1h", until: initial.until } : null,
  );
  const ring = useRef(new Ring<LogItem>(KEEP));
  const [, setVersion] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const [status, setStatus] = useState<{ loading: boolean; more: boolean; error: string | null }>({ loading: false, more: false, error: null });
  const { re, error } = compileSearch(search);

  useEffect(() => {
    ring.current.clear();
    setVersion((v) => v + 1);
    const svcs = services.split(",").map((s) => s.trim()).filter(Boolean);
    if (mode === "history") {
      if (!range) return;
      let gone = false;
      let q: URLSearchParams;
      try {
        q = rangeQuery({ service: svcs, level }, range.since, range.until, HISTORY_LIMIT);
      } catch (e) {
        setStatus({ loading: false, more: false, error: (e as Error).message });
        return;
      }
      setStatus({ loading: true, more: false, error: null });
      rest(token, `/logs?${q}`)
        .then((d) => {
          if (gone) return;
          ring.current.push(...(d.items ?? []));
          setStatus({ loading: false, more: !!d.more || (d.items ?? []).length >= HISTORY_LIMIT, error: null });
          setVersion((v) => v + 1);
        })
        .catch((e) => !gone && setStatus({ loading: false, more: false, error: (e as Error).message }));
      return () => {
        gone = true;
      };
    }
    setStatus({ loading: false, more: false, error: null });
    let frame = 0;
    const unsub = conn.subscribe(
      "logs",
      { services: svcs, levels: level ? [level] : [] },
      (m) => {
        if (m.type !== "log") return;
        ring.current.push(...m.records);
        if (!frame) frame = requestAnimationFrame(() => ((frame = 0), setVersion((v) => v + 1)));
      },
      tailSince,
    );
    return () => {
      unsub();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [conn, token, mode, level, services, tailSince, range]);

  const lines = ring.current.toArray().filter((l) => !re || re.test(l.message) || re.test(l.service));
  const view: LogsView = {
    mode,
    since: mode === "history" ? range?.since ?? "" : tailSince,
    until: mode === "history" ? range?.until ?? "" : "",
    level,
    service: services,
    q: search,
  };
  const link = logsPermalink(view);
  const download = () => {
    const text = lines.map((l) => `${l.time} ${l.service} ${l.level} ${l.message}${l.exception ? "\n" + l.exception : ""}`).join("\n");
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text + "\n"], { type: "text/plain" }));
    a.download = "logs.txt";
    a.click();
  };
  const applyRange = () => setRange(quick === "custom" ? { since: from, until: to } : { since: quick, until: "" });
  return (
    <section class="logs-page" data-page="logs" data-mode={mode}>
      <div class="filters">
        <span class="seg">
          <button class={mode === "tail" ? "on" : ""} onClick={() => setMode("tail")} data-mode-btn="tail">tail</button>
          <button
            class={mode === "history" ? "on" : ""}
            onClick={() => {
              setMode("history");
              if (!range) applyRange();
            }}
            data-mode-btn="history"
          >
            history
          </button>
        </span>
        <span class="seg">
          <button class={level === "" ? "on" : ""} onClick={() => setLevel("")} data-level="all">all</button>
          <button class={level === "warning" ? "on" : ""} onClick={() => setLevel("warning")} data-level="warning">warnings+</button>
          <button class={level === "error" ? "on" : ""} onClick={() => setLevel("error")} data-level="error">errors</button>
        </span>
        <input name="services" placeholder="services" value={services} onChange={(e) => setServices((e.target as HTMLInputElement).value)} />
        <input data-search placeholder="search (regex)" value={search} onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
        <a href={link} class="ghost" data-permalink title="A link to exactly this view (a history range with both ends pinned)">permalink</a>
        <button class="ghost" onClick={download}>download</button>
      </div>
      {mode === "history" && (
        <form
          class="filters range"
          data-range
          onSubmit={(e) => {
            e.preventDefault();
            applyRange();
          }}
        >
          <select name="range" value={quick} onChange={(e) => setQuick((e.target as HTMLSelectElement).value)}>
            {QUICK_RANGES.map((r) => <option value={r}>last {r}</option>)}
            <option value="custom">from … to …</option>
          </select>
          {quick === "custom" && (
            <>
              <input type="datetime-local" step="1" name="from" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} title="from" />
              <input type="datetime-local" step="1" name="to" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} title="to (empty: now)" />
            </>
          )}
          <button type="submit" data-range-go>Show</button>
          {range && !isQuick(range.since) && range.since && <span class="muted">{range.since} → {range.until || "now"}</span>}
        </form>
      )}
      {(error || status.error) && <p class="error">{error ?? status.error}</p>}
      <p class="muted" data-log-count={lines.length}>
        {lines.length} lines
        {mode === "history" ? (status.loading ? " · reading…" : " · history") : " · live"}
        {status.more && ` · only the newest ${HISTORY_LIMIT.toLocaleString()} of the range`}
        {ring.current.dropped > 0 && ` · ${ring.current.dropped} older dropped from this page`}
      </p>
      <div class="loglines">
        {lines.map((l) => (
          <div class={`logline lv-${l.level}`} data-seq={l.seq} onClick={() => setOpen(open === l.seq ? null : l.seq)}>
            <time>{l.time.slice(11, 23)}</time> <span class="svc">{l.service}</span> <span class="lv">{l.level}</span>{" "}
            <span class="msg">{l.message}</span>
            {l.exception && (open === l.seq ? <pre class="tb">{l.exception}</pre> : <span class="more"> ▸ traceback</span>)}
          </div>
        ))}
      </div>
    </section>
  );
}
