/**
 * Test support: runs the BUILT `gd` (apps/cli/dist/main.js) as a user would, in a child process.
 * `ensureBuilt()` builds it (turbo: the CLI and the packages it uses) when dist is missing or older
 * than any source, so `npm test` works on a fresh clone; a lock directory keeps test files that
 * run in parallel from building at the same time.
 */
import { type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const bin = join(root, 'apps/cli/dist/main.js');
const lock = join(tmpdir(), `gd-cli-build-${root.replace(/[^a-zA-Z0-9]/g, '_')}.lock`);

/** Newest modification time of the files under `dir` (0 if none). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function stale(): boolean {
  if (!existsSync(bin)) return true;
  const built = statSync(bin).mtimeMs;
  const sources = ['apps/cli/src', 'apps/cli/package.json', 'apps/cli/tsup.config.ts'];
  for (const pkg of ['tensor', 'autograd', 'data', 'nn', 'optim', 'train']) {
    sources.push(`packages/${pkg}/src`, `packages/${pkg}/package.json`);
    if (!existsSync(join(root, `packages/${pkg}/dist/index.js`))) return true;
  }
  return sources.some((s) => {
    const p = join(root, s);
    return existsSync(p) && (statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs) > built;
  });
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the CLI and its packages if needed (call in beforeAll with a long timeout). Checked once
 * per test run (test files run in parallel worker processes of one vitest process, whose id keys a
 * marker file): a rebuild half-way through would delete dist under the feet of running tests.
 */
export function ensureBuilt(): void {
  // forks pool: the workers' parent is the vitest process; threads pool: the workers share its id
  const marker = `${lock}.checked-${isMainThread ? process.ppid : process.pid}`;
  if (existsSync(marker)) return;
  ensureFresh();
  writeFileSync(marker, '');
}

function ensureFresh(): void {
  if (!stale()) return;
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // another test file is building: wait for it (a lock older than 5 minutes is left over)
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      sleep(500);
    }
  }
  try {
    if (!stale()) return;
    const env = { ...process.env, PATH: [join(root, 'node_modules/.bin'), process.env.PATH].join(delimiter), TURBO_TELEMETRY_DISABLED: '1' };
    const r = spawnSync(process.execPath, [join(root, 'node_modules/turbo/bin/turbo'), 'run', 'build', '--filter=@gd/cli...', '--output-logs=errors-only'], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`building the CLI failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `gd args...` in `cwd` and waits for it. */
export function gd(args: string[], { cwd = root, input }: { cwd?: string; input?: string } = {}): Run {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `gd args...` and returns the child (for signals). */
export function gdChild(args: string[], cwd: string): ReturnType<typeof spawn> {
  return spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
}

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'gd-cli-test-'));
}

/** Asserts the shape of a bad-input failure: the exit code, one line on stderr, no stack trace. */
export function oneLineError(r: Run): string {
  const lines = r.stderr.trimEnd().split('\n');
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got ${lines.length}:\n${r.stderr}`);
  if (/\n\s+at /.test(r.stderr) || /Error:/.test(r.stderr)) throw new Error(`stack trace or raw error on stderr:\n${r.stderr}`);
  return lines[0]!;
}
