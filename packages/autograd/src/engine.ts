/**
 * The backprop engine: find the nodes reachable from the outputs, order them so every node comes
 * after all the nodes that feed it gradient (a depth-first post-order, reversed), then walk that
 * order once, applying each node's rule to the gradient summed in its buffer and adding the results
 * into the buffers of its inputs' nodes. Every gradient is checked against the shape of the tensor
 * it belongs to; a broadcast one is summed back (sum-to-shape.ts), anything else is an error naming
 * the node. After the walk the nodes free their saved tensors unless `retainGraph`.
 */
import { ShapeError, formatShape } from '@gd/tensor';
import { checkGradient, isAnomalyEnabled } from './anomaly.js';
import { accumulateGradient } from './accumulate.js';
import { setGradEnabled } from './grad-mode.js';
import type { Node, RunMode } from './node.js';
import { expandableTo, sumToShape } from './sum-to-shape.js';
import type { Tensor } from './tensor.js';

/** How one backward runs. */
export interface EngineOptions extends RunMode {
  readonly retainGraph: boolean;
}

let walks = 0;

/** All nodes reachable from `roots`, each after every node it feeds gradient into (post-order). */
function postOrder(roots: readonly Node[]): Node[] {
  const stamp = ++walks;
  const order: Node[] = [];
  const stack: Node[] = [];
  const cursor: number[] = [];
  for (const root of roots) {
    if (root.stamp === stamp) continue;
    root.stamp = stamp;
    stack.push(root);
    cursor.push(0);
    while (stack.length > 0) {
      const top = stack.length - 1;
      const node = stack[top]!;
      const k = cursor[top]!;
      if (k < node.next.length) {
        cursor[top] = k + 1;
        const child = node.next[k];
        if (child && child.stamp !== stamp) {
          child.stamp = stamp;
          stack.push(child);
          cursor.push(0);
        }
      } else {
        stack.pop();
        cursor.pop();
        order.push(node);
      }
    }
  }
  return order;
}

/** Checks (and un-broadcasts, casts) the gradient `grad` that `node` returned for its input `i`. */
function validate(node: Node, i: number, grad: Tensor, target: Node): Tensor {
  let g = grad;
  const want = target.shape;
  const got = g.shape;
  let same = got.length === want.length;
  for (let d = 0; same && d < got.length; d++) same = got[d] === want[d];
  if (!same) {
    if (!expandableTo(want, got)) {
      throw new ShapeError(
        `Function ${node.name} returned an invalid gradient at index ${i} - got ${formatShape(got)} ` +
          `but expected shape compatible with ${formatShape(want)}`,
      );
    }
    g = sumToShape(g, want);
  }
  if (g.dtype !== target.dtype) g = g.to(target.dtype);
  return g;
}

/**
 * Propagates `seeds[i]` (the gradient of `roots[i]`'s output) back through the graph. With
 * `capture`, returns the gradient that reached each captured node (functional `grad()`), and only
 * nodes on a path to a captured node run.
 */
export function runBackward(
  roots: readonly Node[],
  seeds: readonly Tensor[],
  options: EngineOptions,
  capture?: readonly Node[],
): (Tensor | null)[] {
  const order = postOrder(roots);
  const captured: (Tensor | null)[] = capture ? capture.map(() => null) : [];
  let needed: Set<Node> | null = null;
  if (capture) {
    const targets = new Set(capture);
    needed = new Set();
    for (const node of order) {
      if (targets.has(node) || node.next.some((n) => n !== null && needed!.has(n))) needed.add(node);
    }
  }
  const previousMode = setGradEnabled(options.createGraph);
  try {
    for (let r = 0; r < roots.length; r++) {
      const root = roots[r]!;
      const seed = seeds[r]!;
      root.buffer = root.buffer === null ? seed : root.buffer.add(seed);
    }
    const anomaly = isAnomalyEnabled();
    for (let k = order.length - 1; k >= 0; k--) {
      const node = order[k]!;
      let g = node.buffer;
      node.buffer = null;
      if (g === null) continue;
      if (node.hooks !== null) {
        for (const hook of node.hooks.slice()) {
          const replaced = hook(g);
          if (replaced !== undefined) g = validate(node, 0, replaced, node);
        }
      }
      if (capture) {
        for (let c = 0; c < capture.length; c++) if (capture[c] === node) captured[c] = g;
        if (!needed!.has(node) || node.next.every((n) => n === null || !needed!.has(n))) continue;
      } else if (node.retainer !== null) {
        accumulateGradient(node.retainer, g, options.createGraph);
      }
      const grads = node.apply(g, options);
      const next = node.next;
      for (let i = 0; i < next.length; i++) {
        const target = next[i];
        const gi = grads[i];
        if (!target || !gi) continue;
        if (anomaly) checkGradient(node.name, i, gi, node.forwardStack);
        if (needed !== null && !needed.has(target)) continue;
        const v = validate(node, i, gi, target);
        target.buffer = target.buffer === null ? v : target.buffer.add(v);
      }
      if (!options.retainGraph) node.release();
    }
  } finally {
    setGradEnabled(previousMode);
    for (const node of order) node.buffer = null;
  }
  return captured;
}
