/**
 * Reads the data a command names (`--data FILE` or a bundled dataset's name) into feature columns
 * and a target column, ready for @gd/train's `prepareTabular`. CSV (and TSV) files are parsed by
 * @gd/data's streaming reader, whose errors name the file, line and column; NDJSON (one JSON
 * object per line) and JSON (an array of objects) files and the bundled datasets go through a
 * table of raw values. Column names are checked first, with a did-you-mean and the list of
 * columns; without `--features`, every numeric column other than the target is a feature.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { DataFormatError, csvRows } from '@gd/data';
import { csvFileRows, ndjsonFileRows, readCsvFile } from '@gd/data/node';
import { NDArray } from '@gd/tensor';
import { UsageError } from '../errors.js';
import { DATASETS, type RawTable, bundledDataset } from './datasets.js';
import { didYouMean } from './suggest.js';

export interface LoadedData {
  /** A display name: the file's base name or the dataset's name. */
  name: string;
  columns: string[];
  featureNames: string[];
  /** float32 [rows, features]. */
  features: NDArray;
  targetName: string | null;
  target: (number | string)[];
  /** Rows left out because a used column was missing (bundled datasets only). */
  dropped: number;
  /** Text columns left out of the default features. */
  skipped: string[];
}

export interface LoadOptions {
  /** The target column (required for training, absent for prediction). */
  target?: string;
  /** Feature columns; default every numeric column but the target. */
  features?: string[];
}

type Format = 'csv' | 'tsv' | 'ndjson' | 'json';

function formatOf(path: string): Format {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.tsv') return 'tsv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.json') return 'json';
  throw new UsageError(`${path}: unknown file type '${ext || '(none)'}' (use .csv, .tsv, .ndjson, .jsonl or .json)`);
}

function checkColumns(name: string, columns: string[], wanted: string[], what: string): void {
  for (const c of wanted) {
    if (!columns.includes(c)) {
      throw new UsageError(`${name}: no ${what} column ${JSON.stringify(c)}${didYouMean(c, columns)}; the columns are ${columns.map((s) => JSON.stringify(s)).join(', ')}`);
    }
  }
}

function isNumberLike(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v));
}

