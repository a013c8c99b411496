/**
 * The entry of a Node DataLoader worker thread: wires the worker runtime to `parentPort`.
 */
import { parentPort } from 'node:worker_threads';
import type { ToWorker } from '../worker/protocol.js';
import { createWorkerRuntime } from '../worker/runtime.js';

if (parentPort === null) throw new Error('node-worker-main: must run in a worker thread');
const port = parentPort;
const handle = createWorkerRuntime((msg) => port.postMessage(msg));
port.on('message', (msg: ToWorker) => handle(msg));
