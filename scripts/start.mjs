#!/usr/bin/env node
/**
 * `npm start`, the README's main-job command (`prestart` has run `pnpm install`). Until the CLI
 * exists it builds @gd/tensor and runs the tensor tour, which imports the
 * BUILT @gd/tensor (its dist), exactly as a user of the published package would.
 */
import { spawnSync } from 'node:child_process';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// turbo and the scripts it runs find pnpm and the other tools in the root's node_modules/.bin,
// also when this file is started with plain `node`.
const env = {
  ...process.env,
  PATH: [join(root, 'node_modules/.bin'), process.env.PATH].join(delimiter),
  TURBO_TELEMETRY_DISABLED: '1',
};

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The tour imports @gd/tensor only; build just that (the examples package also lists the other
// packages, for the README examples that the tests run from source).
run(process.execPath, [join(root, 'node_modules/turbo/bin/turbo'), 'run', 'build', '--filter=@gd/tensor', '--output-logs=errors-only']);
run(process.execPath, [join(root, 'examples/tensor-tour.mjs')]);
