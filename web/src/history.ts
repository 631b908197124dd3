// Pure logic for pages of the past (time ranges, permalinks, config
// history, request/reply): no DOM, no network. Unit-tested in history.test.ts.

import type { EventItem } from "./model";

/** Quick ranges offered next to "live", as Grafana has them. */
export const QUICK_RANGES = ["15m", "1h", "6h", "24h", "7d"] as const;

/** Seconds in a duration like `15m`, `1h`, `7d` (NaN when unreadable). */
export function durationSeconds(d: string): number {
  const m = /^(\d+(?:\.\d+)?)(s|m|h|d)$/.exec(d.trim());
  if (!m) return NaN;
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "s" | "m" | "h" | "d"];
}

/**
 * A time a person typed or picked: RFC 3339, the `YYYY-MM-DDTHH:mm` of a
 * `datetime-local` input (local time), or a duration ago (`2h`). RFC 3339
 * in UTC, or null when empty; throws with a message when unreadable.
 */
export function resolveTime(text: string, now: number = Date.now()): string | null {
  const t = text.trim();
  if (!t) return null;
  const secs = durationSeconds(t);
  if (Number.isFinite(secs)) return new Date(now - secs * 1000).toISOString();
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) throw new Error(`not a time: ${t} (RFC 3339, a date and time, or a duration ago like 2h)`);
  return new Date(ms).toISOString();
}

/** The value a `datetime-local` input (step 1 s) shows for an RFC 3339 time, in local time. */
export function localInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** A page's state as hash parameters (empty values left out), after `route`. */
export function permalink(route: string, params: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${route}?${s}` : route;
}

/** The parameters of a hash route (`#/logs?since=…`). */
export function hashParams(hash: string): URLSearchParams {
  const i = hash.indexOf("?");
  return new URLSearchParams(i < 0 ? "" : hash.slice(i + 1));
}

/** The logs page's state, as a permalink carries it. */
export interface LogsView {
  mode: "tail" | "history";
  since: string;
  until: string;
  level: string;
  service: string;
  q: string;
}

export function parseLogsView(hash: string): LogsView {
  const p = hashParams(hash);
  const since = p.get("since") ?? "";
  const until = p.get("until") ?? "";
  const mode = p.get("mode") === "history" || (p.get("mode") == null && until) ? "history" : "tail";
  return { mode, since, until, level: p.get("level") ?? "", service: p.get("service") ?? "", q: p.get("q") ?? "" };
}

/**
 * A permalink to what the logs page shows: history with both ends pinned
 * (a relative `since` is resolved, so the link shows the same lines later);
 * tail as it is.
 */
export function logsPermalink(v: LogsView, now: number = Date.now()): string {
  let { since, until } = v;
  if (v.mode === "history") {
    since = resolveTime(since || "1h", now) ?? "";
    until = resolveTime(until, now) ?? new Date(now).toISOString();
  }
  return permalink("#/logs", { mode: v.mode === "history" ? "history" : null, since, until: v.mode === "history" ? until : null, level: v.level, service: v.service, q: v.q });
}

/** The REST query of a range of the past (`since`/`until` resolved), with filters. */
export function rangeQuery(filters: Record<string, string | string[] | undefined>, since: string, until: string, limit: number, now = Date.now()): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) {
    const s = Array.isArray(v) ? v.join(",") : v;
    if (s) q.set(k, s);
  }
  const a = resolveTime(since, now);
  const b = resolveTime(until, now);
  if (a) q.set("since", a);
  if (b) q.set("until", b);
  q.set("limit", String(limit));
  return q;
}

/** One revision of a service's config, as `GET /configs/{service}/history` lists them. */
export interface ConfigRevision {
  rev: number;
  fetched: string | null;
  instanceStarted?: string | null;
  hash?: string;
  trigger?: string;
  changedPaths?: string[];
}

/** Revisions newest first. */
export function newestFirst(items: ConfigRevision[]): ConfigRevision[] {
  return [...items].sort((a, b) => b.rev - a.rev);
}

/** One change of a `ConfigDiff`, as text for a row: `-` old, `+` new. */
export function diffLines(c: { path: string; kind: string; old: unknown; new: unknown }): { sign: "-" | "+"; text: string }[] {
  const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
  const out: { sign: "-" | "+"; text: string }[] = [];
  if (c.kind !== "added" && c.old !== null && c.old !== undefined) out.push({ sign: "-", text: `${c.path}: ${show(c.old)}` });
  if (c.kind !== "removed" && c.new !== null && c.new !== undefined) out.push({ sign: "+", text: `${c.path}: ${show(c.new)}` });
  return out;
}

/**
 * The reply to a request: krytend records a request (`command`) with the
 * subject its requester waits on (`replyTo`, an `_INBOX.…` subject), and a
 * reply, when its subjects cover `_INBOX.>`, as a `reply` event on that
 * subject. The first such reply after the request.
 */
export function findReply(request: EventItem, events: Iterable<EventItem>): EventItem | null {
  if (!request.replyTo) return null;
  let best: EventItem | null = null;
  for (const e of events) {
    if (e.subject === request.replyTo && e.seq > request.seq && (!best || e.seq < best.seq)) best = e;
  }
  return best;
}

/** The request a reply answers (the latest one before it waiting on its subject). */
export function findRequest(reply: EventItem, events: Iterable<EventItem>): EventItem | null {
  let best: EventItem | null = null;
  for (const e of events) {
    if (e.replyTo === reply.subject && e.seq < reply.seq && (!best || e.seq > best.seq)) best = e;
  }
  return best;
}

/** Merges pages of events by sequence number: in order, each once. */
export function mergeBySeq<T extends { seq: number }>(a: T[], b: T[]): T[] {
  const seen = new Map<number, T>();
  for (const x of a) seen.set(x.seq, x);
  for (const x of b) seen.set(x.seq, x);
  return [...seen.values()].sort((x, y) => x.seq - y.seq);
}

/** One difference between two config documents, as krytend's `ConfigDiff` has it. */
export interface ConfigChange {
  path: string;
  kind: "added" | "removed" | "changed";
  old: unknown;
  new: unknown;
}

/**
 * What changed between two (redacted) config documents, path by path
 * (`a.b`, `list[2]`), sorted by path: the same walk as krytend's
 * `config diff`, so any two revisions can be compared (the REST diff
 * compares only with the latest).
 */
export function diffConfigs(old: unknown, next: unknown): ConfigChange[] {
  const out: ConfigChange[] = [];
  const join = (p: string, k: string) => (p ? `${p}.${k}` : k);
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  const walk = (p: string, a: unknown, b: unknown) => {
    if (isObj(a) && isObj(b)) {
      for (const k of Object.keys(a)) {
        if (k in b) walk(join(p, k), a[k], b[k]);
        else out.push({ path: join(p, k), kind: "removed", old: a[k], new: null });
      }
      for (const k of Object.keys(b)) if (!(k in a)) out.push({ path: join(p, k), kind: "added", old: null, new: b[k] });
    } else if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const q = `${p}[${i}]`;
        if (i < a.length && i < b.length) walk(q, a[i], b[i]);
        else if (i < a.length) out.push({ path: q, kind: "removed", old: a[i], new: null });
        else out.push({ path: q, kind: "added", old: null, new: b[i] });
      }
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      out.push({ path: p, kind: "changed", old: a, new: b });
    }
  };
  walk("", old, next);
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}
