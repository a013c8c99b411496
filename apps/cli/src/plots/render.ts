/**
 * Figures to files: a Vega spec is rendered to SVG in Node (no browser, no canvas: Vega's
 * scenegraph to SVG markup), and the SVG to PNG by resvg (a Rust renderer shipped as prebuilt npm
 * binaries). Both libraries are imported only here, on first use, so commands that draw nothing
 * do not pay for loading them.
 */
import { writeFileAtomic } from '../output/atomic-write.js';
import { type ChartOptions, chartSpec } from './chart-spec.js';

/** The SVG markup of a chart. */
export async function chartSvg(options: ChartOptions): Promise<string> {
  const vega = await import('vega');
  const view = new vega.View(vega.parse(chartSpec(options)), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A PNG of `svg` at its size (one pixel per SVG unit, about a matplotlib figure at 100 dpi). */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: 1 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

/** Writes `<base>.svg` and `<base>.png`; returns the two paths. */
export async function writeChart(base: string, options: ChartOptions): Promise<string[]> {
  const svg = await chartSvg(options);
  const png = await svgToPng(svg);
  writeFileAtomic(`${base}.svg`, svg);
  writeFileAtomic(`${base}.png`, png);
  return [`${base}.svg`, `${base}.png`];
}

