// Pure logic behind the charts, the alerts state and the sign-in link: no
// DOM, no network. Unit-tested in series.test.ts.

import type { EventItem } from "./model";

/** Columns as uPlot takes them: x (unix seconds) first, then one array per series. */
export type Columns = [number[], ...(number | null)[][]];

/** Unix seconds from RFC 3339 (NaN when unreadable). */
export function unixSeconds(iso: string | null | undefined): number {
  if (!iso) return NaN;
  return Date.parse(iso) / 1000;
}

/**
 * Heartbeat intervals: for each heartbeat after the first, the seconds
 * since the one before it, at the time it arrived. Events are taken in
 * sequence order whatever order they come in; duplicates (one seq twice)
 * count once.
 */
export class HeartbeatIntervals {
  readonly x: number[] = [];
  readonly y: number[] = [];
  private lastSeq = 0;
  private lastAt = NaN;
  constructor(readonly cap = 10_000) {}

  /** Adds heartbeats (oldest first is cheapest); returns how many were new. */
  add(events: Pick<EventItem, "seq" | "received">[]): number {
    let n = 0;
    const sorted = events.length > 1 && events.some((e, i) => i > 0 && e.seq < events[i - 1].seq)
      ? [...events].sort((a, b) => a.seq - b.seq)
      : events;
    for (const e of sorted) {
      if (e.seq <= this.lastSeq) continue;
      const at = unixSeconds(e.received);
      if (!Number.isFinite(at)) continue;
      this.lastSeq = e.seq;
      if (Number.isFinite(this.lastAt)) {
        this.x.push(at);
        this.y.push(Math.max(0, at - this.lastAt));
        n++;
      }
      this.lastAt = at;
    }
    const over = this.x.length - this.cap;
    if (over > 0) {
      this.x.splice(0, over);
      this.y.splice(0, over);
    }
    return n;
  }

  get latestSeq(): number {
    return this.lastSeq;
  }

  /** Columns with the learned interval and the deadline as flat lines (null when unknown). */
  columns(interval: number | null | undefined, deadline: number | null | undefined): Columns {
    const flat = (v: number | null | undefined) => this.x.map(() => (v && v > 0 ? v : null));
    return [this.x.slice(), this.y.slice(), flat(interval), flat(deadline)];
  }
}

/**
 * Numeric metrics a heartbeat carries (`payload.metrics`, as the seed's
 * `kryten.service.heartbeat` has them; flat numbers only), by name.
 */
export function heartbeatMetrics(payload: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  const m = (payload as any)?.metrics;
  if (!m || typeof m !== "object" || Array.isArray(m)) return out;
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === "number" && Number.isFinite(v)) out[k] = v;
  }
  return out;
}

/** Metric samples over time, one series per metric name seen (at most `maxSeries`). */
export class MetricSeries {
  readonly x: number[] = [];
  private series = new Map<string, (number | null)[]>();
  private lastSeq = 0;
  constructor(readonly cap = 5_000, readonly maxSeries = 8) {}

  add(events: Pick<EventItem, "seq" | "received" | "payload">[]): void {
    for (const e of events) {
      if (e.seq <= this.lastSeq) continue;
      this.lastSeq = e.seq;
      const at = unixSeconds(e.received);
      const m = heartbeatMetrics(e.payload);
      if (!Number.isFinite(at) || Object.keys(m).length === 0) continue;
      for (const k of Object.keys(m)) {
        if (!this.series.has(k) && this.series.size < this.maxSeries) {
          this.series.set(k, this.x.map(() => null));
        }
      }
      this.x.push(at);
      for (const [k, col] of this.series) col.push(m[k] ?? null);
    }
    const over = this.x.length - this.cap;
    if (over > 0) {
      this.x.splice(0, over);
      for (const col of this.series.values()) col.splice(0, over);
    }
  }

  get names(): string[] {
    return [...this.series.keys()];
  }

  columns(): Columns {
    return [this.x.slice(), ...[...this.series.values()].map((c) => c.slice())];
  }
}

/**
 * Ping round trips as they are seen: a sample is added when `lastPing`
 * moves on (the daemon keeps only the latest one).
 */
export class PingSamples {
  readonly x: number[] = [];
  readonly y: number[] = [];
  private last = "";
  constructor(readonly cap = 2_000) {}

  /** From a service document (`lastPing`, `lastPingRttMs`); true if it was new. */
  add(doc: { lastPing?: string | null; lastPingRttMs?: number | null }): boolean {
    if (!doc.lastPing || doc.lastPingRttMs == null || doc.lastPing === this.last) return false;
    const at = unixSeconds(doc.lastPing);
    if (!Number.isFinite(at)) return false;
    this.last = doc.lastPing;
    this.x.push(at);
    this.y.push(doc.lastPingRttMs);
    if (this.x.length > this.cap) {
      this.x.shift();
      this.y.shift();
    }
    return true;
  }

