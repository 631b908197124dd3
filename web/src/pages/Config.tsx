import { useEffect, useState } from "preact/hooks";
import { Connection, rest } from "../api";
import { ago } from "../model";
import { ConfigChange, ConfigRevision, diffConfigs, diffLines, newestFirst } from "../history";
import { JsonView } from "./Events";

/**
 * A service's config as krytend recorded it (secrets redacted by the
 * daemon): the revisions, newest first; a revision's document and what
 * changed from the one before it (compared here, path by path as krytend
 * does: its REST diff compares only with the latest). A new revision arrives as a `config`
 * event on the WebSocket, and the list is read again then.
 */
export function ConfigPanel({ conn, token, name }: { conn: Connection; token: string; name: string }) {
  const [revs, setRevs] = useState<ConfigRevision[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const [doc, setDoc] = useState<any>(null);
  const [diff, setDiff] = useState<{ from: string; to: string; changes: ConfigChange[] } | null>(null);
  const [view, setView] = useState<"config" | "diff">("config");
  const [drift, setDrift] = useState<string | null>(null);
  const [bump, setBump] = useState(0);
  const svc = encodeURIComponent(name);

  useEffect(() => {
    let gone = false;
    // The current config first: when none is stored, krytend asks the service.
    rest(token, `/configs/${svc}`)
      .then(() => rest(token, `/configs/${svc}/history`))
      .then((h) => {
        if (gone) return;
        setRevs(newestFirst(h.items ?? []));
        setError(null);
      })
      .catch((e) => !gone && setError((e as Error).message));
    return () => {
      gone = true;
    };
  }, [token, name, bump]);

  useEffect(
    () =>
      conn.subscribe("events", { services: [name], types: ["config", "drift"] }, (m) => {
        if (m.type !== "event") return;
        for (const e of m.events) if (e.type === "drift") setDrift((e.payload as any)?.reason ?? "drift");
        if (m.events.some((e: any) => e.type === "config")) {
          setDrift((d) => (m.events.some((e: any) => e.type === "drift") ? d : null));
          setPicked(null);
          setBump((b) => b + 1);
        }
      }),
    [conn, name],
  );

  const latest = revs?.[0]?.rev ?? 0;
  const rev = picked ?? latest;
  useEffect(() => {
    if (!rev) return;
    let gone = false;
    setDoc(null);
    setDiff(null);
    const doc = rest(token, `/configs/${svc}?rev=${rev}`);
    doc.then((d) => !gone && setDoc(d)).catch((e) => !gone && setError((e as Error).message));
    if (rev > 1)
      Promise.all([rest(token, `/configs/${svc}?rev=${rev - 1}`), doc])
        .then(([a, b]) => !gone && setDiff({ from: `${name} rev ${a.rev}`, to: `${name} rev ${b.rev}`, changes: diffConfigs(a.config, b.config) }))
        .catch(() => {});
    return () => {
      gone = true;
    };
  }, [token, name, rev, bump]);

  return (
    <div class="config-panel" data-config>
      <h2>
        Config{" "}
        {revs && revs.length > 0 && (
          <span class="muted">
            rev {latest}
            {revs[0].fetched ? `, fetched ${ago(revs[0].fetched)}` : ""} · redacted by krytend
          </span>
        )}
      </h2>
      {drift && <p class="warn" data-drift>drift: {drift}</p>}
      {error && !revs?.length ? (
        <p class="muted" data-config-error>{error}</p>
      ) : !revs ? (
        <p class="muted">loading…</p>
      ) : (
        <div class="config-split">
          <ol class="revisions" data-revisions>
            {revs.map((r) => (
              <li class={r.rev === rev ? "sel" : ""} data-rev={r.rev} onClick={() => setPicked(r.rev)}>
                <b>rev {r.rev}</b> <time title={r.fetched ?? ""}>{ago(r.fetched)}</time> <span class="muted">{r.trigger}</span>
                {r.changedPaths && r.changedPaths.length > 0 && (
                  <div class="paths">{r.changedPaths.join(", ")}</div>
                )}
              </li>
            ))}
          </ol>
          <div class="config-view">
            <div class="tabs">
              <button class={view === "config" ? "on" : ""} onClick={() => setView("config")} data-config-tab="config">rev {rev}</button>
              <button class={view === "diff" ? "on" : ""} disabled={rev <= 1} onClick={() => setView("diff")} data-config-tab="diff">
                diff {rev > 1 ? `${rev - 1} → ${rev}` : ""}
              </button>
            </div>
            {view === "diff" && rev > 1 ? (
              diff ? (
                diff.changes.length === 0 ? (
                  <p class="muted">no change from rev {rev - 1}</p>
                ) : (
                  <pre class="diff" data-diff>
                    <div class="muted">--- {diff.from}{"\n"}+++ {diff.to}</div>
                    {diff.changes.flatMap((c) =>
                      diffLines(c).map((l) => <div class={l.sign === "-" ? "del" : "add"} data-change={c.path}>{l.sign} {l.text}</div>),
                    )}
                  </pre>
                )
              ) : (
                <p class="muted">loading…</p>
              )
            ) : doc ? (
              <JsonView value={doc.config} />
            ) : (
              <p class="muted">loading…</p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
