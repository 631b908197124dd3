import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { Connection, rest } from "../api";
import { EventItem, Ring, eventsCsv, visibleRange } from "../model";
import { QUICK_RANGES, findReply, findRequest, hashParams, localInput, permalink, rangeQuery, resolveTime } from "../history";
import { EventStatsPanel } from "../charts/EventStats";

const ROW = 24;
/** Events held in the page; older ones are dropped (and counted). */
const KEEP = 20_000;
/** The list is drawn again at most this often while events stream in. */
const RENDER_EVERY_MS = 100;

/** JSON with keys, strings and numbers coloured; text only (no HTML). */
export function JsonView({ value }: { value: unknown }) {
  const text = JSON.stringify(value, null, 2) ?? "null";
  const re = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)/g;
  const out: (string | preact.JSX.Element)[] = [];
  let at = 0;
  for (const m of text.matchAll(re)) {
    out.push(text.slice(at, m.index));
    if (m[1]) {
      out.push(<span class={m[2] ? "jk" : "js"}>{m[1]}</span>);
      if (m[2]) out.push(m[2]);
    } else out.push(<span class={m[3] ? "jn" : "jb"}>{m[0]}</span>);
    at = m.index! + m[0].length;
  }
  out.push(text.slice(at));
  return <pre class="json">{out}</pre>;
}

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Keeps the applied filter in the address bar, so it can be shared or reloaded. */
function history_replace(a: Applied) {
  const custom = a.range === "custom";
  const link = permalink("#/events", {
    subject: a.subjects, service: a.services, type: a.types, q: a.grep,
    range: a.range === "live" || custom ? null : a.range,
    since: custom && a.from ? resolveTimeSafe(a.from) : null,
    until: custom && a.to ? resolveTimeSafe(a.to) : null,
  });
  history.replaceState(null, "", link);
}

function resolveTimeSafe(t: string): string | null {
  try {
    return resolveTime(t);
  } catch {
    return null;
  }
}

function splitList(s: string): string[] {
  return s.split(",").map((x) => x.trim()).filter(Boolean);
}

/** Looks for a request's reply, a second apart, before saying there is none. */
const REPLY_LOOKS = 10;

/** Most events a time range reads from the store. */
const HISTORY_LIMIT = 5_000;

interface Applied {
  subjects: string;
  services: string;
  types: string;
  grep: string;
  /** "live" (the last 5 minutes, then live), a quick range ("1h"), or "custom". */
  range: string;
  from: string;
  to: string;
}

/**
 * The reply of a request, or the request of a reply, as krytend recorded
 * them: a request carries the inbox its requester waits on (`replyTo`),
 * the reply is a `reply` event on that subject. The WebSocket's events do
 * not carry `replyTo` (the REST ones do), so it is read from the store.
 */
