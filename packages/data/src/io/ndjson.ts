/**
 * NDJSON (one JSON value per line), streaming: `ndjsonRows` yields the parsed values one by one,
 * `ndjsonDataset` wraps them as an IterableDataset re-read every epoch. Blank lines are skipped;
 * a line that is not JSON is an error naming the file, the line and (when the JSON parser says)
 * the column.
 */
import { ValueError } from '@gd/tensor';
import { IterableDataset } from '../dataset/iterable-dataset.js';
import { DataFormatError } from './format-error.js';
import { type TextSource, decodeText, isReopenable, sourceName } from './text-source.js';

export interface NdjsonOptions {
  /** The name errors give the input (default: the file's name, else "NDJSON input"). */
  name?: string;
}

function parseLine(file: string, text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(message);
    const column = at ? Number(at[1]) + 1 : 0;
    throw new DataFormatError(file, line, column, `invalid JSON: ${message}`);
  }
}

function isBlankLine(s: string): boolean {
  return s.trim().length === 0;
}

/**
 * The values of an NDJSON source, one per non-blank line.
 * @example
 * for await (const v of ndjsonRows(new Blob(['{"x": 1}\n{"x": 2}\n']))) console.log(v.x); // 1, 2
 */
export async function* ndjsonRows(source: TextSource, options: NdjsonOptions = {}): AsyncIterableIterator<unknown> {
  const file = options.name ?? sourceName(source, 'NDJSON input');
  let carry = '';
  let line = 1;
  for await (const chunk of decodeText('ndjsonRows', source)) {
    const text = carry + chunk;
    let start = 0;
    let nl = text.indexOf('\n');
    while (nl >= 0) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      const s = text.slice(start, end);
      if (!isBlankLine(s)) yield parseLine(file, s, line);
      line++;
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    carry = text.slice(start);
  }
  if (!isBlankLine(carry)) yield parseLine(file, carry.endsWith('\r') ? carry.slice(0, -1) : carry, line);
}

class NdjsonDataset extends IterableDataset<unknown> {
  private used = false;

  constructor(
    private readonly source: TextSource,
    private readonly options: NdjsonOptions,
  ) {
    super();
  }

  [Symbol.asyncIterator](): AsyncIterator<unknown> {
    if (this.used && !isReopenable(this.source)) {
      throw new ValueError('ndjsonDataset: this source can be read only once (a stream); pass a Blob, File or fileSource(path) to read it every epoch');
    }
    this.used = true;
    return ndjsonRows(this.source, this.options);
  }
}

/**
 * An IterableDataset of the values of an NDJSON source, re-read every epoch.
 * @example
 * const loader = new DataLoader(ndjsonDataset(file), { batchSize: 16 }); // objects collate field by field
 */
export function ndjsonDataset(source: TextSource, options: NdjsonOptions = {}): IterableDataset<unknown> {
  return new NdjsonDataset(source, options);
}
