import { NDArray, ValueError } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { DataFormatError, DataLoader, csvDataset, csvRows, readCsv } from '../src/index.js';
import { parseNumber } from '../src/io/parse-number.js';

const blob = (text: string): Blob => new Blob([text]);
async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
async function failure(p: Promise<unknown>): Promise<DataFormatError> {
  try {
    await p;
  } catch (e) {
    return e as DataFormatError;
  }
  throw new Error('expected a failure');
}

describe('readCsv', () => {
  it('reads a header and numbers into a [rows, columns] float32 array', async () => {
    const { columns, data } = await readCsv(blob('x,y,z\n1,2.5,-3e2\n4, 5 ,6\n'));
    expect(columns).toEqual(['x', 'y', 'z']);
    expect(data.shape).toEqual([2, 3]);
    expect(data.dtype).toBe('float32');
    expect(Array.from(data.data)).toEqual([1, 2.5, -300, 4, 5, 6]);
  });

  it('selects and reorders columns by name or index; float64 on request', async () => {
    const text = 'a,b,c\n0.1,2,3\n4,5,6\n';
    const byName = await readCsv(blob(text), { columns: ['c', 'a'], dtype: 'float64' });
    expect(byName.columns).toEqual(['c', 'a']);
    expect(Array.from(byName.data.data)).toEqual([3, 0.1, 6, 4]);
    const byIndex = await readCsv(blob(text), { columns: [1] });
    expect(byIndex.data.tolist()).toEqual([[2], [5]]);
    await expect(readCsv(blob(text), { columns: ['d'] })).rejects.toThrow('CSV input: no column "d" (the header has "a", "b", "c")');
    await expect(readCsv(blob(text), { columns: [3] })).rejects.toThrow('column index 3 is out of range (the file has 3 columns)');
  });

  it('reads files without a header, CRLF line ends, a missing final line break and blank lines', async () => {
    const { columns, data } = await readCsv(blob('1;2\r\n\r\n3;4'), { header: false, delimiter: ';' });
    expect(columns).toEqual(['0', '1']);
    expect(data.tolist()).toEqual([[1, 2], [3, 4]]);
    await expect(readCsv(blob('1,2\n'), { header: false, columns: ['x'] })).rejects.toThrow('is named but header is false');
  });

  it('names file, line and column for a missing value, or reads NaN when asked', async () => {
    const text = 'x,y\n1,2\n3,\n';
    const err = await failure(readCsv(blob(text), { name: 'data.csv' }));
    expect(err).toBeInstanceOf(DataFormatError);
    expect(err).toBeInstanceOf(ValueError);
    expect(err.message).toBe('data.csv, line 3, column 2 ("y"): missing value (pass missing: \'nan\' to read it as NaN)');
    expect([err.file, err.line, err.column]).toEqual(['data.csv', 3, 2]);
    const { data } = await readCsv(blob(text), { missing: 'nan' });
    expect(data.data[3]).toBeNaN();
  });

  it('rejects non-numbers, ragged lines and unterminated quotes with their position', async () => {
    await expect(readCsv(blob('x,y\n1,abc\n'), { name: 'f.csv' })).rejects.toThrow('f.csv, line 2, column 2 ("y"): not a number: "abc"');
    await expect(readCsv(blob('x,y\n1,2\n3,4,5\n'), { name: 'f.csv' })).rejects.toThrow('f.csv, line 3: 3 fields where the header has 2');
    await expect(readCsv(blob('x,y\n1,"2\n'), { name: 'f.csv' })).rejects.toThrow(
      'f.csv, line 2, column 2: unterminated quoted field',
    );
    await expect(readCsv(blob('x\n"1"2\n'), { name: 'f.csv' })).rejects.toThrow('f.csv, line 2, column 1: unexpected "2" after a closing quote');
  });

  it('counts lines inside quoted fields for later errors', async () => {
    const text = 'name,v\n"multi\nline",1\nok,\n';
    const err = await failure(readCsv(blob(text), { columns: ['v'] }));
    expect(err.message).toBe('CSV input, line 4, column 2 ("v"): missing value (pass missing: \'nan\' to read it as NaN)');
  });

  it('accepts nan and inf spellings as NumPy does', async () => {
    const { data } = await readCsv(blob('v\nnan\n-inf\nInfinity\n'), { dtype: 'float64' });
    expect(Array.from(data.data)).toEqual([NaN, -Infinity, Infinity]);
  });
});

