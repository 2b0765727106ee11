// Helpers for the atomic tests: raw blocks from JS arrays, raw items back.
import fc from 'fast-check';
import { K } from '../src/index.js';
import { alloc, mem } from '../src/runtime.js';
import { QTYPES } from '../src/types.js';
import type { Cls, Raw } from './ref/atomic.js';

export const CHARS = 'bgxhijefcspmdznuvt';
export const code = (ch: string): number => CHARS.indexOf(ch) < 0 ? 0 : [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19][CHARS.indexOf(ch)];
export const clsOf = (t: number): Cls => QTYPES[Math.abs(t)]!.storage as Cls;

/** A vector (or atom when `atom`) of type t from raw stored values. */
export function raw(t: number, vals: Raw[], atom = false): K {
  const n = vals.length;
  const p = alloc(atom ? -t : t, atom ? 1 : n);
  const m = mem(), d = p + 16;
  const c = clsOf(t);
  vals.forEach((v, i) => {
    switch (c) {
      case 'G': m.u8[d + i] = Number(v); break;
      case 'H': m.i16[(d >> 1) + i] = Number(v); break;
      case 'I': case 'S' as Cls: m.i32[(d >> 2) + i] = Number(v); break;
      case 'J': m.i64[(d >> 3) + i] = BigInt(v); break;
      case 'E': m.f32[(d >> 2) + i] = Number(v); break;
      case 'F': m.f64[(d >> 3) + i] = Number(v); break;
    }
  });
  return new K(p);
}

/** Raw items of a simple K. */
export function items(k: K): Raw[] {
  return Array.from(k.data as ArrayLike<Raw>);
}

const NI = -2147483648, WI = 2147483647;
const NJ = -(2n ** 63n), WJ = 2n ** 63n - 1n;

/** Raw values of storage class c, with nulls and infinities often. */
export function arbRaw(t: number): fc.Arbitrary<Raw> {
  const c = clsOf(t);
  switch (c) {
    case 'G': return t === 1 ? fc.integer({ min: 0, max: 1 }) : fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constant(32), fc.constant(0));
    case 'H': return fc.oneof(fc.integer({ min: -32768, max: 32767 }), fc.constantFrom(-32768, 32767, -32767, 0, 1, -1), fc.integer({ min: -100, max: 100 }));
    case 'I': return fc.oneof(fc.integer({ min: NI, max: WI }), fc.constantFrom(NI, WI, -WI, 0, 1, -1), fc.integer({ min: -100000, max: 100000 }));
    case 'J': return fc.oneof(fc.bigInt({ min: NJ, max: WJ }), fc.constantFrom(NJ, WJ, -WJ, 0n, 1n, -1n), fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }));
    case 'E': return fc.oneof(fc.float(), fc.constantFrom(NaN, Infinity, -Infinity, 0, 1, -1), fc.integer({ min: -1000, max: 1000 }).map((x) => Math.fround(x / 8)));
    default: return fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, 0, 1, -1, 1 + 2 ** -45), fc.integer({ min: -1000, max: 1000 }).map((x) => x / 8));
  }
}

/** Lengths: empty, one, odd (SIMD tails) and a few longer. */
export const arbLen = fc.oneof(fc.constantFrom(0, 1, 2, 3, 15, 16, 17, 31, 33), fc.integer({ min: 0, max: 70 }));

/** A pair of operands: shapes vv, av, va or aa with conforming lengths. */
export function arbPair(tx: number, ty: number) {
  return fc.tuple(arbLen, fc.constantFrom('vv', 'av', 'va', 'aa')).chain(([n, s]) => {
    const nx = s[0] === 'a' ? 1 : n, ny = s[1] === 'a' ? 1 : n;
    return fc.record({
      x: fc.array(arbRaw(tx), { minLength: nx, maxLength: nx }),
      y: fc.array(arbRaw(ty), { minLength: ny, maxLength: ny }),
      ax: fc.constant(s[0] === 'a'), ay: fc.constant(s[1] === 'a'),
    });
  });
}

/** Items equal, NaN equals NaN, -0 equals 0; floats within rel tolerance when tol given. */
export function sameRaw(a: Raw[], b: Raw[], tol = 0): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (typeof x === 'bigint' || typeof y === 'bigint') { if (BigInt(x) !== BigInt(y)) return false; continue; }
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (x === y) continue;
    if (tol && Math.abs(x - y) <= tol * Math.max(Math.abs(x), Math.abs(y))) continue;
    return false;
  }
  return true;
}
