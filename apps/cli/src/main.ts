#!/usr/bin/env node
/**
 * `gd`'s entry point. V8 reads some of its settings only as the heap grows and as code gets hot,
 * so they must be made before anything else runs: this file tunes V8 for the command about to run
 * (runtime/lean-runtime.ts), then loads the program (cli.ts).
 */
import { tuneForCommand } from './runtime/lean-runtime.js';

tuneForCommand(process.argv.slice(2));
await import('./cli.js');
