/**
 * Lets the host run between training steps: in Node a signal handler (Ctrl-C) or a timer, in a
 * browser a repaint. A microtask (`await` of a resolved promise) is not enough, since those run
 * before any of them; this waits for a macrotask, at most once per `intervalMs` of work so that
 * small steps do not pay for it.
 */

type Schedule = (fn: () => void) => void;

interface BrowserChannel {
  port1: { onmessage: (() => void) | null };
  port2: { postMessage(message: unknown): void };
}

function macrotask(): Schedule {
  const g = globalThis as unknown as { setImmediate?: (fn: () => void) => unknown; MessageChannel?: new () => BrowserChannel };
  if (typeof g.setImmediate === 'function') return (fn) => void g.setImmediate!(fn);
  // browsers: a message to ourselves runs as a task without setTimeout's 4 ms clamp
  if (typeof g.MessageChannel === 'function') {
    const channel = new g.MessageChannel();
    const queue: (() => void)[] = [];
    channel.port1.onmessage = () => queue.shift()?.();
    return (fn) => {
      queue.push(fn);
      channel.port2.postMessage(null);
    };
  }
  return (fn) => void setTimeout(fn, 0);
}

/** A function that yields to the host when at least `intervalMs` have passed since it last did. */
export function hostYielder(intervalMs: number): () => Promise<void> | null {
  const schedule = macrotask();
  let last = Date.now();
  return () => {
    const now = Date.now();
    if (now - last < intervalMs) return null;
    last = now;
    return new Promise<void>((resolve) => schedule(resolve));
  };
}
