/**
 * CSV reading, streaming: `csvRows` (rows one by one), `readCsv` (the whole table as one NDArray)
 * and `csvDataset` (an IterableDataset that re-reads the source every epoch). The source is read
 * chunk by chunk and never held whole. Numbers are parsed in place ({@link parseNumber}); an
 * empty or malformed field is an error naming the file, line and column, or NaN with
 * `missing: 'nan'` (empty fields only).
 */
import { NDArray, ValueError } from '@gd/tensor';
import { IterableDataset } from '../dataset/iterable-dataset.js';
import { type CsvRecord, CsvTokenizer, fieldText } from './csv-tokenizer.js';
import { DataFormatError } from './format-error.js';
import { isBlank, parseNumber } from './parse-number.js';
import { type TextSource, decodeText, isReopenable, sourceName } from './text-source.js';

export interface CsvOptions {
  /** Field separator, one character (default `,`). */
  delimiter?: string;
  /** Quote character (default `"`). */
  quote?: string;
  /** The first record holds the column names (default true). */
  header?: boolean;
  /** Columns to keep, in this order: names (with a header) or 0-based indices (default: all). */
  columns?: readonly (string | number)[];
  /** Parse the fields as numbers (default true); false gives rows of strings. */
  numeric?: boolean;
  /** Element type of numeric rows and of `readCsv`'s table (default float32). */
  dtype?: 'float32' | 'float64';
  /** An empty numeric field is an error (default) or NaN. */
  missing?: 'error' | 'nan';
  /** The name errors give the input (default: the file's name, else "CSV input"). */
  name?: string;
}

/** `readCsv`'s result: the selected column names and the values as a [rows, columns] NDArray. */
export interface CsvTable {
  columns: string[];
  data: NDArray;
}

interface Resolved {
  name: string;
  delimiter: string;
  quote: string;
  header: boolean;
  numeric: boolean;
  dtype: 'float32' | 'float64';
  nanForMissing: boolean;
  columns: readonly (string | number)[] | null;
}

function resolve(op: string, source: TextSource, o: CsvOptions): Resolved {
  const delimiter = o.delimiter ?? ',';
  const quote = o.quote ?? '"';
  if (delimiter.length !== 1) throw new ValueError(`${op}: delimiter must be one character, got ${JSON.stringify(delimiter)}`);
  if (quote.length !== 1 || quote === delimiter) throw new ValueError(`${op}: quote must be one character other than the delimiter`);
  if (o.missing !== undefined && o.missing !== 'error' && o.missing !== 'nan') {
    throw new ValueError(`${op}: missing must be 'error' or 'nan', got ${JSON.stringify(o.missing)}`);
  }
  if (o.dtype !== undefined && o.dtype !== 'float32' && o.dtype !== 'float64') {
    throw new ValueError(`${op}: dtype must be 'float32' or 'float64', got ${JSON.stringify(o.dtype)}`);
  }
  return {
    name: o.name ?? sourceName(source, 'CSV input'),
    delimiter,
    quote,
    header: o.header ?? true,
    numeric: o.numeric ?? true,
    dtype: o.dtype ?? 'float32',
    nanForMissing: o.missing === 'nan',
    columns: o.columns ?? null,
  };
}

/**
 * Turns records into values: learns the columns from the header (or the first record), then
 * checks each record's field count and converts the selected fields.
 */
class RecordDecoder {
  names: string[] = [];
  /** Field index of each selected column. */
  selection: Int32Array = new Int32Array(0);
  private fieldCount = -1;

  constructor(private readonly o: Resolved) {}

  /** Handles the first record; returns true when it was a header (no data in it). */
  first(rec: CsvRecord): boolean {
    this.fieldCount = rec.count;
    const all = Array.from({ length: rec.count }, (_, k) => (this.o.header ? fieldText(rec, k, this.o.quote) : String(k)));
    const wanted = this.o.columns ?? all.map((_, k) => k);
    const selection = wanted.map((c) => {
      if (typeof c === 'number') {
        if (!Number.isInteger(c) || c < 0 || c >= rec.count) {
          throw new ValueError(`${this.o.name}: column index ${c} is out of range (the file has ${rec.count} columns)`);
        }
        return c;
      }
      if (!this.o.header) throw new ValueError(`${this.o.name}: column ${JSON.stringify(c)} is named but header is false`);
      const k = all.indexOf(c);
      if (k < 0) throw new ValueError(`${this.o.name}: no column ${JSON.stringify(c)} (the header has ${all.map((s) => JSON.stringify(s)).join(', ')})`);
      return k;
    });
    this.selection = Int32Array.from(selection);
    this.names = selection.map((k) => all[k]!);
    return this.o.header;
  }

  /** Checks the field count; false for a blank line (skipped). */
  check(rec: CsvRecord): boolean {
    if (rec.count === 1 && rec.quoted[0] === 0 && rec.starts[0] === rec.ends[0] && this.fieldCount !== 1) return false;
    if (rec.count !== this.fieldCount) {
      throw new DataFormatError(
        this.o.name,
        rec.line,
        0,
        `${rec.count} fields where ${this.o.header ? 'the header has' : 'the first line has'} ${this.fieldCount}`,
      );
    }
    return true;
  }

