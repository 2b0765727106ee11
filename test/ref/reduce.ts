// Plain TypeScript reference implementations of the reduce family's kernels,
// over raw stored values (numbers; bigint for J storage). They restate q's rules
// item by item, in the same order of float operations the kernels promise.
import { feq } from './atomic.js';

export type Cls = 'G' | 'H' | 'I' | 'J' | 'E' | 'F';
export type Raw = number | bigint;

export const NUL: Record<Cls, Raw> = { G: 0, H: -32768, I: -2147483648, J: -9223372036854775808n, E: NaN, F: NaN };
export const WMAX: Record<Cls, Raw> = { G: 255, H: 32767, I: 2147483647, J: 9223372036854775807n, E: Infinity, F: Infinity };
export const WMIN: Record<Cls, Raw> = { G: 0, H: -32767, I: -2147483647, J: -9223372036854775807n, E: -Infinity, F: -Infinity };

export const isNull = (c: Cls, v: Raw): boolean =>
  c === 'G' ? false : c === 'E' || c === 'F' ? v !== v : v === NUL[c];
const num = (v: Raw): number => Number(v);
const f32 = Math.fround;
const i32 = (v: number): number => v | 0;
const i64 = (v: bigint): bigint => BigInt.asIntN(64, v);

/** Class of the sum/prd result (G H I -> I). */
export const sumCls = (c: Cls): Cls => (c === 'G' || c === 'H' ? 'I' : c);

export function sum(c: Cls, a: Raw[]): Raw {
  const r = sumCls(c);
  if (r === 'J') { let s = 0n; for (const v of a) if (!isNull(c, v)) s = i64(s + (v as bigint)); return s; }
  if (r === 'I') { let s = 0; for (const v of a) if (!isNull(c, v)) s = i32(s + num(v)); return s; }
  if (r === 'E') { let s = 0; for (const v of a) s = f32(s + (isNull(c, v) ? 0 : num(v))); return s; }
  return sumF(a.map((v) => (isNull(c, v) ? 0 : num(v))));
}

/** A float sum in kdb+'s SIMD order: whole blocks of eight summed lane by lane
 *  ({x+y}over 0N 8#x), the eight lanes then left to right, the rest in order. */
export function sumF(a: number[]): number {
  const blocks = Math.floor(a.length / 8);
  let s = 0;
  if (blocks > 0) {
    const lanes = a.slice(0, 8);
    for (let k = 1; k < blocks; k++) for (let j = 0; j < 8; j++) lanes[j] += a[k * 8 + j];
    s = lanes.reduce((x, y) => x + y);
  }
  for (let i = blocks * 8; i < a.length; i++) s += a[i];
  return s;
}
export function prd(c: Cls, a: Raw[]): Raw {
  const r = sumCls(c);
  if (r === 'J') { let s = 1n; for (const v of a) if (!isNull(c, v)) s = i64(s * (v as bigint)); return s; }
  if (r === 'I') { let s = 1; for (const v of a) if (!isNull(c, v)) s = Math.imul(s, num(v)); return s; }
  if (r === 'E') { let s = 1; for (const v of a) s = f32(s * (isNull(c, v) ? 1 : num(v))); return s; }
  let s = 1; for (const v of a) s *= isNull(c, v) ? 1 : num(v); return s;
}
/** max ignoring nulls; all null or empty: -0W (-inf, 0 for G). */
export function max(c: Cls, a: Raw[]): Raw {
  let m: Raw = WMIN[c];
  for (const v of a) if (!isNull(c, v) && v > m) m = v;
  return m;
}
export function min(c: Cls, a: Raw[]): Raw {
  let m: Raw = WMAX[c];
  for (const v of a) if (!isNull(c, v) && v < m) m = v;
  return m;
}
export function avg(c: Cls, a: Raw[]): number {
  if (c === 'J') { // q's {sum[x]%count x}: the exact (wrapping) long sum, then one division
    let s = 0n, n = 0;
    for (const v of a) if (!isNull(c, v)) { s = i64(s + (v as bigint)); n++; }
    return Number(s) / n;
  }
  let s = 0, n = 0;
  for (const v of a) if (!isNull(c, v)) { s += num(v); n++; }
  return s / n;
}
export function variance(c: Cls, a: Raw[]): number {
  const m = avg(c, a);
  let s = 0, n = 0;
  for (const v of a) if (!isNull(c, v)) { const d = num(v) - m; s += d * d; n++; }
  return s / n;
}
export function count(c: Cls, a: Raw[]): number { return a.filter((v) => !isNull(c, v)).length; }
export function med(c: Cls, a: Raw[]): number {
  const n = a.length;
  if (!n) return NaN;
  const vals = a.filter((v) => !isNull(c, v)).map(num).sort((x, y) => x - y);
  const k = n - vals.length;
  const at = (i: number) => (i < k ? NaN : vals[i - k]);
  const x = at((n - 1) >> 1), y = at(n >> 1);
  if (x !== x) return y;
  if (y !== y) return x;
  return (x + y) / 2;
}
export const all = (a: Raw[]): boolean => a.every((v) => v != 0 || v !== v);
export const any = (a: Raw[]): boolean => a.some((v) => v != 0 || v !== v);

