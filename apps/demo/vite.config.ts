/**
 * The demo's Vite config. The `@gd/source` condition makes Vite read the packages' TypeScript
 * sources (no build of the packages needed, and the dev server reloads across packages); the
 * worker is bundled as an ES module. `base: './'` lets the built site be served from any folder.
 */
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  base: './',
  resolve: { conditions: ['@gd/source', ...defaultClientConditions] },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, reportCompressedSize: true },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});