  /** The selected fields as numbers, written to `out` from `offset`. */
  numbers(rec: CsvRecord, out: Float32Array | Float64Array, offset: number): void {
    const sel = this.selection;
    const text = rec.text;
    for (let j = 0; j < sel.length; j++) {
      const k = sel[j]!;
      const s = rec.starts[k]!;
      const e = rec.ends[k]!;
      let v = parseNumber(text, s, e);
      if (v === undefined) {
        if (isBlank(text, s, e)) {
          if (!this.o.nanForMissing) {
            throw new DataFormatError(this.o.name, rec.line, k + 1, "missing value (pass missing: 'nan' to read it as NaN)", this.names[j]);
          }
          v = NaN;
        } else {
          throw new DataFormatError(this.o.name, rec.line, k + 1, `not a number: ${JSON.stringify(fieldText(rec, k, this.o.quote))}`, this.names[j]);
        }
      }
      out[offset + j] = v;
    }
  }

  strings(rec: CsvRecord): string[] {
    return Array.from(this.selection, (k) => fieldText(rec, k, this.o.quote));
  }
}

/**
 * A tokenizer feeding `decoder`: the first record sets the columns (and is skipped when it is
 * the header), blank lines are skipped, every other record goes to `onRow`.
 */
function decodingTokenizer(o: Resolved, decoder: RecordDecoder, onRow: (rec: CsvRecord) => void): CsvTokenizer {
  let seenFirst = false;
  return new CsvTokenizer(o.name, o.delimiter, o.quote, (rec) => {
    if (!seenFirst) {
      seenFirst = true;
      if (decoder.first(rec)) return;
    }
    if (decoder.check(rec)) onRow(rec);
  });
}

/**
 * The rows of a CSV source, one at a time: numeric rows as Float32Array (or Float64Array with
 * `dtype: 'float64'`), which collate into [batch, columns] tensors; string rows as arrays.
 * @example
 * for await (const row of csvRows(new Blob(['x,y\n1,2\n3,4\n']))) console.log(row); // Float32Array [1, 2], [3, 4]
 */
export async function* csvRows(source: TextSource, options: CsvOptions = {}): AsyncIterableIterator<Float32Array | Float64Array | string[]> {
  const o = resolve('csvRows', source, options);
  const Ctor = o.dtype === 'float64' ? Float64Array : Float32Array;
  let pending: (Float32Array | Float64Array | string[])[] = [];
  const decoder = new RecordDecoder(o);
  const tokenizer = decodingTokenizer(o, decoder, (rec) => {
    if (!o.numeric) {
      pending.push(decoder.strings(rec));
      return;
    }
    const row = new Ctor(decoder.selection.length);
    decoder.numbers(rec, row, 0);
    pending.push(row);
  });
  for await (const chunk of decodeText('csvRows', source)) {
    tokenizer.push(chunk);
    const ready = pending;
    pending = [];
    yield* ready;
  }
  tokenizer.end();
  yield* pending;
}

/**
 * The whole CSV as one [rows, columns] NDArray (float32 by default), parsed while streaming (only
 * the numbers are kept). Strings are not supported here: use `csvRows` with `numeric: false`.
 * @example
 * const { columns, data } = await readCsv(fileSource('data.csv'), { columns: ['x', 'y'] });
 */
export async function readCsv(source: TextSource, options: CsvOptions = {}): Promise<CsvTable> {
  const o = resolve('readCsv', source, options);
  if (!o.numeric) throw new ValueError('readCsv: reads numbers only; use csvRows with numeric: false for strings');
  const Ctor = o.dtype === 'float64' ? Float64Array : Float32Array;
  let buf: Float32Array | Float64Array = new Ctor(1 << 16);
  let used = 0;
  const decoder = new RecordDecoder(o);
  const tokenizer = decodingTokenizer(o, decoder, (rec) => {
    const width = decoder.selection.length;
    if (used + width > buf.length) {
      const bigger = new Ctor(Math.max(buf.length * 2, used + width));
      bigger.set(buf);
      buf = bigger;
    }
    decoder.numbers(rec, buf, used);
    used += width;
  });
  for await (const chunk of decodeText('readCsv', source)) tokenizer.push(chunk);
  tokenizer.end();
  const width = decoder.selection.length;
  const rows = width === 0 ? 0 : used / width;
  return { columns: decoder.names, data: new NDArray(buf.slice(0, used), [rows, width], undefined, 0, o.dtype) };
}

class CsvDataset extends IterableDataset<Float32Array | Float64Array | string[]> {
  private used = false;

  constructor(
    private readonly source: TextSource,
    private readonly options: CsvOptions,
  ) {
    super();
  }

  [Symbol.asyncIterator](): AsyncIterator<Float32Array | Float64Array | string[]> {
    if (this.used && !isReopenable(this.source)) {
      throw new ValueError('csvDataset: this source can be read only once (a stream); pass a Blob, File or fileSource(path) to read it every epoch');
    }
    this.used = true;
    return csvRows(this.source, this.options);
  }
}

/**
 * An IterableDataset of the rows of a CSV source, re-read every epoch (iterate its DataLoader with
 * `for await`).
 * @example
 * const loader = new DataLoader(csvDataset(file, { columns: ['x', 'y'] }), { batchSize: 32 });
 * for await (const batch of loader) batch.shape; // [32, 2]
 */
export function csvDataset(source: TextSource, options: CsvOptions = {}): IterableDataset<Float32Array | Float64Array | string[]> {
  resolve('csvDataset', source, options);
  return new CsvDataset(source, options);
}
