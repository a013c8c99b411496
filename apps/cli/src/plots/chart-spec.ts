/**
 * One Vega spec for every figure the CLI writes: lines and/or point clouds on x/y axes, with a
 * title, axis titles and a legend, styled like a default matplotlib figure (640x480, white
 * background, framed axes, the tab10 colour cycle, legend box in the upper right). A log y axis is
 * used when asked (loss curves spanning many decades).
 */

/** One curve or point cloud. */
export interface Series {
  label: string;
  points: readonly (readonly [number, number])[];
  /** `line` (default) or `points` (drawn as small crosses, matplotlib's `'x'` marker). */
  kind?: 'line' | 'points';
  /** A colour; by default the next of matplotlib's tab10 cycle. */
  color?: string;
  dashed?: boolean;
}

export interface ChartOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  series: readonly Series[];
  logY?: boolean;
  /** Fix the y range (points outside are clipped), e.g. to keep a runaway fit from flattening the data. */
  yDomain?: [number, number];
  width?: number;
  height?: number;
}

/** matplotlib's default colour cycle (tab10). */
export const TAB10 = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';
const CROSS = 'M-1,-1L1,1M-1,1L1,-1';

/** The Vega spec of a chart (plain JSON). */
export function chartSpec(o: ChartOptions): Record<string, unknown> {
  const colors = o.series.map((s, i) => s.color ?? TAB10[i % TAB10.length]!);
  const labels = o.series.map((s) => s.label);
  const values: { s: string; x: number; y: number; k: number }[] = [];
  o.series.forEach((s, k) => {
    for (const [x, y] of s.points) {
      if (Number.isFinite(x) && Number.isFinite(y) && (!o.logY || y > 0)) values.push({ s: s.label, x, y, k });
    }
  });
  const lineSeries = o.series.filter((s) => (s.kind ?? 'line') === 'line').map((s) => s.label);
  const pointSeries = o.series.filter((s) => s.kind === 'points').map((s) => s.label);
  const dashed = o.series.filter((s) => s.dashed).map((s) => s.label);
  const yScale: Record<string, unknown> = {
    name: 'y',
    type: o.logY ? 'log' : 'linear',
    range: 'height',
    nice: !o.yDomain,
    zero: false,
    domain: o.yDomain ?? { data: 'all', field: 'y' },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega/v5.json',
    width: o.width ?? 520,
    height: o.height ?? 340,
    padding: 10,
    background: 'white',
    config: {
      text: { font: FONT },
      title: { font: FONT, fontSize: 15, fontWeight: 'normal' },
      axis: { labelFont: FONT, titleFont: FONT, labelFontSize: 11, titleFontSize: 13, titleFontWeight: 'normal', grid: false, tickColor: 'black', domainColor: 'black', labelColor: 'black' },
      legend: { labelFont: FONT, labelFontSize: 11, labelLimit: 0 },
    },
    title: { text: o.title, anchor: 'middle' },
    data: [
      { name: 'all', values },
      { name: 'lines', source: 'all', transform: [{ type: 'filter', expr: `indexof(${JSON.stringify(lineSeries)}, datum.s) >= 0` }] },
      { name: 'points', source: 'all', transform: [{ type: 'filter', expr: `indexof(${JSON.stringify(pointSeries)}, datum.s) >= 0` }] },
    ],
    scales: [
      { name: 'x', type: 'linear', range: 'width', nice: false, zero: false, domain: { data: 'all', field: 'x' } },
      yScale,
      { name: 'color', type: 'ordinal', domain: labels, range: colors },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: o.xTitle, tickCount: 8 },
      { orient: 'left', scale: 'y', title: o.yTitle, tickCount: 6, ...(o.logY ? { format: '~g' } : {}) },
      // matplotlib frames the plot on all four sides
      { orient: 'top', scale: 'x', labels: false, ticks: false },
      { orient: 'right', scale: 'y', labels: false, ticks: false },
    ],
    legends: [
      {
        fill: 'color',
        orient: 'top-right',
        offset: 8,
        padding: 6,
        strokeColor: '#cccccc',
        fillColor: 'rgba(255,255,255,0.85)',
        cornerRadius: 3,
        symbolType: 'stroke',
        encode: {
          symbols: {
            update: {
              stroke: { scale: 'color', field: 'value' },
              strokeWidth: { value: 2 },
              shape: pointSeries.length ? { signal: `indexof(${JSON.stringify(pointSeries)}, datum.value) >= 0 ? '${CROSS}' : 'stroke'` } : { value: 'stroke' },
              size: { value: 60 },
            },
          },
        },
      },
    ],
    marks: [
      {
        type: 'group',
        clip: true,
        encode: { enter: { width: { signal: 'width' }, height: { signal: 'height' } } },
        marks: [
          {
            type: 'group',
            from: { facet: { name: 'series', data: 'lines', groupby: 's' } },
            marks: [
              {
                type: 'line',
                from: { data: 'series' },
                sort: { field: 'datum.x' },
                encode: {
                  enter: {
                    x: { scale: 'x', field: 'x' },
                    y: { scale: 'y', field: 'y' },
                    stroke: { scale: 'color', field: 's' },
                    strokeWidth: { value: 1.6 },
                    strokeDash: { signal: `indexof(${JSON.stringify(dashed)}, datum.s) >= 0 ? [6, 4] : []` },
                  },
                },
              },
            ],
          },
          {
            type: 'symbol',
            from: { data: 'points' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'x' },
                y: { scale: 'y', field: 'y' },
                shape: { value: CROSS },
                size: { value: 22 },
                stroke: { scale: 'color', field: 's' },
                strokeWidth: { value: 1.2 },
              },
            },
          },
        ],
      },
    ],
  };
}
