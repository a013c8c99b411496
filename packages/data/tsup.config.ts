import { defineConfig } from 'tsup';

// `@gd/data` (browser-safe: no node: imports) and `@gd/data/node` (file paths, fs streams,
// worker_threads), plus the two worker entries the loader starts by URL, next to the bundles:
// `web-worker-main.js` (module Web Worker) and `node-worker-main.js` (worker thread).
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    node: 'src/node.ts',
    'web-worker-main': 'src/worker/web-worker-main.ts',
    'node-worker-main': 'src/node/node-worker-main.ts',
  },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
  sourcemap: true,
  // import.meta.url in the CJS build (the worker entries are found relative to the bundle)
  shims: true,
  clean: true,
});
