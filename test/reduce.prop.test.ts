// Property tests: every kernel of the reduce family against test/ref/reduce.ts on
// random vectors of every applicable type, with nulls, infinities, empty, length
// 1, odd lengths (SIMD tails) and 1e5 items.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { q, K, QTYPES } from '../src/index.js';
import { alloc, mem } from '../src/runtime.js';
import * as R from './ref/reduce.js';
import type { Cls, Raw } from './ref/reduce.js';

const qf = q as unknown as Record<string, (...a: unknown[]) => K>;

/** A vector of type code from raw stored values. */
function mk(code: number, a: Raw[]): K {
  const p = alloc(code, a.length);
  const T = QTYPES[code]!.array as unknown as { new (b: ArrayBufferLike, o: number, n: number): { set(x: ArrayLike<Raw>): void } };
  new T(mem().buffer, p + 16, a.length).set(a as ArrayLike<Raw>);
  return new K(p);
}
const out = (k: K): Raw[] => Array.from(k.data as ArrayLike<Raw>);
const atom = (k: K): Raw => (k.data as ArrayLike<Raw>)[0];

const TYPES: [number, Cls][] = [
  [1, 'G'], [4, 'G'], [10, 'G'], [5, 'H'], [6, 'I'], [13, 'I'], [14, 'I'], [17, 'I'], [18, 'I'], [19, 'I'],
  [7, 'J'], [12, 'J'], [16, 'J'], [8, 'E'], [9, 'F'], [15, 'F'],
];
const SUMT: Record<number, number> = { 1: 6, 4: 6, 5: 6, 6: 6, 7: 7, 8: 8, 9: 9, 12: 12, 13: 13, 14: 14, 15: 15, 16: 16, 17: 17, 18: 18, 19: 19 };
const DELT: Record<number, number> = { 1: 6, 4: 6, 5: 6, 6: 6, 7: 7, 8: 8, 9: 9, 12: 16, 13: 6, 14: 6, 15: 9, 16: 16, 17: 17, 18: 18, 19: 19 };

function item(code: number, c: Cls): fc.Arbitrary<Raw> {
  switch (c) {
    case 'G': return code === 1 ? fc.integer({ min: 0, max: 1 }) : fc.integer({ min: 0, max: 255 });
    case 'H': return fc.oneof(fc.constantFrom(-32768, 32767, -32767, 0), fc.integer({ min: -32768, max: 32767 }), fc.integer({ min: -9, max: 9 }));
    case 'I': return fc.oneof(fc.constantFrom(-2147483648, 2147483647, -2147483647, 0), fc.integer({ min: -2147483648, max: 2147483647 }), fc.integer({ min: -99, max: 99 }));
    case 'J': return fc.oneof(fc.constantFrom(-9223372036854775808n, 9223372036854775807n, -9223372036854775807n, 0n),
      fc.bigInt({ min: -9223372036854775808n, max: 9223372036854775807n }), fc.bigInt({ min: -99n, max: 99n }));
    case 'E': return fc.oneof(fc.constantFrom(NaN, Infinity, -Infinity, 0, -0), fc.float({ noDefaultInfinity: true }), fc.integer({ min: -99, max: 99 }));
    default: return fc.oneof(fc.constantFrom(NaN, Infinity, -Infinity, 0, -0), fc.double(), fc.integer({ min: -99, max: 99 }).map((x) => x / 4));
  }
}
const vec = (code: number, c: Cls) => fc.array(item(code, c), { maxLength: 70 });
const RUNS = { numRuns: 40 };
/** -0 and 0 are equal in q; which of two equal items a selection returns is not specified. */
const z = (x: Raw) => (x === 0 ? 0 : x);
const zs = (a: Raw[]) => a.map(z);


