/**
 * `Sequential`: runs its modules one after the other, each on the previous one's output. The
 * modules are its children `0`, `1`, ... (or the names of an object), so the parameters of
 * `new Sequential(new Linear(3, 5), new ReLU(), new Linear(5, 2))` are `0.weight`, `0.bias`,
 * `2.weight`, `2.bias`, as in PyTorch.
 */
import type { Tensor, TensorLike } from '@gd/autograd';
import { IndexError } from '@gd/tensor';
import { type AnyModule, Module } from '../module.js';

/** A module that maps one tensor to one tensor, the kind Sequential chains. */
export type TensorModule = Module<[TensorLike], Tensor> | Module<[Tensor], Tensor>;

export class Sequential extends Module<[TensorLike], Tensor> {
  /**
   * @example
   * const model = new Sequential(new Linear(3, 5), new ReLU(), new Linear(5, 2));
   * const named = new Sequential({ fc: new Linear(3, 5), act: new ReLU() }); // children fc, act
   */
  constructor(...modules: TensorModule[] | [Record<string, TensorModule>]) {
    super();
    const first = modules[0];
    if (modules.length === 1 && first !== undefined && !(first instanceof Module)) {
      for (const [name, m] of Object.entries(first)) this.registerModule(name, m);
    } else {
      (modules as TensorModule[]).forEach((m, i) => this.registerModule(String(i), m));
    }
  }

  /** Feeds `input` through every module in order (a module listed twice runs twice). */
  forward(input: TensorLike): Tensor {
    let x: TensorLike = input;
    for (const [, m] of this.ownModules()) x = (m as Module<[TensorLike], Tensor>).call(x);
    return x as Tensor;
  }

  /** The number of modules. */
  get length(): number {
    return this.ownModules().length;
  }

  /** The module at `index` (negative counts from the end), PyTorch's `model[index]`. */
  at(index: number): AnyModule {
    const modules = this.ownModules();
    const i = index < 0 ? index + modules.length : index;
    if (!Number.isInteger(index) || i < 0 || i >= modules.length) {
      throw new IndexError(`Sequential.at: index ${index} is out of range for ${modules.length} modules`);
    }
    return modules[i]![1];
  }

  /** Adds `module` at the end (named by its position) and returns this container. */
  append(module: TensorModule): this {
    this.registerModule(String(this.ownModules().length), module);
    return this;
  }

  /** The modules in order. */
  *[Symbol.iterator](): IterableIterator<AnyModule> {
    for (const [, m] of this.ownModules()) yield m;
  }
}
