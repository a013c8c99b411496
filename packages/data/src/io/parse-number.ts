/**
 * Decimal numbers straight from a text range, without making a substring: the CSV reader's hot
 * path. Up to 15 significant digits and a decimal exponent within ±22 are converted exactly
 * (Clinger's fast path: the digits and the power of ten are both exact doubles, so one
 * multiplication or division rounds correctly); anything else falls back to `Number()`, so every
 * result equals `Number(text)`. Accepts surrounding spaces, a sign, `nan`/`inf`/`infinity` in any
 * case (as NumPy's loaders do); rejects everything else (hex, `1_000`, empty).
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const MAX_FAST_DIGITS = 15;

const C_SPACE = 32;
const C_TAB = 9;
const C_PLUS = 43;
const C_MINUS = 45;
const C_DOT = 46;
const C_0 = 48;
const C_9 = 57;
const C_E = 69;
const C_e = 101;

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^([+-]?)(nan|inf|infinity)$/i;

/** Is `text[start, end)` empty or blank (a missing value)? */
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== C_SPACE && c !== C_TAB) return false;
  }
  return true;
}

/**
 * The number written in `text[start, end)`, or `undefined` when it is not a number. The caller
 * checks {@link isBlank} first (a blank field is a missing value, not 0 as `Number('')` says).
 */
export function parseNumber(text: string, start: number, end: number): number | undefined {
  let i = start;
  let e = end;
  while (i < e && (text.charCodeAt(i) === C_SPACE || text.charCodeAt(i) === C_TAB)) i++;
  while (e > i && (text.charCodeAt(e - 1) === C_SPACE || text.charCodeAt(e - 1) === C_TAB)) e--;
  let c = text.charCodeAt(i);
  let negative = false;
  if (c === C_MINUS || c === C_PLUS) {
    negative = c === C_MINUS;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let any = false;
  for (; i < e; i++) {
    c = text.charCodeAt(i);
    if (c < C_0 || c > C_9) break;
    any = true;
    if (digits > 0 || c !== C_0) {
      mantissa = mantissa * 10 + (c - C_0);
      digits++;
    }
  }
  if (i < e && c === C_DOT) {
    for (i++; i < e; i++) {
      c = text.charCodeAt(i);
      if (c < C_0 || c > C_9) break;
      any = true;
      if (digits > 0 || c !== C_0) {
        mantissa = mantissa * 10 + (c - C_0);
        digits++;
      }
      scale--;
    }
  }
  if (any && i < e && (c === C_E || c === C_e)) {
    let j = i + 1;
    let expNegative = false;
    let cc = text.charCodeAt(j);
    if (cc === C_MINUS || cc === C_PLUS) {
      expNegative = cc === C_MINUS;
      j++;
    }
    let exp = 0;
    let expDigits = 0;
    for (; j < e; j++) {
      cc = text.charCodeAt(j);
      if (cc < C_0 || cc > C_9) break;
      if (exp < 100000) exp = exp * 10 + (cc - C_0);
      expDigits++;
    }
    if (expDigits > 0) {
      scale += expNegative ? -exp : exp;
      i = j;
    }
  }
  if (!any || i !== e || digits > MAX_FAST_DIGITS || scale > 22 || scale < -22) return slowParse(text, start, end);
  const magnitude = scale >= 0 ? mantissa * POW10[scale]! : mantissa / POW10[-scale]!;
  return negative ? -magnitude : magnitude;
}

function slowParse(text: string, start: number, end: number): number | undefined {
  const s = text.slice(start, end).trim();
  if (DECIMAL.test(s)) return Number(s);
  const special = SPECIAL.exec(s);
  if (special === null) return undefined;
  if (special[2]!.toLowerCase() === 'nan') return NaN;
  return special[1] === '-' ? -Infinity : Infinity;
}
