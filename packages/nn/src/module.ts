/**
 * `Module`: the base class of every layer, container and loss (PyTorch's `nn.Module`).
 *
 * Registration is by discovery: a module's parameters and submodules ARE its own fields. Any own
 * enumerable property holding a {@link Parameter} is a parameter, any holding a Module is a child,
 * listed in the order the fields were first defined (JavaScript keeps that order; a class field
 * counts from its declaration), so
 *
 * ```ts
 * class Net extends Module {
 *   fc1 = new Linear(3, 4);
 *   act = new ReLU();
 *   fc2 = new Linear(4, 2);
 *   forward(x: Tensor) { return this.fc2.call(this.act.call(this.fc1.call(x))); }
 * }
 * ```
 *
 * has the parameters `fc1.weight, fc1.bias, fc2.weight, fc2.bias`, as in PyTorch. Nothing has to be
 * registered and nothing can get out of sync: reassigning a field replaces the child in place.
 * `registerParameter` / `registerModule` exist for names chosen at run time (Sequential's `0`, `1`,
 * ...) and validate the name; `registerBuffer` is needed for buffers, since a plain Tensor field is
 * not state (as in PyTorch). Names that are array indices (`'0'`, `'1'`, ...) come first, in
 * numeric order (JavaScript's property order); JS `#private` fields are invisible (use them for
 * references that must not be children).
 */
import { Tensor, noGrad } from '@gd/autograd';
import { type DType, ValueError, to as convert } from '@gd/tensor';
import { Parameter } from './parameter.js';
import {
  type LoadStateDictOptions,
  type LoadStateDictResult,
  type StateDict,
  type StateDictInput,
  loadStateDict,
} from './state-dict.js';

/** A module of any signature (the element type of `children()`, `modules()`...). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModule = Module<any, any>;

/** Options of {@link Module.namedParameters}, {@link Module.namedBuffers} and {@link Module.namedModules}. */
export interface NamedMembersOptions {
  /** Prepended (with a `.`) to every name. */
  prefix?: string;
  /** Include the members of submodules (default true; not used by `namedModules`). */
  recurse?: boolean;
  /** List a member reachable under several names once, under the first name (default true). */
  removeDuplicate?: boolean;
}

function join(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

/** PyTorch's `_addindent`: indents every line but the first. */
function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text.split('\n').join(`\n${pad}`);
}

function checkName(what: string, owner: object, name: string, allowed: (v: unknown) => boolean): void {
  if (typeof name !== 'string') throw new ValueError(`${what}: the name must be a string, got ${typeof name}`);
  if (name === '') throw new ValueError(`${what}: the name can't be empty string ""`);
  if (name.includes('.')) throw new ValueError(`${what}: the name can't contain ".", got: ${name}`);
  if (name in owner) {
    const own = Object.prototype.hasOwnProperty.call(owner, name);
    const current = (owner as unknown as Record<string, unknown>)[name];
    if (!own || !(current === null || current === undefined || allowed(current))) {
      throw new ValueError(`${what}: attribute '${name}' already exists`);
    }
  }
}

export abstract class Module<I extends unknown[] = [Tensor], O = Tensor> {
  /** Training mode (`train()`) or evaluation mode (`eval()`); Dropout reads it. */
  training = true;
  /** Names registered as buffers, with their `persistent` flag (in the state dict or not). */
  readonly #buffers = new Map<string, boolean>();

  /** The computation of this module. Call it directly or through {@link call}. */
  abstract forward(...input: I): O;

  /**
   * Runs the module: `model.call(x)` is PyTorch's `model(x)`.
   * @example
   * const out = new Linear(3, 2).call(x);
   */
  call(...input: I): O {
    return this.forward(...input);
  }

  // ---- registration -----------------------------------------------------------------------------

