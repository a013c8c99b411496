/**
 * In-place operations (`add_`, `mul_`, `zero_`, ...). Outside the graph they are @gd/tensor's
 * in-place kernels plus a version bump, so a backward that saved the old values refuses to run
 * (PyTorch's "modified by an inplace operation"). Inside the graph (grad mode on and an operand
 * requires grad) the tensor's history is rebased: the out-of-place operation is recorded on a
 * snapshot of the old value, its result is written into the tensor's storage, and the tensor takes
 * the new node as its `gradFn`. As in PyTorch, a leaf that requires grad (or a view of one) cannot
 * be changed in place while grad mode is on: wrap the update in `noGrad`. The random fills
 * (`uniform_`, `normal_`) are @gd/tensor's, with PyTorch's draws; like `fill_` they pass no
 * gradient to the old values.
 */
import * as nd from '@gd/tensor';
import { AutogradError } from '../errors.js';
import { isGradEnabled } from '../grad-mode.js';
import type { GeneratorOptions, NDArray } from '@gd/tensor';
import { type TensorLike, toOperand, toTensor } from '../operand.js';
import type { Operand } from '../rule.js';
import { Tensor } from '../tensor.js';
import { bumpVersion } from '../version.js';
import { add, div, mul, sub, where } from './binary.js';
import { abs, clamp, exp, neg, sqrt } from './unary.js';

function raw(x: Operand): NDArray | number {
  return typeof x === 'number' ? x : x.data;
}

/**
 * Runs an in-place operation on `self`: `kernel()` when nothing is recorded, else `recorded(old)`
 * (the out-of-place form applied to a snapshot of the old value) written back into `self`.
 */
function inPlace(
  name: string,
  self: Tensor,
  operands: readonly Operand[],
  kernel: () => void,
  recorded: (old: Tensor) => Tensor,
): Tensor {
  const gradMode = isGradEnabled();
  if (gradMode && self.requiresGrad) {
    if (self.isLeaf) throw new AutogradError(`${name}: a leaf Variable that requires grad is being used in an in-place operation.`);
    const base = self.viewBase;
    if (base !== null && base.requiresGrad) {
      throw new AutogradError(
        base.isLeaf
          ? `${name}: a view of a leaf Variable that requires grad is being used in an in-place operation.`
          : `${name}: in-place changes of a view of a tensor that requires grad are not supported; use the out-of-place ${name.slice(0, -1)}`,
      );
    }
  }
  const record = gradMode && (self.requiresGrad || operands.some((o) => typeof o !== 'number' && o.requiresGrad));
  if (!record) {
    kernel();
    bumpVersion(self.data);
    return self;
  }
  const result = recorded(self.snapshot());
  nd.copy_(self.data, result.data);
  bumpVersion(self.data);
  self.rebase(result.gradFn);
  return self;
}

