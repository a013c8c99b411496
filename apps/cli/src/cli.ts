/**
 * The `gd` program: wires the commands (commander) and turns failures into exit codes: bad input
 * → one line on stderr and exit 2, a failed training run → exit 1, an interruption → 130 (the
 * train command handles Ctrl-C itself). The commands live in commands/; main.ts loads this file
 * once V8 is set up for the command.
 */
import { createRequire } from 'node:module';
import { NonFiniteLossError } from '@gd/train';
import { GdError } from '@gd/tensor';
import { Command, CommanderError } from 'commander';
import { registerCompare } from './commands/compare.js';
import { registerDatasets } from './commands/datasets.js';
import { registerPredict } from './commands/predict.js';
import { registerTrain } from './commands/train.js';
import { registerTutorial } from './commands/tutorial.js';
import { EXIT_TRAINING, EXIT_USAGE, TrainingFailure, UsageError } from './errors.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Commander's error text as one line: "error: unknown option '--lrr'\n(Did you mean --lr?)" → "unknown option '--lrr' (did you mean --lr?)". */
function oneLine(text: string): string {
  return text
    .trim()
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean (.*)\?\)/, ' (did you mean $1?)')
    .replace(/\s*\n\s*/g, ' ');
}

let prefix = 'gd';

function fail(message: string, code: number): never {
  process.stderr.write(`${prefix}: ${message}\n`);
  process.exit(code);
}

function buildProgram(): Command {
  const program = new Command('gd')
    .description("gd: gradient descent the PyTorch way, from the command line (PyTorch's numbers, bit for bit where PyTorch's are)")
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`gd: ${oneLine(text)}\n`) })
    .addHelpText(
      'after',
      `
Examples:
  $ gd tutorial                                 the mini-batch tutorial with PyTorch's numbers
  $ gd train --data iris --target species       train on a bundled dataset (see gd datasets)
  $ gd train --data houses.csv --target price --standardize --model mlp:32 --optimizer adam --lr 0.01
  $ gd compare --data iris --target species --batch-sizes 1,16,150
  $ gd predict --model gd-out/model.json --data new.csv`,
    );
  registerTutorial(program);
  registerTrain(program);
  registerCompare(program);
  registerPredict(program);
  registerDatasets(program);
  // every subcommand reports errors the same way and exits through the same path
  for (const cmd of program.commands) {
    cmd.exitOverride().showSuggestionAfterError(true).configureOutput({ outputError: (text, write) => write(`gd ${cmd.name()}: ${oneLine(text)}\n`) });
  }
  return program;
}

async function main(argv: string[]): Promise<void> {
  // `gd ... | head`: a closed pipe ends the output, not with a stack trace
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const program = buildProgram();
  if (argv.length <= 2) {
    program.outputHelp();
    return;
  }
  const sub = program.commands.find((c) => c.name() === argv[2]);
  if (sub !== undefined) prefix = `gd ${sub.name()}`;
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : EXIT_USAGE);
    if (e instanceof UsageError) fail(e.message, EXIT_USAGE);
    if (e instanceof TrainingFailure || e instanceof NonFiniteLossError) fail(e.message, EXIT_TRAINING);
    if (e instanceof GdError) fail(e.message, EXIT_USAGE);
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
    throw e;
  }
}

await main(process.argv);