// scans
export function sums(c: Cls, a: Raw[]): Raw[] {
  const r = sumCls(c), out: Raw[] = [];
  if (r === 'J') { let s = 0n; for (const v of a) { if (!isNull(c, v)) s = i64(s + (v as bigint)); out.push(s); } return out; }
  if (r === 'I') { let s = 0; for (const v of a) { if (!isNull(c, v)) s = i32(s + num(v)); out.push(s); } return out; }
  if (r === 'E') { let s = 0; for (const v of a) { s = f32(s + (isNull(c, v) ? 0 : num(v))); out.push(s); } return out; }
  let s = 0; for (const v of a) { s += isNull(c, v) ? 0 : num(v); out.push(s); } return out;
}
export function prds(c: Cls, a: Raw[]): Raw[] {
  const r = sumCls(c), out: Raw[] = [];
  if (r === 'J') { let s = 1n; for (const v of a) { if (!isNull(c, v)) s = i64(s * (v as bigint)); out.push(s); } return out; }
  if (r === 'I') { let s = 1; for (const v of a) { if (!isNull(c, v)) s = Math.imul(s, num(v)); out.push(s); } return out; }
  if (r === 'E') { let s = 1; for (const v of a) { s = f32(s * (isNull(c, v) ? 1 : num(v))); out.push(s); } return out; }
  let s = 1; for (const v of a) { s *= isNull(c, v) ? 1 : num(v); out.push(s); } return out;
}
export function maxs(c: Cls, a: Raw[]): Raw[] { let m: Raw = WMIN[c]; return a.map((v) => (m = !isNull(c, v) && v > m ? v : m)); }
export function mins(c: Cls, a: Raw[]): Raw[] { let m: Raw = WMAX[c]; return a.map((v) => (m = !isNull(c, v) && v < m ? v : m)); }

// uniform
/** Result class of deltas (G H -> I). */
export function deltas(c: Cls, a: Raw[]): Raw[] {
  const r = sumCls(c);
  return a.map((v, i) => {
    if (i === 0) return isNull(c, v) ? NUL[r] : r === 'J' ? v : num(v);
    const p = a[i - 1];
    if (r === 'F') return num(v) - num(p);
    if (r === 'E') return f32(num(v) - num(p));
    if (isNull(c, v) || isNull(c, p)) return NUL[r];
    return r === 'J' ? i64((v as bigint) - (p as bigint)) : i32(num(v) - num(p));
  });
}
export function ratios(c: Cls, a: Raw[]): number[] {
  const f = (v: Raw) => (isNull(c, v) ? NaN : num(v));
  const e = c === 'E' ? f32 : (x: number) => x;
  return a.map((v, i) => (i === 0 ? f(v) : e(f(v) / f(a[i - 1]))));
}
export function differ(c: Cls, a: Raw[]): number[] {
  return a.map((v, i) => {
    if (i === 0) return 1;
    const p = a[i - 1];
    // floats match with q's comparison tolerance, as ~ does (basics/precision.md)
    const same = c === 'E' || c === 'F' ? feq(v as number, p as number) : v === p;
    return same ? 0 : 1;
  });
}
export function fills(c: Cls, a: Raw[], nul: Raw = NUL[c]): Raw[] {
  let last: Raw = nul;
  const isN = (v: Raw) => (c === 'E' || c === 'F' ? v !== v : v === nul);
  return a.map((v) => (last = isN(v) ? last : v));
}
export const reverse = (a: Raw[]): Raw[] => a.slice().reverse();
export function rank(c: Cls, a: Raw[]): number[] {
  const key = (v: Raw) => (c === 'E' || c === 'F') && v !== v ? -Infinity : v;
  const idx = a.map((_, i) => i).sort((x, y) => {
    const nx = a[x] !== a[x], ny = a[y] !== a[y];
    if (nx !== ny) return nx ? -1 : 1;
    const kx = key(a[x]), ky = key(a[y]);
    return kx < ky ? -1 : kx > ky ? 1 : 0;
  });
  const r: number[] = new Array(a.length);
  idx.forEach((p, i) => { r[p] = i; });
  return r;
}
export function rotate(k: number, a: Raw[]): Raw[] {
  const n = a.length;
  if (!n) return [];
  const r = ((k % n) + n) % n;
  return a.slice(r).concat(a.slice(0, r));
}
export function xprev(c: Cls, k: number, a: Raw[]): Raw[] {
  return a.map((_, i) => (i - k >= 0 && i - k < a.length ? a[i - k] : NUL[c]));
}
export function xbarInt(c: 'I' | 'J', x: Raw, a: Raw[]): Raw[] {
  if (c === 'J') {
    const xb = BigInt(x);
    return a.map((v) => {
      if (v === NUL.J || xb === 0n) return NUL.J;
      const y = BigInt(v);
      let m = y % xb; if (m !== 0n && (m < 0n) !== (xb < 0n)) m += xb;
      return i64(y - m);
    });
  }
  const xn = Number(x);
  return a.map((v) => {
    if (v === NUL.I || xn === 0) return NUL.I;
    const y = Number(v);
    let m = y % xn; if (m !== 0 && (m < 0) !== (xn < 0)) m += xn;
    return i32(y - m);
  });
}
export const xbarF = (x: number, a: number[]): number[] => a.map((v) => x * Math.floor(v / x));

