/**
 * The nodes of the recorded graph (PyTorch's `grad_fn` objects). A node stands for one recorded
 * operation and points to the nodes of its inputs (`next`); a leaf that requires grad is reached
 * through its `AccumulateGrad` node, which adds the incoming gradient into the leaf's `.grad`.
 * Nodes hold only what their backward needs: the saved operands with the versions they had, and
 * the arguments. The engine (engine.ts) walks them; this file knows nothing about the order.
 */
import type { DType, NDArray } from '@gd/tensor';
import { captureForwardStack, isAnomalyEnabled } from './anomaly.js';
import { AutogradError } from './errors.js';
import { accumulateGradient } from './accumulate.js';
import type { AnyRule, BackwardContext, Operand } from './rule.js';
import { Tensor } from './tensor.js';
import { versionOf } from './version.js';

/** A gradient hook: may return a replacement gradient. */
export type GradHook = (grad: Tensor) => Tensor | void;

/** What {@link Tensor.registerHook} returns. */
export interface RemovableHandle {
  /** Unregisters the hook (idempotent). */
  remove(): void;
}

/** How the engine is running: gradients of gradients or not, and where leaf gradients go. */
export interface RunMode {
  readonly createGraph: boolean;
  /** False for the functional `grad()`, which must not touch any `.grad`. */
  readonly accumulate: boolean;
}

const NO_GRADS: readonly (Tensor | null)[] = [];

/** A node of the backward graph. */
export abstract class Node {
  /** The operation, as PyTorch names it (`MulBackward0`, `AccumulateGrad`). */
  abstract readonly name: string;
  /** The nodes of the inputs, `null` where an input needs no gradient. */
  abstract readonly next: readonly (Node | null)[];
  /** Shape and dtype of the tensor this node produces, which every incoming gradient must match. */
  abstract readonly shape: readonly number[];
  abstract readonly dtype: DType;

  /** Hooks registered on the tensor this node produces (run before the node). */
  hooks: GradHook[] | null = null;
  /** A non-leaf tensor whose `.grad` should be kept (`retainGrad()`). */
  retainer: Tensor | null = null;

  /** @internal Engine scratch: the gradient summed so far in the current walk. */
  buffer: Tensor | null = null;
  /** @internal Engine scratch: the walk that last visited this node. */
  stamp = 0;

  /** @internal The gradients for `next`, given the gradient of this node's output. */
  abstract apply(grad: Tensor, mode: RunMode): readonly (Tensor | null)[];

  /** @internal Drops what the backward needed (after a backward without `retainGraph`). */
  release(): void {}

  /** @internal The stack of the forward call, kept under {@link detectAnomaly}. */
  forwardStack: string | null = null;

  /** PyTorch's `grad_fn.next_functions`: each input's node and output index. */
  get nextFunctions(): readonly (readonly [Node | null, number])[] {
    return this.next.map((n) => [n, 0] as const);
  }

  /** Adds a hook run on the gradient of this node's output. */
  addHook(hook: GradHook): RemovableHandle {
    (this.hooks ??= []).push(hook);
    return {
      remove: () => {
        const i = this.hooks?.indexOf(hook) ?? -1;
        if (i >= 0) this.hooks!.splice(i, 1);
      },
    };
  }

