#!/usr/bin/env node
/**
 * check:pack: installs the real tarballs of every publishable package into an empty npm project
 * outside the workspace, as a user would, and checks that they load and typecheck there.
 *
 * publint and attw look at one package at a time and never install it; this catches what only
 * shows on install: a `workspace:` range left in a tarball, a file missing from `files`, an
 * internal dependency that does not resolve, an ESM/CJS entry that throws on load, or a d.ts
 * that needs something the consumer does not have. Steps:
 *   1. build the packages (turbo; a cache hit when CI has just built them),
 *   2. `pnpm pack` each into a temp dir (pnpm rewrites `workspace:` ranges to real versions),
 *   3. `npm install` all tarballs together into an empty project under os.tmpdir(),
 *   4. `import()` and `require()` each package in that project and run a smoke check,
 *   5. `tsc --module node16` on a `.mts` and a `.cts` consumer (typescript from the root).
 * Needs no network: the tarballs have no external dependencies. `--keep` keeps the temp dir.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pnpmCli = join(root, 'node_modules/pnpm/bin/pnpm.cjs');
const turboCli = join(root, 'node_modules/turbo/bin/turbo');
const tscCli = join(root, 'node_modules/typescript/bin/tsc');
const keep = process.argv.includes('--keep');
// turbo looks for the package manager on PATH; the root's pnpm devDependency provides it even
// when this script is started with plain `node`.
const toolPath = [join(root, 'node_modules/.bin'), process.env.PATH].join(delimiter);

/**
 * Per-package checks beyond "loads, and ESM and CJS expose the same names". `runtime` is the body
 * of a function given the module namespace `m` (it returns an error string or nothing, and pushes
 * a description of what it checked onto `ran`); `types`
 * is a consumer snippet that must typecheck in both module systems (`@ts-expect-error` lines
 * prove the types are real, not `any`).
 */
const extraChecks = {
  '@gd/tensor': {
    runtime: `
      if (typeof m.NDArray !== 'function') return 'NDArray is not exported';
      const a = new m.NDArray(new Float32Array([1, 2, 3, 4]), [2, 2]);
      if (a.size !== 4 || a.ndim !== 2) return 'new NDArray(..., [2, 2]) has size ' + a.size;
      const s = m.tensor([1, 2, 3]).sum().item();
      if (s !== 6) return 'tensor([1, 2, 3]).sum().item() gave ' + String(s) + ', expected 6';
      ran.push('tensor([1, 2, 3]).sum().item() === 6');`,
    types: `
import { NDArray, ShapeError, type DType } from '@gd/tensor';
const a = new NDArray(new Float32Array([1, 2, 3, 4]), [2, 2]);
const size: number = a.size;
const dtype: DType = a.dtype;
const err: Error = new ShapeError('x');
// @ts-expect-error size is a number, so the types are real (not any)
const wrong: string = a.size;
export { size, dtype, err, wrong };
`,
  },
  '@gd/autograd': {
    runtime: `
      const x = m.tensor(3, { requiresGrad: true });
      x.mul(x).backward();
      const g = x.grad.item();
      if (g !== 6) return 'd(x*x)/dx at 3 gave ' + String(g) + ', expected 6';
      ran.push('d(x*x)/dx at x=3 === 6');`,
    types: `
import { tensor, type Tensor } from '@gd/autograd';
const x: Tensor = tensor(3, { requiresGrad: true });
const y: Tensor = x.mul(x);
y.backward();
// @ts-expect-error requiresGrad is a boolean, so the types are real (not any)
const wrong: string = x.requiresGrad;
export { y, wrong };
`,
  },
};

class CheckError extends Error {}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts, env: { ...process.env, PATH: toolPath, ...opts.env } });
  if (r.error) throw new CheckError(`${[cmd, ...args].join(' ')}: ${r.error.message}`);
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    throw new CheckError(`${[cmd, ...args].join(' ')} exited ${r.status}\n${out}`);
  }
  return r.stdout;
}

function publishablePackages() {
  const dir = join(root, 'packages');
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((p) => existsSync(join(p, 'package.json')))
    .map((p) => ({ dir: p, manifest: JSON.parse(readFileSync(join(p, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private);
}

function packAll(pkgs, dest) {
  const filters = pkgs.flatMap(({ manifest }) => ['--filter', manifest.name]);
  run(process.execPath, [turboCli, 'run', 'build', ...filters, '--output-logs=errors-only'], {
    cwd: root,
    env: { TURBO_TELEMETRY_DISABLED: '1' },
  });
  for (const { dir } of pkgs) run(process.execPath, [pnpmCli, 'pack', '--pack-destination', dest], { cwd: dir });
  const tarballs = readdirSync(dest).filter((f) => f.endsWith('.tgz'));
  if (tarballs.length !== pkgs.length) {
    throw new CheckError(`expected ${pkgs.length} tarballs in ${dest}, found ${tarballs.join(', ') || 'none'}`);
  }
  return tarballs.map((f) => join(dest, f));
}

function installTarballs(consumer, tarballs) {
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'gd-pack-consumer', private: true }, null, 2));
  // A global `yes=false` or a registry mirror must not change anything: nothing here needs one.
  run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', ...tarballs], {
    cwd: consumer,
  });
}

