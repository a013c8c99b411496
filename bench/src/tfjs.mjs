/**
 * The JS anchors: TensorFlow.js 4.22 with its cpu backend and its wasm backend, in this process.
 *
 * `@tensorflow/tfjs` in Node loads `dist/tf.node.js`: core, the cpu backend, layers, converter,
 * data and the webgl backend, which registers itself only in a browser. It never loads
 * `@tensorflow/tfjs-node` (that is a separate package, not installed). The wasm backend reads its
 * `.wasm` files from the package's own `dist/` through a file path (no fetch, no network); in
 * Node it runs the SIMD build on one thread (no cross-origin-isolated SharedArrayBuffer here).
 * tfjs has one active backend at a time: {@link useBackend} switches it, and every workload
 * creates its inputs after switching so that no tensor moves between backends inside a timing.
 */
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';

const require = createRequire(import.meta.url);

/** Bench column name → tfjs backend name. */
export const TFJS_BACKENDS = { 'tfjs-cpu': 'cpu', 'tfjs-wasm': 'wasm' };

/**
 * Loads tfjs and initialises both backends. A backend that cannot start is left out of
 * `available` and its error kept in `failed`, so the run goes on with the others.
 */
export async function loadTfjs() {
  const tf = await import('@tensorflow/tfjs');
  // Production mode drops tfjs's debug-time checks (its fastest setting, as a user would ship)
  // and silences the cpu backend's advert for tfjs-node, which is not used here.
  tf.enableProdMode();
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + sep);
  const available = [];
  const failed = {};
  for (const [column, backend] of Object.entries(TFJS_BACKENDS)) {
    try {
      const ok = await tf.setBackend(backend);
      await tf.ready();
      if (!ok || tf.getBackend() !== backend) throw new Error(`setBackend('${backend}') left '${tf.getBackend()}' active`);
      available.push(column);
    } catch (err) {
      failed[column] = err instanceof Error ? err.message : String(err);
    }
  }
  const flags = tf.env().getFlags();
  return {
    tf,
    available,
    failed,
    describe: {
      version: tf.version.tfjs,
      wasmSimd: flags.WASM_HAS_SIMD_SUPPORT === true,
      wasmThreads: flags.WASM_HAS_MULTITHREAD_SUPPORT === true ? wasm.getThreadsCount() : 1,
    },
  };
}

/** Makes `column` ('tfjs-cpu' or 'tfjs-wasm') the active tfjs backend. */
export async function useBackend(tf, column) {
  await tf.setBackend(TFJS_BACKENDS[column]);
  await tf.ready();
}

/**
 * One contender per available tfjs backend, for `measureSideBySide`: `setup(tf, column)` runs with
 * that backend active and returns `{ op, inputs }` (its inputs live on that backend); `enter`
 * switches back to the backend before each sample, so no tensor ever moves between backends.
 * Call `dispose()` after timing.
 */
export async function tfjsContenders(tfjs, setup) {
  const contenders = [];
  const inputs = [];
  for (const column of tfjs?.available ?? []) {
    await useBackend(tfjs.tf, column);
    const made = setup(tfjs.tf, column);
    inputs.push(...made.inputs);
    contenders.push({ name: column, op: made.op, enter: () => useBackend(tfjs.tf, column) });
  }
  return { contenders, dispose: () => tfjs?.tf.dispose(inputs) };
}
