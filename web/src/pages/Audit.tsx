import { useEffect, useState } from "preact/hooks";
import { rest } from "../api";
import { hashParams, permalink } from "../history";

/** A value that follows `value` once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** The control audit trail (`GET /api/v1/audit`), filtered by time, service and actor. */
export function Audit({ token }: { token: string }) {
  const [p] = useState(() => hashParams(location.hash));
  const [since, setSince] = useState(p.get("since") ?? "24h");
  const [service, setService] = useState(p.get("service") ?? "");
  const [actor, setActor] = useState(p.get("actor") ?? "");
  const svc = useSettled(service.trim());
  const who = useSettled(actor.trim());
  const [items, setItems] = useState<any[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let gone = false;
    const q = new URLSearchParams({ since, limit: "500" });
    if (svc) q.set("service", svc);
    if (who) q.set("actor", who);
    history.replaceState(null, "", permalink("#/audit", { since: since === "24h" ? null : since, service: svc, actor: who }));
    rest(token, `/audit?${q}`)
      .then((r) => {
        if (gone) return;
        setItems(r.items ?? []);
        setError(null);
      })
      .catch((e) => !gone && setError(e.message));
    return () => {
      gone = true;
    };
  }, [since, svc, who]);
  return (
    <section data-page="audit">
      <div class="filters">
        <select name="since" value={since} onChange={(e) => setSince((e.target as HTMLSelectElement).value)}>
          {["1h", "24h", "7d", "30d"].map((s) => <option value={s}>last {s}</option>)}
        </select>
        <input data-search name="service" placeholder="service" value={service} onInput={(e) => setService((e.target as HTMLInputElement).value)} />
        <input name="actor" placeholder="actor (token name)" value={actor} onInput={(e) => setActor((e.target as HTMLInputElement).value)} />
      </div>
      {error && <p class="error">{error}</p>}
      <p class="muted" data-audit-count={items?.length ?? ""}>
        {items == null ? "loading…" : `${items.length} records${items.length >= 500 ? " (the newest 500)" : ""}`}
      </p>
      <table class="audit">
        <thead>
          <tr><th>when</th><th>actor</th><th>role</th><th>action</th><th>target</th><th>outcome</th><th>reason</th><th>detail</th></tr>
        </thead>
        <tbody>
          {(items ?? []).map((a) => (
            <tr class={`out-${a.outcome}`} data-actor={a.actor}>
              <td>{a.time}</td><td>{a.actor}</td><td>{a.role}</td><td>{a.action}</td><td>{a.target}</td><td>{a.outcome}</td><td>{a.reason}</td><td>{a.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
