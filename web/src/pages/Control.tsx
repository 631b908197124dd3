import { useState } from "preact/hooks";
import type { Connection } from "../api";

interface Stage {
  stage: string;
  elapsedSeconds: number;
  message: string;
}

const WHAT: Record<string, string> = {
  restart: "A restart is proven: stopped, a new instance, healthy.",
  reload: "The service re-reads its config.",
  shutdown: "The service stops and stays stopped unless its supervisor starts it.",
  ping: "A round trip to the service, answered or not.",
};

/** A short line for a command's result. */
function resultText(action: string, r: any): string {
  if (action === "ping") {
    const rtt = r?.rttMs ?? r?.rtt_ms;
    return typeof rtt === "number" ? `pong in ${rtt.toFixed(1)} ms` : "pong";
  }
  return `${action} done`;
}

/** A restart's stages: a list with their messages, or on a card one line of names (messages on hover). */
function Stages({ stages, compact, live = false }: { stages: Stage[]; compact: boolean; live?: boolean }) {
  if (compact) {
    return (
      <p class="stagepath" data-live-stages={live ? "" : undefined}>
        {stages.map((s, i) => (
          <>
            {i > 0 && " → "}
            <span data-stage={s.stage} title={`+${s.elapsedSeconds.toFixed(1)}s ${s.message}`}>{s.stage}</span>
          </>
        ))}
      </p>
    );
  }
  return (
    <ol class="stages" data-live-stages={live ? "" : undefined}>
      {stages.map((s) => (
        <li data-stage={s.stage}>
          <b>{s.stage}</b> +{s.elapsedSeconds.toFixed(1)}s {s.message}
        </li>
      ))}
    </ol>
  );
}

/**
 * Control actions on one service, each behind the same confirmation
 * dialog with a reason (audited): the service page's control panel and
 * the overview cards' quick actions. Shown to operators only; the server
 * refuses the others whatever the page does.
 */
export function Control({ conn, name, actions, compact = false }: { conn: Connection; name: string; actions: string[]; compact?: boolean }) {
  const [action, setAction] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [result, setResult] = useState<{ ok: boolean; text: string; stages?: Stage[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [fallback, setFallback] = useState(false);
  const [live, setLive] = useState<Stage[]>([]);
  const run = async () => {
    if (!action) return;
    const a = action;
    setBusy(true);
    setResult(null);
    setLive([]);
    setAction(null);
    try {
      const args: Record<string, unknown> = { reason, timeout_seconds: 60 };
      if (a === "restart") {
        args.wait = true;
        args.allowShutdownFallback = fallback;
      }
      const r = await conn.command(a, name, args, (p) => setLive((l) => [...l, p]));
      setResult({ ok: true, text: resultText(a, r), stages: r?.stages });
    } catch (e) {
      setResult({ ok: false, text: `${a}: ${(e as Error).message}` });
    } finally {
      setBusy(false);
      setReason("");
    }
  };
  return (
    <div class={compact ? "control compact" : "control"} data-control>
      {!compact && <h2>Control</h2>}
      <div class="actions">
        {actions.map((a) => (
          <button data-action={a} disabled={busy} class={a === "shutdown" ? "danger" : ""} onClick={() => (setResult(null), setAction(a))}>
            {a}
          </button>
        ))}
      </div>
      {busy && (
        <div data-busy>
          <p class="muted">working…</p>
          <Stages stages={live} compact={compact} live />
        </div>
      )}
      {action && (
        <div class="modal" onClick={(e) => e.target === e.currentTarget && setAction(null)}>
          <form
            class="dialog"
            role="dialog"
            aria-label={`${action} ${name}`}
            data-confirm
            onSubmit={(e) => {
              e.preventDefault();
              run();
            }}
            onKeyDown={(e) => e.key === "Escape" && setAction(null)}
          >
            <h2>
              {action} <b>{name}</b>?
            </h2>
            <p class="muted">{WHAT[action] ?? ""} This is audited with your reason.</p>
            <input placeholder="reason" value={reason} data-reason autoFocus onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
            {action === "restart" && (
              <label class="inline" title="For services without system.restart: stop it and rely on its supervisor to start it again">
                <input type="checkbox" data-fallback checked={fallback} onChange={(e) => setFallback((e.target as HTMLInputElement).checked)} />
                allow shutdown fallback
              </label>
            )}
            <div class="actions">
              <button type="submit" class={action === "shutdown" ? "danger" : ""} data-confirm-go>{action}</button>
              <button type="button" class="ghost" onClick={() => setAction(null)}>cancel</button>
            </div>
          </form>
        </div>
      )}
      {result && (
        <div class={result.ok ? "ok" : "error"} data-result={result.ok ? "ok" : "error"}>
          <p>
            {result.text}
            {compact && (
              <button class="ghost dismiss" title="dismiss" onClick={() => setResult(null)}>
                ×
              </button>
            )}
          </p>
          {result.stages && <Stages stages={result.stages} compact={compact} />}
        </div>
      )}
    </div>
  );
}
