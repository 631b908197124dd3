import { describe, expect, it } from "vitest";
import {
  Ring, ago, canControl, compileSearch, countByStatus, duration, eventsCsv, healthScore, sortServices, visibleRange,
} from "./model";

const svc = (name: string, status: string) => ({ name, status });

describe("services", () => {
  it("sorts worst first, then by name", () => {
    const s = sortServices([svc("b", "healthy"), svc("a", "healthy"), svc("z", "down"), svc("m", "degraded")]);
    expect(s.map((x) => x.name)).toEqual(["z", "m", "a", "b"]);
  });
  it("counts per status and scores health, leaving planned stops out", () => {
    const list = [svc("a", "healthy"), svc("b", "down"), svc("c", "degraded"), svc("d", "stopped")];
    expect(countByStatus(list)).toEqual({ healthy: 1, down: 1, degraded: 1, stopped: 1 });
    expect(healthScore(list)).toBe(50);
    expect(healthScore([])).toBe(100);
  });
});

describe("ring", () => {
  it("keeps the newest items and counts what it dropped", () => {
    const r = new Ring<number>(3);
    r.push(1, 2, 3, 4, 5);
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.dropped).toBe(2);
  });
  it("wraps around without losing order, one push at a time or many", () => {
    const r = new Ring<number>(4);
    for (let i = 1; i <= 10; i++) r.push(i);
    expect(r.toArray()).toEqual([7, 8, 9, 10]);
    expect([r.at(0), r.at(3), r.at(4), r.at(-1)]).toEqual([7, 10, undefined, undefined]);
    r.push(11, 12, 13, 14, 15, 16);
    expect(r.toArray()).toEqual([13, 14, 15, 16]);
    expect(r.dropped).toBe(12);
    r.clear();
    expect(r.length).toBe(0);
    r.push(1);
    expect(r.toArray()).toEqual([1]);
  });
});

describe("virtual list", () => {
  it("renders only the rows in view, with overscan, clamped", () => {
    expect(visibleRange(0, 100, 20, 1000, 2)).toEqual({ first: 0, last: 7 });
    expect(visibleRange(10000, 100, 20, 1000, 2)).toEqual({ first: 498, last: 507 });
    expect(visibleRange(1e9, 100, 20, 10, 2)).toEqual({ first: 1e9 / 20 - 2, last: 10 });
  });
});

describe("formatting", () => {
  it("says durations and ages like a person would", () => {
    expect(duration(5)).toBe("5s");
    expect(duration(125)).toBe("2m 5s");
    expect(duration(7300)).toBe("2h 1m");
    expect(duration(null)).toBe("–");
    expect(ago("2026-11-22T10:00:00Z", Date.parse("2026-11-22T10:01:05Z"))).toBe("1m 5s ago");
    expect(ago(null)).toBe("never");
  });
  it("quotes CSV fields that need it", () => {
    const csv = eventsCsv([{ seq: 1, received: "t", subject: "a.b", type: "other", payload: { m: 'say "hi", ok' } }]);
    expect(csv).toBe('seq,received,subject,type,service,payload\n1,t,a.b,other,,"{""m"":""say \\""hi\\"", ok""}"\n');
  });
  it("reports a bad regular expression instead of throwing", () => {
    expect(compileSearch("(").error).toBeTruthy();
    expect(compileSearch("err.r").re?.test("ERROR")).toBe(true);
  });
  it("offers control to operators and admins only", () => {
    expect(canControl("viewer")).toBe(false);
    expect(canControl("operator")).toBe(true);
    expect(canControl(null)).toBe(false);
  });
});
