/**
 * Formats the measured rows as the Markdown of BENCHMARKS.md: one table, every system of a row
 * measured in the same run, plus gd's speed ratio against each (ratios are what carry over
 * between runs on these shared, noisy machines; absolute figures move by up to 2x).
 */

/** The columns, in order; a row may lack any of them (shown as —). */
export const SYSTEMS = ['gd', 'tfjs-cpu', 'tfjs-wasm', 'plain JS'];

/** BENCH.md's anchor table (2 vCPU AMD EPYC Zen 3, Node 20, medians of two passes), for context. */
const ANCHORS = `| workload | PyTorch 1.13 CPU | tfjs-cpu 4.22 | tfjs-wasm 4.22 (SIMD, 1 thread) | js-pytorch 0.7.2 | plain JS by hand |
|---|---|---|---|---|---|
| W1 total ms (lower is better) | 659 with DataLoader, 502 slicing | 402 | 455 | 198 | 0.075 (closed-form gradients, no autograd) |
| W1 steps/s at batch 1 | 3,600 | 5,800 | 5,200 | 18,600 | — |
| W2 samples/s | 180k DataLoader, 740k BatchSampler trick, 2.5M randperm+index | 19k–32k (tf.data) | — | — | 3.2M (Fisher–Yates + gather) |
| W3 samples/s | 73k (1 thread), 43k (2) | 1.06k | 4.0k | 0.38k | — |
| W4 GFLOP/s at N=512 / 1024 | 124 / 161 (2 threads) | 0.57 / 0.51 | 20 / 17.5 | 0.44 / 0.15 | naive 0.6; 4x4 register-tiled 2.7 / 2.3 |`;

function fmt(x) {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1e6) return `${fmt(x / 1e6)}M`;
  if (abs >= 1e4) return `${fmt(x / 1e3)}k`;
  if (abs >= 100) return x.toFixed(0);
  if (abs >= 10) return x.toFixed(1);
  if (abs >= 1) return x.toFixed(2);
  return x.toPrecision(2);
}

function cell(stats) {
  return stats ? `${fmt(stats.median)} (${fmt(stats.min)}–${fmt(stats.max)})` : '—';
}

/** gd's speed relative to `other` (> 1 when gd is faster) from the medians, or undefined. */
function ratioOf(row, other) {
  const gd = row.results.gd;
  const them = row.results[other];
  if (!gd || !them) return undefined;
  return row.better === 'higher' ? gd.median / them.median : them.median / gd.median;
}

function speedRatio(row, other) {
  const ratio = ratioOf(row, other);
  return ratio === undefined ? '—' : `${fmt(ratio)}×`;
}

/**
 * gd against the row's target (the issues' acceptance figures): `{ vs, atLeast, text }`, a
 * minimum speed ratio against another column, or `{ atMost, text }`, a maximum of gd's own
 * median in the row's unit.
 */
function targetCell(row) {
  const target = row.target;
  if (!target) return '—';
  let value;
  let met;
  if (target.vs !== undefined) {
    value = ratioOf(row, target.vs);
    if (value === undefined) return `${target.text}: not measured`;
    met = value >= target.atLeast;
    value = `${fmt(value)}×`;
  } else {
    const gd = row.results.gd;
    if (!gd) return `${target.text}: not measured`;
    met = gd.median <= target.atMost;
    value = `${fmt(gd.median)} ${row.unit}`;
  }
  return `${target.text}: ${met ? '**met**' : '**missed**'} (${value})`;
}

/** The measured table: median (min–max) per system, then gd's speed ratios and its target. */
export function resultsTable(rows) {
  const others = SYSTEMS.slice(1);
  const head = ['workload', 'case', 'unit', ...SYSTEMS, ...others.map((s) => `gd speed vs ${s}`), 'target (gd)', 'anchors (BENCH.md)'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const unit = `${row.unit} (${row.better} is better)`;
    const cells = [
      row.workload,
      row.case,
      unit,
      ...SYSTEMS.map((s) => cell(row.results[s])),
      ...others.map((s) => speedRatio(row, s)),
      targetCell(row),
      row.anchor ?? '',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The rows' notes (what a cell cannot say: bounded measurements, memory), as a list. */
function notesList(rows) {
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.note}`);
  return notes.length ? `\n### Notes\n\n${notes.join('\n')}\n` : '';
}

/** The whole BENCHMARKS.md. */
export function benchmarksMarkdown({ rows, machine, timing, tfjs, quick }) {
  const failed = Object.entries(tfjs?.failed ?? {}).map(([column, message]) => `- ${column} could not start: ${message}`);
  return `# Benchmarks

Written by \`pnpm bench\` (bench/src/run.mjs)${quick ? ' in --quick mode (short samples: a smoke run, not a measurement)' : ''}.
Every system in a row was measured in the same run on the same machine; compare ratios, since
on these shared machines the same command moves by up to 2x between runs (BENCH.md).

- Date: ${machine.date}
- Machine: ${machine.cpu}, ${machine.cores} logical cores, ${machine.memGiB} GiB, ${machine.os}; load average ${machine.loadBefore} at start, ${machine.loadAfter} at end
- Node ${machine.node}; ${machine.gdVersion} (built dist); @tensorflow/tfjs ${tfjs?.describe.version ?? '—'} (cpu backend, production mode); @tensorflow/tfjs-backend-wasm ${tfjs?.describe.version ?? '—'} (SIMD ${tfjs?.describe.wasmSimd ? 'on' : 'off'}, ${tfjs?.describe.wasmThreads ?? '—'} thread)
- Method: \`performance.now()\` in one process, warm-up of at least ${timing.warmupMs} ms, then ${timing.samples} samples of at least ${timing.minSampleMs} ms each; the result of every call is read back inside the timed region (gd: \`.data\`/\`.item()\`; tfjs: \`dataSync()\` and \`dispose()\`). Cells are median (min–max) over the samples. "gd speed vs X" is X's median time over gd's (> 1: gd is faster). "target (gd)" checks gd against the figure its issue sets.
${failed.length ? `${failed.join('\n')}\n` : ''}
## Measured

${resultsTable(rows)}
${notesList(rows)}
## The anchors, for context (BENCH.md: 2 vCPU AMD EPYC Zen 3, Node 20, medians of two passes)

${ANCHORS}

Ceilings (BENCH.md): an AVX2-FMA loop does about 99 GFLOP/s on one core; WebAssembly SIMD128 about
49 GFLOP/s per core at best; scalar JS about 12.
`;
}
