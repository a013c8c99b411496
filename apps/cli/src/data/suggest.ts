/** "Did you mean" for column names: the closest name within a small edit distance. */

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** ` (did you mean "x"?)` for the closest of `names` to `name` (case-insensitive), or ''. */
export function didYouMean(name: string, names: readonly string[]): string {
  let best = '';
  let bestD = Infinity;
  for (const n of names) {
    const d = distance(name.toLowerCase(), n.toLowerCase());
    if (d < bestD) {
      best = n;
      bestD = d;
    }
  }
  return bestD < name.length && bestD <= Math.max(1, Math.floor(name.length / 3)) ? ` (did you mean ${JSON.stringify(best)}?)` : '';
}
