// Property tests: engine sort/search/set kernels against the TypeScript
// references, for every orderable type, with nulls, infinities, NaN payloads,
// duplicates, empty, one item, odd lengths and large vectors.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { q as q0, K } from '../src/index.js';
import { Q as SS } from '../src/ops/sortsearch.js';
import * as ref from './ref/sortsearch.js';
const q = q0 as typeof q0 & typeof SS;
import { TYPES, make, rawOf, nums, vecArb, itemArb, bigItems, bits } from './sortsearch.helpers.js';

const RUNS = { numRuns: 60 };
const canonAll = (t: number, xs: ref.Raw[]) => xs.map((x) => ref.canon(t, x));

describe.each(TYPES)('%s', (_name, t) => {
  it('iasc and idesc are stable grades in q order', () => {
    fc.assert(fc.property(vecArb(t), (items) => {
      const { k, raw } = make(t, items);
      const a = q.iasc(k), d = q.idesc(k);
      expect(nums(a)).toEqual(ref.grade(t, raw));
      expect(nums(d)).toEqual(ref.grade(t, raw, true));
      a.dispose(); d.dispose(); k.dispose();
    }), RUNS);
  });

  it('asc and desc give the items in grade order; asc sets s#', () => {
    fc.assert(fc.property(vecArb(t), (items) => {
      const { k, raw } = make(t, items);
      const before = bits(k);
      const a = q.asc(k), d = q.desc(k);
      expect(canonAll(t, rawOf(a))).toEqual(canonAll(t, ref.grade(t, raw).map((i) => raw[i])));
      expect(canonAll(t, rawOf(d))).toEqual(canonAll(t, ref.grade(t, raw, true).map((i) => raw[i])));
      expect(a.attr).toBe('s');
      expect(d.attr).toBe('');
      expect(bits(k)).toEqual(before); // the argument is unchanged
      // exact bits survive (NaN payloads, -0): same multiset of bit patterns
      expect([...bits(a)].sort()).toEqual([...before].sort());
      a.dispose(); d.dispose(); k.dispose();
    }), RUNS);
  });

  it('bin and binr on a sorted vector', () => {
    fc.assert(fc.property(vecArb(t), vecArb(t, 40), (xs, ys) => {
      const { k: x0 } = make(t, xs);
      const x = q.asc(x0);
      const xr = rawOf(x);
      const { k: y, raw: yr } = make(t, ys);
      const b = q.bin(x, y), r = q.binr(x, y);
      expect(nums(b)).toEqual(yr.map((v) => ref.bin(t, xr, v)));
      expect(nums(r)).toEqual(yr.map((v) => ref.bin(t, xr, v, true)));
      [x0, x, y, b, r].forEach((z) => z.dispose());
    }), RUNS);
  });

  it('find, in, distinct, group', () => {
    fc.assert(fc.property(vecArb(t), vecArb(t, 60), (xs, ys) => {
      const { k: x, raw: xr } = make(t, xs);
      const { k: y, raw: yr } = make(t, ys);
      const f = q.find(x, y), i = q.in_(y, x), dd = q.distinct(x), g = q.group(x);
      expect(nums(f)).toEqual(yr.map((v) => ref.find(t, xr, v)));
      expect(Array.from(i.data as Uint8Array)).toEqual(yr.map((v) => (ref.isIn(t, xr, v) ? 1 : 0)));
      const firsts = ref.distinct(t, xr);
      expect(canonAll(t, rawOf(dd))).toEqual(canonAll(t, firsts.map((j) => xr[j])));
      expect(dd.type).toBe(t);
      const gk = g.keys, gv = g.values;
      expect(canonAll(t, rawOf(gk))).toEqual(canonAll(t, firsts.map((j) => xr[j])));
      const lists = ref.group(t, xr).map(([, ix]) => ix);
      expect(gv.count).toBe(lists.length);
      lists.forEach((ix, j) => { const c = gv.item(j); expect(nums(c)).toEqual(ix); c.dispose(); });
      [x, y, f, i, dd, g, gk, gv].forEach((z) => z.dispose());
    }), RUNS);
  });

  it('except, inter, union', () => {
    fc.assert(fc.property(vecArb(t, 80), vecArb(t, 30), (xs, ys) => {
      const { k: x, raw: xr } = make(t, xs);
      const { k: y, raw: yr } = make(t, ys);
      const e = q.except(x, y), n = q.inter(x, y), u = q.union(x, y);
      expect(canonAll(t, rawOf(e))).toEqual(canonAll(t, xr.filter((v) => !ref.isIn(t, yr, v))));
      expect(canonAll(t, rawOf(n))).toEqual(canonAll(t, xr.filter((v) => ref.isIn(t, yr, v))));
      const j = [...xr, ...yr];
      expect(canonAll(t, rawOf(u))).toEqual(canonAll(t, ref.distinct(t, j).map((i) => j[i])));
      [x, y, e, n, u].forEach((z) => z.dispose());
    }), { numRuns: 30 });
  });

  it('atoms: find, bin and in with an atom y', () => {
    fc.assert(fc.property(vecArb(t, 50), itemArb(t), (xs, yi) => {
      const { k: x, raw: xr } = make(t, xs);
      const { k: yv, raw: yr } = make(t, [yi]);
      const y = yv.item(0);
      const sx = q.asc(x), sr = rawOf(sx);
      const f = q.find(x, y), b = q.bin(sx, y), r = q.binr(sx, y), i = q.in_(y, x);
      expect(f.type).toBe(-7);
      expect(Number((f.data as BigInt64Array)[0])).toBe(ref.find(t, xr, yr[0]));
      expect(Number((b.data as BigInt64Array)[0])).toBe(ref.bin(t, sr, yr[0]));
      expect(Number((r.data as BigInt64Array)[0])).toBe(ref.bin(t, sr, yr[0], true));
      expect(i.type).toBe(-1);
      expect((i.data as Uint8Array)[0]).toBe(ref.isIn(t, xr, yr[0]) ? 1 : 0);
      [x, yv, y, sx, f, b, r, i].forEach((z) => z.dispose());
    }), { numRuns: 30 });
  });

  it('large vectors (1e5, odd lengths) agree with the reference', () => {
    for (const n of [100001, 4099]) {
      const { k, raw } = make(t, bigItems(t, n, t === 1 ? 2 : 3000));
      const g = q.iasc(k), d = q.idesc(k), a = q.asc(k);
      const rg = ref.grade(t, raw);
      expect(nums(g)).toEqual(rg);
      expect(nums(d)).toEqual(ref.grade(t, raw, true));
      expect(canonAll(t, rawOf(a))).toEqual(canonAll(t, rg.map((i) => raw[i])));
      const dd = q.distinct(k), f = q.find(k, dd);
      const seen = new Map<string, number>();
      raw.forEach((v, i) => { const c = ref.canon(t, v); if (!seen.has(c)) seen.set(c, i); });
      expect(nums(f)).toEqual([...seen.values()]);
      const b = q.bin(a, dd);
      const sorted = rawOf(a);
      // bin: last index of each distinct value in the sorted vector
      const last = new Map<string, number>();
      sorted.forEach((v, i) => last.set(ref.canon(t, v), i));
      expect(nums(b)).toEqual(rawOf(dd).map((v) => last.get(ref.canon(t, v))));
      [k, g, d, a, dd, f, b].forEach((z) => z.dispose());
    }
  }, 60000);
});

