// Property tests: the structural kernels against the byte-level reference
// (test/ref/structural.ts) for every simple type, with nulls, infinities,
// empty, one-item, odd lengths (unrolled-loop tails) and 1e5-item vectors.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { q as q0, K } from '../src/index.js';
import { Q as QS } from '../src/ops/structural.js';

/** The q namespace, with this family's functions typed. */
const q = q0 as typeof q0 & typeof QS;
import * as ref from './ref/structural.js';

const TYPES = [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
const WIDTH: Record<number, number> = { 1: 1, 2: 16, 4: 1, 5: 2, 6: 4, 7: 8, 8: 4, 9: 8, 10: 1, 11: 4, 12: 8, 13: 4, 14: 4, 15: 8, 16: 8, 17: 4, 18: 4, 19: 4 };
const NAMES: Record<number, string> = {
  1: 'boolean', 2: 'guid', 4: 'byte', 5: 'short', 6: 'int', 7: 'long', 8: 'real', 9: 'float', 10: 'char', 11: 'symbol',
  12: 'timestamp', 13: 'month', 14: 'date', 15: 'datetime', 16: 'timespan', 17: 'minute', 18: 'second', 19: 'time',
};

// a pool of interned symbols: symbol vectors are built from their ids
const SYMS = ['', 'a', 'b', 'ibm', 'goog', 'msft', 'x', 'longer_symbol'];
const symIds: number[] = (() => {
  const k = K.symbol(SYMS);
  const ids = Array.from(k.data as Int32Array);
  // keep k alive: ids stay valid forever anyway (symbols are never freed)
  k.dispose();
  return ids;
})();

const le = (v: bigint, w: number) => { const b = new Uint8Array(w); for (let i = 0; i < w; i++) b[i] = Number((v >> BigInt(8 * i)) & 0xffn); return b; };

/** Special items of a type: null, infinities, zero. */
function specials(t: number): Uint8Array[] {
  const w = WIDTH[t];
  const out = [ref.nullBytes(t), new Uint8Array(w)];
  if ([5, 6, 7, 12, 13, 14, 16, 17, 18, 19].includes(t)) {
    const max = (1n << BigInt(8 * w - 1)) - 1n;
    out.push(le(max, w), le(-max & ((1n << BigInt(8 * w)) - 1n), w));
  }
  if (t === 8) out.push(Uint8Array.from([0, 0, 0x80, 0x7f]), Uint8Array.from([0, 0, 0x80, 0xff]));
  if (t === 9 || t === 15) out.push(le(0x7ff0000000000000n, 8), le(0xfff0000000000000n, 8));
  return out;
}

function itemArb(t: number): fc.Arbitrary<Uint8Array> {
  const w = WIDTH[t];
  if (t === 1) return fc.integer({ min: 0, max: 1 }).map((b) => Uint8Array.of(b));
  if (t === 11) return fc.constantFrom(...symIds).map((id) => le(BigInt(id), 4));
  return fc.oneof(
    { weight: 4, arbitrary: fc.uint8Array({ minLength: w, maxLength: w }) },
    { weight: 1, arbitrary: fc.constantFrom(...specials(t)) },
  );
}
const itemsArb = (t: number, max = 70) => fc.array(itemArb(t), { maxLength: max });

/** A K vector of type t holding exactly these item bytes. */
function vec(t: number, items: ref.Items): K {
  const bytes = ref.concat(items);
  const n = items.length;
  switch (t) {
    case 1: return K.boolean(Array.from(bytes, (b) => b === 1));
    case 2: return K.guid(bytes);
    case 4: return K.byte(bytes);
    case 10: return K.char(bytes);
    case 5: return K.short(new Int16Array(bytes.buffer, 0, n));
    case 8: return K.real(new Float32Array(bytes.buffer, 0, n));
    case 9: case 15: return (t === 9 ? K.float : K.datetime)(new Float64Array(bytes.buffer, 0, n));
    case 7: case 12: case 16: return (t === 7 ? K.long : t === 12 ? K.timestamp : K.timespan)(new BigInt64Array(bytes.buffer, 0, n));
    default: {
      const ctor = { 6: K.int, 11: K.symbol, 13: K.month, 14: K.date, 17: K.minute, 18: K.second, 19: K.time }[t]!;
      return ctor(new Int32Array(bytes.buffer, 0, n));
    }
  }
}
function bytesOf(k: K): Uint8Array {
  const d = k.data;
  return new Uint8Array(d.buffer, d.byteOffset, d.byteLength).slice();
}
/** Byte equality, fast on large vectors (reports the first differing byte). */
function sameBytes(a: Uint8Array, b: Uint8Array): void {
  expect(a.length).toBe(b.length);
  if (Buffer.compare(a, b) !== 0) {
    const i = a.findIndex((v, j) => v !== b[j]);
    expect({ at: i, got: a[i] }).toEqual({ at: i, got: b[i] });
  }
}
function itemsOf(k: K): ref.Items { return ref.split(bytesOf(k), WIDTH[Math.abs(k.type)]); }
const hex = (items: ref.Items) => items.map((b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(''));

const IX = ['long', 'int', 'short', 'boolean'] as const;
function ixVec(kind: (typeof IX)[number], idx: (number | null)[]): K {
  switch (kind) {
    case 'long': return K.long(idx);
    case 'int': return K.int(idx);
    case 'short': return K.short(idx);
    default: return K.boolean(idx.map((i) => i === 1));
  }
}
const ixRef = (kind: (typeof IX)[number], idx: (number | null)[]) =>
  idx.map((i) => (kind === 'boolean' ? (i === 1 ? 1 : 0) : i === null ? NaN : i));

function random(n: number, seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}
function bigItems(t: number, n: number, seed: number): ref.Items {
  const r = random(n, seed), w = WIDTH[t], sp = specials(t);
  return Array.from({ length: n }, () => {
    if (t === 1) return Uint8Array.of(r() < 0.5 ? 1 : 0);
    if (t === 11) return le(BigInt(symIds[Math.floor(r() * symIds.length)]), 4);
    if (r() < 0.05) return sp[Math.floor(r() * sp.length)];
    return Uint8Array.from({ length: w }, () => Math.floor(r() * 256));
  });
}

describe.each(TYPES.map((t) => [NAMES[t], t] as const))('%s', (_name, t) => {
  const nul = ref.nullBytes(t);

  it('x i (index at vector indexes of every index type) matches the reference', () => {
    fc.assert(fc.property(itemsArb(t), fc.constantFrom(...IX),
      fc.array(fc.oneof(fc.integer({ min: -3, max: 80 }), fc.constant(null)), { maxLength: 40 }),
      (items, kind, idx) => {
        const x = vec(t, items), i = ixVec(kind, kind === 'short' ? idx.map((v) => v === null ? null : v) : idx);
        const r = q.at(x, i);
        expect(r.type).toBe(t);
        expect(hex(itemsOf(r))).toEqual(hex(ref.index(items, ixRef(kind, idx), nul)));
        // arguments unchanged
        expect(hex(itemsOf(x))).toEqual(hex(items));
        [x, i, r].forEach((k) => k.dispose());
      }), { numRuns: 60 });
  });

  it('x i with an atom index gives the item or the null atom', () => {
    fc.assert(fc.property(itemsArb(t, 9), fc.integer({ min: -2, max: 11 }), (items, i) => {
      const x = vec(t, items);
      const r = q.at(x, i);
      expect(r.type).toBe(-t);
      expect(hex(itemsOf(r))).toEqual(hex(ref.index(items, [i], nul)));
      x.dispose(); r.dispose();
    }), { numRuns: 40 });
  });

  it('k#x (cyclic, negative, empty source) matches the reference', () => {
    fc.assert(fc.property(itemsArb(t), fc.integer({ min: -150, max: 150 }), (items, k) => {
      const x = vec(t, items);
      const r = q.take(k, x);
      expect(r.type).toBe(t);
      expect(hex(itemsOf(r))).toEqual(hex(ref.take(items, k, nul)));
      x.dispose(); r.dispose();
    }), { numRuns: 60 });
  });

  it('k#atom repeats the atom', () => {
    fc.assert(fc.property(itemArb(t), fc.integer({ min: -40, max: 40 }), (item, k) => {
      const v = vec(t, [item]);
      const a = q.first(v);
      const r = q.take(k, a);
      expect(r.type).toBe(t);
      expect(hex(itemsOf(r))).toEqual(hex(ref.take([item], k, nul)));
      [v, a, r].forEach((z) => z.dispose());
    }), { numRuns: 30 });
  });

  it('k_x and x _ i match the reference', () => {
    fc.assert(fc.property(itemsArb(t), fc.integer({ min: -80, max: 80 }), (items, k) => {
      const x = vec(t, items);
      const r = q.drop(k, x);
      expect(r.type).toBe(t);
      expect(hex(itemsOf(r))).toEqual(hex(ref.drop(items, k)));
      const s = q.drop(x, k);
      expect(s.type).toBe(t);
      expect(hex(itemsOf(s))).toEqual(hex(ref.remove(items, k)));
      [x, r, s].forEach((z) => z.dispose());
    }), { numRuns: 60 });
  });

  it('x,y for vectors and atoms of the type', () => {
    fc.assert(fc.property(itemsArb(t), itemsArb(t), (a, b) => {
      const x = vec(t, a), y = vec(t, b);
      const r = q.join(x, y);
      expect(r.type).toBe(t);
      expect(hex(itemsOf(r))).toEqual(hex([...a, ...b]));
      if (b.length) {
        const yb = q.last(y);
        const s = q.join(x, yb), u = q.join(yb, x);
        expect(hex(itemsOf(s))).toEqual(hex([...a, b[b.length - 1]]));
        expect(hex(itemsOf(u))).toEqual(hex([b[b.length - 1], ...a]));
        [yb, s, u].forEach((z) => z.dispose());
      }
      [x, y, r].forEach((z) => z.dispose());
    }), { numRuns: 40 });
  });

  it('cut, n cut, sublist and raze match the reference', () => {
    fc.assert(fc.property(itemsArb(t), fc.array(fc.nat(), { maxLength: 6 }), fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: -5, max: 80 }), fc.integer({ min: -3, max: 30 }),
      (items, cuts, n, s0, s1) => {
        const x = vec(t, items);
        const offs = cuts.map((c) => c % (items.length + 1)).sort((p, q2) => p - q2);
        const c = q.drop(K.long(offs), x);
        const want = ref.cut(items, offs);
        expect(c.count).toBe(want.length);
        want.forEach((w, i) => { const it = c.item(i); expect(it.type).toBe(t); expect(hex(itemsOf(it))).toEqual(hex(w)); it.dispose(); });
        const cn = q.cut(n, x);
        const wn = ref.cutN(items, n);
        expect(cn.count).toBe(wn.length);
        wn.forEach((w, i) => { const it = cn.item(i); expect(hex(itemsOf(it))).toEqual(hex(w)); it.dispose(); });
        // raze undoes cut
        const rz = q.raze(cn);
        expect(hex(itemsOf(rz))).toEqual(hex(items));
        const sa = q.sublist(s0, x), sp = q.sublist([s0, s1], x);
        expect(hex(itemsOf(sa))).toEqual(hex(ref.sublist(items, s0, nul)));
        expect(hex(itemsOf(sp))).toEqual(hex(ref.sublist(items, [s0, s1], nul)));
        [x, c, cn, rz, sa, sp].forEach((z) => z.dispose());
      }), { numRuns: 40 });
  });

  it('r c#x reshapes', () => {
    fc.assert(fc.property(itemsArb(t, 12), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), (items, r, c) => {
      const x = vec(t, items);
      const m = q.take([r, c], x);
      const want = ref.reshape(items, r, c, nul);
      expect(m.count).toBe(r);
      want.forEach((w, i) => { const it = m.item(i); expect(it.type).toBe(t); expect(hex(itemsOf(it))).toEqual(hex(w)); it.dispose(); });
      x.dispose(); m.dispose();
    }), { numRuns: 30 });
  });

  it('d k (dictionary lookup by key) finds the first matching key or gives null', () => {
    // floats: one NaN (0n) and no -0, so byte equality is q's equality
    const canon = (b: Uint8Array): Uint8Array => {
      if (t === 8 || t === 9 || t === 15) {
        const f = t === 8 ? new Float32Array(b.slice().buffer)[0] : new Float64Array(b.slice().buffer)[0];
        if (Number.isNaN(f)) return nul;
        if (f === 0) return new Uint8Array(b.length);
      }
      return b;
    };
    const key = itemArb(t).map(canon);
    fc.assert(fc.property(fc.array(key, { maxLength: 40 }), fc.array(key, { maxLength: 10 }), fc.array(fc.nat(), { maxLength: 10 }),
      (keys, extra, picks) => {
        const look = [...extra, ...picks.filter(() => keys.length).map((p) => keys[p % keys.length])];
        const d = q.dict(vec(t, keys), q.til(keys.length));
        const lk = vec(t, look);
        const r = q.at(d, lk);
        const want = look.map((b) => { const i = keys.findIndex((k) => Buffer.compare(k, b) === 0); return i < 0 ? null : i; });
        expect(r.toJS()).toEqual(want);
        if (look.length) {
          const a = q.first(lk), ra = q.at(d, a);
          expect(ra.toJS()).toEqual(want[0]);
          [a, ra].forEach((z) => z.dispose());
        }
        [d, lk, r].forEach((z) => z.dispose());
      }), { numRuns: 40 });
  });

  it('1e5 items: gather, take, drop, join, raze', () => {
    const n = 100_000;
    const items = bigItems(t, n, t * 7919);
    const x = vec(t, items);
    const r = random(n, t);
    const idx = Array.from({ length: n }, () => (r() < 0.01 ? null : Math.floor(r() * (n + 200)) - 100));
    const i = K.long(idx);
    const g = q.at(x, i);
    sameBytes(bytesOf(g), ref.concat(ref.index(items, idx.map((v) => (v === null ? NaN : v)), nul)));
    const tk = q.take(-(2 * n + 7), x);
    sameBytes(bytesOf(tk), ref.concat(ref.take(items, -(2 * n + 7), nul)));
    const dr = q.drop(-333, x);
    sameBytes(bytesOf(dr), ref.concat(ref.drop(items, -333)));
    const jn = q.join(x, dr);
    sameBytes(bytesOf(jn), ref.concat([...items, ...ref.drop(items, -333)]));
    const ct = q.cut(997, x);
    const rz = q.raze(ct);
    sameBytes(bytesOf(rz), bytesOf(x));
    [x, i, g, tk, dr, jn, ct, rz].forEach((z) => z.dispose());
  });
});

