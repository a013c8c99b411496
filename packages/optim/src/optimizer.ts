/**
 * `Optimizer`: the base of every optimizer. It holds the parameter groups and each parameter's
 * state; a subclass supplies one thing, the update of one parameter (a call into its pure update
 * rule). Everything else lives here once: normalising the groups, `zeroGrad`, `step` with an
 * optional closure, the step counter schedulers read, and the JSON state dict.
 *
 * Follows PyTorch 1.13's `torch.optim.Optimizer`, with camelCase names (`zero_grad(set_to_none)` is
 * `zeroGrad({ setToNone })`, `param_groups` is `paramGroups`, `state_dict` is `stateDict`).
 */
import { type Tensor, enableGrad } from '@gd/autograd';
import { NDArray, ShapeError, ValueError, formatShape } from '@gd/tensor';
import {
  type OptimizerOptions,
  type ParamGroup,
  type ParamGroupInit,
  type ParamsInput,
  completeGroup,
  normalizeParams,
} from './param-groups.js';
import {
  type EncodedValue,
  type OptimizerStateDict,
  STATE_DICT_VERSION,
  decodeArray,
  decodeNumber,
  decodeOption,
  encodeValue,
  isEncodedArray,
} from './state-dict.js';
import { defaultWarningHandler } from './warnings.js';

/** A parameter's state: numbers (step counts), flags and float32 buffers shaped like the parameter. */
export type ParamState = Record<string, number | boolean | NDArray | null>;

/** Options of {@link Optimizer.zeroGrad}. */
export interface ZeroGradOptions {
  /** Set each `.grad` to null instead of filling it with zeros (PyTorch 1.13's default: false). */
  setToNone?: boolean;
}

/** What each optimizer class tells the base class about itself. */
export interface OptimizerSpec<O extends OptimizerOptions> {
  /** Class name, used in messages and state dicts (`'Adam'`). */
  readonly name: string;
  /** Every option, in PyTorch's order. */
  readonly optionKeys: readonly string[];
  /** Throws PyTorch's error for an invalid option value (run on the defaults and on every group). */
  validate(options: Partial<O>): void;
}

/**
 * The base class of the optimizers. `O` is the options of a group, `S` the state of a parameter.
 * @example
 * const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 * for (const [x, y] of batches) {
 *   opt.zeroGrad();
 *   lossFn(model.forward(x), y).backward();
 *   opt.step();
 * }
 */
export abstract class Optimizer<O extends OptimizerOptions = OptimizerOptions, S extends ParamState = ParamState> {
  /** The options a group gets when it does not give its own. */
  readonly defaults: Readonly<Partial<O>>;
  /** The parameter groups, each with its parameters and its full set of options. */
  readonly paramGroups: ParamGroup<O>[] = [];
  /** Each parameter's state, created at its first update. */
  readonly state = new Map<Tensor, S>();
  private readonly spec: OptimizerSpec<O>;
  private steps = 0;

  protected constructor(params: ParamsInput<O>, defaults: Partial<O>, spec: OptimizerSpec<O>) {
    this.spec = spec;
    for (const key of Object.keys(defaults)) {
      if (!spec.optionKeys.includes(key)) {
        throw new ValueError(`${spec.name}: unknown option '${key}' (options: ${spec.optionKeys.join(', ')})`);
      }
    }
    spec.validate(defaults);
    this.defaults = Object.freeze({ ...defaults });
    for (const group of normalizeParams(params)) this.addParamGroup(group);
  }

  /** How many times {@link step} has run (schedulers use it to check the call order). */
  get stepCount(): number {
    return this.steps;
  }

  /**
   * Adds a group of parameters, with options overriding the defaults (fine-tuning a pretrained
   * body at a lower rate than a new head, say). A parameter may belong to one group only.
   * @example
   * opt.addParamGroup({ params: head.parameters(), lr: 0.01 });
   */
  addParamGroup(init: ParamGroupInit<O>): void {
    const group = completeGroup(this.spec.name, init, this.defaults, this.spec.optionKeys);
    this.spec.validate(group);
    const seen = new Set<Tensor>();
    for (const p of group.params) {
      if (seen.has(p)) {
        defaultWarningHandler(
          'optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; see github.com/pytorch/pytorch/issues/40967 for more information',
        );
        break;
      }
      seen.add(p);
    }
    for (const other of this.paramGroups) {
      for (const p of other.params) {
        if (seen.has(p)) throw new ValueError('some parameters appear in more than one parameter group');
      }
    }
    this.paramGroups.push(group);
  }

