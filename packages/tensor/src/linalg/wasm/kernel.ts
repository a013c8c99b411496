/**
 * The WebAssembly gemm kernel (gemm.wat) as a lazily created instance with one growable memory.
 * Compiled synchronously (`new WebAssembly.Module`) on first use: the module is under 1 KB, far
 * below the 4 KB that Chrome allows to compile synchronously on the main thread, so importing
 * @gd/tensor stays free of side effects and no caller has to await anything. Where WebAssembly
 * or its SIMD128 instructions are missing (`WebAssembly.validate` refuses the module), or memory
 * cannot grow, callers get null and keep the plain JS kernel.
 */
import { GEMM_WASM_BYTES } from './gemm-wasm-bytes.js';

/** The parts of the WebAssembly API used here (the package's TS lib has no DOM/wasm types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** `gemm(ap, bp, cp, mp, np, kc, ldc, mcb, acc)`: see gemm.wat; addresses in bytes. */
export type GemmExport = (
  ap: number,
  bp: number,
  cp: number,
  mp: number,
  np: number,
  kc: number,
  ldc: number,
  mcb: number,
  acc: number,
) => void;

/** The instantiated kernel and its memory. */
export interface GemmKernel {
  gemm: GemmExport;
  memory: WasmMemory;
  /** A view of the whole memory, replaced after each grow (growing detaches the old buffer). */
  view: Float32Array;
}

const PAGE = 65536;

/** undefined: not tried yet; null: unavailable here. */
let instance: GemmKernel | null | undefined;

/** The kernel, instantiated on first call; null where WebAssembly SIMD is unavailable. */
export function gemmKernel(): GemmKernel | null {
  if (instance === undefined) instance = instantiate();
  return instance;
}

function instantiate(): GemmKernel | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    if (wasm === undefined || !wasm.validate(GEMM_WASM_BYTES)) return null;
    const { exports } = new wasm.Instance(new wasm.Module(GEMM_WASM_BYTES));
    const memory = exports.memory as WasmMemory;
    return { gemm: exports.gemm as GemmExport, memory, view: new Float32Array(memory.buffer) };
  } catch {
    // e.g. a Content-Security-Policy without 'wasm-unsafe-eval' refuses to compile
    return null;
  }
}

/**
 * Makes the kernel's memory hold at least `floats` float32 values and returns the current view of
 * it, or null if the memory cannot grow that far. The memory is kept (never shrinks); gemm-f32.ts
 * bounds how much one product asks for.
 */
export function reserve(kernel: GemmKernel, floats: number): Float32Array | null {
  const bytes = floats * 4;
  const have = kernel.memory.buffer.byteLength;
  if (bytes > have) {
    try {
      kernel.memory.grow(Math.ceil((bytes - have) / PAGE));
    } catch {
      return null;
    }
  }
  if (kernel.view.buffer !== kernel.memory.buffer) kernel.view = new Float32Array(kernel.memory.buffer);
  return kernel.view;
}
