import { useEffect, useMemo, useState } from "preact/hooks";
import { ApiError, rest } from "../api";
import { EventStats as Stats, statsColumns, statsQuery, type Columns } from "../series";
import { Chart, PALETTE, type SeriesSpec } from "./Chart";

/** How often the statistics are read again (the live list itself is the WebSocket's). */
const REFRESH_MS = 10_000;

const RANGES: { label: string; since: string; step: number }[] = [
  { label: "15 min", since: "15m", step: 15 },
  { label: "1 hour", since: "1h", step: 60 },
  { label: "6 hours", since: "6h", step: 300 },
  { label: "24 hours", since: "24h", step: 900 },
];

/** Event rates by type (stacked) and the busiest subjects, from `/api/v1/stats/events`. */
export function EventStatsPanel({ token, service, narrowed }: { token: string; service?: string; narrowed?: boolean }) {
  const [range, setRange] = useState(RANGES[1]);
  const [doc, setDoc] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let gone = false;
    const load = () =>
      rest<Stats>(token, `/stats/events?${statsQuery({ since: range.since, step: range.step, top: 10, service })}`)
        .then((d) => {
          if (gone) return;
          setDoc(d);
          setError(null);
        })
        .catch((e) => !gone && setError(e instanceof ApiError && e.status === 404 ? "event statistics are not served by this krytend" : (e as Error).message));
    load();
    const t = setInterval(load, REFRESH_MS);
    return () => {
      gone = true;
      clearInterval(t);
    };
  }, [token, range, service]);

  const chart = useMemo(() => {
    if (!doc) return null;
    const { types, columns } = statsColumns(doc);
    // Drawn top of the stack first so each lower area covers the part of
    // the one above that is not its own; the legend shows each type's own rate.
    const n = types.length;
    const series: SeriesSpec[] = [];
    const data: Columns = [columns[0]];
    for (let j = 0; j < n; j++) {
      const k = n - 1 - j;
      series.push({
        label: types[k],
        color: PALETTE[k % PALETTE.length],
        fill: "cc",
        value: (i) => {
          const own = (columns[k + 1][i] ?? 0) - (k > 0 ? columns[k][i] ?? 0 : 0);
          return `${+own.toFixed(2)}/s`;
        },
      });
      data.push(columns[k + 1]);
    }
    return { series, data };
  }, [doc]);

  const top = doc?.topSubjects ?? [];
  const max = Math.max(1, ...top.map((t) => t.count));
  return (
    <div class="charts" data-event-stats>
      <div class="chart-panel">
        <h2>
          Event rate by type <span class="muted">events/s, {range.label}{doc ? ` · ${doc.total} events` : ""}{doc?.truncated ? " · counted in part (too many to count)" : ""}
            {narrowed ? ` · ${service ? `service ${service}` : "every service"}, whatever the other filters` : ""}</span>
        </h2>
        <div class="ranges">
          {RANGES.map((r) => (
            <button class={`ghost ${r === range ? "on" : ""}`} onClick={() => setRange(r)} data-range={r.since}>{r.label}</button>
          ))}
        </div>
        {error && <p class="muted" data-stats-error>{error}</p>}
        {chart && chart.series.length === 0 && <p class="muted">No events in this range.</p>}
        {chart && chart.series.length > 0 && <Chart name="event-rate" unit="/s" yMin={0} series={chart.series} data={chart.data} />}
      </div>
      <div class="chart-panel">
        <h2>Top subjects <span class="muted">{range.label}</span></h2>
        {top.length === 0 && <p class="muted">{doc ? "None." : error ? "–" : "Loading…"}</p>}
        <table class="topsubjects" data-top-subjects>
          <tbody>
            {top.map((t) => (
              <tr data-subject={t.subject}>
                <td><code>{t.subject}</code><div class="bar" style={{ width: `${(100 * t.count) / max}%` }} /></td>
                <td class="n">{t.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
