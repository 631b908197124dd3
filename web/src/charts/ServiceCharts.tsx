import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { Connection, rest } from "../api";
import type { EventItem, Service } from "../model";
import { HeartbeatIntervals, MetricSeries, PingSamples, unixSeconds } from "../series";
import { Chart, PALETTE } from "./Chart";

const HEARTBEAT_TYPES = ["heartbeat", "service_heartbeat"];

/**
 * A service's charts: heartbeat intervals over the last hour (stored
 * events, then live after the last one read, so nothing is missed or
 * counted twice), the metrics heartbeats carry, and ping round trips.
 */
export function ServiceCharts({ conn, token, name, live }: { conn: Connection; token: string; name: string; live?: Service }) {
  const beats = useRef(new HeartbeatIntervals());
  const metrics = useRef(new MetricSeries());
  const pings = useRef(new PingSamples());
  const [version, setVersion] = useState(0);
  const [doc, setDoc] = useState<any>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    beats.current = new HeartbeatIntervals();
    metrics.current = new MetricSeries();
    let frame = 0;
    const redraw = () => {
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), setVersion((v) => v + 1)));
    };
    const take = (events: EventItem[]) => {
      beats.current.add(events);
      metrics.current.add(events);
      redraw();
    };
    let unsub: (() => void) | null = null;
    let gone = false;
    const q = new URLSearchParams({ service: name, kind: HEARTBEAT_TYPES.join(","), since: "1h", limit: "5000" });
    rest(token, `/events?${q}`)
      .then((d) => {
        if (gone) return;
        take(d.items ?? []);
        if (d.more) setNote("more than 5,000 heartbeats in the hour: the oldest are not shown");
        return beats.current.latestSeq;
      })
      .catch((e) => {
        setNote(`history unavailable: ${(e as Error).message}`);
        return 0;
      })
      .then((after) => {
        if (gone) return;
        const since = after ? undefined : new Date(Date.now() - 3600_000).toISOString();
        unsub = conn.subscribe(
          "events",
          { services: [name], types: HEARTBEAT_TYPES },
          (m) => m.type === "event" && take(m.events),
          since,
          after ?? 0,
        );
      });
    return () => {
      gone = true;
      unsub?.();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [conn, token, name]);

  // Ping round trips: the ones the daemon kept (its describe document),
  // then each new one as the live service updates carry it.
  useEffect(() => {
    pings.current = new PingSamples();
    let gone = false;
    rest(token, `/services/${encodeURIComponent(name)}/describe?events=1&timeline=1`)
      .then((d) => {
        if (gone) return;
        setDoc(d);
        let added = false;
        for (const p of d.pingHistory ?? []) added = pings.current.add({ lastPing: p.at, lastPingRttMs: p.rttMs }) || added;
        if (added) setVersion((v) => v + 1);
      })
      .catch(() => {});
    return () => {
      gone = true;
    };
  }, [token, name]);
  const liveDoc = live as (Service & { lastPing?: string | null; lastPingRttMs?: number | null; deadline?: string | null }) | undefined;
  useEffect(() => {
    if (liveDoc && pings.current.add(liveDoc)) setVersion((v) => v + 1);
  }, [liveDoc?.lastPing, liveDoc?.lastPingRttMs]);

  const interval = live?.heartbeatIntervalSeconds ?? doc?.heartbeatIntervalSeconds ?? null;
  const deadlineAfter = (() => {
    const d = unixSeconds(liveDoc?.deadline ?? doc?.deadline);
    const hb = unixSeconds(live?.lastHeartbeat ?? doc?.lastHeartbeat);
    return Number.isFinite(d) && Number.isFinite(hb) && d > hb ? d - hb : null;
  })();
  const hbData = useMemo(() => beats.current.columns(interval, deadlineAfter), [version, interval, deadlineAfter]);
  const mData = useMemo(() => metrics.current.columns(), [version]);
  const pData = useMemo(() => pings.current.columns(), [version]);
  const metricNames = metrics.current.names;
  const noBeats = hbData[0].length === 0;
  return (
    <div class="charts" data-service-charts>
      <div class="chart-panel">
        <h2>Heartbeat intervals <span class="muted">last hour, live</span></h2>
        {noBeats ? (
          <p class="muted" data-no-heartbeats>
            {live?.liveness === "ping" ? "This service does not heartbeat; it is pinged instead (below)." : "No two heartbeats in the last hour yet."}
          </p>
        ) : null}
        {!(noBeats && live?.liveness === "ping") && <Chart
          name="heartbeat"
          unit="s"
          yMin={0}
          series={[
            { label: "interval", color: "--accent", fill: "22" },
            { label: "learned", color: "--ok", dash: true },
            { label: "down after", color: "--bad", dash: true },
          ]}
          data={hbData}
        />}
        {note && <p class="muted">{note}</p>}
      </div>
      <div class="chart-panel">
        <h2>Ping round trip <span class="muted">kept since krytend started (the newest 64), live</span></h2>
        {pData[0].length === 0 && (
          <p class="muted" data-no-pings>
            No ping answered yet. krytend pings services that do not heartbeat; an operator's "ping" counts too.
          </p>
        )}
        <Chart name="ping" unit="ms" yMin={0} series={[{ label: "round trip", color: "--warn", points: true }]} data={pData} />
      </div>
      {metricNames.length > 0 && (
        <div class="chart-panel">
          <h2>Heartbeat metrics</h2>
          <Chart
            name="metrics"
            series={metricNames.map((n, i) => ({ label: n, color: PALETTE[i % PALETTE.length] }))}
            data={mData}
          />
        </div>
      )}
    </div>
  );
}
