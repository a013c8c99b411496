#!/usr/bin/env node
/**
 * `npm start`, the README's main-job command (`prestart` has run `pnpm install`): builds the gd
 * CLI and the packages it uses (turbo; cached when nothing changed) and runs `gd tutorial`, the
 * seed tutorial end to end, with the BUILT packages (their dist), as a user of the published CLI
 * would. Arguments after `npm start --` go to `gd tutorial` (e.g. `npm start -- --targets noisy`).
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

run(process.execPath, [join(root, 'node_modules/turbo/bin/turbo'), 'run', 'build', '--filter=@gd/cli...', '--output-logs=errors-only']);
run(process.execPath, [join(root, 'apps/cli/dist/main.js'), 'tutorial', ...process.argv.slice(2)]);
