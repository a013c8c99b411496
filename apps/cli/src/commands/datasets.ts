/**
 * `gd datasets`: the bundled real datasets, usable by name wherever a data file is accepted
 * (`--data iris`); `gd datasets NAME` shows one's columns and first rows.
 */
import type { Command } from 'commander';
import pc from 'picocolors';
import { UsageError } from '../errors.js';
import { DATASETS, bundledDataset } from '../data/datasets.js';
import { didYouMean } from '../data/suggest.js';
import { table, toJson } from '../output/format.js';

export function registerDatasets(program: Command): void {
  program
    .command('datasets')
    .argument('[name]', 'show this dataset: its columns and first rows')
    .description('list the bundled datasets (usable as --data NAME)')
    .option('--json', 'print as JSON', false)
    .addHelpText(
      'after',
      `
Examples:
  $ gd datasets
  $ gd datasets penguins
  $ gd train --data penguins --target Species --standardize --epochs 50`,
    )
    .action((name: string | undefined, flags: { json: boolean }) => {
      if (name === undefined) return list(flags.json);
      const ds = bundledDataset(name);
      if (ds === undefined) throw new UsageError(`no bundled dataset '${name}'${didYouMean(name, Object.keys(DATASETS))}; bundled: ${Object.keys(DATASETS).join(', ')}`);
      const t = ds.load();
      if (flags.json) {
        process.stdout.write(toJson({ name, source: ds.source, target: ds.target, task: ds.task, columns: t.columns, rows: t.rows.length, head: t.rows.slice(0, 5) }) + '\n');
        return;
      }
      process.stdout.write(`${pc.bold(name)}: ${ds.description}\nfrom ${ds.source}; ${t.rows.length} rows; example target ${ds.target} (${ds.task})\n\n`);
      process.stdout.write(table([t.columns, ...t.rows.slice(0, 5).map((r) => r.map((v) => (v === null ? '(missing)' : String(v))))]) + '\n');
      process.stdout.write(pc.dim(`\ntry: gd train --data ${name} --target ${ds.target} --standardize --shuffle\n`));
    });
}

function list(json: boolean): void {
  const all = Object.values(DATASETS).map((d) => {
    const t = d.load();
    return { name: d.name, rows: t.rows.length, columns: t.columns.length, target: d.target, task: d.task, source: d.source, description: d.description };
  });
  if (json) {
    process.stdout.write(toJson(all) + '\n');
    return;
  }
  process.stdout.write(
    table([['name', 'rows', 'columns', 'target', 'task', 'source'], ...all.map((d) => [d.name, String(d.rows), String(d.columns), d.target, d.task, d.source])]) + '\n',
  );
  process.stdout.write(pc.dim('\nuse one with --data NAME, e.g. gd train --data iris --target species; gd datasets NAME shows its columns\n'));
}
