/**
 * Text sources for the streaming readers, browser-safe: a `Blob`/`File`, a `ReadableStream`, any
 * (async) iterable of byte or string chunks (Node's `fs.ReadStream` is one), or a re-openable
 * {@link NamedTextSource} (what `fileSource(path)` of `@gd/data/node` returns). Bytes are decoded
 * as UTF-8 incrementally, so a file is never held in memory whole. A bare string is refused: it
 * could be a path or the text itself.
 */
import { ValueError } from '@gd/tensor';

/** A source that can be opened again for each pass (each epoch of a dataset). */
export interface NamedTextSource {
  /** Shown in error messages (a file name or path). */
  readonly name: string;
  open(): AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
}

/** Everything the CSV and NDJSON readers accept. */
export type TextSource =
  | Blob
  | ReadableStream<Uint8Array | string>
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>
  | NamedTextSource;

function isNamedSource(x: unknown): x is NamedTextSource {
  return typeof x === 'object' && x !== null && typeof (x as NamedTextSource).open === 'function';
}

function isBlob(x: unknown): x is Blob {
  return typeof Blob !== 'undefined' && x instanceof Blob;
}

function isReadableStream(x: unknown): x is ReadableStream<Uint8Array | string> {
  return typeof ReadableStream !== 'undefined' && x instanceof ReadableStream;
}

/** The name errors use: a NamedTextSource's name, a File's name, else `fallback`. */
export function sourceName(source: TextSource, fallback: string): string {
  if (isNamedSource(source)) return source.name;
  const fileName = (source as { name?: unknown }).name;
  if (isBlob(source) && typeof fileName === 'string' && fileName !== '') return fileName;
  return fallback;
}

/** True when the source can be read more than once (a Blob, a NamedTextSource, an array of chunks). */
export function isReopenable(source: TextSource): boolean {
  return isNamedSource(source) || isBlob(source) || Array.isArray(source);
}

/** Reads `stream` chunk by chunk with a reader (Safari's ReadableStream is not async-iterable). */
async function* readStream(stream: ReadableStream<Uint8Array | string>): AsyncIterableIterator<Uint8Array | string> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

function rawChunks(op: string, source: TextSource): AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> {
  if (typeof source === 'string') {
    throw new ValueError(
      `${op}: a string is not a source (a path or the text itself?); pass fileSource(path) from @gd/data/node, ` +
        'or new Blob([text]) for text',
    );
  }
  if (isNamedSource(source)) return source.open();
  if (isBlob(source)) return readStream(source.stream() as ReadableStream<Uint8Array>);
  if (isReadableStream(source)) return readStream(source);
  if (typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') return source as AsyncIterable<Uint8Array | string>;
  if (typeof (source as Iterable<unknown>)[Symbol.iterator] === 'function') return source as Iterable<Uint8Array | string>;
  throw new ValueError(`${op}: expected a Blob, File, ReadableStream, (async) iterable of chunks or a named source`);
}

/**
 * The text of `source` as decoded string chunks (UTF-8, a leading byte-order mark dropped).
 * @example
 * for await (const chunk of textChunks(new Blob(['a,b\n1,2\n']))) console.log(chunk);
 */
export function textChunks(source: TextSource): AsyncIterableIterator<string> {
  return decodeText('textChunks', source);
}

/** {@link textChunks} with the caller's name for errors. */
export async function* decodeText(op: string, source: TextSource): AsyncIterableIterator<string> {
  const decoder = new TextDecoder('utf-8');
  let first = true;
  for await (const chunk of rawChunks(op, source)) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text.length > 0) yield text;
  }
  const tail = decoder.decode();
  if (tail.length > 0) yield tail;
}
