/**
 * Node-only: a file path as a re-openable text source for the CSV and NDJSON readers, read with
 * an fs stream (never whole), plus path-taking shorthands of the readers.
 */
import { createReadStream } from 'node:fs';
import type { IterableDataset } from '../dataset/iterable-dataset.js';
import { type CsvOptions, type CsvTable, csvDataset, csvRows, readCsv } from '../io/csv.js';
import { type NdjsonOptions, ndjsonDataset, ndjsonRows } from '../io/ndjson.js';
import type { NamedTextSource } from '../io/text-source.js';

export interface FileSourceOptions {
  /** Bytes per read (default 64 KiB). */
  highWaterMark?: number;
}

/**
 * A file as a {@link NamedTextSource}: each `open()` starts a new fs read stream, so a dataset
 * built on it re-reads the file every epoch; errors name the path.
 * @example
 * const { data } = await readCsv(fileSource('data/iris.csv'), { columns: [0, 1, 2, 3] });
 */
export function fileSource(path: string, { highWaterMark = 1 << 16 }: FileSourceOptions = {}): NamedTextSource {
  return { name: path, open: () => createReadStream(path, { highWaterMark }) as AsyncIterable<Uint8Array> };
}

/** `readCsv(fileSource(path), options)`. */
export function readCsvFile(path: string, options: CsvOptions = {}): Promise<CsvTable> {
  return readCsv(fileSource(path), options);
}

/** `csvRows(fileSource(path), options)`. */
export function csvFileRows(path: string, options: CsvOptions = {}): AsyncIterableIterator<Float32Array | Float64Array | string[]> {
  return csvRows(fileSource(path), options);
}

/** `csvDataset(fileSource(path), options)`. */
export function csvFileDataset(path: string, options: CsvOptions = {}): IterableDataset<Float32Array | Float64Array | string[]> {
  return csvDataset(fileSource(path), options);
}

/** `ndjsonRows(fileSource(path), options)`. */
export function ndjsonFileRows(path: string, options: NdjsonOptions = {}): AsyncIterableIterator<unknown> {
  return ndjsonRows(fileSource(path), options);
}

/** `ndjsonDataset(fileSource(path), options)`. */
export function ndjsonFileDataset(path: string, options: NdjsonOptions = {}): IterableDataset<unknown> {
  return ndjsonDataset(fileSource(path), options);
}
