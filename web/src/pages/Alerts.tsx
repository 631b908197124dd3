import { useEffect, useState } from "preact/hooks";
import { Connection, rest } from "../api";
import { ago, canControl } from "../model";

interface AlertDoc {
  fingerprint: string;
  labels: Record<string, string>;
  severity: string;
  summary: string;
  state: string;
  active_at_ms: number;
}

interface SilenceDoc {
  id: string;
  matchers: string[];
  endsAtMs: number;
  author: string;
  comment: string;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The alerts krytend holds, live: refreshed on each `krytend.alert.*` event. */
export function Alerts({ conn, token }: { conn: Connection; token: string }) {
  const [doc, setDoc] = useState<{ items: AlertDoc[]; recent: any[]; silences: SilenceDoc[]; deliveryFailures: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [silencing, setSilencing] = useState<AlertDoc | null>(null);
  const [hours, setHours] = useState("2");
  const [comment, setComment] = useState("");
  const [bump, setBump] = useState(0);
  useEffect(() => {
    rest(token, "/alerts").then(setDoc).catch((e) => setError(e.message));
  }, [bump]);
  useEffect(() => conn.subscribe("events", { types: ["alert"] }, (m) => m.type === "event" && setBump((b) => b + 1)), [conn]);
  const operator = canControl(conn.role);
  const silence = async () => {
    if (!silencing) return;
    const matchers = Object.entries(silencing.labels)
      .filter(([k]) => k === "alertname" || k === "service")
      .map(([k, v]) => `${k}=${v}`);
    try {
      await conn.command("silence", "", { matchers, duration_seconds: Number(hours) * 3600, comment });
      setSilencing(null);
      setComment("");
      setBump((b) => b + 1);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const expire = async (id: string) => {
    try {
      await conn.command("expire_silence", "", { id });
      setBump((b) => b + 1);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (!doc) return <p class="muted">{error ?? "Loading alerts…"}</p>;
  return (
    <section data-page="alerts">
      {error && <p class="error" role="alert">{error}</p>}
      <h2>Firing and pending ({doc.items.length})</h2>
      {doc.items.length === 0 && <p class="muted" data-no-alerts>Nothing is firing.</p>}
      <table class="alerts-table">
        <tbody>
          {doc.items.map((a) => (
            <tr class={`sev-${a.severity}`} data-alert={a.labels.alertname} data-alert-service={a.labels.service ?? ""}>
              <td>{a.state}</td>
              <td><b>{a.severity}</b></td>
              <td>{a.labels.alertname}</td>
              <td>{a.labels.service ?? "krytend"}</td>
              <td>{ago(iso(a.active_at_ms))}</td>
              <td>{a.summary}</td>
              <td>{operator && <button data-silence onClick={() => setSilencing(a)}>silence…</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {silencing && (
        <div class="dialog" role="dialog" data-silence-dialog>
          <p>
            Silence <b>{silencing.labels.alertname}</b> for <b>{silencing.labels.service ?? "krytend"}</b>? Notifications stop; the alert is still shown. Audited.
          </p>
          <label>hours <input value={hours} size={4} onInput={(e) => setHours((e.target as HTMLInputElement).value)} /></label>
          <input placeholder="why" value={comment} data-silence-comment onInput={(e) => setComment((e.target as HTMLInputElement).value)} />
          <button onClick={silence} data-silence-go>silence</button>
          <button class="ghost" onClick={() => setSilencing(null)}>cancel</button>
        </div>
      )}
      <h2>Silences ({doc.silences.length})</h2>
      <table>
        <tbody>
          {doc.silences.map((s) => (
            <tr data-silence-id={s.id}>
              <td><code>{s.id}</code></td>
              <td>{s.matchers.join(", ")}</td>
              <td>until {iso(s.endsAtMs)}</td>
              <td>{s.author}</td>
              <td>{s.comment}</td>
              <td>{operator && <button onClick={() => expire(s.id)} data-expire>expire</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Recent</h2>
      {doc.deliveryFailures > 0 && <p class="error">{doc.deliveryFailures} notification deliveries failed since krytend started.</p>}
      <ol class="timeline">
        {doc.recent.map((t) => (
          <li>
            {t.kind === "alert_firing" ? "firing" : "resolved"} · {t.alert.labels.alertname} {t.alert.labels.service ?? ""} — {t.alert.summary}
          </li>
        ))}
      </ol>
    </section>
  );
}