/** Deterministic 1e5-item vector for the large case. */
function big(code: number, c: Cls): Raw[] {
  const n = 100001;
  let s = 12345 + code;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) | 0) >>> 0) / 4294967296;
  const a: Raw[] = [];
  for (let i = 0; i < n; i++) {
    const u = rnd();
    if (c === 'G') a.push(code === 1 ? (u < 0.5 ? 0 : 1) : Math.floor(u * 256));
    else if (c === 'J') a.push(u < 0.05 ? R.NUL.J : BigInt(Math.floor((rnd() - 0.5) * 2e6)));
    else if (c === 'E' || c === 'F') a.push(u < 0.05 ? NaN : c === 'E' ? Math.fround((rnd() - 0.5) * 1e3) : (rnd() - 0.5) * 1e3);
    else a.push(u < 0.05 ? R.NUL[c] : Math.floor((rnd() - 0.5) * 2e4));
  }
  return a;
}

/** Checks f on random vectors and on the large one. */
function prop(code: number, c: Cls, check: (a: Raw[]) => void): void {
  fc.assert(fc.property(vec(code, c), (a) => { check(a); }), RUNS);
  check([]); check(big(code, c));
  // neighbours equal only within q's tolerance (fast-check's bias draws such pairs near ±max)
  if (c === 'F') check([-1.7976931348623157e308, -1.7976931348623155e308, 1, 1 + 2 ** -50, 1 + 2 ** -40, NaN, NaN, 0, -0]);
}


