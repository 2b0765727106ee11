// Plain TypeScript references for the sortsearch kernels, over raw stored values
// (numbers, bigints, symbol strings, guid hex strings) of one q type.
//
// q's order: nulls are the minimum (0N is the smallest integer of its width,
// 0n sorts below -0w), -0f equals 0f, bytes/chars/booleans are unsigned,
// symbols compare by UTF-8 bytes, guids by their 16 bytes.

export type Raw = number | bigint | string;

const enc = new TextEncoder();

/** Storage class of q type code t (absolute). */
export function storageOf(t: number): string {
  if (t === 2) return 'U';
  if (t === 11) return 'S';
  if (t === 1 || t === 4 || t === 10) return 'G';
  if (t === 5) return 'H';
  if (t === 7 || t === 12 || t === 16) return 'J';
  if (t === 8) return 'E';
  if (t === 9 || t === 15) return 'F';
  return 'I';
}

export function compare(t: number, a: Raw, b: Raw): number {
  const s = storageOf(t);
  if (s === 'E' || s === 'F') {
    const x = a as number, y = b as number;
    const nx = Number.isNaN(x), ny = Number.isNaN(y);
    if (nx || ny) return nx && ny ? 0 : nx ? -1 : 1;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (s === 'S') {
    const x = enc.encode(a as string), y = enc.encode(b as string);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return Math.sign(x.length - y.length);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export const equal = (t: number, a: Raw, b: Raw): boolean => compare(t, a, b) === 0;

/** A string that is equal for q-equal values. */
export function canon(t: number, a: Raw): string {
  const s = storageOf(t);
  if (s === 'E' || s === 'F') return Number.isNaN(a as number) ? 'n' : String((a as number) + 0);
  return typeof a + ':' + String(a);
}

export function grade(t: number, xs: Raw[], desc = false): number[] {
  const ix = xs.map((_, i) => i);
  return ix.sort((i, j) => (desc ? compare(t, xs[j], xs[i]) : compare(t, xs[i], xs[j])) || i - j);
}

/** bin: last index with x <= y, else -1; binr: first index with x >= y (count if none). */
export function bin(t: number, xs: Raw[], y: Raw, right = false): number {
  if (right) { const i = xs.findIndex((x) => compare(t, x, y) >= 0); return i < 0 ? xs.length : i; }
  let r = -1;
  xs.forEach((x, i) => { if (compare(t, x, y) <= 0) r = i; });
  return r;
}

export function find(t: number, xs: Raw[], y: Raw): number {
  const i = xs.findIndex((x) => equal(t, x, y));
  return i < 0 ? xs.length : i;
}

export const isIn = (t: number, y: Raw[], x: Raw): boolean => y.some((v) => equal(t, v, x));

export function distinct(t: number, xs: Raw[]): number[] {
  const out: number[] = [];
  xs.forEach((x, i) => { if (!out.some((j) => equal(t, xs[j], x))) out.push(i); });
  return out; // indices of first occurrences
}

export function group(t: number, xs: Raw[]): [number, number[]][] {
  const firsts = distinct(t, xs);
  return firsts.map((f) => [f, xs.flatMap((x, i) => (equal(t, x, xs[f]) ? [i] : []))]);
}

export function where(xs: number[]): number[] {
  const out: number[] = [];
  xs.forEach((c, i) => { for (let k = 0; k < c; k++) out.push(i); });
  return out;
}
