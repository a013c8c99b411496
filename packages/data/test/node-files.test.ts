import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataLoader } from '../src/index.js';
import { csvFileDataset, fileSource, ndjsonFileRows, readCsvFile } from '../src/node.js';

const dir = mkdtempSync(join(tmpdir(), 'gd-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('@gd/data/node file sources', () => {
  it('reads a CSV file in small chunks into a table', async () => {
    const path = join(dir, 'points.csv');
    const lines = ['x,y', ...Array.from({ length: 1000 }, (_, i) => `${i},${i / 4}`)];
    writeFileSync(path, lines.join('\n') + '\n');
    const { columns, data } = await readCsvFile(path, { dtype: 'float64' });
    expect(columns).toEqual(['x', 'y']);
    expect(data.shape).toEqual([1000, 2]);
    expect([data.data[2 * 999], data.data[2 * 999 + 1]]).toEqual([999, 249.75]);
    const { data: small } = await (await import('../src/index.js')).readCsv(fileSource(path, { highWaterMark: 7 }), { dtype: 'float64' });
    expect(Array.from(small.data)).toEqual(Array.from(data.data));
  });

  it('names the path in errors', async () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'a,b\n1,2\n3,x\n');
    await expect(readCsvFile(path)).rejects.toThrow(`${path}, line 3, column 2 ("b"): not a number: "x"`);
  });

  it('re-reads the file every epoch as a dataset', async () => {
    const path = join(dir, 'd.csv');
    writeFileSync(path, 'v\n1\n2\n3\n');
    const loader = new DataLoader(csvFileDataset(path), { batchSize: 2 });
    for (let epoch = 0; epoch < 2; epoch++) {
      const seen: unknown[] = [];
      for await (const b of loader) seen.push((b as { tolist(): unknown }).tolist());
      expect(seen).toEqual([[[1], [2]], [[3]]]);
    }
  });

  it('reads NDJSON files', async () => {
    const path = join(dir, 'r.ndjson');
    writeFileSync(path, '{"a":1}\n{"a":2}\n');
    const out: unknown[] = [];
    for await (const r of ndjsonFileRows(path)) out.push(r);
    expect(out).toEqual([{ a: 1 }, { a: 2 }]);
  });
});
