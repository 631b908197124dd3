import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Connection } from "../api";
import { EventItem, Ring, eventsCsv, visibleRange } from "../model";

const ROW = 24;
/** Events held in the page; older ones are dropped (and counted). */
const KEEP = 20_000;

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

function splitList(s: string): string[] {
  return s.split(",").map((x) => x.trim()).filter(Boolean);
}

export function Events({ conn }: { conn: Connection }) {
  const [subjects, setSubjects] = useState("");
  const [services, setServices] = useState("");
  const [types, setTypes] = useState("");
  const [grep, setGrep] = useState("");
  const [applied, setApplied] = useState({ subjects: "", services: "", types: "", grep: "" });
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
    const filters = {
      subjects: splitList(applied.subjects),
      services: splitList(applied.services),
      types: splitList(applied.types),
      grep: applied.grep || undefined,
    };
    const unsub = conn.subscribe(
      "events",
      filters,
      (m) => {
        if (m.type === "lagged") setLagged((n) => n + (m.missed ?? 0));
        if (m.type === "error") setError(m.message);
        if (m.type !== "event") return;
        rate.current.n += m.events.length;
        // Paused: kept, not shown, so resuming loses nothing.
        if (pausedRef.current) held.current.push(...m.events);
        else ring.current.push(...m.events);
        // One render per frame whatever the event rate.
        if (!frame) frame = requestAnimationFrame(() => ((frame = 0), setVersion((v) => v + 1)));
      },
      new Date(Date.now() - 5 * 60_000).toISOString(),
    );
    const t = setInterval(() => {
      const r = rate.current;
      const now = Date.now();
      r.perSec = (r.n * 1000) / Math.max(1, now - r.since);
      r.n = 0;
      r.since = now;
    }, 2000);
    return () => {
      unsub();
      clearInterval(t);
      if (frame) cancelAnimationFrame(frame);
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
          setApplied({ subjects, services, types, grep });
        }}
      >
        <input data-search name="subjects" placeholder="subjects (kryten.>, *.chatmsg)" value={subjects} onInput={(e) => setSubjects((e.target as HTMLInputElement).value)} />
        <input name="services" placeholder="services" value={services} onInput={(e) => setServices((e.target as HTMLInputElement).value)} />
        <input name="types" placeholder="types (status, log, …)" value={types} onInput={(e) => setTypes((e.target as HTMLInputElement).value)} />
        <input name="grep" placeholder="text (regex)" value={grep} onInput={(e) => setGrep((e.target as HTMLInputElement).value)} />
        <button type="submit" data-apply>Apply</button>
        {paused ? (
          <button type="button" onClick={resume} data-resume>Resume ({held.current.length} held)</button>
        ) : (
          <button type="button" onClick={() => ((pausedRef.current = true), setPaused(true))} data-pause>Pause</button>
        )}
        <label class="inline"><input type="checkbox" checked={follow} onChange={(e) => setFollow((e.target as HTMLInputElement).checked)} /> follow</label>
        <button type="button" class="ghost" onClick={() => download("events.json", JSON.stringify(ring.current.toArray(), null, 2), "application/json")}>JSON</button>
        <button type="button" class="ghost" onClick={() => download("events.jsonl", ring.current.toArray().map((e) => JSON.stringify(e)).join("\n") + "\n", "application/x-ndjson")}>JSONL</button>
        <button type="button" class="ghost" onClick={() => download("events.csv", eventsCsv(ring.current.toArray()), "text/csv")}>CSV</button>
      </form>
      <p class="muted stats" data-event-count={count}>
        {count} events shown · {rate.current.perSec.toFixed(0)}/s
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
