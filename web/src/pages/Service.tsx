import { useEffect, useState } from "preact/hooks";
import { ApiError, Connection, rest } from "../api";
import { EventItem, LogItem, Ring, ago, canControl, duration } from "../model";
import { mergeBySeq } from "../history";
import { StatusBadge, useServices } from "./Overview";
import { ServiceCharts } from "../charts/ServiceCharts";
import { Control } from "./Control";
import { ConfigPanel } from "./Config";

export function ServicePage({ conn, token, name }: { conn: Connection; token: string; name: string }) {
  const live = useServices(conn, [name]).get(name);
  const [desc, setDesc] = useState<any>(null);
  const [error, setError] = useState<string | null>(null);
  const [logs, setLogs] = useState<LogItem[]>([]);
  const [recent, setRecent] = useState<EventItem[]>([]);
  useEffect(() => {
    setDesc(null);
    rest(token, `/services/${encodeURIComponent(name)}/describe?events=100`)
      .then(setDesc)
      .catch((e: ApiError) => setError(e.message));
  }, [name, live?.status]);
  useEffect(() => {
    const ring = new Ring<LogItem>(200);
    setLogs([]);
    return conn.subscribe("logs", { services: [name] }, (m) => {
      if (m.type !== "log") return;
      ring.push(...m.records);
      setLogs(ring.toArray());
    });
  }, [conn, name]);
  // The last 100 events: the stored ones, then live after the newest read.
  useEffect(() => {
    let gone = false;
    let unsub: (() => void) | null = null;
    setRecent([]);
    const take = (items: EventItem[]) => setRecent((prev) => mergeBySeq(prev, items).slice(-100));
    rest(token, `/events?service=${encodeURIComponent(name)}&limit=100`)
      .then((d) => d.items ?? [])
      .catch(() => [])
      .then((items: EventItem[]) => {
        if (gone) return;
        take(items);
        const last = items.length ? items[items.length - 1].seq : 0;
        unsub = conn.subscribe("events", { services: [name] }, (m) => m.type === "event" && take(m.events), last ? undefined : new Date().toISOString(), last);
      });
    return () => {
      gone = true;
      unsub?.();
    };
  }, [conn, token, name]);
  if (error) return <p class="error" role="alert">{error}</p>;
  const s = live ?? desc;
  if (!s) return <p class="muted">Loading {name}…</p>;
  const rel = desc?.reliability;
  return (
    <section class="service" data-page="service">
      <h1>
        {name} <StatusBadge status={s.status} />
      </h1>
      {s.statusCause && <p class="cause">{s.statusCause}</p>}
      <div class="grid2">
        <div>
          <dl class="facts">
            <dt>version</dt><dd>{s.version ?? "–"}</dd>
            <dt>host</dt><dd>{s.hostname ?? "–"}</dd>
            <dt>uptime</dt><dd>{duration(s.uptimeSeconds)}</dd>
            <dt>last heartbeat</dt><dd>{ago(s.lastHeartbeat)}</dd>
            <dt>liveness</dt><dd>{s.liveness ?? "–"}</dd>
            <dt>restarts</dt><dd>{s.restartCount ?? 0}</dd>
            {rel && (
              <>
                <dt>availability</dt><dd data-availability>{(rel.availability * 100).toFixed(2)}%</dd>
                <dt>MTBF / MTTR</dt><dd>{duration(rel.mtbfSeconds)} / {duration(rel.mttrSeconds)}</dd>
              </>
            )}
          </dl>
          {canControl(conn.role) && <Control conn={conn} name={name} actions={["restart", "reload", "ping", "shutdown"]} />}
        </div>
        <div>
          <h2>Status timeline</h2>
          <ol class="timeline">
            {(desc?.timeline ?? []).slice().reverse().map((t: any) => (
              <li>
                <time>{t.at}</time> <StatusBadge status={t.from} /> → <StatusBadge status={t.to} /> {t.cause}
              </li>
            ))}
          </ol>
        </div>
      </div>
      <ServiceCharts conn={conn} token={token} name={name} live={live} />
      <ConfigPanel conn={conn} token={token} name={name} />
      <h2>
        Live log <span class="muted"><a href={`#/logs?service=${encodeURIComponent(name)}`}>all in Logs</a></span>
      </h2>
      <pre class="logtail" data-logtail>
        {logs.length === 0 ? <span class="muted">no log lines from {name} yet; they show here as they arrive</span> : logs.map((l) => `${l.time} ${l.level.toUpperCase().padEnd(8)} ${l.message}\n`)}
      </pre>
      <h2>
        Recent events <span class="muted">the last 100, live · <a href={`#/events?service=${encodeURIComponent(name)}&range=1h`}>all in Events</a></span>
      </h2>
      <table class="events" data-recent-events>
        <tbody>
          {recent.slice().reverse().map((e) => (
            <tr>
              <td>{e.seq}</td>
              <td>{e.received}</td>
              <td>{e.type}</td>
              <td>{e.subject}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