/** Reads `spec` (a path, or the name of a bundled dataset) for `options`. */
export async function loadData(spec: string, options: LoadOptions): Promise<LoadedData> {
  // a bundled name wins unless a file of that name is there
  const bundled = bundledDataset(spec);
  if (bundled !== undefined && !(existsSync(spec) && statSync(spec).isFile())) return fromRawTable(bundled.load(), options, true);
  if (!existsSync(spec)) {
    throw new UsageError(`${spec}: no such file (bundled datasets: ${Object.keys(DATASETS).join(', ')})`);
  }
  if (statSync(spec).isDirectory()) throw new UsageError(`${spec} is a folder, not a data file`);
  const format = formatOf(spec);
  if (format === 'csv' || format === 'tsv') return fromCsv(spec, format === 'tsv' ? '\t' : ',', options);
  const name = basename(spec);
  if (format === 'json') {
    let records: unknown;
    try {
      records = JSON.parse(readFileSync(spec, 'utf8'));
    } catch (e) {
      throw new UsageError(`${name}: invalid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(records) || records.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) {
      throw new UsageError(`${name}: expected a JSON array of objects (one per row)`);
    }
    return fromRawTable(recordsTable(name, records as Record<string, unknown>[]), options, false);
  }
  const records: Record<string, unknown>[] = [];
  let n = 0;
  for await (const r of ndjsonFileRows(spec)) {
    n++;
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new UsageError(`${name}, record ${n}: expected a JSON object`);
    records.push(r as Record<string, unknown>);
  }
  return fromRawTable(recordsTable(name, records), options, false);
}

function recordsTable(name: string, records: Record<string, unknown>[]): RawTable {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
    }
  }
  const rows = records.map((r) => columns.map((c) => {
    const v = r[c];
    if (typeof v === 'number' || typeof v === 'string') return v;
    return v === undefined || v === null ? null : JSON.stringify(v);
  }));
  return { name, columns, rows };
}

function defaultFeatures(columns: string[], target: string | undefined, sample: (c: string) => unknown): { features: string[]; skipped: string[] } {
  const features: string[] = [];
  const skipped: string[] = [];
  for (const c of columns) {
    if (c === target) continue;
    if (isNumberLike(sample(c))) features.push(c);
    else skipped.push(c);
  }
  return { features, skipped };
}

function fromRawTable(table: RawTable, options: LoadOptions, dropMissing: boolean): LoadedData {
  const { name, columns, rows } = table;
  if (rows.length === 0) throw new UsageError(`${name}: no rows`);
  if (options.target !== undefined) checkColumns(name, columns, [options.target], 'target');
  if (options.features !== undefined) checkColumns(name, columns, options.features, 'feature');
  const col = new Map(columns.map((c, i) => [c, i]));
  let skipped: string[] = [];
  let featureNames = options.features;
  if (featureNames === undefined) {
    // the first row with a value decides whether a column is numeric
    const sample = (c: string): unknown => rows.find((r) => r[col.get(c)!] !== null)?.[col.get(c)!];
    ({ features: featureNames, skipped } = defaultFeatures(columns, options.target, sample));
  }
  if (featureNames.length === 0) throw new UsageError(`${name}: no numeric feature columns (give them with --features)`);
  const used = [...featureNames, ...(options.target === undefined ? [] : [options.target])].map((c) => col.get(c)!);
  const f = featureNames.length;
  const values: number[] = [];
  const target: (number | string)[] = [];
  let dropped = 0;
  rows.forEach((r, i) => {
    const missing = used.find((k) => r[k] === null || r[k] === undefined || r[k] === '');
    if (missing !== undefined) {
      if (dropMissing) {
        dropped++;
        return;
      }
      throw new UsageError(`${name}, record ${i + 1}: column ${JSON.stringify(columns[missing])} is missing`);
    }
    for (let j = 0; j < f; j++) {
      const v = r[col.get(featureNames[j]!)!];
      if (!isNumberLike(v)) {
        throw new UsageError(`${name}, record ${i + 1}, column ${JSON.stringify(featureNames[j])}: not a number: ${JSON.stringify(v)}`);
      }
      values.push(Number(v));
    }
    if (options.target !== undefined) target.push(r[col.get(options.target)!]!);
  });
  const n = values.length / f;
  if (n === 0) throw new UsageError(`${name}: every row has a missing value in the columns used`);
  return {
    name,
    columns,
    featureNames,
    features: new NDArray(Float32Array.from(values), [n, f], undefined, 0, 'float32'),
    targetName: options.target ?? null,
    target,
    dropped,
    skipped,
  };
}

/** Rewrites @gd/data's advice about its `missing` option (a library option) for command-line users. */
function cliMessage(e: unknown): never {
  if (e instanceof DataFormatError) {
    throw new UsageError(e.message.replace(/ \(pass missing: 'nan' to read it as NaN\)/, ' (fill it in or remove the row)'));
  }
  throw e;
}

async function fromCsv(path: string, delimiter: string, options: LoadOptions): Promise<LoadedData> {
  const name = basename(path);
  // the header and the first row, from the file's first lines (the full reads below report any
  // malformed line with its number)
  const [header, first] = await firstRows(path, delimiter, name);
  if (header === undefined) throw new UsageError(`${name}: the file is empty`);
  if (first === undefined) throw new UsageError(`${name}: a header but no rows`);
  const columns = header;
  if (options.target !== undefined) checkColumns(name, columns, [options.target], 'target');
  if (options.features !== undefined) checkColumns(name, columns, options.features, 'feature');
  let skipped: string[] = [];
  let featureNames = options.features;
  if (featureNames === undefined) {
    ({ features: featureNames, skipped } = defaultFeatures(columns, options.target, (c) => first[columns.indexOf(c)]));
  }
  if (featureNames.length === 0) throw new UsageError(`${name}: no numeric feature columns (give them with --features)`);
  try {
    const { data } = await readCsvFile(path, { columns: featureNames, delimiter, name });
    const target: string[] = [];
    if (options.target !== undefined) {
      for await (const row of csvFileRows(path, { columns: [options.target], numeric: false, delimiter, name })) target.push((row as string[])[0]!);
    }
    return { name, columns, featureNames, features: data, targetName: options.target ?? null, target, dropped: 0, skipped };
  } catch (e) {
    cliMessage(e);
  }
}

/** The first two records of a CSV file (header and first row), read from its first 64 KiB. */
async function firstRows(path: string, delimiter: string, name: string): Promise<[string[] | undefined, string[] | undefined]> {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 16);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const lines = buf.subarray(0, n).toString('utf8').split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 2);
  const rows: string[][] = [];
  try {
    for await (const row of csvRows(new Blob([lines.join('\n') + '\n']), { header: false, numeric: false, delimiter, name })) rows.push(row as string[]);
  } catch (e) {
    cliMessage(e);
  }
  return [rows[0], rows[1]];
}