describe('general lists', () => {
  const arb = fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant('s'), fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 })), { maxLength: 20 });
  // a general list whose first item is a long vector (so out-of-range gives `long$())
  const mk = (xs: unknown[]) => K.from([[0, 1], ...xs.map((v) => (typeof v === 'number' ? [v, 'q'] : v))]);
  it('index, take, drop and join keep items and references', () => {
    fc.assert(fc.property(arb, fc.array(fc.integer({ min: -3, max: 30 }), { maxLength: 10 }), fc.integer({ min: -40, max: 40 }), (xs, idx, k) => {
      const x = mk(xs);
      expect(x.type).toBe(0);
      const items = x.toJS() as unknown[];
      const n = items.length;
      const g = q.at(x, K.long(idx));
      expect(g.toJS()).toEqual(idx.map((i) => (i >= 0 && i < n ? items[i] : [])));
      const tk = q.take(k, x);
      expect(tk.toJS()).toEqual(ref.take(items.map((_, i) => Uint8Array.of(i)), k, Uint8Array.of(0)).map((b) => items[b[0]]));
      const dr = q.drop(k, x);
      expect(dr.toJS()).toEqual(k >= 0 ? items.slice(k) : items.slice(0, Math.max(0, n + k)));
      const jn = q.join(x, x);
      expect(jn.toJS()).toEqual([...items, ...items]);
      [x, g, tk, dr, jn].forEach((z) => z.dispose());
    }), { numRuns: 60 });
  });
});
