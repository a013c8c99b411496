/** Test helper: reads an NDArray through its strides by recursion, independently of the library's walkers. */
import type { NDArray } from '../src/index.js';

/** The elements of `a` in row-major order. */
export function elements(a: NDArray): number[] {
  const out: number[] = [];
  const walk = (d: number, off: number): void => {
    if (d === a.shape.length) {
      out.push(a.data[off]!);
      return;
    }
    for (let i = 0; i < a.shape[d]!; i++) walk(d + 1, off + i * a.strides[d]!);
  };
  walk(0, a.offset);
  return out;
}
