import { useEffect, useRef, useState } from "preact/hooks";
import type uPlot from "uplot";
import type { Columns } from "../series";

let lib: Promise<typeof uPlot> | null = null;

/** uPlot, loaded once on first use (its own chunk and stylesheet). */
export function loadCharts(): Promise<typeof uPlot> {
  lib ??= import("./lib").then((m) => m.default);
  return lib;
}

export interface SeriesSpec {
  label: string;
  /** A CSS custom property (`--ok`) or a colour. */
  color: string;
  /** Fill the area under the line (alpha as two hex digits, e.g. "33"). */
  fill?: string;
  dash?: boolean;
  /** Points instead of a line (for sparse samples). */
  points?: boolean;
  /** The legend's value for row `i` (default: the number with `unit`). */
  value?: (i: number) => string;
}

/** A palette for series without a meaning of their own. */
export const PALETTE = ["#5aa9ff", "#3fb950", "#d29922", "#f85149", "#a371f7", "#39c5cf", "#db61a2", "#8a94a3"];

function cssColor(v: string): string {
  if (!v.startsWith("--")) return v;
  return getComputedStyle(document.documentElement).getPropertyValue(v).trim() || "#888888";
}

/**
 * A time chart (x in unix seconds). Recreated when the series change,
 * updated in place when only the data does. The uPlot instance is on the
 * element as `__uplot` (for the browser tests).
 */
export function Chart({
  name, series, data, height = 180, unit = "", yMin,
}: { name: string; series: SeriesSpec[]; data: Columns; height?: number; unit?: string; yMin?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const outer = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;
  const [error, setError] = useState<string | null>(null);
  const key = series.map((s) => `${s.label}:${s.color}`).join("|") + `|${height}|${unit}`;
  const specs = useRef(series);
  specs.current = series;

  useEffect(() => {
    let gone = false;
    loadCharts()
      .then((U) => {
        const el = box.current;
        if (gone || !el) return;
        const muted = cssColor("--muted");
        const grid = cssColor("--line");
        const fmt = (v: number | null) => (v == null ? "–" : `${+v.toFixed(v < 10 ? 2 : 1)}${unit}`);
        const opts: uPlot.Options = {
          width: Math.max(200, el.clientWidth || 600),
          height,
          scales: {
            // A lone sample (or none) gets a minute of context, not years.
            x: {
              time: true,
              range: (u, min, max) => {
                // (uPlot widens a lone x to 1,000 days when the unit is seconds.)
                const xs = u.data[0] ?? [];
                if (xs.length === 0) {
                  const now = Date.now() / 1000;
                  return [now - 60, now];
                }
                const lo = xs[0];
                const hi = xs[xs.length - 1];
                return hi - lo < 60 ? [hi - 60, hi + 2] : [min, max];
              },
            },
            y: yMin == null ? {} : { range: (_u, _min, max) => [yMin, Math.max(Number.isFinite(max) ? max : 0, yMin + 1) * 1.1] },
          },
          series: [
            {},
            ...series.map((s, i) => {
              const c = cssColor(s.color);
              return {
                label: s.label,
                stroke: c,
                width: s.points ? 0 : 1.5,
                fill: s.fill ? c + s.fill : undefined,
                dash: s.dash ? [6, 4] : undefined,
                points: { show: !!s.points, size: 5, fill: c, stroke: c },
                spanGaps: false,
                value: (_u: uPlot, v: number | null, _si: number, row: number | null) => {
                  const f = specs.current[i]?.value;
                  return f && row != null ? f(row) : fmt(v);
                },
              } as uPlot.Series;
            }),
          ],
          axes: [
            { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
            { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, values: (_u, vals) => vals.map((v) => fmt(v)), size: 56 },
          ],
          legend: { live: true },
          cursor: { drag: { x: true, y: false } },
        };
        const u = new U(opts, latest.current as uPlot.AlignedData, el);
        plot.current = u;
        if (outer.current) (outer.current as any).__uplot = u;
      })
      .catch((e) => setError(`the chart could not load: ${(e as Error).message}`));
    return () => {
      gone = true;
      plot.current?.destroy();
      plot.current = null;
      if (outer.current) delete (outer.current as any).__uplot;
    };
  }, [key]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(() => {
      const w = el.clientWidth;
      if (plot.current && w > 0 && Math.abs(plot.current.width - w) > 2) plot.current.setSize({ width: w, height });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [height]);

  return (
    <div class="chart" data-chart={name} data-points={data[0].length} ref={outer}>
      <div ref={box} />
      {error && <p class="error">{error}</p>}
    </div>
  );
}