describe('where', () => {
  it('booleans -> indices of 1b', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 300 }), (bs) => {
      const k = K.boolean(bs), w = q.where(k);
      expect(nums(w)).toEqual(ref.where(bs));
      k.dispose(); w.dispose();
    }), RUNS);
  });
  it('dense and sparse booleans up to 1e5', () => {
    for (const p of [0, 0.01, 0.5, 0.99, 1]) {
      const bs = Array.from({ length: 100003 }, (_, i) => (((i * 2654435761) >>> 0) / 2 ** 32 < p ? 1 : 0));
      const k = K.boolean(bs), w = q.where(k);
      expect(nums(w)).toEqual(ref.where(bs));
      k.dispose(); w.dispose();
    }
  });
  it.each([['byte', K.byte], ['short', K.short], ['int', K.int], ['long', K.long]] as const)('%s counts', (_n, c) => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 100 }), (xs) => {
      const k = c(xs), w = q.where(k);
      expect(nums(w)).toEqual(ref.where(xs));
      k.dispose(); w.dispose();
    }), RUNS);
  });
});

describe('64-bit keys with a constant high half (narrow radix entries)', () => {
  it.each([['long', 7], ['timestamp', 12], ['timespan', 16]] as const)('%s', (_n, t) => {
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }), fc.array(fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }), { minLength: 40, maxLength: 400 }), (base, offs) => {
      const items = offs.map((o) => base + o);
      const { k, raw } = make(t, items);
      const g = q.iasc(k), d = q.idesc(k), a = q.asc(k);
      expect(nums(g)).toEqual(ref.grade(t, raw));
      expect(nums(d)).toEqual(ref.grade(t, raw, true));
      expect(rawOf(a)).toEqual(ref.grade(t, raw).map((i) => raw[i]));
      [k, g, d, a].forEach((z) => z.dispose());
    }), RUNS);
  });
});

