/**
 * `gradcheck`: compares the gradients autograd computes for `fn` with central finite differences,
 * both in float64 (inputs are converted), as PyTorch's `torch.autograd.gradcheck`. For each output
 * element `j` the analytical row is a backward of a one-hot gradient; the numerical column for
 * input element `i` is `(f(x + eps e_i) - f(x - eps e_i)) / (2 eps)`.
 */
import * as nd from '@gd/tensor';
import { GdError } from '@gd/tensor';
import { grad } from './backward.js';
import { noGrad } from './grad-mode.js';
import { Tensor } from './tensor.js';

/** Options of {@link gradcheck}. */
export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance (default 1e-3). */
  rtol?: number;
  /** Throw a {@link GradcheckError} on a mismatch (default); `false` returns `false` instead. */
  raiseException?: boolean;
}

/** A mismatch between analytical and numerical gradients, naming the input and elements. */
export class GradcheckError extends GdError {
  override name = 'GradcheckError';
}

type Fn = (...inputs: Tensor[]) => Tensor | readonly Tensor[];

function outputsOf(result: Tensor | readonly Tensor[]): readonly Tensor[] {
  return result instanceof Tensor ? [result] : result;
}

/** The flat float64 values of every output of `fn` at `inputs` (no recording). */
function evaluate(fn: Fn, inputs: Tensor[]): Float64Array[] {
  return noGrad(() => outputsOf(fn(...inputs)).map((o) => Float64Array.from(nd.toTypedArray(nd.to(o.data, 'float64')), Number)));
}

/**
 * Checks `fn`'s gradients with respect to every input that requires grad.
 * @example
 * const x = tensor([0.5, 1.5], { dtype: 'float64', requiresGrad: true });
 * gradcheck((x) => x.pow(3).sum(), [x]); // true
 */
export function gradcheck(
  fn: Fn,
  inputs: readonly Tensor[],
  { eps = 1e-6, atol = 1e-5, rtol = 1e-3, raiseException = true }: GradcheckOptions = {},
): boolean {
  // float64 copies: finite differences in float32 would be swamped by rounding
  const xs = inputs.map((t) =>
    nd.isFloating(t.dtype) ? new Tensor(nd.to(nd.clone(t.data), 'float64'), t.requiresGrad) : t,
  );
  const wrt = xs.map((x, i) => (x.requiresGrad ? i : -1)).filter((i) => i >= 0);
  if (wrt.length === 0) throw new GradcheckError('gradcheck expects at least one input tensor to require gradient');
  const outputs = outputsOf(fn(...xs));
  for (let o = 0; o < outputs.length; o++) {
    const out = outputs[o]!;
    if (!out.requiresGrad) continue;
    const nOut = out.size;
    for (const i of wrt) {
      const x = xs[i]!;
      const n = x.size;
      const analytical = new Float64Array(nOut * n);
      for (let j = 0; j < nOut; j++) {
        const onehot = nd.zeros(out.shape, { dtype: out.dtype });
        onehot.data[j] = 1;
        const [g] = grad(out, [x], { gradOutputs: new Tensor(onehot), retainGraph: true, allowUnused: true });
        if (g) {
          const gv = nd.toTypedArray(nd.to(g.data, 'float64'));
          for (let k = 0; k < n; k++) analytical[j * n + k] = gv[k]!;
        }
      }
      // x's storage is contiguous (a fresh copy), so element k lives at data[k]
      const storage = x.data.data as Float64Array;
      for (let k = 0; k < n; k++) {
        const v = storage[k]!;
        storage[k] = v + eps;
        const plus = evaluate(fn, xs)[o]!;
        storage[k] = v - eps;
        const minus = evaluate(fn, xs)[o]!;
        storage[k] = v;
        for (let j = 0; j < nOut; j++) {
          const numerical = (plus[j]! - minus[j]!) / (2 * eps);
          const a = analytical[j * n + k]!;
          if (!(Math.abs(a - numerical) <= atol + rtol * Math.abs(numerical))) {
            if (!raiseException) return false;
            throw new GradcheckError(
              `Jacobian mismatch for output ${o} with respect to input ${i}: d out[${j}] / d in[${k}] is ` +
                `${a} (analytical) but ${numerical} (numerical, eps ${eps}; atol ${atol}, rtol ${rtol})`,
            );
          }
        }
      }
    }
  }
  return true;
}