  toString(): string {
    return `<${this.name}>`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** The node of a leaf that requires grad: adds incoming gradients into `variable.grad`. */
export class AccumulateGrad extends Node {
  readonly name = 'AccumulateGrad';
  readonly next: readonly (Node | null)[] = [];

  constructor(readonly variable: Tensor) {
    super();
  }

  get shape(): readonly number[] {
    return this.variable.shape;
  }

  get dtype(): DType {
    return this.variable.dtype;
  }

  apply(grad: Tensor, mode: RunMode): readonly (Tensor | null)[] {
    if (mode.accumulate) accumulateGradient(this.variable, grad, mode.createGraph);
    return NO_GRADS;
  }
}

/** `[torch.FloatTensor [3, 4]]`: how PyTorch names a tensor in autograd messages. */
function describeTensor(t: Tensor): string {
  const kind = { float32: 'FloatTensor', float64: 'DoubleTensor', int32: 'IntTensor', bool: 'BoolTensor' }[t.dtype];
  return `[torch.${kind} [${t.shape.join(', ')}]]`;
}

/** The node edge of a forward operand: its grad_fn, its accumulator, or none. */
export function edgeOf(x: Operand): Node | null {
  if (typeof x === 'number' || !x.requiresGrad) return null;
  return x.gradFn ?? x.gradAccumulator();
}

/** The node of one recorded operation: its rule, arguments and saved operands. */
export class OpNode<A = unknown> extends Node implements BackwardContext<A> {
  readonly next: readonly (Node | null)[];
  readonly shape: readonly number[];
  readonly dtype: DType;
  private inputs: readonly Operand[] | null;
  /** The inputs' shapes, kept when the inputs are released (a rule may read them again). */
  private releasedShapes: readonly (readonly number[])[] | null = null;
  private out: Tensor | null;
  private readonly versions: readonly number[] | null;
  private readonly outVersion: number;
  private released = false;

  constructor(
    readonly rule: AnyRule,
    readonly args: A,
    inputs: readonly Operand[],
    out: Tensor,
  ) {
    super();
    const n = inputs.length;
    const next = new Array<Node | null>(n);
    for (let i = 0; i < n; i++) next[i] = edgeOf(inputs[i]!);
    this.next = next;
    this.inputs = inputs;
    const outData: NDArray = out.data;
    this.shape = outData.shape;
    this.dtype = outData.dtype;
    const saves = rule.saves;
    const savedInputs = saves?.inputs;
    if (savedInputs !== undefined) {
      const versions = new Array<number>(n).fill(0);
      for (const i of savedInputs) {
        const x = inputs[i];
        if (x instanceof Tensor) versions[i] = versionOf(x.data);
      }
      this.versions = versions;
    } else {
      this.versions = null;
    }
    this.out = saves?.output ? out : null;
    this.outVersion = saves?.output ? versionOf(outData) : 0;
    if (isAnomalyEnabled()) this.forwardStack = captureForwardStack();
  }

  get name(): string {
    return this.rule.name;
  }

  get inputCount(): number {
    return this.next.length;
  }

  needsGrad(i: number): boolean {
    return this.next[i] !== null;
  }

  inputShape(i: number): readonly number[] {
    if (this.inputs === null) return this.releasedShapes![i]!;
    const x = this.inputs[i]!;
    return typeof x === 'number' ? [] : x.shape;
  }

  input(i: number): Operand {
    if (this.inputs === null) throw this.freedError();
    const x = this.inputs[i]!;
    if (typeof x === 'number') return x;
    if (this.versions === null || !this.rule.saves?.inputs?.includes(i)) {
      throw new Error(`internal: ${this.name} reads input ${i}, which its rule does not list in saves.inputs`);
    }
    const now = versionOf(x.data);
    const then = this.versions[i]!;
    if (now !== then) {
      const origin = x.gradFn ? `output 0 of ${x.gradFn.name}` : `input ${i} of ${this.name}`;
      throw new AutogradError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: ` +
          `${describeTensor(x)}, which is ${origin}, is at version ${now}; expected version ${then} instead. ` +
          `Hint: ${this.name} needs it; run the forward and backward inside detectAnomaly(fn) to see the forward call.`,
      );
    }
    return x;
  }

  output(): Tensor {
    if (this.released) throw this.freedError();
    const out = this.out;
    if (out === null) throw new Error(`internal: ${this.name} reads its output, which its rule does not save`);
    const now = versionOf(out.data);
    if (now !== this.outVersion) {
      throw new AutogradError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: ` +
          `${describeTensor(out)}, which is output 0 of ${this.name}, is at version ${now}; expected version ${this.outVersion} instead. ` +
          `Hint: run the forward and backward inside detectAnomaly(fn) to see the forward call.`,
      );
    }
    return out;
  }

  apply(grad: Tensor): readonly (Tensor | null)[] {
    if (this.released && this.rule.saves !== undefined) throw this.freedError();
    return this.rule.backward(this, grad);
  }

  override release(): void {
    if (this.inputs !== null) this.releasedShapes = this.inputs.map((x) => (typeof x === 'number' ? [] : x.shape));
    this.released = true;
    this.inputs = null;
    this.out = null;
  }

  private freedError(): AutogradError {
    return new AutogradError(
      'Trying to backward through the graph a second time (or directly access saved tensors after they have ' +
        'already been freed). Saved intermediate values of the graph are freed when you call .backward() or ' +
        'autograd.grad(). Specify retain_graph=True (retainGraph: true) if you need to backward through the graph ' +
        'a second time or if you need to access saved tensors after calling backward.',
    );
  }
}
