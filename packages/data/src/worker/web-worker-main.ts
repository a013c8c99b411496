/**
 * The entry of a browser DataLoader worker (a module Web Worker): wires the worker runtime to
 * the worker's global `postMessage` / `onmessage`.
 */
import type { ToWorker } from './protocol.js';
import { createWorkerRuntime } from './runtime.js';

interface WorkerScope {
  postMessage(msg: unknown): void;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;
const handle = createWorkerRuntime((msg) => scope.postMessage(msg));
scope.onmessage = (ev) => handle(ev.data as ToWorker);
