import { describe, expect, it } from "vitest";
import {
  HeartbeatIntervals, MetricSeries, PingSamples, alertTarget, applyAlertMessage, heartbeatMetrics,
  signinCode, silenceMatchers, sortAlerts, statsColumns, statsQuery, type Alert, type EventStats,
} from "./series";

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const base = Date.UTC(2026, 0, 1) / 1000;

describe("heartbeat intervals", () => {
  it("are the seconds between consecutive beats, at the later one", () => {
    const h = new HeartbeatIntervals();
    expect(h.add([{ seq: 1, received: t(0) }, { seq: 2, received: t(5) }, { seq: 3, received: t(15) }])).toBe(2);
    expect(h.x).toEqual([base + 5, base + 15]);
    expect(h.y).toEqual([5, 10]);
  });
  it("continue from the live stream without counting a beat twice", () => {
    const h = new HeartbeatIntervals();
    h.add([{ seq: 1, received: t(0) }, { seq: 2, received: t(5) }]);
    expect(h.add([{ seq: 2, received: t(5) }, { seq: 3, received: t(10) }])).toBe(1);
    expect(h.y).toEqual([5, 5]);
    expect(h.latestSeq).toBe(3);
  });
  it("sort what comes out of order and skip unreadable times", () => {
    const h = new HeartbeatIntervals();
    h.add([{ seq: 3, received: t(9) }, { seq: 1, received: t(0) }, { seq: 2, received: "nope" }]);
    expect(h.y).toEqual([9]);
  });
  it("carry the learned interval and the deadline as flat lines", () => {
    const h = new HeartbeatIntervals();
    h.add([{ seq: 1, received: t(0) }, { seq: 2, received: t(2) }, { seq: 3, received: t(4) }]);
    const [x, y, iv, dl] = h.columns(2, 6);
    expect(x.length).toBe(2);
    expect(y).toEqual([2, 2]);
    expect(iv).toEqual([2, 2]);
    expect(dl).toEqual([6, 6]);
    expect(h.columns(null, 0)[2]).toEqual([null, null]);
  });
  it("are bounded", () => {
    const h = new HeartbeatIntervals(3);
    h.add(Array.from({ length: 10 }, (_, i) => ({ seq: i + 1, received: t(i) })));
    expect(h.x.length).toBe(3);
    expect(h.x[2]).toBe(base + 9);
  });
});

describe("heartbeat metrics", () => {
  it("are the flat numbers under payload.metrics", () => {
    expect(heartbeatMetrics({ metrics: { rps: 3.5, name: "x", nested: { a: 1 }, bad: Infinity } })).toEqual({ rps: 3.5 });
    expect(heartbeatMetrics({ uptime_seconds: 3 })).toEqual({});
    expect(heartbeatMetrics(null)).toEqual({});
  });
  it("line up per name, with gaps where a beat lacks one", () => {
    const m = new MetricSeries();
    m.add([
      { seq: 1, received: t(0), payload: { metrics: { a: 1 } } },
      { seq: 2, received: t(1), payload: { uptime_seconds: 1 } },
      { seq: 3, received: t(2), payload: { metrics: { a: 2, b: 7 } } },
    ]);
    expect(m.names).toEqual(["a", "b"]);
    expect(m.columns()).toEqual([[base, base + 2], [1, 2], [null, 7]]);
  });
});

describe("ping samples", () => {
  it("are added when lastPing moves on", () => {
    const p = new PingSamples();
    expect(p.add({ lastPing: null, lastPingRttMs: null })).toBe(false);
    expect(p.add({ lastPing: t(1), lastPingRttMs: 1.5 })).toBe(true);
    expect(p.add({ lastPing: t(1), lastPingRttMs: 1.5 })).toBe(false);
    expect(p.add({ lastPing: t(2), lastPingRttMs: 0.7 })).toBe(true);
    expect(p.columns()).toEqual([[base + 1, base + 2], [1.5, 0.7]]);
  });
});

describe("event stats", () => {
  const doc: EventStats = {
    kind: "EventStats", since: t(0), until: t(120), step: 60, total: 300, truncated: false,
    buckets: [
      { start: t(0), count: 180, byType: { heartbeat: 120, log: 60 } },
      { start: t(60), count: 180, byType: { heartbeat: 60, channel_event: 120 } },
    ],
    topSubjects: [],
  };
  it("become events per second per type, busiest first, stacked", () => {
    const { types, columns } = statsColumns(doc);
    expect(types).toEqual(["heartbeat", "channel_event", "log"]);
    expect(columns[0]).toEqual([base, base + 60]);
    expect(columns[1]).toEqual([2, 1]);
    expect(columns[2]).toEqual([2, 3]);
    expect(columns[3]).toEqual([3, 3]);
  });
  it("fold the quiet types into other", () => {
    const { types, columns } = statsColumns(doc, 1, false);
    expect(types).toEqual(["heartbeat", "other"]);
    expect(columns[2]).toEqual([1, 2]);
  });
  it("are asked for with a query string", () => {
    expect(statsQuery({})).toBe("since=1h&step=60s&top=10");
    expect(statsQuery({ since: "15m", step: 10, top: 5, service: "bot" })).toBe("since=15m&step=10s&top=5&service=bot");
  });
});

describe("sign-in link", () => {
  it("carries a code after #/signin/", () => {
    expect(signinCode("#/signin/abc123")).toBe("abc123");
    expect(signinCode("#/signin/a%2Bb/")).toBe("a+b");
    expect(signinCode("#/signin/")).toBeNull();
    expect(signinCode("#/services/x")).toBeNull();
    expect(signinCode("#/signin/%E0%A4%A")).toBeNull();
  });
});

describe("alerts", () => {
  const a = (fp: string, state: string, severity = "critical", at = 0): Alert => ({
    fingerprint: fp, labels: { alertname: "ServiceDown", service: fp }, severity, summary: "", state, activeAt: t(at),
  });
  it("follow the stream: a snapshot, then changes", () => {
    let m = applyAlertMessage(new Map(), { type: "alerts", items: [a("x", "firing"), a("y", "pending")] });
    expect([...m.keys()]).toEqual(["x", "y"]);
    m = applyAlertMessage(m, { type: "alert", transition: "firing", alert: a("y", "firing") });
    expect(m.get("y")!.state).toBe("firing");
    const before = m;
    m = applyAlertMessage(m, { type: "alert", transition: "resolved", alert: a("x", "resolved") });
    expect([...m.keys()]).toEqual(["y"]);
    expect(before.has("x")).toBe(true);
    expect(applyAlertMessage(m, { type: "lagged" })).toBe(m);
  });
  it("sort firing first, then by severity and age", () => {
    const list = sortAlerts([a("p", "pending"), a("w", "firing", "warning"), a("c2", "firing", "critical", 5), a("c1", "firing", "critical", 1)]);
    expect(list.map((x) => x.fingerprint)).toEqual(["c1", "c2", "w", "p"]);
  });
  it("name their target and the matchers that silence them", () => {
    expect(alertTarget({ labels: { alertname: "X" } })).toBe("krytend");
    expect(silenceMatchers({ labels: { service: "s", alertname: "ServiceDown", severity: "critical" } })).toEqual([
      "alertname=ServiceDown", "service=s",
    ]);
    expect(silenceMatchers({ labels: { receiver: "ops", severity: "warning" } })).toEqual(["receiver=ops"]);
  });
});