describe('csvRows', () => {
  it('yields string rows with quotes, embedded delimiters, doubled quotes and line breaks', async () => {
    const text = 'a,b\n"x, y","say ""hi"""\n"two\nlines",plain\n';
    const rows = await collect(csvRows(blob(text), { numeric: false }));
    expect(rows).toEqual([
      ['x, y', 'say "hi"'],
      ['two\nlines', 'plain'],
    ]);
  });

  it('gives the same rows however the text is cut into chunks', async () => {
    const text = 'a,b\r\n"q""x",1\r\n"line\nbreak",2\r\nlast,3';
    const whole = await collect(csvRows([text], { numeric: false }));
    expect(whole).toEqual([['q"x', '1'], ['line\nbreak', '2'], ['last', '3']]);
    for (let cut = 1; cut < text.length; cut++) {
      const parts = [text.slice(0, cut), text.slice(cut)];
      expect(await collect(csvRows(parts, { numeric: false })), `cut at ${cut}`).toEqual(whole);
    }
    const bytes = new TextEncoder().encode('é,ü\n1,2\n');
    for (let cut = 1; cut < bytes.length; cut++) {
      const { columns } = await readCsv([bytes.slice(0, cut), bytes.slice(cut)]);
      expect(columns, `byte cut at ${cut}`).toEqual(['é', 'ü']);
    }
  });

  it('yields numeric rows as typed arrays, drops a byte-order mark, reads a ReadableStream', async () => {
    const rows = await collect(csvRows(blob('\uFEFFx,y\n1,2\n')));
    expect(rows).toEqual([new Float32Array([1, 2])]);
    const stream = new Blob(['x\n7\n']).stream();
    expect(await collect(csvRows(stream, { dtype: 'float64' }))).toEqual([new Float64Array([7])]);
  });

  it('refuses a bare string, which could be a path or the text', async () => {
    await expect(collect(csvRows('a,b\n'))).rejects.toThrow('csvRows: a string is not a source');
  });
});

describe('csvDataset', () => {
  it('feeds a DataLoader every epoch; rows collate into [batch, columns]', async () => {
    const ds = csvDataset(blob('x,y\n1,2\n3,4\n5,6\n'));
    const loader = new DataLoader(ds, { batchSize: 2 });
    for (let epoch = 0; epoch < 2; epoch++) {
      const batches: unknown[] = [];
      for await (const b of loader) batches.push((b as NDArray).tolist());
      expect(batches).toEqual([[[1, 2], [3, 4]], [[5, 6]]]);
    }
  });

  it('tells a one-shot stream apart from a re-readable source', async () => {
    const ds = csvDataset(new Blob(['x\n1\n']).stream());
    expect(await collect(ds as AsyncIterable<unknown>)).toHaveLength(1);
    expect(() => (ds as AsyncIterable<unknown>)[Symbol.asyncIterator]()).toThrow('this source can be read only once');
  });
});

describe('parseNumber', () => {
  it('equals Number() on the fast path and the slow path', () => {
    const samples = ['0', '-0', '+1', '1.', '.5', '3.14159', '1e10', '1E-5', '123456789012345', '1234567890123456789',
      '0.1', '0.30000000000000004', '1e22', '1e23', '1e-22', '4.9e-324', '1.7976931348623157e308', '  42  ', '007'];
    let seed = 1;
    const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 2000; i++) {
      const digits = Array.from({ length: 1 + Math.floor(rnd() * 18) }, () => Math.floor(rnd() * 10)).join('');
      const dot = Math.floor(rnd() * (digits.length + 1));
      const exp = rnd() < 0.3 ? `e${Math.floor(rnd() * 60) - 30}` : '';
      samples.push(`${rnd() < 0.5 ? '-' : ''}${digits.slice(0, dot)}.${digits.slice(dot)}${exp}`.replace(/^(-?)\.$/, '$10'));
    }
    for (const s of samples) expect(parseNumber(s, 0, s.length), s).toBe(Number(s));
  });

  it('rejects what is not a decimal number', () => {
    for (const s of ['', 'abc', '0x10', '1e', '1_000', '--1', '.', '1.2.3', 'e5']) expect(parseNumber(s, 0, s.length), s).toBeUndefined();
  });
});