/** The installed manifest must have real version ranges: `workspace:` would fail for any user. */
function checkManifest(consumer, name) {
  const manifest = JSON.parse(readFileSync(join(consumer, 'node_modules', name, 'package.json'), 'utf8'));
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) {
        throw new CheckError(`${name}: ${field}.${dep} is still "${range}" in the tarball (pack with pnpm)`);
      }
    }
  }
}

/** Loads the package as ESM and as CJS in fresh processes, compares names, runs the smoke check. */
function checkRuntime(consumer, name) {
  const runtime = extraChecks[name]?.runtime ?? '';
  const body = `
    const ran = [];
    const smoke = (m) => {${runtime}
    };
    const report = (kind, m) => {
      const names = Object.keys(m).filter((k) => k !== 'default' && k !== '__esModule').sort();
      if (names.length === 0) throw new Error(kind + ' exposes no exports');
      const problem = smoke(m);
      if (problem) throw new Error(kind + ': ' + problem);
      console.log(JSON.stringify({ names, ran }));
    };`;
  const id = JSON.stringify(name);
  writeFileSync(join(consumer, 'load.mjs'), `${body}\nreport(\`import(${id})\`, await import(${id}));\n`);
  writeFileSync(join(consumer, 'load.cjs'), `${body}\nreport(\`require(${id})\`, require(${id}));\n`);
  const esm = run(process.execPath, ['load.mjs'], { cwd: consumer }).trim();
  const cjs = run(process.execPath, ['load.cjs'], { cwd: consumer }).trim();
  if (esm !== cjs) throw new CheckError(`${name}: ESM and CJS differ\n  import:  ${esm}\n  require: ${cjs}`);
  return JSON.parse(esm);
}

/** One `.mts` and one `.cts` consumer per package, typechecked together under node16 rules. */
function checkTypes(consumer, names) {
  const files = [];
  names.forEach((name, i) => {
    const snippet = extraChecks[name]?.types ?? `import * as m from '${name}';\nexport const names: string[] = Object.keys(m);\n`;
    for (const ext of ['mts', 'cts']) {
      const file = `consumer-${i}.${ext}`;
      writeFileSync(join(consumer, file), `// ${name}\n${snippet}`);
      files.push(file);
    }
  });
  const tsconfig = {
    compilerOptions: {
      module: 'node16',
      moduleResolution: 'node16',
      target: 'es2022',
      strict: true,
      noEmit: true,
      types: [],
      skipLibCheck: false,
    },
    files,
  };
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  run(process.execPath, [tscCli, '-p', 'tsconfig.json'], { cwd: consumer });
}

function main() {
  const pkgs = publishablePackages();
  if (pkgs.length === 0) throw new CheckError('no publishable package under packages/');
  const work = mkdtempSync(join(tmpdir(), 'gd-pack-check-'));
  const tarballDir = join(work, 'tarballs');
  const consumer = join(work, 'consumer');
  mkdirSync(tarballDir);
  mkdirSync(consumer);
  let ok = false;
  try {
    const tarballs = packAll(pkgs, tarballDir);
    installTarballs(consumer, tarballs);
    const names = pkgs.map(({ manifest }) => manifest.name);
    for (const name of names) {
      checkManifest(consumer, name);
      const { names: exported, ran } = checkRuntime(consumer, name);
      const smoke = ran.length ? `; smoke: ${ran.join(', ')}` : '';
      console.log(`check:pack: ${name}: import() and require() load, ${exported.length} exports each${smoke}`);
    }
    checkTypes(consumer, names);
    console.log(`check:pack: .mts and .cts consumers typecheck with tsc --module node16`);
    console.log(`check:pack: ok (${names.join(', ')})`);
    ok = true;
  } finally {
    if (ok && !keep) rmSync(work, { recursive: true, force: true });
    else console.error(`check:pack: files kept in ${work}`);
  }
}

try {
  main();
} catch (err) {
  console.error(`check:pack: FAILED: ${err instanceof CheckError ? err.message : err.stack}`);
  process.exitCode = 1;
}
