import { useEffect, useRef, useState } from "preact/hooks";
import type { Connection } from "../api";
import { LogItem, Ring, compileSearch } from "../model";

const KEEP = 5_000;

export function Logs({ conn }: { conn: Connection }) {
  const params = new URLSearchParams(location.hash.split("?")[1] ?? "");
  const [level, setLevel] = useState(params.get("level") ?? "");
  const [services, setServices] = useState(params.get("service") ?? "");
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [since] = useState(params.get("since") ?? new Date(Date.now() - 15 * 60_000).toISOString());
  const ring = useRef(new Ring<LogItem>(KEEP));
  const [, setVersion] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const { re, error } = compileSearch(search);

  useEffect(() => {
    ring.current.clear();
    setVersion((v) => v + 1);
    let frame = 0;
    const filters: Record<string, unknown> = {
      services: services.split(",").map((s) => s.trim()).filter(Boolean),
      levels: level ? [level] : [],
    };
    return conn.subscribe(
      "logs",
      filters,
      (m) => {
        if (m.type !== "log") return;
        ring.current.push(...m.records);
        if (!frame) frame = requestAnimationFrame(() => ((frame = 0), setVersion((v) => v + 1)));
      },
      since,
    );
  }, [conn, level, services, since]);

  const lines = ring.current.toArray().filter((l) => !re || re.test(l.message) || re.test(l.service));
  const permalink = `#/logs?since=${encodeURIComponent(since)}&level=${level}&service=${encodeURIComponent(services)}&q=${encodeURIComponent(search)}`;
  const download = () => {
    const text = lines.map((l) => `${l.time} ${l.service} ${l.level} ${l.message}${l.exception ? "\n" + l.exception : ""}`).join("\n");
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text + "\n"], { type: "text/plain" }));
    a.download = "logs.txt";
    a.click();
  };
  return (
    <section class="logs-page" data-page="logs">
      <div class="filters">
        <button class={level === "" ? "on" : ""} onClick={() => setLevel("")}>all</button>
        <button class={level === "warning" ? "on" : ""} onClick={() => setLevel("warning")} data-level="warning">warnings+</button>
        <button class={level === "error" ? "on" : ""} onClick={() => setLevel("error")} data-level="error">errors</button>
        <input placeholder="services" value={services} onChange={(e) => setServices((e.target as HTMLInputElement).value)} />
        <input data-search placeholder="search (regex)" value={search} onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
        <a href={permalink} class="ghost">permalink</a>
        <button class="ghost" onClick={download}>download</button>
      </div>
      {error && <p class="error">{error}</p>}
      <p class="muted" data-log-count={lines.length}>{lines.length} lines</p>
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
