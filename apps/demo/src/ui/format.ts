/**
 * How numbers are shown: as `gd tutorial` prints them (6 significant digits, trailing zeros
 * dropped, exponent notation from 1e6 and below 1e-4, NaN and infinities by name), so the site's
 * table and the CLI's read the same.
 */

/** A value for tables, e.g. `0.154723`, `-4.99916`, `1.26862e+13`, `Infinity`. */
export function formatValue(v: number, digits = 6): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-4)) return v.toExponential(digits - 1);
  return Number(v.toPrecision(digits)).toString();
}

/** A short value for chart readouts, e.g. `0.155`, `-5.00`, `1.27e+13`. */
export function formatShort(v: number): string {
  return formatValue(v, 3);
}
