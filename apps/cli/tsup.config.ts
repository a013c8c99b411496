import { defineConfig } from 'tsup';

// The `gd` executable (src/main.ts keeps its #! line; tsup makes the output executable). The
// pure-JS libraries are bundled in, which makes start-up much faster than resolving their many
// small modules one by one (vega alone is ~60); vega goes to its own chunk, loaded only by the
// commands that draw, and the program (src/cli.ts) to one that main.ts loads once V8 is set up.
// Left external: the @gd packages (node finds their built dist, and @gd/data's worker threads
// start from its own files), resvg (a native addon) and the two dataset packages (read from
// their files).
export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  noExternal: ['commander', 'picocolors', 'cli-progress', 'asciichart', 'vega', /^vega-(?!datasets)/, /^d3-/],
  splitting: true,
  // the bundled CommonJS libraries (commander, cli-progress) call require() for node's modules
  banner: { js: "import { createRequire as __gdCreateRequire } from 'node:module'; const require = __gdCreateRequire(import.meta.url);" },
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
});
