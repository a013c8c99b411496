/**
 * The initialisers of `torch.nn.init`, in place and unrecorded (under `noGrad`), each drawing from
 * an optional `generator` (the global one by default) with PyTorch's draws: `uniform_` and
 * `normal_` are @gd/tensor's bit-for-bit fills, and the Kaiming/Xavier bounds are computed in
 * binary64 exactly as `torch/nn/init.py` does, so `manualSeed(s)` then `kaimingUniform_(w)` gives
 * PyTorch's values. The values are drawn straight into the tensor with `Tensor.uniform_` /
 * `normal_`, which counts as an in-place change of it (a backward that saved it will refuse to run).
 */
import { type Tensor, noGrad } from '@gd/autograd';
import type { Generator } from '@gd/tensor';
import { type FanMode, type Nonlinearity, calculateCorrectFan, calculateFanInAndFanOut, calculateGain } from './gain.js';

/** The `generator` option of every random initialiser. */
export interface InitOptions {
  /** Draw from this generator instead of the global one. */
  generator?: Generator;
}

/** Options of {@link kaimingUniform_} and {@link kaimingNormal_}. */
export interface KaimingOptions extends InitOptions {
  /** The negative slope of the rectifier after this layer (leaky_relu only; default 0). */
  a?: number;
  /** `fan_in` (default) keeps the forward variance, `fan_out` the backward's. */
  mode?: FanMode;
  /** The nonlinearity after this layer (default `leaky_relu`, with slope `a`). */
  nonlinearity?: Nonlinearity;
}

/** Options of {@link xavierUniform_} and {@link xavierNormal_}. */
export interface XavierOptions extends InitOptions {
  /** Scaling factor (default 1). */
  gain?: number;
}

/**
 * Fills `tensor` with values drawn uniformly from [a, b).
 * @example
 * manualSeed(0);
 * uniform_(zeros([2, 2]), -1, 1);
 */
export function uniform_(tensor: Tensor, a = 0, b = 1, { generator }: InitOptions = {}): Tensor {
  return noGrad(() => tensor.uniform_(a, b, { generator }));
}

/** Fills `tensor` with values drawn from N(mean, std²). */
export function normal_(tensor: Tensor, mean = 0, std = 1, { generator }: InitOptions = {}): Tensor {
  return noGrad(() => tensor.normal_(mean, std, { generator }));
}

/** Fills `tensor` with `value`. */
export function constant_(tensor: Tensor, value: number): Tensor {
  noGrad(() => tensor.fill_(value));
  return tensor;
}

/** Fills `tensor` with zeros. */
export function zeros_(tensor: Tensor): Tensor {
  return constant_(tensor, 0);
}

/** Fills `tensor` with ones. */
export function ones_(tensor: Tensor): Tensor {
  return constant_(tensor, 1);
}

/**
 * He et al.'s uniform initialisation: U(-bound, bound) with bound = √3 · gain / √fan. With
 * `a: Math.sqrt(5)` it is what `Linear` does to its weight.
 * @example
 * kaimingUniform_(w, { a: Math.sqrt(5) });
 * kaimingUniform_(w, { mode: 'fan_in', nonlinearity: 'relu', generator: g });
 */
export function kaimingUniform_(
  tensor: Tensor,
  { a = 0, mode = 'fan_in', nonlinearity = 'leaky_relu', generator }: KaimingOptions = {},
): Tensor {
  // PyTorch warns and does nothing for an empty tensor; the fan would be 0
  if (tensor.shape.includes(0)) return tensor;
  const fan = calculateCorrectFan(tensor, mode);
  const gain = calculateGain(nonlinearity, a);
  const std = gain / Math.sqrt(fan);
  const bound = Math.sqrt(3.0) * std;
  return uniform_(tensor, -bound, bound, { generator });
}

/** He et al.'s normal initialisation: N(0, std²) with std = gain / √fan. */
export function kaimingNormal_(
  tensor: Tensor,
  { a = 0, mode = 'fan_in', nonlinearity = 'leaky_relu', generator }: KaimingOptions = {},
): Tensor {
  if (tensor.shape.includes(0)) return tensor;
  const fan = calculateCorrectFan(tensor, mode);
  const std = calculateGain(nonlinearity, a) / Math.sqrt(fan);
  return normal_(tensor, 0, std, { generator });
}

/** Glorot and Bengio's uniform initialisation: U(-a, a) with a = gain · √(6 / (fanIn + fanOut)). */
export function xavierUniform_(tensor: Tensor, { gain = 1, generator }: XavierOptions = {}): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return uniform_(tensor, -a, a, { generator });
}

/** Glorot and Bengio's normal initialisation: N(0, std²) with std = gain · √(2 / (fanIn + fanOut)). */
export function xavierNormal_(tensor: Tensor, { gain = 1, generator }: XavierOptions = {}): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  return normal_(tensor, 0, std, { generator });
}
