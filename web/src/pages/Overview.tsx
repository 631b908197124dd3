import { useEffect, useMemo, useState } from "preact/hooks";
import type { Connection } from "../api";
import { alertTarget, sortAlerts } from "../series";
import { useLiveAlerts } from "./Alerts";
import { Control } from "./Control";
import { Service, ago, canControl, countByStatus, duration, healthScore, matchesSearch, sortServices, STATUS_ORDER } from "../model";

/** Every service, live: the first update per service, then each change. */
export function useServices(conn: Connection, names: string[] = []): Map<string, Service> {
  const [services, setServices] = useState(new Map<string, Service>());
  useEffect(() => {
    setServices(new Map());
    return conn.subscribe("services", { services: names }, (m) => {
      if (m.type !== "service_update") return;
      setServices((prev) => new Map(prev).set(m.service.name, m.service));
    });
  }, [conn, names.join(",")]);
  return services;
}

function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge st-${status}`} data-status={status}>{status}</span>;
}

function Card({ s, now, conn }: { s: Service; now: number; conn: Connection }) {
  const hb = s.lastHeartbeat ? Date.parse(s.lastHeartbeat) : NaN;
  const fresh = !Number.isNaN(hb) && now - hb < 1500;
  return (
    <article class={`card st-${s.status}`} data-service={s.name}>
      <header>
        <a href={`#/services/${encodeURIComponent(s.name)}`} class="name">{s.name}</a>
        <StatusBadge status={s.status} />
      </header>
      {s.statusCause && <p class="cause">{s.statusCause}</p>}
      <dl>
        <dt>version</dt><dd>{s.version ?? "–"}</dd>
        <dt>host</dt><dd>{s.hostname ?? "–"}</dd>
        <dt>uptime</dt><dd>{duration(s.uptimeSeconds)}</dd>
        <dt>heartbeat</dt>
        <dd><span class={`pulse ${fresh ? "beat" : ""}`} />{ago(s.lastHeartbeat, now)}</dd>
        <dt>interval</dt><dd>{s.heartbeatIntervalSeconds ? `${s.heartbeatIntervalSeconds.toFixed(1)}s` : s.liveness ?? "–"}</dd>
        <dt>restarts</dt><dd>{s.restartCount ?? 0}</dd>
      </dl>
      {canControl(conn.role) && (
        <footer>
          <Control conn={conn} name={s.name} actions={["ping", "restart", "reload"]} compact />
        </footer>
      )}
    </article>
  );
}

export function Overview({ conn }: { conn: Connection }) {
  const services = useServices(conn);
  const live = useLiveAlerts(conn);
  const active = useMemo(() => sortAlerts([...(live?.values() ?? [])]), [live]);
  const alerts = active.filter((a) => a.state === "firing");
  const pending = active.length - alerts.length;
  const now = useNow();
  const [q, setQ] = useState("");
  const [only, setOnly] = useState<string | null>(null);
  const list = useMemo(() => sortServices([...services.values()]), [services]);
  const counts = countByStatus(list);
  const shown = list.filter((s) => matchesSearch(s, q) && (!only || s.status === only));
  return (
    <section class="overview">
      <div class="summary">
        <div class="score" data-score={healthScore(list)}>
          <span class="big">{healthScore(list)}</span>
          <span>health</span>
        </div>
        {STATUS_ORDER.filter((st) => counts[st]).map((st) => (
          <button class={`count st-${st} ${only === st ? "on" : ""}`} onClick={() => setOnly(only === st ? null : st)} data-count={st}>
            <span class="big">{counts[st]}</span>
            <span>{st}</span>
          </button>
        ))}
        <input data-search type="search" placeholder="Filter services ( / )" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      </div>
      <div class="heatmap" aria-label="health heatmap">
        {list.map((s) => (
          <a href={`#/services/${encodeURIComponent(s.name)}`} class={`cell st-${s.status}`} title={`${s.name}: ${s.status}`} />
        ))}
      </div>
      {(alerts.length > 0 || pending > 0) && (
        <div class="alerts" data-alerts>
          <h2>
            <a href="#/alerts">Firing now ({alerts.length})</a>
            {pending > 0 && <span class="muted"> · {pending} pending</span>}
          </h2>
          {alerts.slice(0, 8).map((a) => (
            <p class={`alert sev-${a.severity}`} data-firing={a.fingerprint}>
              <b>{a.severity}</b> <a href={`#/alerts/${encodeURIComponent(a.fingerprint)}`}>{a.labels.alertname ?? "alert"}</a>{" "}
              {alertTarget(a)}: {a.summary} <time>{ago(a.firedAt ?? a.activeAt, now)}</time>
            </p>
          ))}
          {alerts.length > 8 && <p class="muted"><a href="#/alerts">and {alerts.length - 8} more…</a></p>}
        </div>
      )}
      {list.length === 0 ? (
        <p class="empty">No services seen yet. They appear here as soon as they announce themselves on the bus.</p>
      ) : (
        <div class="cards">{shown.map((s) => <Card key={s.name} s={s} now={now} conn={conn} />)}</div>
      )}
    </section>
  );
}
