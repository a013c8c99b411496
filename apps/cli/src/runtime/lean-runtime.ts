/**
 * V8 settings for `gd tutorial`, a short run of many tiny steps (with its defaults 2300 steps of
 * 1 to 20 samples, each allocating a few dozen small tensors that die with the step). Two V8
 * defaults, sized for long-running servers, cost it about a sixth of its peak memory (Node 20,
 * `gd tutorial` with its figures, whole process: 85-87 MiB peak with them, 71-73 MiB without):
 *
 * - The young generation grows from 1 MiB semi-spaces towards 16 MiB as the allocation rate
 *   climbs. Nothing here outlives a step, so the 1 MiB nursery collects the same garbage (a
 *   scavenge of almost-dead space takes microseconds); the growth is only resident memory.
 *   Growth factor 1 keeps the initial size: `--max-semi-space-size=1`, set at run time.
 * - TurboFan, the optimizing compiler: its first use pages in its own code (several MiB of the
 *   node binary) and its compile memory stays resident. On a short run it does not earn its
 *   compile time back either (`gd tutorial --no-figures`, whole process: 0.17 s without it,
 *   0.21 s with it); past about 4000 steps it does (`--epochs 100`: 0.29 s with it, 0.42 s
 *   without), so longer runs keep it.
 *
 * Both must be set before anything gets hot (path functions do while modules load, and a compile
 * already done cannot be undone), so main.ts calls {@link tuneForCommand} first, on the raw
 * arguments. Only on the V8 they were measured on (Node 20's V8 11): elsewhere V8 may not know a
 * flag (it prints an error) or read it differently, and the command runs with V8's defaults.
 * Neither flag changes a number: V8's tiers compute the same IEEE results.
 */
import v8 from 'node:v8';

/** Steps (batches of all runs together) up to which TurboFan costs more than it saves. */
export const SHORT_RUN_STEPS = 4000;

/** The V8 the flags below were measured on (Node 20). */
const KNOWN_V8 = /^11\./;

/** `gd tutorial`'s defaults for the options that set its length. */
const DEFAULTS = { epochs: '20', 'batch-sizes': '1,10,20', points: '100' };

/**
 * The value of `--name` in `args` (`--name value` or `--name=value`), or `fallback`; the last
 * one wins, as in commander.
 */
function optionValue(args: readonly string[], name: string, fallback: string): string {
  let value = fallback;
  args.forEach((arg, i) => {
    if (arg === `--${name}` && i + 1 < args.length) value = args[i + 1]!;
    else if (arg.startsWith(`--${name}=`)) value = arg.slice(name.length + 3);
  });
  return value;
}

/**
 * The number of steps `gd tutorial args` trains: Σ over batch sizes of epochs × ⌈points / batch
 * size⌉. Infinity when it cannot tell (a value commander will refuse, or `--compare`, which runs
 * the reference's cases): such runs keep V8's defaults.
 */
export function tutorialSteps(args: readonly string[]): number {
  if (args.some((a) => a === '--compare' || a.startsWith('--compare='))) return Infinity;
  const epochs = Number(optionValue(args, 'epochs', DEFAULTS.epochs));
  const points = Number(optionValue(args, 'points', DEFAULTS.points));
  const sizes = optionValue(args, 'batch-sizes', DEFAULTS['batch-sizes']).split(',').map(Number);
  const whole = (v: number, min: number): boolean => Number.isInteger(v) && v >= min;
  if (!whole(epochs, 0) || !whole(points, 1) || !sizes.every((bs) => whole(bs, 1))) return Infinity;
  return sizes.reduce((steps, bs) => steps + epochs * Math.ceil(points / bs), 0);
}

/**
 * Sets the flags for the command in `args` (the arguments after `gd`): for `gd tutorial`, a young
 * generation that keeps its initial size and, for a run of at most {@link SHORT_RUN_STEPS} steps,
 * no TurboFan. Other commands keep V8's defaults. Returns the flags set.
 */
export function tuneForCommand(args: readonly string[]): string[] {
  if (args[0] !== 'tutorial' || !KNOWN_V8.test(process.versions.v8)) return [];
  const flags = ['--semi-space-growth-factor=1'];
  if (tutorialSteps(args) <= SHORT_RUN_STEPS) flags.push('--no-turbofan');
  for (const flag of flags) v8.setFlagsFromString(flag);
  return flags;
}
