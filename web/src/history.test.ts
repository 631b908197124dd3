import { describe, expect, it } from "vitest";
import {
  diffConfigs, diffLines, durationSeconds, findReply, findRequest, hashParams, localInput, logsPermalink, mergeBySeq, newestFirst,
  parseLogsView, rangeQuery, resolveTime,
} from "./history";

const NOW = Date.parse("2026-03-01T12:00:00Z");

describe("times", () => {
  it("reads durations, RFC 3339 and empty", () => {
    expect(durationSeconds("15m")).toBe(900);
    expect(durationSeconds("7d")).toBe(604800);
    expect(durationSeconds("soon")).toBeNaN();
    expect(resolveTime("2h", NOW)).toBe("2026-03-01T10:00:00.000Z");
    expect(resolveTime("2026-03-01T11:30:00Z", NOW)).toBe("2026-03-01T11:30:00.000Z");
    expect(resolveTime("  ", NOW)).toBeNull();
    expect(() => resolveTime("yesterday-ish", NOW)).toThrow(/not a time/);
  });
  it("round-trips a datetime-local value", () => {
    const iso = new Date(2026, 2, 1, 9, 5, 7).toISOString();
    expect(localInput(iso)).toBe("2026-03-01T09:05:07");
    expect(resolveTime(localInput(iso), NOW)).toBe(iso);
    expect(localInput(null)).toBe("");
  });
  it("builds a REST range query with the filters that are set", () => {
    const q = rangeQuery({ service: ["a", "b"], kind: "", grep: "x" }, "1h", "", 500, NOW);
    expect(q.get("service")).toBe("a,b");
    expect(q.has("kind")).toBe(false);
    expect(q.get("since")).toBe("2026-03-01T11:00:00.000Z");
    expect(q.has("until")).toBe(false);
    expect(q.get("limit")).toBe("500");
  });
});

describe("logs permalinks", () => {
  it("pins both ends of a history range so the link shows the same lines later", () => {
    const link = logsPermalink({ mode: "history", since: "30m", until: "", level: "error", service: "db", q: "time?out" }, NOW);
    const v = parseLogsView(link);
    expect(v).toEqual({
      mode: "history", since: "2026-03-01T11:30:00.000Z", until: "2026-03-01T12:00:00.000Z", level: "error", service: "db", q: "time?out",
    });
  });
  it("keeps tail links as they are and reads old links without a mode", () => {
    const v = parseLogsView(logsPermalink({ mode: "tail", since: "", until: "", level: "", service: "", q: "" }, NOW));
    expect(v.mode).toBe("tail");
    expect(parseLogsView("#/logs?since=2026-03-01T11:00:00Z&until=2026-03-01T11:10:00Z").mode).toBe("history");
    expect(parseLogsView("#/logs?since=2026-03-01T11:00:00Z").mode).toBe("tail");
    expect(hashParams("#/logs").toString()).toBe("");
  });
});

describe("config history", () => {
  it("lists revisions newest first and shows a diff as - and + lines", () => {
    expect(newestFirst([{ rev: 1, fetched: null }, { rev: 3, fetched: null }, { rev: 2, fetched: null }]).map((r) => r.rev)).toEqual([3, 2, 1]);
    expect(diffLines({ path: "log_level", kind: "changed", old: "INFO", new: "DEBUG" })).toEqual([
      { sign: "-", text: "log_level: INFO" },
      { sign: "+", text: "log_level: DEBUG" },
    ]);
    expect(diffLines({ path: "a.b", kind: "added", old: null, new: { x: 1 } })).toEqual([{ sign: "+", text: 'a.b: {"x":1}' }]);
    expect(diffLines({ path: "gone", kind: "removed", old: 2, new: null })).toEqual([{ sign: "-", text: "gone: 2" }]);
  });
});

describe("config diff", () => {
  it("walks objects and arrays like krytend's diff, sorted by path", () => {
    const a = { log_level: "INFO", nats: { password: "***REDACTED:aa***", servers: ["x", "y"] }, gone: 1 };
    const b = { log_level: "DEBUG", nats: { password: "***REDACTED:bb***", servers: ["x"] }, extra: { on: true } };
    expect(diffConfigs(a, b)).toEqual([
      { path: "extra", kind: "added", old: null, new: { on: true } },
      { path: "gone", kind: "removed", old: 1, new: null },
      { path: "log_level", kind: "changed", old: "INFO", new: "DEBUG" },
      { path: "nats.password", kind: "changed", old: "***REDACTED:aa***", new: "***REDACTED:bb***" },
      { path: "nats.servers[1]", kind: "removed", old: "y", new: null },
    ]);
    expect(diffConfigs({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });
});

describe("request and reply", () => {
  const ev = (seq: number, subject: string, type: string, replyTo?: string) => ({ seq, subject, type, received: "", replyTo });
  const events = [
    ev(1, "kryten.a.command", "command", "_INBOX.x.1"),
    ev(2, "_INBOX.x.9", "reply"),
    ev(3, "_INBOX.x.1", "reply"),
    ev(4, "_INBOX.x.1", "reply"),
    ev(5, "kryten.a.command", "command", "_INBOX.x.5"),
  ];
  it("finds the first reply on the request's inbox after it", () => {
    expect(findReply(events[0], events)?.seq).toBe(3);
    expect(findReply(events[4], events)).toBeNull();
    expect(findReply(ev(6, "kryten.a.command", "command"), events)).toBeNull();
  });
  it("finds the request a reply answers", () => {
    expect(findRequest(events[2], events)?.seq).toBe(1);
    expect(findRequest(events[1], events)).toBeNull();
  });
  it("merges history and live pages by sequence, each once", () => {
    expect(mergeBySeq([{ seq: 1 }, { seq: 3 }], [{ seq: 3 }, { seq: 2 }]).map((x) => x.seq)).toEqual([1, 2, 3]);
  });
});
