// Plain TypeScript reference for q-sql property tests: filtering and grouped
// aggregation by hand, with q's null rules (test/qsql.prop.test.ts).
//
// Columns are JS arrays: longs as bigint (null = -2^63), floats as number (null = NaN).

export const NJ = -9223372036854775808n;
export const WJ = 9223372036854775807n;
export type Col = bigint[] | number[];

const isNull = (v: bigint | number): boolean => (typeof v === 'bigint' ? v === NJ : Number.isNaN(v));

/** Row indices kept by successive predicates. */
export function filterRows(n: number, preds: ((i: number) => boolean)[]): number[] {
  let rows = Array.from({ length: n }, (_, i) => i);
  for (const p of preds) rows = rows.filter(p);
  return rows;
}

/** Groups of rows by key (rows kept in order), keys ascending with null first. */
export function groups(keys: bigint[], rows: number[]): { key: bigint; rows: number[] }[] {
  const m = new Map<bigint, number[]>();
  for (const r of rows) {
    const k = keys[r];
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(r);
  }
  return [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([key, rs]) => ({ key, rows: rs }));
}

const wrap = (x: bigint): bigint => BigInt.asIntN(64, x);

export function sumJ(xs: bigint[]): bigint { let s = 0n; for (const x of xs) if (x !== NJ) s = wrap(s + x); return s; }
export function sumF(xs: number[]): number { let s = 0; for (const x of xs) if (!Number.isNaN(x)) s += x; return s; }
export function maxJ(xs: bigint[]): bigint { let m = -WJ; for (const x of xs) if (x !== NJ && x > m) m = x; return m; }
export function minF(xs: number[]): number { let m = Infinity; for (const x of xs) if (!Number.isNaN(x) && x < m) m = x; return m; }
export function avg(xs: (bigint | number)[]): number {
  const nn = xs.filter((x) => !isNull(x));
  if (typeof xs[0] === 'bigint') return Number(sumJ(nn as bigint[])) / nn.length;
  return sumF(nn as number[]) / nn.length;
}
export function variance(xs: (bigint | number)[]): number {
  const m = avg(xs);
  let s = 0, c = 0;
  for (const x of xs) { if (isNull(x)) continue; const d = Number(x) - m; s += d * d; c++; }
  return s / c;
}

/** q's tolerant float x>y: not when x and y are equal within 2^-43 relative tolerance. */
export function gtF(x: number, y: number): boolean {
  if (Number.isNaN(x)) return false;
  if (Number.isNaN(y)) return true;
  return x > y && !(Math.abs(x - y) <= 2 ** -43 * Math.max(Math.abs(x), Math.abs(y)));
}
