// Plain TypeScript reference for the grouped kernels of assembly/kernels/groupagg.ts:
// what q's med, wsum, wavg, cov, scov, cor and integer sum give on one group's
// items (in row order). Numbers: null is NaN (integer columns are widened,
// null -> NaN, before the paired statistics, as q does).

/** q's med: nulls sort first; the middle one or two items, averaged skipping nulls; empty is NaN. */
export function med(xs: number[]): number {
  const n = xs.length;
  if (n === 0) return NaN;
  const nulls = xs.filter((x) => Number.isNaN(x)).length;
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  const at = (i: number) => (i < nulls ? NaN : s[i - nulls]);
  const a = at((n - 1) >> 1), b = at(n >> 1);
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return (a + b) / 2;
}

const pairs = (w: number[], x: number[]): [number, number][] =>
  w.map((a, i) => [a, x[i]] as [number, number]).filter(([a, b]) => !Number.isNaN(a) && !Number.isNaN(b));

export function wsum(w: number[], x: number[]): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) { const p = w[i] * x[i]; if (!Number.isNaN(p)) s += p; }
  return s;
}

export function wavg(w: number[], x: number[]): number {
  let s = 0, t = 0;
  for (const [a, b] of pairs(w, x)) { s += a * b; t += a; }
  return s / t;
}

/** Population covariance over the pairs with no null, with the two variances and the pair count. */
export function cov(x: number[], y: number[]): { cov: number; n: number; vx: number; vy: number } {
  const ps = pairs(x, y);
  let mx = 0, my = 0;
  for (const [a, b] of ps) { mx += a; my += b; }
  const c = ps.length;
  mx /= c; my /= c;
  let sxy = 0, sxx = 0, syy = 0;
  for (const [a, b] of ps) { const dx = a - mx, dy = b - my; sxy += dx * dy; sxx += dx * dx; syy += dy * dy; }
  return { cov: sxy / c, n: c, vx: sxx / c, vy: syy / c };
}
export const scov = (x: number[], y: number[]): number => { const r = cov(x, y); return r.cov * r.n / (r.n - 1); };
export const cor = (x: number[], y: number[]): number => { const r = cov(x, y); return r.cov / (Math.sqrt(r.vx) * Math.sqrt(r.vy)); };

/** The int sum of short/int items (null = NaN skipped), wrapping as 32-bit integers. */
export function sumI(xs: number[]): number {
  let s = 0;
  for (const x of xs) if (!Number.isNaN(x)) s = (s + x) | 0;
  return s;
}
