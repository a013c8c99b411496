/** Number formatting shared by the tables and messages. */

/** A loss or parameter for a table: 6 significant digits, exponent form when very large or small. */
export function formatValue(v: number, digits = 6): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-4)) return v.toExponential(digits - 1);
  return Number(v.toPrecision(digits)).toString();
}

/** Right-aligned columns from rows of cells (the first row is the header). */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => c.padStart(widths[i]!)).join('  ')).join('\n');
}

/** JSON with NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity" (JSON has no such numbers). */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), indent);
}