describe.each(TYPES)('type %i (%s)', (code, c) => {
  const numeric = code !== 10;
  it('sum prd', () => prop(code, c, (a) => {
    const x = mk(code, a);
    try {
      if (!numeric) { expect(() => qf.sum(x)).toThrow('type'); return; }
      const s = qf.sum(x), p = qf.prd(x);
      expect(s.type).toBe(-SUMT[code]); expect(p.type).toBe(-SUMT[code]);
      expect(atom(s)).toEqual(R.sum(c, a)); expect(atom(p)).toEqual(R.prd(c, a));
      s.dispose(); p.dispose();
    } finally { x.dispose(); }
  }));
  it('max min', () => prop(code, c, (a) => {
    const x = mk(code, a);
    const mx = qf.max(x), mn = qf.min(x);
    expect(mx.type).toBe(-code);
    expect(z(atom(mx))).toEqual(z(R.max(c, a)));
    const m = R.min(c, a);
    expect(z(atom(mn))).toEqual(z(code === 1 && m === 255 ? 1 : m));
    x.dispose(); mx.dispose(); mn.dispose();
  }));
  it('avg var dev svar sdev med', () => prop(code, c, (a) => {
    const x = mk(code, a);
    if (!numeric) {
      for (const f of ['avg', 'var', 'dev', 'svar', 'sdev', 'med', 'avgs']) expect(() => qf[f](x)).toThrow('type');
      x.dispose();
      return;
    }
    const av = qf.avg(x), va = qf.var(x), de = qf.dev(x), sv = qf.svar(x), md = qf.med(x);
    expect(av.type).toBe(-9);
    expect(atom(av)).toEqual(R.avg(c, a));
    expect(atom(va)).toEqual(R.variance(c, a));
    expect(atom(de)).toEqual(Math.sqrt(R.variance(c, a)));
    const n = R.count(c, a);
    expect(atom(sv)).toEqual(R.variance(c, a) * n / (n - 1));
    expect(z(atom(md))).toEqual(z(R.med(c, a)));
    for (const k of [x, av, va, de, sv, md]) k.dispose();
  }));
  it('all any', () => prop(code, c, (a) => {
    const x = mk(code, a);
    const al = qf.all(x), an = qf.any(x);
    expect(atom(al)).toBe(R.all(a) ? 1 : 0);
    expect(atom(an)).toBe(R.any(a) ? 1 : 0);
    for (const k of [x, al, an]) k.dispose();
  }));
  it('sums prds maxs mins', () => prop(code, c, (a) => {
    const x = mk(code, a);
    try {
      const mx = qf.maxs(x), mn = qf.mins(x);
      if (numeric) {
        const av = qf.avgs(x);
        expect(av.type).toBe(9);
        expect(out(av)).toEqual(R.avgs(c, a));
        av.dispose();
      }
      expect(mx.type).toBe(code);
      expect(out(mx)).toEqual(R.maxs(c, a)); expect(out(mn)).toEqual(R.mins(c, a));
      mx.dispose(); mn.dispose();
      if (!numeric) { expect(() => qf.sums(x)).toThrow('type'); return; }
      const s = qf.sums(x), p = qf.prds(x);
      expect(s.type).toBe(SUMT[code]);
      expect(out(s)).toEqual(R.sums(c, a)); expect(out(p)).toEqual(R.prds(c, a));
      s.dispose(); p.dispose();
    } finally { x.dispose(); }
  }));
  it('deltas ratios differ fills reverse', () => prop(code, c, (a) => {
    const x = mk(code, a);
    try {
      const df = qf.differ(x), rv = qf.reverse(x), fl = qf.fills(x);
      expect(out(df)).toEqual(R.differ(c, a));
      expect(out(rv)).toEqual(R.reverse(a));
      expect(out(fl)).toEqual(code === 10 ? R.fills(c, a, 32) : c === 'G' ? a : R.fills(c, a));
      for (const k of [df, rv, fl]) k.dispose();
      if (!numeric) return;
      const d = qf.deltas(x), r = qf.ratios(x);
      expect(d.type).toBe(DELT[code]);
      expect(out(d)).toEqual(R.deltas(c, a));
      expect(out(r)).toEqual(R.ratios(c, a));
      d.dispose(); r.dispose();
    } finally { x.dispose(); }
  }));
  it('rank rotate xprev', () => {
    fc.assert(fc.property(vec(code, c), fc.integer({ min: -80, max: 80 }), (a, k) => {
      const x = mk(code, a), kk = K.long(k);
      const rk = qf.rank(x), ro = qf.rotate(kk, x), xp = qf.xprev(kk, x);
      expect(out(rk).map(Number)).toEqual(R.rank(c, a));
      expect(out(ro)).toEqual(R.rotate(k, a));
      expect(out(xp)).toEqual(code === 10 ? R.xprev(c, k, a).map((v, i) => (i - k >= 0 && i - k < a.length ? v : 32)) : R.xprev(c, k, a));
      for (const h of [x, kk, rk, ro, xp]) h.dispose();
    }), RUNS);
  });
  it('msum mcount mavg mdev mmax mmin', () => {
    fc.assert(fc.property(vec(code, c), fc.integer({ min: 0, max: 9 }), (a, w) => {
      const x = mk(code, a), kw = K.long(w);
      try {
        const mx = qf.mmax(kw, x), mn = qf.mmin(kw, x), mc = qf.mcount(kw, x);
        expect(zs(out(mx))).toEqual(zs(R.mmax(c, w, a))); expect(zs(out(mn))).toEqual(zs(R.mmin(c, w, a)));
        expect(out(mc)).toEqual(R.mcount(c, w, a));
        for (const h of [mx, mn, mc]) h.dispose();
        if (!numeric) return;
        const ms = qf.msum(kw, x), ma = qf.mavg(kw, x), md = qf.mdev(kw, x);
        expect(out(ms)).toEqual(R.msum(c, w, a));
        expect(out(ma)).toEqual(R.mavg(c, w, a));
        expect(out(md)).toEqual(R.mavg(c, w, a, true));
        for (const h of [ms, ma, md]) h.dispose();
      } finally { x.dispose(); kw.dispose(); }
    }), RUNS);
    const a = big(code, c), x = mk(code, a), kw = K.long(50);
    const mx = qf.mmax(kw, x);
    expect(zs(out(mx))).toEqual(zs(R.mmax(c, 50, a)));
    if (numeric) { const ms = qf.msum(kw, x); expect(out(ms)).toEqual(R.msum(c, 50, a)); ms.dispose(); }
    for (const h of [x, kw, mx]) h.dispose();
    // windows wider than a chunk (4096) and not dividing it
    const a2 = a.slice(0, 9001), x2 = mk(code, a2);
    for (const w of [4097, 5000, 12000]) {
      const k2 = K.long(w), m1 = qf.mmin(k2, x2);
      expect(zs(out(m1))).toEqual(zs(R.mmin(c, w, a2)));
      for (const h of [k2, m1]) h.dispose();
    }
    x2.dispose();
  });
});