function RequestReply({ token, e, held, onPick }: { token: string; e: EventItem; held: EventItem[]; onPick: (e: EventItem) => void }) {
  const [found, setFound] = useState<EventItem | null | undefined>(undefined);
  const [inbox, setInbox] = useState<string | null | undefined>(e.replyTo);
  const isReply = e.type === "reply" || e.subject.startsWith("_INBOX.");
  const relevant = isReply || e.type === "command" || !!e.replyTo;
  useEffect(() => {
    if (!relevant) return;
    let gone = false;
    const get = (q: Record<string, string>) => rest(token, `/events?${new URLSearchParams(q)}`).then((d) => (d.items ?? []) as EventItem[]);
    (async (): Promise<EventItem | null> => {
      if (isReply) {
        const r = findRequest(e, held);
        if (r) return r;
        return findRequest(e, await get({ kind: "command", before: String(e.seq), limit: "500" }));
      }
      let to = e.replyTo;
      if (to === undefined) {
        const [same] = await get({ subject: e.subject, after: String(e.seq - 1), limit: "1" });
        to = same?.seq === e.seq ? same.replyTo ?? null : null;
      }
      if (gone) return null;
      setInbox(to);
      if (!to) return null;
      const req = { ...e, replyTo: to };
      // The reply may not be stored yet (a request just made, or a slow
      // service): look again for as long as a requester would wait.
      for (let tries = 1; ; tries++) {
        const r = findReply(req, held) ?? findReply(req, await get({ subject: to, after: String(e.seq), limit: "1" }));
        if (r || gone || tries >= REPLY_LOOKS) return r;
        await new Promise((done) => setTimeout(done, 1000));
      }
    })()
      .then((r) => !gone && setFound(r))
      .catch(() => !gone && setFound(null));
    return () => {
      gone = true;
    };
  }, [e.seq]);
  if (!relevant) return null;
  const ms = found ? Date.parse(isReply ? e.received : found.received) - Date.parse(isReply ? found.received : e.received) : NaN;
  return (
    <div data-request-reply>
      <h3>{isReply ? "Request" : "Reply"}</h3>
      {found === undefined ? (
        <p class="muted">looking…</p>
      ) : found ? (
        <>
          <p class="link" onClick={() => onPick(found)} data-reply-seq={found.seq}>
            #{found.seq} {found.type} {found.subject}
            {Number.isFinite(ms) && <span class="muted"> · {ms} ms {isReply ? "before" : "after"}</span>}
          </p>
          <JsonView value={found.payload} />
        </>
      ) : isReply ? (
        <p class="muted" data-no-reply>No recorded request waits on this subject.</p>
      ) : !inbox ? (
        <p class="muted" data-no-reply>Published without a reply subject: nobody waits for an answer.</p>
      ) : (
        <p class="muted" data-no-reply>
          No reply recorded on <code>{inbox}</code>. Replies go to the requester's inbox; krytend records them only when
          its <code>nats.subjects</code> cover it (add <code>_INBOX.&gt;</code>; the default is <code>kryten.&gt;</code>).
        </p>
      )}
    </div>
  );
}

