// Shared by the sortsearch tests: per-type generators (with nulls, infinities,
// NaN payloads, duplicates) and raw round trips between JS and K.
import fc from 'fast-check';
import { K } from '../src/index.js';
import { storageOf, type Raw } from './ref/sortsearch.js';

export const TYPES: [string, number][] = [
  ['boolean', 1], ['guid', 2], ['byte', 4], ['short', 5], ['int', 6], ['long', 7], ['real', 8], ['float', 9],
  ['char', 10], ['symbol', 11], ['timestamp', 12], ['month', 13], ['date', 14], ['datetime', 15],
  ['timespan', 16], ['minute', 17], ['second', 18], ['time', 19],
];

const CTOR: Record<number, (v: unknown) => K> = {
  1: K.boolean, 2: K.guid, 4: K.byte, 5: K.short, 6: K.int, 7: K.long, 8: K.real, 9: K.float, 10: K.char,
  11: K.symbol, 12: K.timestamp, 13: K.month, 14: K.date, 15: K.datetime, 16: K.timespan, 17: K.minute,
  18: K.second, 19: K.time,
};

const SYMS = ['', 'a', 'ab', 'abc', 'b', 'B', 'ba', 'z', 'é', 'éa', 'a b', 'zz', 'IBM', 'MSFT', 'aa'];
const GUIDS = ['00000000000000000000000000000000', 'ffffffffffffffffffffffffffffffff',
  '0000000000000000ffffffffffffffff', '8000000000000000000000000000000f', '0123456789abcdef0123456789abcdef'];

const f32 = new Float32Array(1), i32 = new Int32Array(f32.buffer);
const f64 = new Float64Array(1), i64 = new BigInt64Array(f64.buffer);

/** Raw stored values of type t, as the generator's item. E/F are bit patterns (number / bigint). */
export function itemArb(t: number): fc.Arbitrary<Raw> {
  switch (storageOf(t)) {
    case 'G': return t === 1 ? fc.integer({ min: 0, max: 1 }) : fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 32, 255, 128, 127));
    case 'H': return fc.oneof(fc.integer({ min: -32768, max: 32767 }), fc.constantFrom(-32768, 32767, -32767, 0, -1, 1), fc.integer({ min: -3, max: 3 }));
    case 'I': return fc.oneof(fc.integer(), fc.constantFrom(-2147483648, 2147483647, -2147483647, 0, -1, 1), fc.integer({ min: -5, max: 5 }), fc.integer({ min: -3000, max: 3000 }));
    case 'J': return fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      fc.constantFrom(-(2n ** 63n), 2n ** 63n - 1n, -(2n ** 63n) + 1n, 0n, -1n, 1n, 2n ** 32n, -(2n ** 32n)),
      fc.bigInt({ min: -5n, max: 5n }), fc.bigInt({ min: -5000n, max: 5000n }));
    case 'E': {
      const v = (x: number) => { f32[0] = x; return i32[0]; };
      return fc.oneof(fc.integer(), fc.constantFrom(v(NaN), 0x7fc00001, -1, -4194304, v(-0), v(0), v(Infinity), v(-Infinity), v(1.5), v(-1.5)),
        fc.integer({ min: -4, max: 4 }).map((x) => v(x)));
    }
    case 'F': {
      const v = (x: number) => { f64[0] = x; return i64[0]; };
      return fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
        fc.constantFrom(v(NaN), -1n, -2251799813685248n, 0x7ff0000000000001n, v(-0), v(0), v(Infinity), v(-Infinity), v(2.5), v(-2.5)),
        fc.integer({ min: -4, max: 4 }).map((x) => v(x)));
    }
    case 'S': return fc.oneof(fc.constantFrom(...SYMS), fc.string({ maxLength: 4 }));
    case 'U': return fc.oneof(fc.constantFrom(...GUIDS), fc.uint8Array({ minLength: 16, maxLength: 16 }).map(hex));
  }
  throw new Error('type');
}

function hex(b: Uint8Array): string { return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(''); }

/** Builds a vector of type t from generated items; returns it and its raw values (floats as numbers). */
export function make(t: number, items: Raw[]): { k: K; raw: Raw[] } {
  const s = storageOf(t);
  let k: K;
  switch (s) {
    case 'G': k = t === 1 ? K.boolean(items as number[]) : CTOR[t](Uint8Array.from(items as number[])); break;
    case 'H': k = K.short(Int16Array.from(items as number[])); break;
    case 'I': k = CTOR[t](Int32Array.from(items as number[])); break;
    case 'J': k = CTOR[t](BigInt64Array.from(items as bigint[])); break;
    case 'E': k = K.real(new Float32Array(Int32Array.from(items as number[]).buffer)); break;
    case 'F': k = CTOR[t](new Float64Array(BigInt64Array.from(items as bigint[]).buffer)); break;
    case 'S': k = K.symbol(items as string[]); break;
    default: {
      const b = new Uint8Array(items.length * 16);
      (items as string[]).forEach((h, i) => { for (let j = 0; j < 16; j++) b[i * 16 + j] = parseInt(h.substr(j * 2, 2), 16); });
      k = K.guid(b);
    }
  }
  return { k, raw: rawOf(k) };
}

/** Raw items of a simple vector (or atom) K. */
export function rawOf(k: K): Raw[] {
  const t = Math.abs(k.type);
  if (t === 11) { const v = k.toJS(); return (Array.isArray(v) ? v : [v]) as string[]; }
  if (t === 2) {
    const d = k.data as Uint8Array;
    return Array.from({ length: d.length / 16 }, (_, i) => hex(d.subarray(i * 16, i * 16 + 16)));
  }
  return Array.from(k.data as ArrayLike<number | bigint>);
}

export const nums = (k: K): number[] => Array.from(k.data as BigInt64Array, Number);

/** Bit-exact view of raw float items (NaN payloads included). */
export function bits(k: K): string[] {
  const d = k.data;
  if (d instanceof Float64Array) return Array.from(new BigInt64Array(d.buffer, d.byteOffset, d.length), String);
  if (d instanceof Float32Array) return Array.from(new Int32Array(d.buffer, d.byteOffset, d.length), String);
  return rawOf(k).map(String);
}

export const vecArb = (t: number, max = 200) => fc.array(itemArb(t), { maxLength: max });

/** n items of type t, deterministic, for large-vector checks. */
export function bigItems(t: number, n: number, distinct = 1000): Raw[] {
  let s = 12345;
  const rnd = () => { s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff; return s; };
  const out: Raw[] = [];
  const samples = fc.sample(itemArb(t), { numRuns: distinct, seed: 7 });
  for (let i = 0; i < n; i++) out.push(samples[rnd() % samples.length]);
  return out;
}