describe('xbar and ema against the reference', () => {
  it('xbar long/int/float', () => {
    fc.assert(fc.property(fc.array(item(7, 'J'), { maxLength: 40 }), fc.bigInt({ min: 0n, max: 1000n }), (a, x) => {
      const y = mk(7, a), k = K.long(x);
      const r = qf.xbar(k, y);
      expect(out(r)).toEqual(R.xbarInt('J', x, a));
      y.dispose(); k.dispose(); r.dispose();
    }), RUNS);
    fc.assert(fc.property(fc.array(item(6, 'I'), { maxLength: 40 }), fc.integer({ min: 0, max: 1000 }), (a, x) => {
      const y = mk(6, a), k = K.int(x);
      const r = qf.xbar(k, y);
      expect(r.type).toBe(6);
      expect(out(r)).toEqual(R.xbarInt('I', x, a));
      y.dispose(); k.dispose(); r.dispose();
    }), RUNS);
    fc.assert(fc.property(fc.array(item(9, 'F'), { maxLength: 40 }), fc.double({ min: 0.1, max: 100, noNaN: true }), (a, x) => {
      const y = mk(9, a), k = K.float(x);
      const r = qf.xbar(k, y);
      expect(out(r)).toEqual(R.xbarF(x, a as number[]));
      y.dispose(); k.dispose(); r.dispose();
    }), RUNS);
  });
  it('ema with an atom and a vector alpha', () => {
    fc.assert(fc.property(fc.array(item(9, 'F'), { minLength: 1, maxLength: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), (a, al) => {
      const y = mk(9, a), k = K.float(al);
      const r = qf.ema(k, y);
      expect(out(r)).toEqual(R.ema(al, a as number[]));
      const av = mk(9, a.map(() => al));
      const r2 = qf.ema(av, y);
      expect(out(r2)).toEqual(R.ema(a.map(() => al), a as number[]));
      for (const h of [y, k, r, av, r2]) h.dispose();
    }), RUNS);
  });
});

describe('guards and aliasing', () => {
  it('inputs are unchanged and neighbours intact', () => {
    const a = [5n, -9223372036854775808n, 3n, 9n, 1n];
    const before = mk(7, [111n]), x = mk(7, a), after = mk(7, [222n]);
    for (const f of ['sum', 'max', 'min', 'avg', 'sums', 'maxs', 'mins', 'deltas', 'ratios', 'fills', 'reverse', 'differ', 'med', 'rank'])
      qf[f](x).dispose();
    for (const f of ['msum', 'mmax', 'mmin', 'mavg', 'mdev', 'mcount', 'rotate', 'xprev', 'xbar']) {
      const k = K.long(2);
      qf[f](k, x).dispose();
      k.dispose();
    }
    expect(out(x)).toEqual(a);
    expect(out(before)).toEqual([111n]);
    expect(out(after)).toEqual([222n]);
    x.dispose(); before.dispose(); after.dispose();
  });
  it('errors free what they allocated', () => {
    const s = K.symbol(['a', 'b']), l1 = K.long([1, 2]), l2 = K.long([1, 2, 3]);
    const before = q.memory().blocks;
    for (const f of ['sum', 'prd', 'avg', 'max', 'min', 'var', 'med', 'sums', 'deltas', 'ratios', 'all'])
      expect(() => qf[f](s)).toThrow('type');
    for (const f of ['wsum', 'wavg', 'cov', 'cor', 'scov']) expect(() => qf[f](l1, l2)).toThrow('length');
    expect(() => qf.msum(s, l1)).toThrow('type');
    expect(() => qf.ema(K.float([0.5]), l2)).toThrow('length');
    expect(q.memory().blocks).toBe(before + 1);
  });
});