  columns(): Columns {
    return [this.x.slice(), this.y.slice()];
  }
}

export interface EventStats {
  kind: "EventStats";
  since: string;
  until: string;
  step: number;
  total: number;
  truncated: boolean;
  buckets: { start: string; count: number; byType: Record<string, number> }[];
  topSubjects: { subject: string; count: number }[];
}

/**
 * The stats document as chart columns: events per second in each bucket,
 * one series per type (the busiest first, at most `maxTypes`; the rest
 * summed as "other"), stacked when `stacked` (each series then includes
 * the ones below it).
 */
export function statsColumns(doc: EventStats, maxTypes = 6, stacked = true): { types: string[]; columns: Columns } {
  const totals = new Map<string, number>();
  for (const b of doc.buckets) for (const [t, n] of Object.entries(b.byType ?? {})) totals.set(t, (totals.get(t) ?? 0) + n);
  let types = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
  const rest = types.slice(maxTypes);
  types = types.slice(0, maxTypes);
  if (rest.length) types.push("other");
  const step = doc.step > 0 ? doc.step : 60;
  const x = doc.buckets.map((b) => unixSeconds(b.start));
  const cols = types.map((t) =>
    doc.buckets.map((b) => {
      const by = b.byType ?? {};
      const n = t === "other" ? rest.reduce((s, r) => s + (by[r] ?? 0), 0) : by[t] ?? 0;
      return n / step;
    }),
  );
  if (stacked) {
    for (let i = 1; i < cols.length; i++) for (let j = 0; j < x.length; j++) cols[i][j] += cols[i - 1][j];
  }
  return { types, columns: [x, ...cols] };
}

/** The query string for the stats endpoint. */
export function statsQuery(o: { since?: string; until?: string; step?: number; top?: number; service?: string }): string {
  const p = new URLSearchParams();
  p.set("since", o.since ?? "1h");
  if (o.until) p.set("until", o.until);
  p.set("step", `${o.step ?? 60}s`);
  p.set("top", String(o.top ?? 10));
  if (o.service) p.set("service", o.service);
  return p.toString();
}

/** The code of a sign-in link (`#/signin/CODE`), or null. */
export function signinCode(hash: string): string | null {
  const m = /^#\/signin\/([^/?#]+)\/?$/.exec(hash);
  if (!m) return null;
  try {
    const code = decodeURIComponent(m[1]).trim();
    return code ? code : null;
  } catch {
    return null;
  }
}

// ---- alerts ----

export type Severity = "info" | "warning" | "critical" | string;

export interface Alert {
  fingerprint: string;
  labels: Record<string, string>;
  severity: Severity;
  summary: string;
  state: "pending" | "firing" | "resolved" | string;
  activeAt: string;
  firedAt?: string | null;
  resolvedAt?: string | null;
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };

/** Worst first: firing before pending, then severity, then the oldest. */
export function sortAlerts(list: Alert[]): Alert[] {
  const st = (a: Alert) => (a.state === "firing" ? 0 : a.state === "pending" ? 1 : 2);
  return [...list].sort(
    (a, b) =>
      st(a) - st(b) ||
      (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3) ||
      Date.parse(a.activeAt) - Date.parse(b.activeAt) ||
      a.fingerprint.localeCompare(b.fingerprint),
  );
}

/**
 * What is pending or firing now, from the `alerts` stream: a snapshot
 * (`{"type":"alerts","items"}`) replaces everything, a change
 * (`{"type":"alert","transition","alert"}`) updates or removes one alert.
 * Returns the new map (the old one is not changed).
 */
export function applyAlertMessage(prev: Map<string, Alert>, m: any): Map<string, Alert> {
  if (m?.type === "alerts" && Array.isArray(m.items)) {
    return new Map(m.items.filter((a: any) => a?.fingerprint).map((a: Alert) => [a.fingerprint, a]));
  }
  if (m?.type === "alert" && m.alert?.fingerprint) {
    const next = new Map(prev);
    const a: Alert = m.alert;
    if (m.transition === "resolved" || a.state === "resolved") next.delete(a.fingerprint);
    else next.set(a.fingerprint, a);
    return next;
  }
  return prev;
}

/** Who an alert is about: its `service` label, else krytend itself. */
export function alertTarget(a: Pick<Alert, "labels">): string {
  return a.labels.service ?? a.labels.receiver ?? "krytend";
}

/** Matchers that silence this alert: its name and service (else every label but severity). */
export function silenceMatchers(a: Pick<Alert, "labels">): string[] {
  const keys = Object.keys(a.labels).filter((k) => k === "alertname" || k === "service");
  const use = keys.length ? keys : Object.keys(a.labels).filter((k) => k !== "severity");
  return use.sort().map((k) => `${k}=${a.labels[k]}`);
}
