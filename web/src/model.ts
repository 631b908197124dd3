// Pure client logic: no DOM, no network. Unit-tested in model.test.ts.

export type Status =
  | "healthy" | "starting" | "degraded" | "failing" | "down" | "stopped" | "unknown" | string;

export interface Service {
  name: string;
  status: Status;
  statusCause?: string | null;
  statusSince?: string | null;
  version?: string | null;
  hostname?: string | null;
  uptimeSeconds?: number | null;
  lastSeen?: string | null;
  lastHeartbeat?: string | null;
  heartbeatIntervalSeconds?: number | null;
  liveness?: string | null;
  restartCount?: number;
}

export interface Transition {
  from: Status;
  to: Status;
  cause?: string;
  at: string;
}

export interface EventItem {
  seq: number;
  received: string;
  subject: string;
  type: string;
  service?: string | null;
  payload?: unknown;
  malformed?: boolean;
  error?: string | null;
  correlationId?: string | null;
  replyTo?: string | null;
}

export interface LogItem {
  seq: number;
  time: string;
  service: string;
  level: string;
  severity: number;
  logger?: string | null;
  message: string;
  exception?: string | null;
}

/** Statuses in the order a person cares about them: worst first. */
export const STATUS_ORDER: Status[] = ["down", "failing", "degraded", "starting", "stopped", "unknown", "healthy"];

export function statusRank(s: Status): number {
  const i = STATUS_ORDER.indexOf(s);
  return i < 0 ? STATUS_ORDER.length : i;
}

/** Services sorted worst first, then by name. */
export function sortServices(list: Service[]): Service[] {
  return [...list].sort((a, b) => statusRank(a.status) - statusRank(b.status) || a.name.localeCompare(b.name));
}

/** Counts per status. */
export function countByStatus(list: Iterable<Service>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of list) out[s.status] = (out[s.status] ?? 0) + 1;
  return out;
}

/**
 * A 0–100 score: healthy counts fully, starting and degraded half, the
 * rest nothing; a planned stop is left out. No services: 100.
 */
export function healthScore(list: Iterable<Service>): number {
  let total = 0;
  let score = 0;
  for (const s of list) {
    if (s.status === "stopped") continue;
    total += 1;
    if (s.status === "healthy") score += 1;
    else if (s.status === "starting" || s.status === "degraded") score += 0.5;
  }
  return total === 0 ? 100 : Math.round((100 * score) / total);
}

/** Matches a name against a free-text search (case-insensitive, any part). */
export function matchesSearch(s: Service, q: string): boolean {
  const t = q.trim().toLowerCase();
  if (!t) return true;
  return [s.name, s.status, s.hostname ?? "", s.version ?? ""].some((f) => f.toLowerCase().includes(t));
}

/**
 * A bounded buffer of the newest items: pushing past `cap` drops the
 * oldest and counts them, so memory stays bounded under any event rate.
 */
/**
 * The newest `cap` items, oldest first. A circular buffer: a push costs the
 * items pushed, not the items held, so a full window at 1,000 events/s
 * costs no more per event than an empty one.
 */
export class Ring<T> {
  private buf: (T | undefined)[] = [];
  private start = 0;
  private len = 0;
  dropped = 0;
  constructor(readonly cap: number) {}
  push(...xs: T[]): void {
    for (const x of xs) {
      if (this.len < this.cap) {
        this.buf[(this.start + this.len) % this.cap] = x;
        this.len++;
      } else {
        this.buf[this.start] = x;
        this.start = (this.start + 1) % this.cap;
        this.dropped++;
      }
    }
  }
  get length(): number {
    return this.len;
  }
  toArray(): T[] {
    const out: T[] = new Array(this.len);
    for (let i = 0; i < this.len; i++) out[i] = this.buf[(this.start + i) % this.cap] as T;
    return out;
  }
  at(i: number): T | undefined {
    return i >= 0 && i < this.len ? this.buf[(this.start + i) % this.cap] : undefined;
  }
  clear(): void {
    this.buf = [];
    this.start = 0;
    this.len = 0;
  }
}

/** Rows of a virtual list to render for a scroll position. */
export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan = 8) {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { first, last };
}

/** "3m 12s ago"-style age from an RFC 3339 time. */
export function ago(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return "never";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "?";
  return duration(Math.max(0, (now - t) / 1000)) + " ago";
}

export function duration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return "–";
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** Events as CSV (RFC 4180 quoting). */
export function eventsCsv(events: EventItem[]): string {
  const q = (v: unknown) => {
    const s = v == null ? "" : typeof v === "string" ? v : JSON.stringify(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = ["seq,received,subject,type,service,payload"];
  for (const e of events) rows.push([e.seq, e.received, e.subject, e.type, e.service, e.payload].map(q).join(","));
  return rows.join("\n") + "\n";
}

/** A user's regular expression, or an error message (never throws). */
export function compileSearch(text: string): { re: RegExp | null; error: string | null } {
  if (!text) return { re: null, error: null };
  try {
    return { re: new RegExp(text, "i"), error: null };
  } catch (e) {
    return { re: null, error: (e as Error).message };
  }
}

/** The role decides what is offered; the server still enforces. */
export function canControl(role: string | null): boolean {
  return role === "operator" || role === "admin";
}
