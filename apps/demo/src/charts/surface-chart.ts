/**
 * The loss surface over (w, b) as a heat map (log colour scale) with contour lines every quarter
 * decade, and each run's path on it: where the zig-zag of small batches shows. uPlot gives the
 * axes, scales and cursor; the map and the paths are drawn on its canvas in its draw hooks.
 */
import uPlot from 'uplot';
import { type LineMoments, type SurfaceGrid, lineLoss } from '../engine/line-stats.js';
import { viridis } from './colormap.js';
import { mountPlot, runColor } from './frame.js';
import { formatShort } from '../ui/format.js';

/** Pixels further out than this are clamped before drawing (diverging runs reach 1e30 and more). */
const FAR = 1e5;

export class SurfaceChart {
  private plot: uPlot | null = null;
  private image: HTMLCanvasElement | null = null;
  private surface: SurfaceGrid | null = null;
  private moments: LineMoments | null = null;
  private paths: number[][] = [];
  private readonly hidden = new Set<number>();

  constructor(
    private readonly container: HTMLElement,
    private readonly readout: HTMLElement,
  ) {}

  reset(surface: SurfaceGrid, moments: LineMoments): void {
    this.surface = surface;
    this.moments = moments;
    this.image = renderHeat(surface);
    this.paths = [];
    this.hidden.clear();
    this.plot?.destroy();
    this.container.replaceChildren();
    this.plot = mountPlot(
      this.container,
      {
        series: [{ label: 'w' }, { label: 'b', stroke: 'transparent', points: { show: false } }],
        scales: {
          x: { time: false, auto: false, range: [surface.wMin, surface.wMax] },
          y: { auto: false, range: [surface.bMin, surface.bMax] },
        },
        axes: [
          { label: 'w', stroke: '#333', grid: { stroke: '#ffffff33' } },
          { label: 'b', stroke: '#333', grid: { stroke: '#ffffff33' } },
        ],
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        hooks: {
          drawClear: [(u) => this.drawHeat(u)],
          draw: [(u) => this.drawPaths(u)],
          setCursor: [(u) => this.showCursor(u)],
        },
      },
      [
        [surface.wMin, surface.wMax],
        [null, null],
      ],
    );
  }

  /** Shows or hides run `i`'s path. */
  showPath(i: number, show: boolean): void {
    if (show) this.hidden.delete(i);
    else this.hidden.add(i);
    this.plot?.redraw(false, false);
  }

  /** Each run's path so far: w0, b0, w1, b1, ... */
  update(paths: number[][]): void {
    this.paths = paths;
    this.plot?.redraw(false, false);
  }

  private drawHeat(u: uPlot): void {
    if (this.image === null) return;
    const { left, top, width, height } = u.bbox;
    u.ctx.save();
    u.ctx.imageSmoothingEnabled = true;
    u.ctx.drawImage(this.image, left, top, width, height);
    u.ctx.restore();
  }

  private drawPaths(u: uPlot): void {
    const s = this.surface;
    if (s === null) return;
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    const px = (w: number): number => clamp(u.valToPos(w, 'x', true));
    const py = (b: number): number => clamp(u.valToPos(b, 'y', true));
    const dpr = devicePixelRatio || 1;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    // the least-squares point
    const [ow, ob] = s.optimum;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 2 * dpr;
    const r = 6 * dpr;
    ctx.beginPath();
    ctx.moveTo(px(ow) - r, py(ob) - r);
    ctx.lineTo(px(ow) + r, py(ob) + r);
    ctx.moveTo(px(ow) + r, py(ob) - r);
    ctx.lineTo(px(ow) - r, py(ob) + r);
    ctx.stroke();
    this.paths.forEach((path, i) => {
      if (path.length < 2 || this.hidden.has(i)) return;
      ctx.strokeStyle = runColor(i);
      // long zig-zags (batch 1) thinner and see-through, so the paths under them stay visible
      const long = path.length > 600;
      ctx.globalAlpha = long ? 0.6 : 1;
      ctx.lineWidth = (long ? 1 : 1.8) * dpr;
      ctx.lineJoin = 'round';
      ctx.beginPath();
      ctx.moveTo(px(path[0]!), py(path[1]!));
      for (let k = 2; k + 1 < path.length; k += 2) {
        const w = path[k]!;
        const b = path[k + 1]!;
        if (!Number.isFinite(w) || !Number.isFinite(b)) break;
        ctx.lineTo(px(w), py(b));
      }
      ctx.stroke();
      ctx.globalAlpha = 1;
      // where it is now: the last finite point
      let k = path.length - 2;
      while (k > 0 && !(Number.isFinite(path[k]!) && Number.isFinite(path[k + 1]!))) k -= 2;
      ctx.fillStyle = runColor(i);
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 1.5 * dpr;
      ctx.beginPath();
      ctx.arc(px(path[k]!), py(path[k + 1]!), 4.5 * dpr, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    });
    // the common start
    const first = this.paths[0];
    if (first !== undefined && first.length >= 2) {
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 2 * dpr;
      ctx.beginPath();
      ctx.arc(px(first[0]!), py(first[1]!), 6 * dpr, 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.restore();
  }

  private showCursor(u: uPlot): void {
    const { left, top } = u.cursor;
    if (this.moments === null || left === undefined || top === undefined || left < 0 || top < 0) {
      this.readout.textContent = 'Point at the map to read w, b and the loss.';
      return;
    }
    const w = u.posToVal(left, 'x');
    const b = u.posToVal(top, 'y');
    this.readout.textContent = `w = ${formatShort(w)}, b = ${formatShort(b)}: training loss ${formatShort(lineLoss(this.moments, w, b))}`;
  }
}

function clamp(p: number): number {
  return p > FAR ? FAR : p < -FAR ? -FAR : p;
}

/** The heat map as an image, one pixel per grid cell, top row = largest b. */
function renderHeat(s: SurfaceGrid): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = s.cols;
  canvas.height = s.rows;
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(s.cols, s.rows);
  let max = 0;
  for (const v of s.values) max = Math.max(max, v);
  const floor = Math.max(s.minLoss, max * 1e-6, 1e-12);
  const lo = Math.log10(floor);
  const hi = Math.log10(Math.max(max, floor * 10));
  const level = (v: number): number => Math.floor(Math.log10(Math.max(v, floor)) * 4);
  for (let r = 0; r < s.rows; r++) {
    const src = s.rows - 1 - r; // image row 0 is the top (largest b)
    for (let c = 0; c < s.cols; c++) {
      const v = s.values[src * s.cols + c]!;
      const [red, green, blue] = viridis((Math.log10(Math.max(v, floor)) - lo) / (hi - lo));
      const right = c + 1 < s.cols ? s.values[src * s.cols + c + 1]! : v;
      const below = src > 0 ? s.values[(src - 1) * s.cols + c]! : v;
      const edge = level(v) !== level(right) || level(v) !== level(below);
      const o = (r * s.cols + c) * 4;
      const mix = edge ? 0.45 : 0;
      img.data[o] = red + (255 - red) * mix;
      img.data[o + 1] = green + (255 - green) * mix;
      img.data[o + 2] = blue + (255 - blue) * mix;
      img.data[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}