/** `self += alpha * other`, in place. */
export function add_(self: Tensor, other: TensorLike, { alpha = 1 }: { alpha?: number } = {}): Tensor {
  const o = toOperand(other);
  return inPlace('add_', self, [o], () => nd.add_(self.data, raw(o), { alpha }), (old) => add(old, o, { alpha }));
}
/** `self -= alpha * other`, in place. */
export function sub_(self: Tensor, other: TensorLike, { alpha = 1 }: { alpha?: number } = {}): Tensor {
  const o = toOperand(other);
  return inPlace('sub_', self, [o], () => nd.sub_(self.data, raw(o), { alpha }), (old) => sub(old, o, { alpha }));
}
/** `self *= other`, in place. */
export function mul_(self: Tensor, other: TensorLike): Tensor {
  const o = toOperand(other);
  return inPlace('mul_', self, [o], () => nd.mul_(self.data, raw(o)), (old) => mul(old, o));
}
/** `self /= other`, in place. */
export function div_(self: Tensor, other: TensorLike): Tensor {
  const o = toOperand(other);
  return inPlace('div_', self, [o], () => nd.div_(self.data, raw(o)), (old) => div(old, o));
}
/** `self += value * t1 * t2`, in place. */
export function addcmul_(self: Tensor, t1: TensorLike, t2: TensorLike, { value = 1 }: { value?: number } = {}): Tensor {
  const a = toTensor(t1);
  const b = toTensor(t2);
  return inPlace(
    'addcmul_',
    self,
    [a, b],
    () => nd.addcmul_(self.data, a.data, b.data, { value }),
    (old) => add(old, mul(mul(a, value), b)),
  );
}
/** `self += value * t1 / t2`, in place. */
export function addcdiv_(self: Tensor, t1: TensorLike, t2: TensorLike, { value = 1 }: { value?: number } = {}): Tensor {
  const a = toTensor(t1);
  const b = toTensor(t2);
  return inPlace(
    'addcdiv_',
    self,
    [a, b],
    () => nd.addcdiv_(self.data, a.data, b.data, { value }),
    (old) => add(old, div(mul(a, value), b)),
  );
}
/** Copies `src` (broadcast, converted to this dtype) into `self`; the gradient flows to `src`. */
export function copy_(self: Tensor, src: TensorLike): Tensor {
  const s = toTensor(src);
  return inPlace('copy_', self, [s], () => nd.copy_(self.data, s.data), () => s.to(self.dtype).expand(self.shape));
}
/** Fills `self` with `value`; no gradient flows to the old values. */
export function fill_(self: Tensor, value: number): Tensor {
  return inPlace('fill_', self, [], () => nd.fill_(self.data, value), (old) => where(nd.full(old.shape, true), value, old));
}
/** Fills `self` with zeros. */
export function zero_(self: Tensor): Tensor {
  return inPlace('zero_', self, [], () => nd.zero_(self.data), (old) => where(nd.full(old.shape, true), 0, old));
}
/** Clamps `self` into `[min, max]`, in place. */
export function clamp_(self: Tensor, min?: number | null, max?: number | null): Tensor {
  return inPlace('clamp_', self, [], () => nd.clamp_(self.data, min, max), (old) => clamp(old, min, max));
}
/** `self = -self`, in place. */
export function neg_(self: Tensor): Tensor {
  return inPlace('neg_', self, [], () => nd.neg_(self.data), neg);
}
/** `self = |self|`, in place. */
export function abs_(self: Tensor): Tensor {
  return inPlace('abs_', self, [], () => nd.abs_(self.data), abs);
}
/** `self = sqrt(self)`, in place. */
export function sqrt_(self: Tensor): Tensor {
  return inPlace('sqrt_', self, [], () => nd.sqrt_(self.data), sqrt);
}
/** `self = exp(self)`, in place. */
export function exp_(self: Tensor): Tensor {
  return inPlace('exp_', self, [], () => nd.exp_(self.data), exp);
}

/**
 * Runs the random fill `draw` on `self` in place. When recorded, the values are still drawn into
 * `self`'s own storage, so they do not depend on whether the graph is being recorded (a strided
 * tensor is filled in its own order), and are then written back as a constant.
 */
function randomFill(name: string, self: Tensor, draw: (a: NDArray) => void): Tensor {
  return inPlace(name, self, [], () => draw(self.data), (old) => {
    draw(self.data);
    return where(nd.full(old.shape, true), new Tensor(nd.clone(self.data)), old);
  });
}
/** Fills `self` with values drawn uniformly from [from, to), with PyTorch's draws. */
export function uniform_(self: Tensor, from = 0, to = 1, { generator }: GeneratorOptions = {}): Tensor {
  return randomFill('uniform_', self, (a) => a.uniform_(from, to, { generator }));
}
/** Fills `self` with values drawn from N(mean, std²), with PyTorch's draws. */
export function normal_(self: Tensor, mean = 0, std = 1, { generator }: GeneratorOptions = {}): Tensor {
  return randomFill('normal_', self, (a) => a.normal_(mean, std, { generator }));
}
