/**
 * The numbers behind the initialisers: the recommended gain of a nonlinearity and the fan-in /
 * fan-out of a weight, with PyTorch's formulas and binary64 arithmetic (`torch.nn.init`), so the
 * bounds handed to `uniform_` are PyTorch's to the last bit.
 */
import type { Tensor } from '@gd/autograd';
import { ValueError, formatShape } from '@gd/tensor';

/** The nonlinearities {@link calculateGain} knows, by PyTorch's names. */
export type Nonlinearity =
  | 'linear'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'conv_transpose1d'
  | 'conv_transpose2d'
  | 'conv_transpose3d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky_relu'
  | 'selu';

/** Which fan a Kaiming initialiser preserves: the forward pass's (`fan_in`) or the backward's. */
export type FanMode = 'fan_in' | 'fan_out';

const LINEAR = new Set(['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'sigmoid']);

/**
 * The recommended gain for `nonlinearity`: 1 for linear/conv/sigmoid, 5/3 for tanh, √2 for relu,
 * √(2 / (1 + slope²)) for leaky_relu (slope `param`, default 0.01), 3/4 for selu.
 * @example
 * calculateGain('relu');            // 1.4142135623730951
 * calculateGain('leaky_relu', 0.2); // 1.3867504905630728
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  if (LINEAR.has(nonlinearity)) return 1;
  switch (nonlinearity) {
    case 'tanh':
      return 5.0 / 3;
    case 'relu':
      return Math.sqrt(2.0);
    case 'leaky_relu': {
      const slope = param ?? 0.01;
      if (typeof slope !== 'number' || !Number.isFinite(slope)) {
        throw new ValueError(`calculateGain: negative_slope ${String(slope)} not a valid number`);
      }
      return Math.sqrt(2.0 / (1 + slope ** 2));
    }
    case 'selu':
      return 3.0 / 4;
    default:
      throw new ValueError(`calculateGain: unsupported nonlinearity ${String(nonlinearity)}`);
  }
}

/**
 * `[fanIn, fanOut]` of a weight of shape `[out, in, ...kernel]`: `in * prod(kernel)` and
 * `out * prod(kernel)`. Needs 2 or more dims.
 * @example
 * calculateFanInAndFanOut(new Linear(3, 5).weight); // [3, 5]
 */
export function calculateFanInAndFanOut(tensor: Tensor): [number, number] {
  const shape = tensor.shape;
  if (shape.length < 2) {
    throw new ValueError(
      `calculateFanInAndFanOut: fan in and fan out can not be computed for tensor with fewer than 2 dimensions (shape ${formatShape(shape)})`,
    );
  }
  let receptive = 1;
  for (let d = 2; d < shape.length; d++) receptive *= shape[d]!;
  return [shape[1]! * receptive, shape[0]! * receptive];
}

/** The fan that `mode` selects. */
export function calculateCorrectFan(tensor: Tensor, mode: FanMode): number {
  if (mode !== 'fan_in' && mode !== 'fan_out') {
    throw new ValueError(`calculateCorrectFan: mode ${String(mode)} not supported, please use one of fan_in, fan_out`);
  }
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  return mode === 'fan_in' ? fanIn : fanOut;
}
