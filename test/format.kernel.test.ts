// The formatting kernels (assembly/kernels/format.ts) against the TypeScript
// formatter they replace (src/format/item.ts, and display.ts's own vector line
// for a value with no engine block): byte for byte, on random and edge values
// of every number-like type, every mode, every \P.
import { afterEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { K, q } from '../src/index.js';
import { alloc, mem } from '../src/runtime.js';
import { itemText, ATOM, ITEM, CELL, type Raw } from '../src/format/item.js';
import { itemTexts, joinText } from '../src/format/vector.js';
import { displaySettings, str, show, setConsole, type Displayable } from '../src/display.js';

afterEach(() => { displaySettings.precision = 7; setConsole(25, 80); });

const WIDTH: Record<number, number> = { 1: 1, 2: 16, 4: 1, 5: 2, 6: 4, 7: 8, 8: 4, 9: 8, 10: 1, 12: 8, 13: 4, 14: 4, 15: 8, 16: 8, 17: 4, 18: 4, 19: 4 };
const ARRAY: Record<number, 'u8' | 'i16' | 'i32' | 'i64' | 'f32' | 'f64'> = {
  1: 'u8', 2: 'u8', 4: 'u8', 5: 'i16', 6: 'i32', 7: 'i64', 8: 'f32', 9: 'f64', 10: 'u8',
  12: 'i64', 13: 'i32', 14: 'i32', 15: 'f64', 16: 'i64', 17: 'i32', 18: 'i32', 19: 'i32',
};
const CTOR = { u8: Uint8Array, i16: Int16Array, i32: Int32Array, i64: BigInt64Array, f32: Float32Array, f64: Float64Array };

/** A K vector of type t over raw items (bigint for 8-byte integers, 16 bytes per guid). */
function vec(t: number, raw: Raw[]): K {
  const n = t === 2 ? raw.length : raw.length;
  const p = alloc(t, n);
  const a = ARRAY[t]!;
  const view = new CTOR[a](mem().buffer, p + 16, t === 2 ? n * 16 : n) as unknown as { [i: number]: unknown };
  if (t === 2) raw.forEach((g, i) => (view as unknown as Uint8Array).set(g as Uint8Array, i * 16));
  else raw.forEach((v, i) => { view[i] = v; });
  return new K(p);
}

/** The same vector as a plain Displayable (no engine pointer): display.ts's TypeScript path. */
function plain(t: number, raw: Raw[]): Displayable {
  const a = ARRAY[t]!;
  const data = t === 2 ? new Uint8Array(raw.length * 16) : new CTOR[a](raw.length);
  if (t === 2) raw.forEach((g, i) => (data as Uint8Array).set(g as Uint8Array, i * 16));
  else raw.forEach((v, i) => { (data as unknown as { [i: number]: unknown })[i] = v; });
  return {
    type: t, count: raw.length, attr: '', data: data as Displayable['data'],
    symbol: () => '', item: () => { throw new Error('no items'); },
    get keys(): Displayable { throw new Error('no keys'); },
    get values(): Displayable { throw new Error('no values'); },
  };
}

const NI = -2147483648, WI = 2147483647;
const NJ = -(2n ** 63n), WJ = 2n ** 63n - 1n;

// doubles a printer gets wrong first: ties, powers of ten and their neighbours, rounding across a power of ten
function hardDoubles(): number[] {
  const out = [0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
    1.7976931348623157e308, 9.9999999, 99.999995, 0.99999995, 9999999.5, 99999995, 12345665, 12345675, 0.125, 2.5,
    0.5, 1.5, 9.5, 99.5, 1e22, 1e23, 0.1, 0.3, 4.35, 0.15, 1e-5, 1e-4, 123456.75, 1234567.5, 0.00012345675, 1e16, 1e17];
  const next = (x: number, d: number): number => {
    const b = new Float64Array([x]), u = new BigInt64Array(b.buffer);
    u[0] = u[0]! + BigInt(d);
    return b[0]!;
  };
  for (let k = -323; k <= 308; k++) {
    const x = Number('1e' + k);
    out.push(x, next(x, 1), next(x, -1), -x);
    for (const m of [9.5, 9.95, 9.9999995, 5, 2.5, 1.25, 9.999999999999999]) out.push(m * x);
  }
  for (let e = -1074; e <= 1023; e += 7) out.push(2 ** e, 3 * 2 ** (e - 2));
  for (let m = 1; m < 200; m++) for (let k = 0; k < 8; k++) out.push((m + 0.5) / 2 ** k, (m * 1000 + 0.5) / 2 ** k);
  return out;
}

const randomBits = (): fc.Arbitrary<number> => fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((b) => {
  const u = new BigUint64Array([b]);
  return new Float64Array(u.buffer)[0]!;
});
const doubles = (): fc.Arbitrary<number> => fc.oneof(fc.double(), randomBits(), fc.constantFrom(...hardDoubles()),
  fc.integer({ min: -1e9, max: 1e9 }).map((i) => i / 1000));

const MODES = [ATOM, ITEM, CELL] as const;

/** Kernel texts of items in every mode against item.ts (inside a vector, shorts follow display's 0W rule). */
function checkItems(t: number, raw: Raw[], P: number): void {
  const k = vec(t, raw);
  try {
    for (const mode of MODES) {
      const got = itemTexts(k.ptr, P, mode, raw.length);
      const want = raw.map((v) => {
        if (t === 5 && mode === ITEM) return v === -32768 ? '0N' : v === 32767 ? '0W' : v === -32767 ? '-0W' : '' + v;
        return itemText(t, v, mode, P);
      });
      expect(got).toEqual(want);
    }
  } finally { k.dispose(); }
}

/** The console line, str and string x through the kernels against the TypeScript path. */
function checkVector(t: number, raw: Raw[], P: number, cols = 80): void {
  displaySettings.precision = P;
  const k = vec(t, raw);
  try {
    const ref = plain(t, raw);
    expect(str(k)).toBe(str(ref));
    setConsole(25, cols);
    expect(show(k)).toBe(show(ref));
    const s = q.string(k);
    try {
      // the bytes of each char vector, read as latin1 (toJS would decode UTF-8)
      const got = Array.from({ length: s.count }, (_, i) => String.fromCharCode(...(s.item(i).data as Uint8Array)));
      expect(got).toEqual(raw.map((v) => (t === 10 ? String.fromCharCode(v as number) : itemText(t, v, CELL, P))));
    } finally { s.dispose(); }
  } finally { k.dispose(); }
}

describe('float kernel is printf %.*g, as the TypeScript formatter', () => {
  test('hard doubles at every \\P', () => {
    const xs = hardDoubles();
    for (let P = 0; P <= 17; P++) checkItems(9, xs, P);
  });
  test('random doubles (random bits, subnormals, huge and tiny exponents) at every \\P', () => {
    fc.assert(fc.property(fc.array(doubles(), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 17 }), (xs, P) => {
      checkItems(9, xs, P);
    }), { numRuns: 3000 });
  });
  test('reals (floats widened from 32 bits)', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.float(), fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 9.9999999, 0.5)), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 0, max: 17 }), (xs, P) => {
        checkItems(8, xs.map((x) => Math.fround(x)), P);
      }), { numRuns: 1000 });
  });
  test('vector lines: suffix f only when every item reads as an integer', () => {
    for (const xs of [[1, 2, 3], [1.5, 2], [NaN, 3], [Infinity], [1e20, 1], [-0], [100, 1e-5], [1e7, 2e7]]) {
      for (const P of [0, 1, 3, 7, 17]) checkVector(9, xs, P);
    }
  });
  test('random vector lines, str, show and string agree', () => {
    fc.assert(fc.property(fc.array(doubles(), { maxLength: 30 }), fc.integer({ min: 0, max: 17 }), fc.integer({ min: 10, max: 120 }), (xs, P, cols) => {
      checkVector(9, xs, P, cols);
    }), { numRuns: 500 });
  });
});

