/**
 * `CsvTokenizer`: RFC 4180 records from text arriving in chunks. It finds field boundaries only
 * (start/end offsets into the chunk text, and whether a field was quoted), so a reader can parse
 * numbers in place without a substring per field. Quoted fields may hold delimiters, doubled
 * quotes and line breaks; records end at LF or CRLF. A record cut by a chunk boundary is carried
 * over and re-scanned with the next chunk.
 */
import { DataFormatError } from './format-error.js';

const LF = 10;
const CR = 13;

/** One record, valid only during the callback (its arrays are reused). */
export interface CsvRecord {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where the field was quoted (its text may hold doubled quotes to unescape). */
  quoted: Uint8Array;
  count: number;
  /** 1-based line of the record's first character. */
  line: number;
}

/** Push text chunks in, get complete records out (by callback, as they are found). */
export class CsvTokenizer {
  private carry = '';
  private line = 1;
  private readonly record: CsvRecord;
  private readonly delimiter: number;
  private readonly quote: number;

  constructor(
    private readonly file: string,
    delimiter: string,
    quote: string,
    private readonly onRecord: (r: CsvRecord) => void,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
    this.quote = quote.charCodeAt(0);
    this.record = { text: '', starts: new Int32Array(16), ends: new Int32Array(16), quoted: new Uint8Array(16), count: 0, line: 1 };
  }

  /** Scans the complete records of `chunk` (after what was carried over). */
  push(chunk: string): void {
    const text = this.carry.length > 0 ? this.carry + chunk : chunk;
    const consumed = this.scan(text, false);
    this.carry = consumed < text.length ? text.slice(consumed) : '';
  }

  /** Scans what is left (a last record without a final line break). */
  end(): void {
    if (this.carry.length > 0) this.scan(this.carry, true);
    this.carry = '';
  }

  /**
   * Emits every complete record of `text`; returns where the first incomplete one starts (or
   * text.length). With `final`, the end of the text ends the last record.
   */
  private scan(text: string, final: boolean): number {
    const n = text.length;
    const delim = this.delimiter;
    const quote = this.quote;
    const rec = this.record;
    rec.text = text;
    let pos = 0;
    while (pos < n) {
      const recordStart = pos;
      const startLine = this.line;
      let lines = 0;
      let count = 0;
      let i = pos;
      let complete = false;
      for (;;) {
        // one field starting at i
        if (count === rec.starts.length) this.grow();
        let c = i < n ? text.charCodeAt(i) : -1;
        if (c === quote) {
          const fieldLine = startLine + lines;
          let j = i + 1;
          let closed = -1;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === quote) {
              if (j + 1 < n && text.charCodeAt(j + 1) === quote) {
                j += 2;
                continue;
              }
              if (j + 1 === n && !final) break; // a doubled quote may be cut by the chunk boundary
              closed = j;
              break;
            }
            if (d === LF) lines++;
            j++;
          }
          if (closed < 0) {
            if (!final) return recordStart;
            throw new DataFormatError(this.file, fieldLine, count + 1, 'unterminated quoted field (no closing quote before the end)');
          }
          rec.starts[count] = i + 1;
          rec.ends[count] = closed;
          rec.quoted[count] = 1;
          count++;
          i = closed + 1;
          c = i < n ? text.charCodeAt(i) : -1;
          if (c !== delim && c !== LF && c !== CR && c !== -1) {
            throw new DataFormatError(
              this.file,
              startLine + lines,
              count,
              `unexpected ${JSON.stringify(text[i])} after a closing quote (a quote inside a quoted field must be doubled)`,
            );
          }
        } else {
          let j = i;
          while (j < n) {
            c = text.charCodeAt(j);
            if (c === delim || c === LF || c === CR) break;
            j++;
          }
          if (j === n) c = -1;
          rec.starts[count] = i;
          rec.ends[count] = j;
          rec.quoted[count] = 0;
          count++;
          i = j;
        }
        // i is at a delimiter, a line break or the end of the text
        if (c === delim) {
          i++;
          continue;
        }
        if (c === CR) {
          if (i + 1 < n) {
            i += text.charCodeAt(i + 1) === LF ? 2 : 1;
            complete = true;
          } else if (final) {
            i++;
            complete = true;
          }
          break;
        }
        if (c === LF) {
          i++;
          complete = true;
          break;
        }
        complete = final; // end of text
        break;
      }
      if (!complete) return recordStart;
      rec.count = count;
      rec.line = startLine;
      this.line = startLine + lines + 1;
      pos = i;
      this.onRecord(rec);
    }
    return n;
  }

  private grow(): void {
    const rec = this.record;
    const size = rec.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const quoted = new Uint8Array(size);
    starts.set(rec.starts);
    ends.set(rec.ends);
    quoted.set(rec.quoted);
    rec.starts = starts;
    rec.ends = ends;
    rec.quoted = quoted;
  }
}

/** The text of a field, with doubled quotes of a quoted field made single. */
export function fieldText(rec: CsvRecord, k: number, quote: string): string {
  const s = rec.text.slice(rec.starts[k], rec.ends[k]);
  return rec.quoted[k] === 1 && s.includes(quote) ? s.split(quote + quote).join(quote) : s;
}
