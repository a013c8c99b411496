import { NDArray } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { DataFormatError, DataLoader, ndjsonDataset, ndjsonRows } from '../src/index.js';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('ndjsonRows', () => {
  it('parses one value per line, skipping blank lines, with CRLF or without a final break', async () => {
    const text = '{"x": 1, "tags": ["a"]}\r\n\n  \n[2, 3]\n"s"';
    expect(await collect(ndjsonRows(new Blob([text])))).toEqual([{ x: 1, tags: ['a'] }, [2, 3], 's']);
    for (let cut = 1; cut < text.length; cut++) {
      expect(await collect(ndjsonRows([text.slice(0, cut), text.slice(cut)])), `cut ${cut}`).toEqual([{ x: 1, tags: ['a'] }, [2, 3], 's']);
    }
  });

  it('names the file and line of invalid JSON', async () => {
    let err: unknown = null;
    try {
      await collect(ndjsonRows(new Blob(['{"a": 1}\n\n{"a": }\n']), { name: 'rows.ndjson' }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataFormatError);
    const e = err as DataFormatError;
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/^rows\.ndjson, line 3(, column \d+)?: invalid JSON: /);
  });
});

describe('ndjsonDataset', () => {
  it('collates objects field by field in a DataLoader', async () => {
    const ds = ndjsonDataset(new Blob(['{"x": [1, 2], "y": 0}\n{"x": [3, 4], "y": 1}\n{"x": [5, 6], "y": 0}\n']));
    const batches: { x: NDArray[]; y: NDArray }[] = [];
    for await (const b of new DataLoader(ds, { batchSize: 2 })) batches.push(b as { x: NDArray[]; y: NDArray });
    expect(batches).toHaveLength(2);
    expect(batches[0]!.x.map((t) => t.tolist())).toEqual([[1, 3], [2, 4]]);
    expect(batches[0]!.y.tolist()).toEqual([0, 1]);
    expect(batches[1]!.y.tolist()).toEqual([0]);
  });
});