// windows
export function msum(c: Cls, w: number, a: Raw[]): Raw[] {
  const r = sumCls(c);
  const s = sums(c, a);
  return s.map((v, i) => {
    if (i < w) return v;
    const t = s[i - w];
    if (r === 'J') return i64((v as bigint) - (t as bigint));
    if (r === 'I') return i32(num(v) - num(t));
    if (r === 'E') return f32(num(v) - num(t));
    return num(v) - num(t);
  });
}
export function mcount(c: Cls, w: number, a: Raw[]): bigint[] {
  return a.map((_, i) => {
    let k = 0;
    for (let j = Math.max(0, i - w + 1); j <= i; j++) if (!isNull(c, a[j])) k++;
    return BigInt(w <= 0 ? 0 : k);
  });
}
export function mavg(c: Cls, w: number, a: Raw[], sq = false): number[] {
  let s = 0, t = 0, s2 = 0, t2 = 0, n = 0;
  return a.map((v, i) => {
    const fa = isNull(c, v) ? 0 : num(v);
    s += fa; s2 += fa * fa; n += isNull(c, v) ? 0 : 1;
    if (i >= w) {
      const u = a[i - w];
      const fb = isNull(c, u) ? 0 : num(u);
      t += fb; t2 += fb * fb; n -= isNull(c, u) ? 0 : 1;
    }
    const m = (s - t) / n;
    return sq ? Math.sqrt((s2 - t2) / n - m * m) : m;
  });
}
/** q's order for window extremes: null below everything. */
const lt = (c: Cls, x: Raw, y: Raw) => (c === 'E' || c === 'F' ? (x !== x ? y === y : x < y) : x < y);
export function mmax(c: Cls, w: number, a: Raw[]): Raw[] {
  if (w <= 0) return a.slice();
  return a.map((_, i) => {
    let m = a[Math.max(0, i - w + 1)];
    for (let j = Math.max(0, i - w + 1); j <= i; j++) if (lt(c, m, a[j])) m = a[j];
    if (i + 1 < w && lt(c, m, WMIN[c])) m = WMIN[c];
    return m;
  });
}
export function mmin(c: Cls, w: number, a: Raw[]): Raw[] {
  if (w <= 0) return a.slice();
  return a.map((_, i) => {
    let m = a[Math.max(0, i - w + 1)];
    for (let j = Math.max(0, i - w + 1); j <= i; j++) if (lt(c, a[j], m)) m = a[j];
    return m;
  });
}
export function ema(alpha: number[] | number, y: number[]): number[] {
  let p = y[0];
  return y.map((v, i) => {
    const al = typeof alpha === 'number' ? alpha : alpha[i];
    p = al * v + (1 - al) * p;
    return p;
  });
}
export function avgs(c: Cls, a: Raw[]): number[] {
  let s = 0, n = 0;
  return a.map((v) => { if (!isNull(c, v)) { s += num(v); n += 1; } return s / n; });
}
