import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiError, Connection, rest } from "../api";
import { ago, canControl, duration } from "../model";
import { Alert, alertTarget, applyAlertMessage, silenceMatchers, sortAlerts } from "../series";

export interface Silence {
  id: string;
  matchers: string[];
  startsAt: string;
  endsAt: string;
  author: string;
  comment: string;
}

export interface Maintenance {
  name: string;
  matchers: string[];
  startsAt: string | null;
  endsAt: string | null;
  cron: string | null;
  timeZone: string | null;
  duration: number | null;
  active: boolean;
  activeUntil: string | null;
  nextStart: string | null;
}

interface Transition {
  kind: "alert_firing" | "alert_resolved" | string;
  at: string;
  alert: Alert;
}

interface AlertList {
  kind: "AlertList";
  items: Alert[];
  resolved: Alert[];
  recent: Transition[];
  silences: Silence[];
  maintenance: Maintenance[];
  deliveryFailures: number;
}

interface AlertDescription {
  kind: "AlertDescription";
  alert: Alert;
  timeline: Transition[];
  deliveries: { at: string; receiver: string; ok: boolean; status: number; error: string }[];
  silences: Silence[];
  maintenance: Maintenance[];
  receivers: string[];
}

/** Pending and firing alerts, live from the `alerts` stream (a snapshot, then each change). */
export function useLiveAlerts(conn: Connection, onChange?: (m: any) => void): Map<string, Alert> | null {
  const [alerts, setAlerts] = useState<Map<string, Alert> | null>(null);
  const cb = useRef(onChange);
  cb.current = onChange;
  useEffect(() => {
    setAlerts(null);
    return conn.subscribe("alerts", {}, (m) => {
      // The daemon's alert state: a snapshot, then changes (anything else is not ours).
      const ok = (m.type === "alerts" && Array.isArray(m.items)) || (m.type === "alert" && m.alert?.fingerprint);
      if (!ok) return;
      setAlerts((prev) => applyAlertMessage(prev ?? new Map(), m));
      cb.current?.(m);
    });
  }, [conn]);
  return alerts;
}

function name(a: Alert): string {
  return a.labels.alertname ?? "alert";
}

function when(iso: string | null | undefined): string {
  if (!iso) return "–";
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? iso : t.toLocaleString();
}

