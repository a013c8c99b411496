/**
 * `init`: the `torch.nn.init` namespace (`import { init } from '@gd/nn'`).
 */
export { type FanMode, type Nonlinearity, calculateGain, calculateFanInAndFanOut, calculateCorrectFan } from './gain.js';
export {
  type InitOptions,
  type KaimingOptions,
  type XavierOptions,
  uniform_,
  normal_,
  constant_,
  zeros_,
  ones_,
  kaimingUniform_,
  kaimingNormal_,
  xavierUniform_,
  xavierNormal_,
} from './initializers.js';
