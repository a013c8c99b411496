/**
 * `Linear`: the affine layer `y = x Wᵀ + b`, with PyTorch's parameter shapes (weight [out, in],
 * bias [out]) and PyTorch's default initialisation, draw for draw: `kaimingUniform_(weight,
 * { a: √5 })` then bias ~ U(-1/√in, 1/√in), so `manualSeed(s); new Linear(i, o)` holds the values
 * of `torch.manual_seed(s); nn.Linear(i, o)`.
 */
import type { Tensor, TensorLike } from '@gd/autograd';
import { type Generator, ValueError, empty } from '@gd/tensor';
import { linear } from '../functional/linear.js';
import { calculateFanInAndFanOut } from '../init/gain.js';
import { kaimingUniform_, uniform_ } from '../init/initializers.js';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';

/** Options of {@link Linear}. */
export interface LinearOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean;
  /** Draw the initial values from this generator instead of the global one. */
  generator?: Generator;
  /** The parameters' dtype (default float32). */
  dtype?: 'float32' | 'float64';
}

function checkFeatures(what: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new ValueError(`Linear: ${what} must be a non-negative integer, got ${n}`);
}

export class Linear extends Module<[TensorLike], Tensor> {
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** The learnable weight, shape [outFeatures, inFeatures]. */
  weight: Parameter;
  /** The learnable bias, shape [outFeatures], or null when built with `bias: false`. */
  bias: Parameter | null;

  /**
   * @example
   * manualSeed(0);
   * const fc = new Linear(3, 5);   // PyTorch's values for torch.manual_seed(0); nn.Linear(3, 5)
   * fc.call(randn([4, 3])).shape;  // [4, 5]
   */
  constructor(inFeatures: number, outFeatures: number, { bias = true, generator, dtype = 'float32' }: LinearOptions = {}) {
    super();
    checkFeatures('inFeatures', inFeatures);
    checkFeatures('outFeatures', outFeatures);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.weight = new Parameter(empty([outFeatures, inFeatures], { dtype }));
    this.bias = bias ? new Parameter(empty([outFeatures], { dtype })) : null;
    this.resetParameters({ generator });
  }

  /** Draws new initial values, as at construction (`reset_parameters`). */
  resetParameters({ generator }: { generator?: Generator } = {}): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5), generator });
    if (this.bias !== null) {
      const [fanIn] = calculateFanInAndFanOut(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform_(this.bias, -bound, bound, { generator });
    }
  }

  /** `input @ weightᵀ + bias` over the last dim: [..., in] → [..., out]. */
  forward(input: TensorLike): Tensor {
    return linear(input, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias === null ? 'False' : 'True'}`;
  }
}