function SilenceDialog({ conn, alert, onDone, onCancel }: { conn: Connection; alert: Alert; onDone: (id: string) => void; onCancel: () => void }) {
  const [hours, setHours] = useState("2");
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const matchers = silenceMatchers(alert);
  const go = async () => {
    const h = Number(hours);
    if (!(h > 0)) return setError("hours must be a positive number");
    setBusy(true);
    try {
      const r = await conn.command("silence", "", { matchers, duration_seconds: Math.round(h * 3600), comment });
      onDone(r?.id ?? "");
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="dialog" role="dialog" data-silence-dialog>
      <p>
        Silence <b>{name(alert)}</b> for <b>{alertTarget(alert)}</b> (<code>{matchers.join(", ")}</code>)? Notifications stop; the alert is still shown. Audited.
      </p>
      <label>hours <input value={hours} size={4} onInput={(e) => setHours((e.target as HTMLInputElement).value)} /></label>
      <input placeholder="why" value={comment} data-silence-comment onInput={(e) => setComment((e.target as HTMLInputElement).value)} />
      <button onClick={go} disabled={busy} data-silence-go>silence</button>
      <button class="ghost" onClick={onCancel}>cancel</button>
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}

function AlertRows({ list, operator, onSilence, now }: { list: Alert[]; operator: boolean; onSilence: (a: Alert) => void; now: number }) {
  return (
    <table class="alerts-table">
      <tbody>
        {list.map((a) => (
          <tr
            class={`sev-${a.severity} clickable`}
            data-alert={name(a)}
            data-alert-service={a.labels.service ?? ""}
            data-fingerprint={a.fingerprint}
            data-state={a.state}
            onClick={() => (location.hash = `#/alerts/${encodeURIComponent(a.fingerprint)}`)}
          >
            <td><span class={`badge al-${a.state}`}>{a.state}</span></td>
            <td><b>{a.severity}</b></td>
            <td><a href={`#/alerts/${encodeURIComponent(a.fingerprint)}`}>{name(a)}</a></td>
            <td>{alertTarget(a)}</td>
            <td title={a.state === "resolved" ? `resolved ${when(a.resolvedAt)}` : a.firedAt ? `firing since ${when(a.firedAt)}` : `pending since ${when(a.activeAt)}`}>
              {a.state === "resolved" ? `resolved ${ago(a.resolvedAt, now)}` : a.firedAt ? `firing ${ago(a.firedAt, now)}` : `pending ${ago(a.activeAt, now)}`}
            </td>
            <td>{a.summary}</td>
            <td>
              {operator && a.state !== "resolved" && (
                <button
                  data-silence
                  onClick={(e) => {
                    e.stopPropagation();
                    onSilence(a);
                  }}
                >
                  silence…
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MaintenanceList({ list }: { list: Maintenance[] }) {
  if (list.length === 0) return <p class="muted" data-no-maintenance>No maintenance windows are configured.</p>;
  return (
    <table data-maintenance-list>
      <tbody>
        {list.map((m) => (
          <tr data-maintenance={m.name} data-active={m.active ? "true" : "false"}>
            <td><b>{m.name}</b></td>
            <td><code>{m.matchers.join(", ") || "everything"}</code></td>
            <td>
              {m.cron
                ? `cron ${m.cron}${m.timeZone ? ` (${m.timeZone})` : ""} for ${duration(m.duration)}`
                : `${when(m.startsAt)} – ${when(m.endsAt)}`}
            </td>
            <td>
              {m.active ? (
                <span class="badge al-firing">in force{m.activeUntil ? ` until ${when(m.activeUntil)}` : ""}</span>
              ) : m.nextStart ? (
                <span class="muted">next {when(m.nextStart)}</span>
              ) : (
                <span class="muted">over</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SilenceList({ list, operator, onExpire }: { list: Silence[]; operator: boolean; onExpire: (id: string) => void }) {
  if (list.length === 0) return <p class="muted">No silences in force.</p>;
  return (
    <table>
      <tbody>
        {list.map((s) => (
          <tr data-silence-id={s.id}>
            <td><code>{s.id}</code></td>
            <td><code>{s.matchers.join(", ")}</code></td>
            <td>until {when(s.endsAt)}</td>
            <td>{s.author}</td>
            <td>{s.comment}</td>
            <td>{operator && <button onClick={() => onExpire(s.id)} data-expire>expire</button>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const TABS = ["firing", "pending", "resolved", "silences", "maintenance"] as const;
type Tab = (typeof TABS)[number];

const SINCE = [
  { label: "1 hour", v: "1h" },
  { label: "6 hours", v: "6h" },
  { label: "24 hours", v: "24h" },
  { label: "7 days", v: "7d" },
];

function useNow(ms = 5000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/**
 * The alerts krytend holds: pending and firing live from the `alerts`
 * stream; resolved ones since a chosen time, silences and maintenance
 * windows from `GET /api/v1/alerts` (read again every minute and after
 * this page's own silences).
 */
function AlertsList({ conn, token }: { conn: Connection; token: string }) {
  const [doc, setDoc] = useState<AlertList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>("firing");
  const [since, setSince] = useState("24h");
  const [silencing, setSilencing] = useState<Alert | null>(null);
  const [bump, setBump] = useState(0);
  const [resolvedLive, setResolvedLive] = useState<Alert[]>([]);
  const [recentLive, setRecentLive] = useState<Transition[]>([]);
  const now = useNow();
  const live = useLiveAlerts(conn, (m) => {
    if (m.type !== "alert" || !m.alert) return;
    if (m.transition === "resolved") setResolvedLive((r) => [m.alert, ...r].slice(0, 500));
    if (m.transition === "firing" || m.transition === "resolved") {
      const at = (m.transition === "resolved" ? m.alert.resolvedAt : m.alert.firedAt) ?? new Date().toISOString();
      setRecentLive((r) => [{ kind: `alert_${m.transition}`, at, alert: m.alert }, ...r].slice(0, 100));
    }
  });
  useEffect(() => {
    let gone = false;
    rest<AlertList>(token, `/alerts?since=${encodeURIComponent(since)}`)
      .then((d) => {
        if (gone) return;
        setDoc(d);
        setResolvedLive([]);
        setRecentLive([]);
        setError(null);
      })
      .catch((e) => !gone && setError(e.message));
    const t = setInterval(() => setBump((b) => b + 1), 60_000);
    return () => {
      gone = true;
      clearInterval(t);
    };
  }, [token, since, bump]);
  const operator = canControl(conn.role);
  const active = useMemo(() => sortAlerts([...(live ?? new Map(doc?.items?.map((a) => [a.fingerprint, a]) ?? [])).values()]), [live, doc]);
  const firing = active.filter((a) => a.state === "firing");
  const pending = active.filter((a) => a.state !== "firing");
  const resolved = useMemo(() => {
    const seen = new Set<string>();
    const out: Alert[] = [];
    for (const a of [...resolvedLive, ...(doc?.resolved ?? [])]) {
      const k = `${a.fingerprint}@${a.resolvedAt}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(a);
    }
    return out.sort((a, b) => Date.parse(b.resolvedAt ?? "") - Date.parse(a.resolvedAt ?? ""));
  }, [resolvedLive, doc]);
  const recent = useMemo(() => {
    const seen = new Set<string>();
    return [...recentLive, ...(doc?.recent ?? [])].filter((t) => {
      const k = `${t.kind}|${t.alert.fingerprint}|${t.at}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }, [recentLive, doc]);
  const expire = async (id: string) => {
    try {
      await conn.command("expire_silence", "", { id });
      setBump((b) => b + 1);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (!doc && !live) return <p class="muted">{error ?? "Loading alerts…"}</p>;
  const silences = doc?.silences ?? [];
  const maintenance = doc?.maintenance ?? [];
  const counts: Record<Tab, number> = {
    firing: firing.length,
    pending: pending.length,
    resolved: resolved.length,
    silences: silences.length,
    maintenance: maintenance.length,
  };
  const inForce = maintenance.filter((m) => m.active);
  return (
    <section data-page="alerts">
      {error && <p class="error" role="alert">{error}</p>}
      {(doc?.deliveryFailures ?? 0) > 0 && (
        <p class="error" data-delivery-failures>{doc!.deliveryFailures} notification deliveries failed since krytend started.</p>
      )}
      {inForce.length > 0 && (
        <p class="notice" data-maintenance-in-force>
          Maintenance in force: {inForce.map((m) => m.name).join(", ")} — matching alerts notify no one.
        </p>
      )}
      <div class="tabs" role="tablist">
        {TABS.map((t) => (
          <button role="tab" class={`ghost ${tab === t ? "on" : ""}`} aria-selected={tab === t} onClick={() => setTab(t)} data-tab={t}>
            {t} <span class="n">{counts[t]}</span>
          </button>
        ))}
      </div>
      {silencing && (
        <SilenceDialog
          conn={conn}
          alert={silencing}
          onCancel={() => setSilencing(null)}
          onDone={() => {
            setSilencing(null);
            setTab("silences");
            setBump((b) => b + 1);
          }}
        />
      )}
      {tab === "firing" &&
        (firing.length === 0 ? (
          <p class="muted" data-no-alerts>Nothing is firing.{pending.length ? ` ${pending.length} pending.` : ""}</p>
        ) : (
          <AlertRows list={firing} operator={operator} onSilence={setSilencing} now={now} />
        ))}
      {tab === "pending" &&
        (pending.length === 0 ? <p class="muted">Nothing is pending.</p> : <AlertRows list={pending} operator={operator} onSilence={setSilencing} now={now} />)}
      {tab === "resolved" && (
        <>
          <p class="ranges">
            since{" "}
            {SINCE.map((s) => (
              <button class={`ghost ${since === s.v ? "on" : ""}`} onClick={() => setSince(s.v)} data-since={s.v}>{s.label}</button>
            ))}
          </p>
          {resolved.length === 0 ? <p class="muted">Nothing resolved in that time.</p> : <AlertRows list={resolved} operator={false} onSilence={setSilencing} now={now} />}
        </>
      )}
      {tab === "silences" && <SilenceList list={silences} operator={operator} onExpire={expire} />}
      {tab === "maintenance" && <MaintenanceList list={maintenance} />}
      <h2>Recent transitions</h2>
      {recent.length === 0 && <p class="muted">None yet.</p>}
      <ol class="timeline" data-recent>
        {recent.map((t) => (
          <li>
            <time>{when(t.at)}</time> {t.kind === "alert_firing" ? "firing" : "resolved"} ·{" "}
            <a href={`#/alerts/${encodeURIComponent(t.alert.fingerprint)}`}>{name(t.alert)}</a> {alertTarget(t.alert)} — {t.alert.summary}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** One alert: its labels, timeline, deliveries, and what silences or holds it. */
function AlertDetail({ conn, token, fingerprint }: { conn: Connection; token: string; fingerprint: string }) {
  const [doc, setDoc] = useState<AlertDescription | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [bump, setBump] = useState(0);
  const [silencing, setSilencing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  useLiveAlerts(conn, (m) => {
    if (m.type === "alert" && m.alert?.fingerprint === fingerprint) setBump((b) => b + 1);
  });
  useEffect(() => {
    let gone = false;
    rest<AlertDescription>(token, `/alerts/${encodeURIComponent(fingerprint)}`)
      .then((d) => !gone && (setDoc(d), setError(null)))
      .catch((e) => !gone && setError(e instanceof ApiError && e.status === 404 ? `No alert ${fingerprint} is known (it may have aged out).` : e.message));
    return () => {
      gone = true;
    };
  }, [token, fingerprint, bump]);
  if (!doc) return <p class={error ? "error" : "muted"}>{error ?? "Loading the alert…"}</p>;
  const a = doc.alert;
  return (
    <section data-page="alert" data-fingerprint={a.fingerprint}>
      <p><a href="#/alerts">← alerts</a></p>
      <h1>
        {name(a)} <span class="muted">{alertTarget(a)}</span> <span class={`badge al-${a.state}`} data-alert-state={a.state}>{a.state}</span>
      </h1>
      <p class={`sev-${a.severity}`}><b>{a.severity}</b> {a.summary}</p>
      {canControl(conn.role) && a.state !== "resolved" && !silencing && (
        <button onClick={() => setSilencing(true)} data-silence>silence this alert…</button>
      )}
      {silencing && (
        <SilenceDialog
          conn={conn}
          alert={a}
          onCancel={() => setSilencing(false)}
          onDone={(id) => {
            setSilencing(false);
            setDone(`Silenced (${id}).`);
            setBump((b) => b + 1);
          }}
        />
      )}
      {done && <p class="ok">{done}</p>}
      <div class="grid2">
        <div>
          <dl class="facts">
            <dt>fingerprint</dt><dd><code>{a.fingerprint}</code></dd>
            <dt>active since</dt><dd>{when(a.activeAt)}</dd>
            <dt>firing since</dt><dd>{when(a.firedAt)}</dd>
            <dt>resolved</dt><dd>{when(a.resolvedAt)}</dd>
            <dt>receivers</dt><dd>{doc.receivers.length ? doc.receivers.join(", ") : "none (no route matches)"}</dd>
            {Object.entries(a.labels).map(([k, v]) => (
              <>
                <dt>{k}</dt><dd><code>{v}</code></dd>
              </>
            ))}
          </dl>
        </div>
        <div>
          <h2>Timeline</h2>
          <ol class="timeline" data-alert-timeline>
            {doc.timeline.map((t) => (
              <li data-kind={t.kind}>
                <time>{when(t.at)}</time> <b>{t.kind.replace(/^alert_/, "")}</b> {t.alert?.summary ?? ""}
              </li>
            ))}
          </ol>
        </div>
      </div>
      <h2>Notifications</h2>
      {doc.deliveries.length === 0 ? (
        <p class="muted">None sent.</p>
      ) : (
        <table data-deliveries>
          <tbody>
            {doc.deliveries.map((d) => (
              <tr class={d.ok ? "" : "bad"}>
                <td><time>{when(d.at)}</time></td>
                <td>{d.receiver}</td>
                <td class={d.ok ? "ok" : "error"}>{d.ok ? "delivered" : "failed"}</td>
                <td>{d.status || ""}</td>
                <td>{d.error}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Silences matching</h2>
      <SilenceList list={doc.silences} operator={false} onExpire={() => {}} />
      <h2>Maintenance windows matching</h2>
      <MaintenanceList list={doc.maintenance} />
    </section>
  );
}

export function Alerts({ conn, token, fingerprint }: { conn: Connection; token: string; fingerprint?: string }) {
  return fingerprint ? <AlertDetail conn={conn} token={token} fingerprint={fingerprint} /> : <AlertsList conn={conn} token={token} />;
}