describe('general lists (TypeScript paths): lists of strings', () => {
  const strs = fc.array(fc.oneof(fc.constantFrom('', 'a', 'ab', 'b', 'ba', 'abc'), fc.string({ maxLength: 3, unit: 'binary-ascii' })), { minLength: 2, maxLength: 60 });
  const bcmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0); // ASCII: code units are bytes
  const mk = (xs: string[]) => K.from(xs.map((s) => K.string(s)));
  it('iasc, idesc, asc are stable lexicographic', () => {
    fc.assert(fc.property(strs, (xs) => {
      const k = mk(xs);
      const g = q.iasc(k), d = q.idesc(k), a = q.asc(k);
      const ix = xs.map((_, i) => i);
      expect(nums(g)).toEqual([...ix].sort((i, j) => bcmp(xs[i], xs[j]) || i - j));
      expect(nums(d)).toEqual([...ix].sort((i, j) => bcmp(xs[j], xs[i]) || i - j));
      expect(a.toJS()).toEqual([...xs].sort(bcmp));
      expect(a.attr).toBe('s');
      [k, g, d, a].forEach((z) => z.dispose());
    }), RUNS);
  });
  it('find, distinct, group, in, except, union, bin', () => {
    fc.assert(fc.property(strs, strs, (xs, ys) => {
      const x = mk(xs), y = mk(ys);
      const f = q.find(x, y), dd = q.distinct(x), g = q.group(x), e = q.except(x, y), u = q.union(x, y);
      expect(nums(f)).toEqual(ys.map((s) => { const i = xs.indexOf(s); return i < 0 ? xs.length : i; }));
      const uniq = [...new Set(xs)];
      expect(dd.toJS()).toEqual(uniq);
      const gv = g.values;
      expect(gv.toJS()).toEqual(uniq.map((s) => xs.flatMap((v, i) => (v === s ? [i] : []))));
      expect(e.toJS()).toEqual(xs.filter((s) => !ys.includes(s)));
      expect(u.toJS()).toEqual([...new Set([...xs, ...ys])]);
      const sx = q.asc(x), sorted = [...xs].sort(bcmp);
      const b = q.bin(sx, y);
      expect(nums(b)).toEqual(ys.map((s) => { let r = -1; sorted.forEach((v, i) => { if (bcmp(v, s) <= 0) r = i; }); return r; }));
      const i0 = q.in_(y.item(0), x);
      expect(i0.toJS()).toBe(xs.includes(ys[0]));
      [x, y, f, dd, g, gv, e, u, sx, b, i0].forEach((z) => z.dispose());
    }), RUNS);
  });
});

describe('asc detects sorted input (SIMD check): an s# copy, the argument untouched', () => {
  it.each([['short', 5], ['int', 6], ['long', 7], ['float', 9], ['symbol', 11], ['date', 14]] as const)('%s', (_n, t) => {
    fc.assert(fc.property(vecArb(t, 70), fc.nat(), (items, at) => {
      const { k } = make(t, items);
      const s = q.asc(k);
      const again = make(t, rawOf(s).map((v) => (typeof v === 'number' && (t === 9) ? (() => { const f = new Float64Array([v]); return new BigInt64Array(f.buffer)[0]; })() : v)));
      const r = q.asc(again.k);
      expect(r.attr).toBe('s');
      expect(again.k.attr).toBe(''); // value semantics: the caller's vector keeps its attribute
      expect(rawOf(r)).toEqual(rawOf(again.k));
      const r3 = q.asc(r); // an s# argument comes back as the same block
      expect(r3.ptr).toBe(r.ptr);
      r3.dispose();
      // one adjacent swap of unequal items anywhere makes it unsorted
      const raw = rawOf(s);
      const i = raw.length > 1 ? at % (raw.length - 1) : 0;
      if (raw.length > 1 && ref.compare(t, raw[i], raw[i + 1]) < 0) {
        const sw = [...raw]; [sw[i], sw[i + 1]] = [sw[i + 1], sw[i]];
        const u = make(t, sw.map((v) => (t === 9 ? (() => { const f = new Float64Array([v as number]); return new BigInt64Array(f.buffer)[0]; })() : v)));
        const r2 = q.asc(u.k);
        expect(r2.ptr).not.toBe(u.k.ptr);
        [u.k, r2].forEach((z) => z.dispose());
      }
      [k, s, again.k, r].forEach((z) => z.dispose());
    }), RUNS);
  });
});