export function Events({ conn, token }: { conn: Connection; token: string }) {
  const [showStats, setShowStats] = useState(localStorage.getItem("krytend.eventStats") !== "off");
  const initial = useMemo(() => {
    const p = hashParams(location.hash);
    const range = p.get("range") ?? (p.get("since") ? "custom" : "live");
    return {
      subjects: p.get("subject") ?? "",
      services: p.get("service") ?? "",
      types: p.get("type") ?? "",
      grep: p.get("q") ?? "",
      range,
      from: p.get("since") ?? "",
      to: p.get("until") ?? "",
    } as Applied;
  }, []);
  const [subjects, setSubjects] = useState(initial.subjects);
  const [services, setServices] = useState(initial.services);
  const [types, setTypes] = useState(initial.types);
  const [grep, setGrep] = useState(initial.grep);
  const [range, setRange] = useState(initial.range);
  const [from, setFrom] = useState(initial.from ? localInput(initial.from) : "");
  const [to, setTo] = useState(initial.to ? localInput(initial.to) : "");
  const [applied, setApplied] = useState<Applied>(initial);
  const [history, setHistory] = useState<{ loading: boolean; more: boolean; live: boolean } | null>(null);
  const ring = useRef(new Ring<EventItem>(KEEP));
  const held = useRef<EventItem[]>([]);
  const [paused, setPaused] = useState(false);
  const pausedRef = useRef(false);
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<EventItem | null>(null);
  const [lagged, setLagged] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const rate = useRef({ n: 0, since: Date.now(), perSec: 0 });
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [follow, setFollow] = useState(true);

  useEffect(() => {
    ring.current.clear();
    held.current = [];
    setError(null);
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | 0 = 0;
    let lastRender = 0;
    const filters = {
      subjects: splitList(applied.subjects),
      services: splitList(applied.services),
      types: splitList(applied.types),
      grep: applied.grep || undefined,
    };
    const handler = (m: any) => {
      if (m.type === "lagged") setLagged((n) => n + (m.missed ?? 0));
      if (m.type === "error") setError(m.message);
      if (m.type !== "event") return;
      rate.current.n += m.events.length;
      // Paused: kept, not shown, so resuming loses nothing.
      if (pausedRef.current) held.current.push(...m.events);
      else ring.current.push(...m.events);
      // At most one render per RENDER_EVERY_MS whatever the event rate
      // (and then in an animation frame): nobody reads sixty list updates a
      // second, and on a busy machine each one is a frame's worth of work.
      if (!frame && !timer) {
        const wait = Math.max(0, lastRender + RENDER_EVERY_MS - performance.now());
        timer = setTimeout(() => {
          timer = 0;
          frame = requestAnimationFrame(() => {
            frame = 0;
            lastRender = performance.now();
            setVersion((v) => v + 1);
          });
        }, wait);
      }
    };
    let unsub: (() => void) | null = null;
    let gone = false;
    if (applied.range === "live") {
      setHistory(null);
      unsub = conn.subscribe("events", filters, handler, new Date(Date.now() - 5 * 60_000).toISOString());
    } else {
      // A time range: the stored events of that range (REST), then, when
      // the range is open-ended, live after the last one read.
      const since = applied.range === "custom" ? applied.from : applied.range;
      const until = applied.range === "custom" ? applied.to : "";
      let q: URLSearchParams;
      try {
        q = rangeQuery({ subject: filters.subjects, service: filters.services, kind: filters.types, grep: applied.grep }, since || "1h", until, HISTORY_LIMIT);
      } catch (e) {
        setError((e as Error).message);
        return;
      }
      setHistory({ loading: true, more: false, live: !until });
      rest(token, `/events?${q}`)
        .then((d) => {
          if (gone) return;
          const items: EventItem[] = d.items ?? [];
          ring.current.push(...items);
          setHistory({ loading: false, more: !!d.more, live: !until });
          setVersion((v) => v + 1);
          if (!until) {
            const last = items.length ? items[items.length - 1].seq : 0;
            unsub = conn.subscribe("events", filters, handler, last ? undefined : (q.get("since") ?? undefined), last);
          }
        })
        .catch((e) => !gone && (setError((e as Error).message), setHistory(null)));
    }
    const t = setInterval(() => {
      const r = rate.current;
      const now = Date.now();
      r.perSec = (r.n * 1000) / Math.max(1, now - r.since);
      r.n = 0;
      r.since = now;
    }, 2000);
    return () => {
      gone = true;
      unsub?.();
      clearInterval(t);
      if (frame) cancelAnimationFrame(frame);
      if (timer) clearTimeout(timer);
    };
  }, [conn, applied]);

  const count = ring.current.length;
  useEffect(() => {
    if (follow && scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [version, follow]);

  const viewport = scroller.current?.clientHeight ?? 600;
  const { first, last } = visibleRange(scrollTop, viewport, ROW, count);
  const rows = useMemo(() => {
    const out: EventItem[] = [];
    for (let i = first; i < last; i++) out.push(ring.current.at(i)!);
    return out;
  }, [first, last, version]);

  const resume = () => {
    ring.current.push(...held.current);
    held.current = [];
    pausedRef.current = false;
    setPaused(false);
    setVersion((v) => v + 1);
  };
  const correlated = selected?.correlationId
    ? ring.current.toArray().filter((e) => e.correlationId === selected.correlationId && e.seq !== selected.seq)
    : [];

  return (
    <section class="events-page" data-page="events">
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const next = { subjects, services, types, grep, range, from, to };
          setApplied(next);
          history_replace(next);
        }}
      >
        <input data-search name="subjects" placeholder="subjects (kryten.>, *.chatmsg)" value={subjects} onInput={(e) => setSubjects((e.target as HTMLInputElement).value)} />
        <input name="services" placeholder="services" value={services} onInput={(e) => setServices((e.target as HTMLInputElement).value)} />
        <input name="types" placeholder="types (status, log, …)" value={types} onInput={(e) => setTypes((e.target as HTMLInputElement).value)} />
        <input name="grep" placeholder="text (regex)" value={grep} onInput={(e) => setGrep((e.target as HTMLInputElement).value)} />
        <select name="range" value={range} onChange={(e) => setRange((e.target as HTMLSelectElement).value)} title="Time range">
          <option value="live">live</option>
          {QUICK_RANGES.map((r) => <option value={r}>last {r}, then live</option>)}
          <option value="custom">from … to …</option>
        </select>
        {range === "custom" && (
          <>
            <input type="datetime-local" step="1" name="from" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} title="from" />
            <input type="datetime-local" step="1" name="to" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} title="to (empty: until now, then live)" />
          </>
        )}
        <button type="submit" data-apply>Apply</button>
        {paused ? (
          <button type="button" onClick={resume} data-resume>Resume ({held.current.length} held)</button>
        ) : (
          <button type="button" onClick={() => ((pausedRef.current = true), setPaused(true))} data-pause>Pause</button>
        )}
        <label class="inline"><input type="checkbox" checked={follow} onChange={(e) => setFollow((e.target as HTMLInputElement).checked)} /> follow</label>
        <button
          type="button"
          class={`ghost ${showStats ? "on" : ""}`}
          data-toggle-stats
          onClick={() => {
            localStorage.setItem("krytend.eventStats", showStats ? "off" : "on");
            setShowStats(!showStats);
          }}
        >
          charts
        </button>
        <button type="button" class="ghost" onClick={() => download("events.json", JSON.stringify(ring.current.toArray(), null, 2), "application/json")}>JSON</button>
        <button type="button" class="ghost" onClick={() => download("events.jsonl", ring.current.toArray().map((e) => JSON.stringify(e)).join("\n") + "\n", "application/x-ndjson")}>JSONL</button>
        <button type="button" class="ghost" onClick={() => download("events.csv", eventsCsv(ring.current.toArray()), "text/csv")}>CSV</button>
      </form>
      {showStats && <EventStatsPanel token={token} narrowed={!!(applied.subjects || applied.types || applied.grep)} service={splitList(applied.services).length === 1 ? splitList(applied.services)[0] : undefined} />}
      <p class="muted stats" data-event-count={count}>
        {count} events shown
        {history && (history.loading ? " · reading the range…" : history.live ? " · history, then live" : " · history (closed range, nothing live)")}
        {history?.more && ` · only the newest ${HISTORY_LIMIT.toLocaleString()} of the range`}
        {" "}· {rate.current.perSec.toFixed(0)}/s
        {ring.current.dropped > 0 && ` · ${ring.current.dropped} older dropped from this page`}
        {lagged > 0 && ` · ${lagged} missed (client too slow)`}
      </p>
      {error && <p class="error" role="alert">{error}</p>}
      <div class="split">
        <div class="vlist" ref={scroller} onScroll={(e) => setScrollTop((e.target as HTMLDivElement).scrollTop)}>
          <div style={{ height: `${count * ROW}px`, position: "relative" }}>
            {rows.map((e, i) => (
              <div
                class={`row ${selected?.seq === e.seq ? "sel" : ""} ${e.malformed ? "bad" : ""}`}
                style={{ top: `${(first + i) * ROW}px` }}
                onClick={() => setSelected(e)}
                data-seq={e.seq}
              >
                <span class="seq">{e.seq}</span>
                <span class="time">{e.received.slice(11, 23)}</span>
                <span class="type">{e.type}</span>
                <span class="subject">{e.subject}</span>
              </div>
            ))}
          </div>
        </div>
        {selected && (
          <aside class="inspector" data-inspector>
            <h2>#{selected.seq} {selected.subject}</h2>
            <button class="ghost" onClick={() => setSelected(null)}>close</button>
            <RequestReply token={token} e={selected} held={ring.current.toArray()} onPick={setSelected} key={selected.seq} />
            <JsonView value={selected} />
            {correlated.length > 0 && (
              <>
                <h3>Correlated</h3>
                {correlated.map((c) => (
                  <p class="link" onClick={() => setSelected(c)}>#{c.seq} {c.subject}</p>
                ))}
              </>
            )}
          </aside>
        )}
      </div>
    </section>
  );
}
