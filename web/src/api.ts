// The daemon's public APIs, as the browser uses them: REST for pages of the
// past, the WebSocket for everything live. No private endpoints.

export type ConnState = "connecting" | "open" | "reconnecting" | "unauthorized";

type Handler = (msg: any) => void;

interface Sub {
  id: string;
  stream: "services" | "events" | "logs" | "alerts";
  filters: Record<string, unknown>;
  since?: string;
  handler: Handler;
  /** The last sequence number seen, to resume after a reconnect without a gap. */
  lastSeq: number;
}

const TOKEN_KEY = "krytend.token";

export function savedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY) ?? localStorage.getItem(TOKEN_KEY);
}

/** Signs in with the single-use code of a `krytenctl ui` link (no token needed). */
export async function signIn(code: string): Promise<{ token: string; name: string; role: string; expiresAt: string | null }> {
  const r = await fetch("/api/v1/signin", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code }),
  });
  const body = await r.json().catch(() => ({}));
  if (!r.ok || typeof body.token !== "string") throw new ApiError(r.status, body.error ?? `HTTP ${r.status}`);
  return body;
}

export function saveToken(token: string, remember: boolean): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  if (remember) localStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** GET a REST path (under /api/v1) with the token. */
export async function rest<T = any>(token: string, path: string): Promise<T> {
  const r = await fetch(`/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new ApiError(r.status, body.error ?? `HTTP ${r.status}`);
  return body as T;
}

function wsUrl(): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
}

/**
 * One WebSocket session: authenticates, keeps subscriptions across
 * reconnects (events and logs resume after the last sequence seen), and
 * answers requests by id.
 */
export class Connection {
  state: ConnState = "connecting";
  role: string | null = null;
  serverVersion = "";
  private ws: WebSocket | null = null;
  private subs = new Map<string, Sub>();
  private pending = new Map<string, { resolve: (m: any) => void; reject: (e: Error) => void; progress?: Handler }>();
  private next = 0;
  private retry = 0;
  private closed = false;
  private stateListeners = new Set<() => void>();

  constructor(private readonly token: string) {
    this.open();
  }

  onState(f: () => void): () => void {
    this.stateListeners.add(f);
    return () => this.stateListeners.delete(f);
  }

  private setState(s: ConnState) {
    this.state = s;
    this.stateListeners.forEach((f) => f());
  }

  private open() {
    const ws = new WebSocket(wsUrl());
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: "auth", token: this.token }));
    ws.onmessage = (e) => this.receive(JSON.parse(e.data));
    ws.onclose = (e) => {
      this.ws = null;
      for (const p of this.pending.values()) p.reject(new Error("connection lost"));
      this.pending.clear();
      if (this.closed) return;
      if (e.code === 1008) {
        // The token was refused, revoked or expired: retrying cannot help.
        this.setState("unauthorized");
        return;
      }
      this.setState("reconnecting");
      const delay = Math.min(10_000, 250 * 2 ** this.retry++);
      setTimeout(() => !this.closed && this.open(), delay);
    };
  }

  private receive(m: any) {
    switch (m.type) {
      case "auth_ok":
        this.role = m.role;
        this.serverVersion = m.server_version ?? "";
        this.retry = 0;
        this.setState("open");
        for (const s of this.subs.values()) this.sendSubscribe(s);
        return;
      case "service_update":
      case "alerts":
      case "alert":
      case "lagged":
        this.subs.get(m.subscription)?.handler(m);
        return;
      case "event":
      case "log": {
        const s = this.subs.get(m.subscription);
        if (!s) return;
        const items = m.events ?? m.records ?? [];
        if (items.length) s.lastSeq = Math.max(s.lastSeq, items[items.length - 1].seq ?? 0);
        s.handler(m);
        return;
      }
      case "command_progress":
        this.pending.get(m.id)?.progress?.(m);
        return;
      case "snapshot":
      case "command_result":
      case "pong": {
        const p = this.pending.get(m.id);
        if (p) {
          this.pending.delete(m.id);
          p.resolve(m);
        }
        return;
      }
      case "error": {
        const p = m.request_id ? this.pending.get(m.request_id) : undefined;
        if (p) {
          this.pending.delete(m.request_id);
          p.reject(new Error(m.message));
        } else if (m.request_id && this.subs.has(m.request_id)) {
          this.subs.get(m.request_id)!.handler(m);
        }
        return;
      }
    }
  }

  private send(m: unknown): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(m));
    return true;
  }

  private sendSubscribe(s: Sub) {
    const msg: Record<string, unknown> = { type: "subscribe", id: s.id, stream: s.stream, filters: s.filters };
    if (s.lastSeq > 0) msg.after_seq = s.lastSeq;
    else if (s.since) msg.since = s.since;
    this.send(msg);
  }

  /**
   * `since` (RFC 3339) replays from then; `afterSeq` resumes after a
   * sequence number already seen (e.g. the last row of a REST page).
   */
  subscribe(stream: Sub["stream"], filters: Record<string, unknown>, handler: Handler, since?: string, afterSeq = 0): () => void {
    const id = `s${++this.next}`;
    const s: Sub = { id, stream, filters, since, handler, lastSeq: afterSeq };
    this.subs.set(id, s);
    if (this.state === "open") this.sendSubscribe(s);
    return () => {
      this.subs.delete(id);
      this.send({ type: "unsubscribe", id });
    };
  }

  private request(m: Record<string, unknown>, progress?: Handler): Promise<any> {
    const id = `r${++this.next}`;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress });
      if (!this.send({ ...m, id })) {
        this.pending.delete(id);
        reject(new Error("not connected"));
      }
    });
  }

  async snapshot(what: "services" | "events" | "logs", filters: Record<string, unknown>, limit = 100): Promise<any[]> {
    const m = await this.request({ type: "snapshot", what, filters, limit });
    return m.items ?? [];
  }

  /** A control action; a restart reports its stages to `progress` as they happen. */
  async command(action: string, service: string, args: Record<string, unknown>, progress?: Handler): Promise<any> {
    const m = await this.request({ type: "command", action, service, args }, progress);
    if (!m.ok) throw new Error(m.error ?? "refused");
    return m.result;
  }

  close() {
    this.closed = true;
    this.ws?.close(1000);
  }
}
