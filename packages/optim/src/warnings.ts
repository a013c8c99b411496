/**
 * How @gd/optim reports a misuse that is not an error (PyTorch's `warnings.warn`): a Node
 * process warning where there is a process, `console.warn` elsewhere (the browser demo).
 * Callers that want the message themselves pass an `onWarning` handler to the scheduler.
 */

/** A function that receives warning messages. */
export type WarningHandler = (message: string) => void;

/** The default handler: `process.emitWarning` under Node, else `console.warn`. */
export const defaultWarningHandler: WarningHandler = (message) => {
  const proc = (globalThis as { process?: { emitWarning?: (message: string, type?: string) => void } }).process;
  if (proc?.emitWarning) proc.emitWarning(message, 'UserWarning');
  else console.warn(`UserWarning: ${message}`);
};