  /**
   * Resets the gradients of every parameter: filled with zeros in place (the default, as in
   * PyTorch 1.13), or set to null with `setToNone`, which saves memory and lets `step` skip
   * parameters that received no gradient.
   */
  zeroGrad({ setToNone = false }: ZeroGradOptions = {}): void {
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        const g = p.grad;
        if (g === null) continue;
        if (setToNone) {
          p.grad = null;
          continue;
        }
        // a gradient that is itself part of a graph (createGraph) is cut from it first
        const plain = g.isLeaf ? g : g.detach();
        if (plain.requiresGrad) plain.requiresGrad = false;
        plain.zero_();
        p.grad = plain;
      }
    }
  }

  /**
   * Updates every parameter that has a gradient, then counts the step. `closure`, when given,
   * re-evaluates the model and returns the loss (it runs with gradients enabled); `step` returns
   * what it returned.
   */
  step<T = undefined>(closure?: () => T): T | undefined {
    const loss = closure === undefined ? undefined : enableGrad(closure);
    let index = 0;
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        const grad = p.grad;
        if (grad !== null) this.updateParameter(p, grad, index, group);
        index++;
      }
    }
    this.steps++;
    return loss;
  }

  /**
   * Updates parameter `p` (number `index` across the groups) from its gradient, with the options
   * of its group, creating its state on the first call.
   */
  protected abstract updateParameter(p: Tensor, grad: Tensor, index: number, group: ParamGroup<O>): void;

  /**
   * The optimizer as JSON data: each parameter's state (by position) and each group's options.
   * The buffers are copies, so the result stays valid while training goes on.
   * @example
   * const saved = JSON.stringify(opt.stateDict());
   * other.loadStateDict(JSON.parse(saved)); // continues exactly where opt stands
   */
  stateDict(): OptimizerStateDict {
    const ids = new Map<Tensor, number>();
    const paramGroups: OptimizerStateDict['paramGroups'] = [];
    for (const group of this.paramGroups) {
      const entry: Record<string, EncodedValue> = {};
      for (const [key, value] of Object.entries(group)) {
        if (key !== 'params') entry[key] = encodeValue(value, `option ${key}`);
      }
      const params = group.params.map((p) => {
        if (!ids.has(p)) ids.set(p, ids.size);
        return ids.get(p)!;
      });
      paramGroups.push({ ...entry, params });
    }
    const state: OptimizerStateDict['state'] = {};
    for (const [p, s] of this.state) {
      const id = ids.get(p);
      if (id === undefined) continue;
      const entry: Record<string, EncodedValue> = {};
      for (const [key, value] of Object.entries(s)) entry[key] = encodeValue(value, `state ${key} of parameter ${id}`);
      state[String(id)] = entry;
    }
    return { version: STATE_DICT_VERSION, optimizer: this.spec.name, state, paramGroups };
  }

  /**
   * Restores a state dict made by {@link stateDict} on an optimizer of the same class with groups
   * of the same sizes: the groups' options are replaced by the saved ones and each parameter gets
   * its saved state (copied). Mismatched groups, parameter shapes or classes are refused.
   */
  loadStateDict(stateDict: OptimizerStateDict): void {
    const name = this.spec.name;
    if (stateDict === null || typeof stateDict !== 'object') throw new ValueError('loadStateDict: expected a state dict object');
    if (stateDict.version !== STATE_DICT_VERSION) {
      throw new ValueError(
        `loadStateDict: unsupported state dict version ${String(stateDict.version)} (this @gd/optim reads version ${STATE_DICT_VERSION})`,
      );
    }
    if (stateDict.optimizer !== name) {
      throw new ValueError(`loadStateDict: the state dict is from ${String(stateDict.optimizer)}, not ${name}`);
    }
    const saved = stateDict.paramGroups;
    if (!Array.isArray(saved) || saved.length !== this.paramGroups.length) {
      throw new ValueError('loaded state dict has a different number of parameter groups');
    }
    const byId = new Map<number, Tensor>();
    const options: Record<string, unknown>[] = [];
    saved.forEach((g, i) => {
      const group = this.paramGroups[i]!;
      if (!Array.isArray(g.params) || g.params.length !== group.params.length) {
        throw new ValueError("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
      }
      g.params.forEach((id, j) => byId.set(id, group.params[j]!));
      const opts: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(g)) {
        if (key === 'params') continue;
        if (key !== 'initialLr' && !this.spec.optionKeys.includes(key)) {
          throw new ValueError(`loadStateDict: unknown option '${key}' in parameter group ${i}`);
        }
        opts[key] = decodeOption(value, `option ${key} of parameter group ${i}`);
      }
      for (const key of this.spec.optionKeys) {
        if (!(key in opts)) throw new ValueError(`loadStateDict: parameter group ${i} has no option '${key}'`);
      }
      this.spec.validate(opts as Partial<O>);
      options.push(opts);
    });
    const state = new Map<Tensor, S>();
    for (const [id, entry] of Object.entries(stateDict.state ?? {})) {
      const p = byId.get(Number(id));
      if (p === undefined) throw new ValueError(`loadStateDict: state for parameter ${id}, which no group lists`);
      const s: Record<string, number | boolean | NDArray | null> = {};
      for (const [key, value] of Object.entries(entry)) {
        const what = `state ${key} of parameter ${id}`;
        if (isEncodedArray(value)) {
          const a = decodeArray(value, what);
          if (formatShape(a.shape) !== formatShape(p.shape)) {
            throw new ShapeError(`loadStateDict: ${what} has shape ${formatShape(a.shape)} but the parameter has shape ${formatShape(p.shape)}`);
          }
          s[key] = a;
        } else if (typeof value === 'boolean' || value === null) {
          s[key] = value;
        } else {
          s[key] = decodeNumber(value, what);
        }
      }
      state.set(p, s as S);
    }
    // everything checked: now replace
    this.paramGroups.forEach((group, i) => {
      const target = group as unknown as Record<string, unknown>;
      for (const key of Object.keys(target)) if (key !== 'params') delete target[key];
      Object.assign(target, options[i]);
    });
    this.state.clear();
    for (const [p, s] of state) this.state.set(p, s);
  }
}