  /**
   * Adds a parameter under `name` (a field of that name is set), or registers the name with
   * `null` (no parameter, as Linear's bias when `bias: false`).
   */
  registerParameter(name: string, param: Parameter | null): void {
    checkName('registerParameter', this, name, (v) => v instanceof Parameter);
    if (param !== null && !(param instanceof Parameter)) {
      throw new ValueError(
        `registerParameter: cannot assign '${describe(param)}' object to parameter '${name}' (Parameter or null required)`,
      );
    }
    if (param !== null && !param.isLeaf) {
      throw new ValueError(
        `registerParameter: cannot assign non-leaf Tensor to parameter '${name}'. Model parameters must be created ` +
          'explicitly: wrap the value with new Parameter(x.detach()) to use a computed value.',
      );
    }
    (this as unknown as Record<string, unknown>)[name] = param;
  }

  /** Adds a child module under `name` (a field of that name is set). */
  registerModule(name: string, module: AnyModule | null): void {
    checkName('registerModule', this, name, (v) => v instanceof Module);
    if (module !== null && !(module instanceof Module)) {
      throw new ValueError(`registerModule: ${describe(module)} is not a Module subclass`);
    }
    (this as unknown as Record<string, unknown>)[name] = module;
  }

  /**
   * Adds a buffer: a tensor that is state but not a parameter (running statistics, a loss's class
   * weights). It is in `stateDict()` unless `persistent` is false. A later assignment to the field
   * replaces the buffer.
   */
  registerBuffer(name: string, tensor: Tensor | null, { persistent = true }: { persistent?: boolean } = {}): void {
    checkName('registerBuffer', this, name, (v) => this.#buffers.has(name) && v instanceof Tensor);
    if (tensor !== null && !(tensor instanceof Tensor)) {
      throw new ValueError(`registerBuffer: cannot assign '${describe(tensor)}' object to buffer '${name}' (Tensor or null required)`);
    }
    this.#buffers.set(name, persistent);
    (this as unknown as Record<string, unknown>)[name] = tensor;
  }

  // ---- own members (no recursion, no deduplication) -------------------------------------------------

  /** This module's own parameters, in field order. */
  protected ownParameters(): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    for (const [name, v] of Object.entries(this)) {
      if (v instanceof Parameter && !this.#buffers.has(name)) out.push([name, v]);
    }
    return out;
  }

  /** This module's own buffers (with their persistence), in field order. */
  protected ownBuffers(): [string, Tensor, boolean][] {
    const out: [string, Tensor, boolean][] = [];
    for (const [name, persistent] of this.#buffers) {
      const v = (this as unknown as Record<string, unknown>)[name];
      if (v instanceof Tensor) out.push([name, v, persistent]);
    }
    return out;
  }

  /** This module's direct children, in field order, a module used twice listed twice. */
  protected ownModules(): [string, AnyModule][] {
    const out: [string, AnyModule][] = [];
    for (const [name, v] of Object.entries(this)) if (v instanceof Module) out.push([name, v]);
    return out;
  }

  // ---- traversal ----------------------------------------------------------------------------------

  /** The direct children with their names (a module reachable twice is listed once). */
  namedChildren(): [string, AnyModule][] {
    const seen = new Set<AnyModule>();
    const out: [string, AnyModule][] = [];
    for (const [name, m] of this.ownModules()) {
      if (seen.has(m)) continue;
      seen.add(m);
      out.push([name, m]);
    }
    return out;
  }

  /** The direct children. */
  children(): AnyModule[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /**
   * This module and all modules below it, pre-order, with dotted names (`''` for this one,
   * `'0'`, `'0.1'`...).
   * @example
   * new Sequential(new Linear(2, 3), new ReLU()).namedModules().map(([n]) => n); // ['', '0', '1']
   */
  namedModules({ prefix = '', removeDuplicate = true }: NamedMembersOptions = {}): [string, AnyModule][] {
    const out: [string, AnyModule][] = [];
    const memo = new Set<AnyModule>();
    const visit = (m: AnyModule, name: string): void => {
      if (memo.has(m)) return;
      if (removeDuplicate) memo.add(m);
      out.push([name, m]);
      for (const [childName, child] of m.ownModules()) visit(child, join(name, childName));
    };
    visit(this, prefix);
    return out;
  }

  /** This module and all modules below it, pre-order. */
  modules(): AnyModule[] {
    return this.namedModules().map(([, m]) => m);
  }

  /**
   * The parameters with PyTorch's names (`0.weight`, `fc1.bias`), module by module in pre-order;
   * a parameter shared by several modules is listed once, under its first name.
   */
  namedParameters({ prefix = '', recurse = true, removeDuplicate = true }: NamedMembersOptions = {}): [string, Parameter][] {
    return this.namedMembers((m) => m.ownParameters(), prefix, recurse, removeDuplicate);
  }

  /** The parameters (what an optimizer updates), in {@link namedParameters} order. */
  parameters({ recurse = true }: { recurse?: boolean } = {}): Parameter[] {
    return this.namedParameters({ recurse }).map(([, p]) => p);
  }

  /** The buffers with their dotted names. */
  namedBuffers({ prefix = '', recurse = true, removeDuplicate = true }: NamedMembersOptions = {}): [string, Tensor][] {
    return this.namedMembers((m) => m.ownBuffers().map(([n, t]) => [n, t] as [string, Tensor]), prefix, recurse, removeDuplicate);
  }

  /** The buffers. */
  buffers({ recurse = true }: { recurse?: boolean } = {}): Tensor[] {
    return this.namedBuffers({ recurse }).map(([, t]) => t);
  }

  private namedMembers<T>(
    members: (m: AnyModule) => [string, T][],
    prefix: string,
    recurse: boolean,
    removeDuplicate: boolean,
  ): [string, T][] {
    const modules: [string, AnyModule][] = recurse ? this.namedModules({ prefix, removeDuplicate }) : [[prefix, this]];
    const memo = new Set<T>();
    const out: [string, T][] = [];
    for (const [modulePrefix, m] of modules) {
      for (const [name, v] of members(m)) {
        if (memo.has(v)) continue;
        if (removeDuplicate) memo.add(v);
        out.push([join(modulePrefix, name), v]);
      }
    }
    return out;
  }

  // ---- modes and bulk operations ------------------------------------------------------------------

  /** Sets training mode (default) or evaluation mode on this module and every descendant. */
  train(mode = true): this {
    if (typeof mode !== 'boolean') throw new ValueError(`train: training mode is expected to be boolean, got ${typeof mode}`);
    this.training = mode;
    for (const m of this.children()) m.train(mode);
    return this;
  }

  /** Evaluation mode: `train(false)` (Dropout passes its input through). */
  eval(): this {
    return this.train(false);
  }

  /**
   * Resets the gradients of all parameters. By default (PyTorch 1.13's) each existing `.grad` is
   * filled with zeros in place; with `setToNone` it is set to `null` (PyTorch 2's default), which
   * saves memory and behaves the same for training.
   */
  zeroGrad({ setToNone = false }: { setToNone?: boolean } = {}): void {
    for (const p of this.parameters()) {
      const g = p.grad;
      if (g === null) continue;
      if (setToNone) {
        p.grad = null;
        continue;
      }
      // a gradient built with createGraph is cut from its graph before being zeroed, as in PyTorch
      const plain = g.isLeaf ? g : g.detach();
      if (plain.requiresGrad) plain.requiresGrad = false;
      noGrad(() => plain.zero_());
      p.grad = plain;
    }
  }

  /** Sets `requiresGrad` of every parameter (freezing with `false`). */
  requiresGrad_(flag = true): this {
    for (const p of this.parameters()) p.requiresGrad = flag;
    return this;
  }

  /**
   * Calls `fn` on every descendant (children first) and then on this module; returns this module.
   * @example
   * model.apply((m) => { if (m instanceof Linear) init.zeros_(m.bias!); });
   */
  apply(fn: (module: AnyModule) => void): this {
    for (const m of this.children()) m.apply(fn);
    fn(this);
    return this;
  }

  /**
   * Converts the floating parameters and buffers (and their gradients) to `dtype`, in place: the
   * Parameter objects stay the same, their `data` changes (PyTorch's `module.to(dtype)`).
   */
  to(dtype: DType): this {
    if (dtype !== 'float32' && dtype !== 'float64') {
      throw new ValueError(`to: nn.Module.to only accepts floating point dtypes, but got desired dtype=${dtype}`);
    }
    for (const t of [...this.parameters(), ...this.buffers()]) {
      if (t.dtype !== 'float32' && t.dtype !== 'float64') continue;
      t.data = convert(t.data, dtype);
      if (t.grad !== null) t.grad = new Tensor(convert(t.grad.data, dtype));
    }
    return this;
  }

  /** `to('float64')`. */
  double(): this {
    return this.to('float64');
  }

  /** `to('float32')`. */
  float(): this {
    return this.to('float32');
  }

  // ---- state dict -----------------------------------------------------------------------------------

  /**
   * Every parameter and persistent buffer by its dotted name (`'0.weight'`), module by module; a
   * shared module appears under each of its names. The tensors share storage with the module's
   * (detached unless `keepVars`).
   */
  stateDict({ prefix = '', keepVars = false }: { prefix?: string; keepVars?: boolean } = {}): StateDict {
    const out: StateDict = {};
    const visit = (m: AnyModule, p: string): void => {
      for (const [name, t] of m.ownParameters()) out[p + name] = keepVars ? t : t.detach();
      for (const [name, t, persistent] of m.ownBuffers()) if (persistent) out[p + name] = keepVars ? t : t.detach();
      for (const [name, child] of m.ownModules()) visit(child, `${p}${name}.`);
    };
    visit(this, prefix);
    return out;
  }

  /**
   * Copies `state` into this module's parameters and buffers (in place, so optimizers keep their
   * references). Shape mismatches always throw; missing and unexpected keys throw when `strict`
   * (the default) and are returned otherwise.
   * @example
   * const copy = new Sequential(new Linear(3, 5), new ReLU(), new Linear(5, 2));
   * copy.loadStateDict(model.stateDict());
   */
  loadStateDict(state: StateDictInput, options: LoadStateDictOptions = {}): LoadStateDictResult {
    return loadStateDict(this, state, options);
  }

  /** @internal The entries that `loadStateDict` fills at this level: parameters and persistent buffers. */
  localState(): [string, Tensor][] {
    const out: [string, Tensor][] = this.ownParameters();
    for (const [name, t, persistent] of this.ownBuffers()) if (persistent) out.push([name, t]);
    return out;
  }

  /** @internal The direct children by name, duplicates included (for `loadStateDict`). */
  childEntries(): [string, AnyModule][] {
    return this.ownModules();
  }

  // ---- printing -------------------------------------------------------------------------------------

  /** The part of the printout between the parentheses (`in_features=3, out_features=5, bias=True`). */
  extraRepr(): string {
    return '';
  }

  /**
   * PyTorch's printout of the module tree:
   * ```
   * Sequential(
   *   (0): Linear(in_features=3, out_features=5, bias=True)
   *   (1): ReLU()
   * )
   * ```
   */
  toString(): string {
    const extra = this.extraRepr();
    const extraLines = extra === '' ? [] : extra.split('\n');
    const childLines = this.ownModules().map(([name, m]) => `(${name}): ${indent(m.toString(), 2)}`);
    const lines = [...extraLines, ...childLines];
    let text = `${this.constructor.name}(`;
    if (lines.length > 0) {
      text += extraLines.length === 1 && childLines.length === 0 ? extraLines[0] : `\n  ${lines.join('\n  ')}\n`;
    }
    return `${text})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return v.constructor?.name ?? 'object';
  return typeof v;
}