const ints = (t: number): fc.Arbitrary<Raw> => {
  switch (t) {
    case 1: return fc.integer({ min: 0, max: 1 });
    case 4: case 10: return fc.integer({ min: 0, max: 255 });
    case 5: return fc.oneof(fc.integer({ min: -32768, max: 32767 }), fc.constantFrom(-32768, 32767, -32767, 0));
    case 7: case 12: case 16: return fc.oneof(fc.bigInt({ min: NJ, max: WJ }), fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
      fc.bigInt({ min: -(10n ** 19n) / 1000n, max: 10n ** 19n / 1000n }), fc.constantFrom(NJ, WJ, -WJ, 0n, -1n));
    case 15: return fc.oneof(fc.double(), fc.double({ min: -1e6, max: 1e6 }), fc.integer({ min: -4e9, max: 4e9 }).map((m) => m / 86400000),
      fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1e300, -1e300, 0.5 / 86400000, 1.5 / 86400000, 3e6, -7e5));
    default: return fc.oneof(fc.integer({ min: NI, max: WI }), fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -4e6, max: 3e6 }),
      fc.constantFrom(NI, WI, -WI, 0, -1, 2920000, -730119, -730120, 2921939, 2921940, 95999));
  }
};

describe('integers, bytes, booleans, chars and temporals', () => {
  for (const t of [1, 4, 5, 6, 7, 10, 12, 13, 14, 15, 16, 17, 18, 19]) {
    test(`type ${t}: items in every mode, lines, str, show, string`, () => {
      fc.assert(fc.property(fc.array(ints(t), { minLength: 1, maxLength: 30 }), (xs) => {
        checkItems(t, xs, 7);
      }), { numRuns: 400 });
      fc.assert(fc.property(fc.array(ints(t), { maxLength: 30 }), fc.integer({ min: 10, max: 100 }), (xs, cols) => {
        checkVector(t, xs, 7, cols);
      }), { numRuns: 200 });
    });
  }
  test('guids', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ minLength: 16, maxLength: 16 }), { minLength: 1, maxLength: 10 }), (gs) => {
      checkItems(2, gs, 7);
      checkVector(2, gs, 7);
    }), { numRuns: 100 });
  });
  test('atoms: string of an atom is one char vector', () => {
    for (const [text, want] of [['string 1.5', '1.5'], ['string 0n', ''], ['string 2000.01.02', '2000.01.02'], ['string -0W', '-0W'], ['string 0Nd', '']]) {
      const r = q(text);
      expect(r.toJS()).toBe(want);
      r.dispose();
    }
  });
  test('a 1e5-long line cut by the console, and the empty vector', () => {
    const xs = Array.from({ length: 100000 }, (_, i) => i * 1.25);
    checkVector(9, xs, 7);
    const k = vec(9, xs);
    try { expect(joinText(k.ptr, 7, Infinity).length).toBeGreaterThan(100000 * 3); } finally { k.dispose(); }
    checkVector(7, [], 7);
  });
});
