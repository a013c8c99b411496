/**
 * `DataFormatError`: bad input in a data file, with where it is. The message reads
 * `data.csv, line 12, column 3 ("price"): ...` so the user can open the file at the spot; the
 * fields carry the same facts for code that wants them.
 */
import { ValueError } from '@gd/tensor';

/** Bad input in a data file at a known place (file, 1-based line and column). */
export class DataFormatError extends ValueError {
  override name = 'DataFormatError';

  constructor(
    /** The file (or source) name. */
    readonly file: string,
    /** 1-based line number. */
    readonly line: number,
    /** 1-based column (a CSV field number, or a character position in an NDJSON line); 0 if not known. */
    readonly column: number,
    detail: string,
    columnName?: string,
  ) {
    const where = column > 0 ? `, column ${column}${columnName !== undefined ? ` (${JSON.stringify(columnName)})` : ''}` : '';
    super(`${file}, line ${line}${where}: ${detail}`);
  }
}
