import { useEffect, useState } from "preact/hooks";
import { ApiError, Connection, rest } from "../api";
import { LogItem, Ring, ago, canControl, duration } from "../model";
import { StatusBadge, useServices } from "./Overview";
import { JsonView } from "./Events";

interface Stage {
  stage: string;
  elapsedSeconds: number;
  message: string;
}

function Control({ conn, name }: { conn: Connection; name: string }) {
  const [action, setAction] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [result, setResult] = useState<{ ok: boolean; text: string; stages?: Stage[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [fallback, setFallback] = useState(false);
  const [live, setLive] = useState<Stage[]>([]);
  const run = async () => {
    if (!action) return;
    setBusy(true);
    setResult(null);
    setLive([]);
    try {
      const args: Record<string, unknown> = { reason, timeout_seconds: 60 };
      if (action === "restart") {
        args.wait = true;
        args.allowShutdownFallback = fallback;
      }
      const r = await conn.command(action, name, args, (p) => setLive((l) => [...l, p]));
      setResult({ ok: true, text: `${action} done`, stages: r?.stages });
    } catch (e) {
      setResult({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
      setAction(null);
      setReason("");
    }
  };
  return (
    <div class="control" data-control>
      <h2>Control</h2>
      {["restart", "reload", "shutdown"].map((a) => (
        <button data-action={a} disabled={busy} class={a === "shutdown" ? "danger" : ""} onClick={() => setAction(a)}>
          {a}
        </button>
      ))}
      {busy && (
        <div data-busy>
          <p class="muted">working… (a restart is proven: stopped, a new instance, healthy)</p>
          <ol class="stages" data-live-stages>
            {live.map((s) => (
              <li data-stage={s.stage}>
                <b>{s.stage}</b> +{s.elapsedSeconds.toFixed(1)}s {s.message}
              </li>
            ))}
          </ol>
        </div>
      )}
      {action && (
        <div class="dialog" role="dialog" data-confirm>
          <p>
            {action} <b>{name}</b>? This is audited.
          </p>
          <input placeholder="reason" value={reason} data-reason onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
          {action === "restart" && (
            <label class="inline" title="For services without system.restart: stop it and rely on its supervisor to start it again">
              <input type="checkbox" data-fallback checked={fallback} onChange={(e) => setFallback((e.target as HTMLInputElement).checked)} />
              allow shutdown fallback
            </label>
          )}
          <button onClick={run} data-confirm-go>{action}</button>
          <button class="ghost" onClick={() => setAction(null)}>cancel</button>
        </div>
      )}
      {result && (
        <div class={result.ok ? "ok" : "error"} data-result={result.ok ? "ok" : "error"}>
          <p>{result.text}</p>
          {result.stages && (
            <ol class="stages">
              {result.stages.map((s) => (
                <li data-stage={s.stage}>
                  <b>{s.stage}</b> +{s.elapsedSeconds.toFixed(1)}s {s.message}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </div>
  );
}

export function ServicePage({ conn, token, name }: { conn: Connection; token: string; name: string }) {
  const live = useServices(conn, [name]).get(name);
  const [desc, setDesc] = useState<any>(null);
  const [error, setError] = useState<string | null>(null);
  const [config, setConfig] = useState<any>(null);
  const [configError, setConfigError] = useState<string | null>(null);
  const [logs, setLogs] = useState<LogItem[]>([]);
  useEffect(() => {
    setDesc(null);
    rest(token, `/services/${encodeURIComponent(name)}/describe?events=100`)
      .then(setDesc)
      .catch((e: ApiError) => setError(e.message));
    rest(token, `/configs/${encodeURIComponent(name)}`)
      .then(setConfig)
      .catch((e: ApiError) => setConfigError(e.message));
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
          {canControl(conn.role) && <Control conn={conn} name={name} />}
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
      <h2>Config</h2>
      {config ? <JsonView value={config.config} /> : <p class="muted">{configError ?? "loading…"}</p>}
      <h2>Live log</h2>
      <pre class="logtail" data-logtail>
        {logs.map((l) => `${l.time} ${l.level.toUpperCase().padEnd(8)} ${l.message}\n`)}
      </pre>
      <h2>Recent events</h2>
      <table class="events">
        <tbody>
          {(desc?.recentEvents ?? []).map((e: any) => (
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
