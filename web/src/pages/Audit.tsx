import { useEffect, useState } from "preact/hooks";
import { rest } from "../api";

export function Audit({ token }: { token: string }) {
  const [since, setSince] = useState("24h");
  const [service, setService] = useState("");
  const [actor, setActor] = useState("");
  const [items, setItems] = useState<any[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const q = new URLSearchParams({ since, limit: "500" });
    if (service) q.set("service", service);
    if (actor) q.set("actor", actor);
    rest(token, `/audit?${q}`)
      .then((r) => {
        setItems(r.items ?? []);
        setError(null);
      })
      .catch((e) => setError(e.message));
  }, [since, service, actor]);
  return (
    <section data-page="audit">
      <div class="filters">
        <select value={since} onChange={(e) => setSince((e.target as HTMLSelectElement).value)}>
          {["1h", "24h", "7d", "30d"].map((s) => <option value={s}>last {s}</option>)}
        </select>
        <input placeholder="service" value={service} onChange={(e) => setService((e.target as HTMLInputElement).value)} />
        <input placeholder="actor" value={actor} onChange={(e) => setActor((e.target as HTMLInputElement).value)} />
      </div>
      {error && <p class="error">{error}</p>}
      <table class="audit">
        <thead>
          <tr><th>when</th><th>actor</th><th>role</th><th>action</th><th>target</th><th>outcome</th><th>reason</th><th>detail</th></tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr class={`out-${a.outcome}`}>
              <td>{a.time}</td><td>{a.actor}</td><td>{a.role}</td><td>{a.action}</td><td>{a.target}</td><td>{a.outcome}</td><td>{a.reason}</td><td>{a.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
