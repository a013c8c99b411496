/**
 * CLI: whole-process `gd tutorial` (issue 7): start node, load the CLI and the packages, train the
 * three runs, print, draw the two figures (SVG + PNG) and write the CSV and JSON, as `npm start`
 * does. Figures: wall time (spawn to exit) and peak resident memory (`/usr/bin/time`'s maximum
 * RSS), the median over several runs. Issue 7's yardstick is the seed's own PyTorch script, 1.9 s
 * and 243 MiB on this kind of machine, with targets of at most a quarter of its time (475 ms) and
 * a third of its memory (81 MiB). When Debian's python3-torch and matplotlib are installed, the
 * same tutorial in PyTorch (tutorial.json's code plus the two matplotlib figures) runs in the
 * same rotation and its figures go in the row's note.
 *
 * Uses the BUILT CLI (apps/cli/dist), building it with turbo first when it is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'apps/cli/dist/main.js');

function ensureCli() {
  if (existsSync(cli)) return;
  const env = { ...process.env, PATH: [join(root, 'node_modules/.bin'), process.env.PATH].join(delimiter), TURBO_TELEMETRY_DISABLED: '1' };
  const r = spawnSync(process.execPath, [join(root, 'node_modules/turbo/bin/turbo'), 'run', 'build', '--filter=@gd/cli...', '--output-logs=errors-only'], { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building @gd/cli failed');
}

const PYTORCH_SCRIPT = `
import torch, matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
from torch.utils.data import Dataset, DataLoader
class Build_Data(Dataset):
    def __init__(self):
        self.x = torch.arange(-5, 5, 0.1).view(-1, 1)
        self.y = -5 * self.x
        self.len = self.x.shape[0]
    def __getitem__(self, index):
        return self.x[index], self.y[index]
    def __len__(self):
        return self.len
dataset = Build_Data()
torch.manual_seed(42)
X = torch.arange(-5, 5, 0.1).view(-1, 1)
func = -5 * X
Y = func + 0.4 * torch.randn(X.size())
def forward(x): return w * x + b
def criterion(y_pred, y): return torch.mean((y_pred - y) ** 2)
results = {}
for BATCH_SIZE in (1, 10, 20):
    train_loader = DataLoader(dataset=dataset, batch_size=BATCH_SIZE)
    w = torch.tensor(-10.0, requires_grad=True)
    b = torch.tensor(-20.0, requires_grad=True)
    losses = []
    for i in range(20):
        losses.append(criterion(forward(X), Y).tolist())
        for x, y in train_loader:
            loss = criterion(forward(x), y)
            loss.backward()
            w.data = w.data - 0.1 * w.grad.data
            b.data = b.data - 0.1 * b.grad.data
            w.grad.data.zero_()
            b.grad.data.zero_()
    results[BATCH_SIZE] = losses
    print(BATCH_SIZE, w.item(), b.item())
plt.plot(X.numpy(), Y.numpy(), 'rx', label='Y')
plt.plot(X.numpy(), func.numpy(), label='func')
plt.xlabel('x'); plt.ylabel('y'); plt.legend()
plt.savefig(OUT + '/data.png'); plt.savefig(OUT + '/data.svg'); plt.close()
plt.plot(results[1], label='Stochastic Gradient Descent')
plt.plot(results[10], label='Mini-Batch Gradient Descent, Batch size: 10')
plt.plot(results[20], label='Mini-Batch Gradient Descent, Batch size: 20')
plt.xlabel('epoch'); plt.ylabel('Cost/ total loss'); plt.legend()
plt.savefig(OUT + '/loss.png'); plt.savefig(OUT + '/loss.svg')
`;

function pytorchAvailable() {
  const r = spawnSync('python3', ['-c', 'import torch, matplotlib'], { encoding: 'utf8' });
  return r.status === 0;
}

/** Runs `cmd args` under /usr/bin/time; returns { ms, mib }. */
function measureProcess(cmd, args) {
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'GD_BENCH_RSS_KB %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  const kb = Number(/GD_BENCH_RSS_KB (\d+)/.exec(r.stderr)?.[1]);
  return { ms, mib: kb / 1024 };
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], samples: sorted.length };
}

async function run(ctx) {
  if (!existsSync('/usr/bin/time')) throw new Error('the CLI benchmark needs /usr/bin/time (Debian package "time") for the peak memory');
  ensureCli();
  const runs = ctx.timing.samples <= 3 ? 3 : 7;
  const out = mkdtempSync(join(tmpdir(), 'gd-bench-cli-'));
  const torch = pytorchAvailable();
  const script = join(out, 'tutorial.py');
  if (torch) writeFileSync(script, `OUT = ${JSON.stringify(out)}\n${PYTORCH_SCRIPT}`);
  const gd = [];
  const py = [];
  try {
    await ctx.step('CLI gd tutorial', async () => {
      measureProcess(process.execPath, [cli, 'tutorial', '--out', out]); // warm the file cache
      for (let i = 0; i < runs; i++) {
        gd.push(measureProcess(process.execPath, [cli, 'tutorial', '--out', out]));
        if (torch) py.push(measureProcess('python3', [script]));
      }
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const pyTime = torch ? stats(py.map((r) => r.ms)) : null;
  const pyMem = torch ? stats(py.map((r) => r.mib)) : null;
  const seed = 'seed PyTorch script (issue 7): 1.9 s, 243 MiB';
  const note = (what, s, unit) =>
    torch ? `PyTorch 1.13 + matplotlib, same runs: ${s.median.toFixed(0)} ${unit} median (${s.min.toFixed(0)}–${s.max.toFixed(0)}); ${seed}; target ${what}` : `${seed} (python3-torch not installed here); target ${what}`;
  return [
    {
      workload: 'CLI gd tutorial',
      case: 'whole process: 3 runs, table, chart, 2 figures SVG+PNG, CSV, JSON',
      unit: 'wall ms',
      better: 'lower',
      results: { gd: stats(gd.map((r) => r.ms)) },
      anchor: note('≤ 475 ms', pyTime, 'ms'),
    },
    {
      workload: 'CLI gd tutorial',
      case: 'peak resident memory (/usr/bin/time max RSS)',
      unit: 'MiB',
      better: 'lower',
      results: { gd: stats(gd.map((r) => r.mib)) },
      anchor: note('≤ 81 MiB', pyMem, 'MiB'),
    },
  ];
}

/** @type {import('./run.mjs').Workload} */
export const cliTutorial = { id: 'CLI', title: 'gd tutorial, whole process', run };
