/**
 * `pnpm bench`: runs each workload with gd and the JS anchors side by side, in one process, and
 * writes the table to BENCHMARKS.md at the repo root (and prints it).
 *
 * Imports the BUILT gd packages (their dist, what users get: @gd/tensor, @gd/autograd, @gd/data,
 * @gd/nn, @gd/optim), so the `bench` script builds them first.
 * One file per workload; add a workload by writing `wN-name.mjs` exporting a {@link Workload}
 * and listing it in `workloads` below.
 *
 * Usage: node --expose-gc src/run.mjs [--quick] [ID...]
 *   --quick  3 short samples per figure: a smoke run; prints the table, does not write BENCHMARKS.md
 *   ID       run only these workloads (W1, W2, W3, W4, E, O, OPT, ...)
 *
 * @typedef {object} Workload
 * @property {string} id
 * @property {string} title
 * @property {(ctx: object) => Promise<object[]>} run  returns the rows of the table
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliTutorial } from './cli-tutorial.mjs';
import { elementwise } from './elementwise.mjs';
import { opOverhead } from './op-overhead.mjs';
import { optimStep } from './optim-step.mjs';
import { benchmarksMarkdown } from './report.mjs';
import { loadTfjs } from './tfjs.mjs';
import { defaultTiming } from './timing.mjs';
import { w1Tutorial } from './w1-tutorial.mjs';
import { w2DataLoader } from './w2-dataloader.mjs';
import { w3Mlp } from './w3-mlp.mjs';
import { w4Matmul } from './w4-matmul.mjs';

const workloads = [w1Tutorial, w2DataLoader, w3Mlp, w4Matmul, elementwise, opOverhead, optimStep, cliTutorial];

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

function machineInfo() {
  const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
  const version = (pkg) => JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;
  const gdPackages = ['@gd/tensor', '@gd/autograd', '@gd/data', '@gd/nn', '@gd/optim'];
  return {
    date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    memGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
    gdVersion: gdPackages.map((pkg) => `${pkg} ${version(pkg)}`).join(', '),
    loadBefore: load(),
    loadAfter: '',
    load,
  };
}

async function main() {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.filter((a) => !a.startsWith('--'));
  const unknown = only.filter((id) => !workloads.some((w) => w.id === id));
  if (unknown.length) throw new Error(`unknown workload ${unknown.join(', ')}; known: ${workloads.map((w) => w.id).join(', ')}`);
  if (typeof globalThis.gc !== 'function') console.error('bench: run node with --expose-gc for steadier samples');

  const machine = machineInfo();
  const timing = quick ? { samples: 3, minSampleMs: 50, warmupMs: 50 } : defaultTiming;
  const tfjs = await loadTfjs();
  for (const [column, message] of Object.entries(tfjs.failed)) console.error(`bench: ${column} unavailable: ${message}`);

  const step = async (label, fn) => {
    const start = performance.now();
    const result = await fn();
    console.error(`bench: ${label} done in ${((performance.now() - start) / 1e3).toFixed(1)} s`);
    return result;
  };
  const ctx = { tfjs, timing, step };
  const rows = [];
  for (const workload of workloads) {
    if (only.length && !only.includes(workload.id)) continue;
    rows.push(...(await workload.run(ctx)));
  }
  machine.loadAfter = machine.load();

  const markdown = benchmarksMarkdown({ rows, machine, timing, tfjs, quick });
  console.log(markdown);
  if (!quick && !only.length) {
    writeFileSync(join(repoRoot, 'BENCHMARKS.md'), markdown);
    console.error('bench: wrote BENCHMARKS.md');
  }
}

main().catch((err) => {
  console.error(`bench: FAILED: ${err instanceof Error ? err.stack : String(err)}`);
  process.exitCode = 1;
});
