// Property tests: wasm kernels (through the q functions) against the plain
// TypeScript reference in test/ref/atomic.ts, for every storage class, with
// nulls, infinities, empty, one, odd lengths and atom/vector shapes.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { q, K } from '../src/index.js';
import * as ref from './ref/atomic.js';
import * as G from '../src/ops/atomic/grids.js';
import { raw, items, clsOf, arbPair, arbRaw, arbLen, sameRaw, code } from './atomic_util.js';
import type { Cls, Raw } from './ref/atomic.js';

const NUMERIC = 'bxhijefc'.split('').map(code);
const TEMPORAL = 'pmdznuvt'.split('').map(code);
const FLOATC = new Set(['E', 'F']);
const runs = { numRuns: 60 };

function mk(t: number, v: Raw[], atom: boolean): K { return raw(t, v, atom); }

/** Expected raw result of x op y for the grid ops, from the reference. */
function expected(op: ref.Op2, g: Int8Array, tx: number, ty: number, xs: Raw[], ys: Raw[], n: number, ax: boolean, ay: boolean): { t: number; v: Raw[] } | 'type' {
  const R = G.cell(g, tx, ty);
  if (!R) return 'type';
  const cx = clsOf(tx), cy = clsOf(ty), cr = clsOf(R);
  let C: Cls;
  if (op === 'div' || op === 'xexp' || op === 'xlog') C = 'F';
  else if (op === 'idiv' || op === 'mod') {
    const fl = [cx, cy, cr].some((c) => FLOATC.has(c));
    C = fl ? 'F' : [cx, cy, cr].includes('J') ? 'J' : 'I';
  } else C = cr;
  const out: Raw[] = [];
  const fillNull = op === 'fill' && R === 10 ? 32 : undefined;
  for (let i = 0; i < n; i++) {
    const conv = (t: number, c: Cls, v: Raw) => (t === 14 && R === 15 ? ref.toDatetime('I', v, 1) : ref.castRaw(c, C, v));
    const a = conv(tx, cx, xs[ax ? 0 : i]), b = conv(ty, cy, ys[ay ? 0 : i]);
    let v = ref.bin(op, C, a, b, fillNull);
    if (C !== cr) v = ref.castRaw(C, cr, v);
    out.push(v);
  }
  return { t: R, v: out };
}

const OPS: [ref.Op2, Int8Array, (x: K, y: K) => K][] = [
  ['add', G.ADD, q.add as never], ['sub', G.SUB, q.sub as never], ['mul', G.MUL, q.mul as never],
  ['div', G.DIV, q.div as never], ['min', G.MINMAX, q.and as never], ['max', G.MINMAX, q.or as never],
  ['fill', G.FILL, q.fill as never], ['idiv', G.IDIV, q.idiv as never], ['mod', G.MOD, q.mod as never],
  ['xexp', G.XEXP, q.xexp as never], ['xlog', G.XLOG, q.xlog as never],
];

describe.each(OPS)('%s vs reference', (op, g, f) => {
  const approx = op === 'xexp' || op === 'xlog' ? 1e-12 : 0;
  it.each(NUMERIC.map((t) => [t]))('same type %i', (t) => {
    fc.assert(fc.property(arbPair(t, t), ({ x, y, ax, ay }) => {
      const kx = mk(t, x, ax), ky = mk(t, y, ay);
      const n = ax ? y.length : x.length;
      const e = expected(op, g, t, t, x, y, n, ax, ay);
      if (e === 'type') { expect(() => f(kx, ky)).toThrow('type'); return; }
      const r = f(kx, ky);
      expect(r.type).toBe(ax && ay ? -e.t : e.t);
      expect(sameRaw(items(r), e.v, approx)).toBe(true);
      kx.dispose(); ky.dispose(); r.dispose();
    }), runs);
  });
  it('mixed numeric and temporal types', () => {
    const types = [...NUMERIC, ...TEMPORAL];
    fc.assert(fc.property(fc.constantFrom(...types), fc.constantFrom(...NUMERIC), fc.boolean(), (a, b, swap) => {
      const [tx, ty] = swap ? [b, a] : [a, b];
      fc.assert(fc.property(arbPair(tx, ty), ({ x, y, ax, ay }) => {
        const kx = mk(tx, x, ax), ky = mk(ty, y, ay);
        const n = ax ? y.length : x.length;
        const e = expected(op, g, tx, ty, x, y, n, ax, ay);
        try {
          if (e === 'type') { expect(() => f(kx, ky)).toThrow('type'); return; }
          const r = f(kx, ky);
          expect(r.type).toBe(ax && ay ? -e.t : e.t);
          expect(sameRaw(items(r), e.v, approx), `${tx} ${op} ${ty}: ${items(r)} vs ${e.v}`).toBe(true);
          r.dispose();
        } finally { kx.dispose(); ky.dispose(); }
      }), { numRuns: 8 });
    }), { numRuns: 40 });
  });
});

const CMPS: ref.Cmp[] = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
const RANKC: Cls[] = ['G', 'H', 'I', 'J', 'F'];
describe.each(CMPS.map((c) => [c]))('%s vs reference', (op) => {
  const f = (q as unknown as Record<string, (x: K, y: K) => K>)[op];
  it('numeric and same-type temporal pairs', () => {
    const types = [...NUMERIC, ...TEMPORAL];
    fc.assert(fc.property(fc.constantFrom(...types), fc.constantFrom(...types), (a, b) => {
      const ta = TEMPORAL.includes(a), tb = TEMPORAL.includes(b);
      const [tx, ty] = ta && tb ? [a, a] : [a, b];
      const cx = clsOf(tx), cy = clsOf(ty);
      const C: Cls = tx === ty && cx !== 'E' ? cx : RANKC[Math.max(RANKC.indexOf(cx === 'E' ? 'F' : cx), RANKC.indexOf(cy === 'E' ? 'F' : cy))];
      fc.assert(fc.property(arbPair(tx, ty), ({ x, y, ax, ay }) => {
        const kx = mk(tx, x, ax), ky = mk(ty, y, ay);
        try {
          const n = ax ? y.length : x.length;
          const e: number[] = [];
          for (let i = 0; i < n; i++) e.push(ref.cmp(op, C === 'F', ref.castRaw(cx, C, x[ax ? 0 : i]), ref.castRaw(cy, C, y[ay ? 0 : i])));
          const r = f(kx, ky);
          expect(r.type).toBe(ax && ay ? -1 : 1);
          expect(items(r)).toEqual(e);
          r.dispose();
        } finally { kx.dispose(); ky.dispose(); }
      }), { numRuns: 10 });
    }), { numRuns: 60 });
  });
});

describe('monads vs reference', () => {
  const arbVec = (t: number) => fc.tuple(arbLen, fc.boolean()).chain(([n, atom]) =>
    fc.record({ v: fc.array(arbRaw(t), { minLength: atom ? 1 : n, maxLength: atom ? 1 : n }), atom: fc.constant(atom) }));
  const check = (name: string, f: (x: K) => K, rng: Int8Array, each: (c: Cls, v: Raw, t: number) => Raw, tol = 0) =>
    it.each([...NUMERIC, ...TEMPORAL].map((t) => [t]))(`${name} of type %i`, (t) => {
      fc.assert(fc.property(arbVec(t), ({ v, atom }) => {
        const k = mk(t, v, atom);
        try {
          const R = rng[t];
          if (!R) { expect(() => f(k)).toThrow('type'); return; }
          const r = f(k);
          expect(r.type).toBe(atom ? -R : R);
          const e = v.map((x) => each(clsOf(t), x, R));
          expect(sameRaw(items(r), e, tol), `${items(r)} vs ${e}`).toBe(true);
          r.dispose();
        } finally { k.dispose(); }
      }), runs);
    });
  const promoteTo = (c: Cls, v: Raw, R: number) => ref.castRaw(c, clsOf(R), v);
  check('neg', q.neg as never, G.R_NEG, (c, v, R) => ref.neg(clsOf(R), promoteTo(c, v, R)));
  check('abs', q.abs as never, G.R_ABS, (c, v, R) => ref.abs(clsOf(R), promoteTo(c, v, R)));
  check('signum', q.signum as never, G.R_SIGNUM, (c, v) => {
    const C: Cls = c === 'G' ? 'I' : c === 'E' ? 'F' : c;
    return ref.signum(C, ref.castRaw(c, C, v));
  });
  check('not', q.not as never, new Int8Array(20).fill(1), (_c, v) => ref.not(v));
  for (const fn of Object.keys(ref.FNS)) {
    const rng = fn === 'reciprocal' ? G.R_RECIP : G.R_FLOAT;
    check(fn, (q as unknown as Record<string, (x: K) => K>)[fn], rng, (c, v, R) => {
      const r = ref.FNS[fn](ref.castRaw(c, 'F', v) as number);
      return clsOf(R) === 'F' ? r : ref.castRaw('F', clsOf(R), r);
    }, fn === 'reciprocal' || fn === 'sqrt' ? 0 : 1e-14);
  }
  check('floor', q.floor as never, G.R_FLOOR, (c, v, R) => {
    if (c === 'E' || c === 'F') return ref.roundJ(false, v as number);
    if (R === 10) { const x = Number(v); return x >= 65 && x <= 90 ? x + 32 : x; }
    return v;
  });
  check('ceiling', q.ceiling as never, G.R_CEILING, (c, v, R) => {
    if (c === 'E' || c === 'F') return ref.roundJ(true, v as number);
    return ref.castRaw(c, clsOf(R), v);
  });
});

describe('casts vs reference', () => {
  it('between numeric types', () => {
    fc.assert(fc.property(fc.constantFrom(...NUMERIC), fc.constantFrom(...NUMERIC), (from, to) => {
      fc.assert(fc.property(fc.array(arbRaw(from), { maxLength: 40 }), (v) => {
        const k = mk(from, v, false);
        try {
          const r = q.cast(to, k);
          expect(r.type).toBe(to);
          const cf = clsOf(from), ct = clsOf(to);
          const e = v.map((x) => (to === 1 ? ref.toBool(x) : ref.castRaw(cf, ct, x)));
          expect(sameRaw(items(r), e), `${from}->${to}: ${v} -> ${items(r)} vs ${e}`).toBe(true);
          r.dispose();
        } finally { k.dispose(); }
      }), { numRuns: 10 });
    }), { numRuns: 80 });
  });
  const NS = 86400000000000n;
  const small = (t: number) => arbRaw(t).map((x) => (typeof x === 'bigint' ? x : x));
  const T: [string, string, (v: Raw) => Raw][] = [
    ['d', 'p', (v) => ref.tscale('I', 'J', v, NS, 1n, 0n)],
    ['p', 'd', (v) => ref.tscale('J', 'I', v, 1n, NS, 0n)],
    ['p', 't', (v) => ref.tscale('J', 'I', v, 1n, 1000000n, NS)],
    ['p', 'u', (v) => ref.tscale('J', 'I', v, 1n, 60000000000n, NS)],
    ['n', 'v', (v) => ref.tscale('J', 'I', v, 1n, 1000000000n, 0n)],
    ['t', 'n', (v) => ref.tscale('I', 'J', v, 1000000n, 1n, 0n)],
    ['u', 'v', (v) => ref.tscale('I', 'I', v, 60n, 1n, 0n)],
    ['v', 'u', (v) => ref.tscale('I', 'I', v, 1n, 60n, 0n)],
    ['t', 'u', (v) => ref.tscale('I', 'I', v, 1n, 60000n, 0n)],
    ['d', 'm', (v) => ref.d2m(v as number)],
    ['m', 'd', (v) => ref.m2d(v as number)],
  ];
  it.each(T)('%s -> %s', (a, b, f) => {
    const from = code(a), to = code(b);
    const arb = a === 'd' || a === 'm' ? fc.oneof(fc.integer({ min: -800000, max: 800000 }), fc.constantFrom(-2147483648, 2147483647, -2147483647)) : small(from);
    fc.assert(fc.property(fc.array(arb, { maxLength: 40 }), (v) => {
      const k = mk(from, v, false);
      try {
        const r = q.cast(to, k);
        expect(r.type).toBe(to);
        expect(sameRaw(items(r), v.map(f)), `${v} -> ${items(r)}`).toBe(true);
        r.dispose();
      } finally { k.dispose(); }
    }), runs);
  });
});

describe('large vectors', () => {
  it('1e5 items: add, mul, eq, min, fill, neg, cast on longs and floats', () => {
    const n = 100000;
    const xs = Array.from({ length: n }, (_, i) => (i % 97 === 0 ? -(2n ** 63n) : BigInt(i * 7919 % 100003 - 50000)));
    const fs = Array.from({ length: n }, (_, i) => (i % 89 === 0 ? NaN : (i * 0.37) % 1000 - 500));
    const kx = raw(7, xs), kf = raw(9, fs);
    const sum = q.add(kx, kx), prod = q.mul(kf, kf), e = q.eq(kx, 7n), mn = q.and(kf, 0), fl = q.fill(0, kx), ng = q.neg(kf), c = q.cast('f', kx);
    expect(sameRaw(items(sum), xs.map((x) => ref.bin('add', 'J', x, x)))).toBe(true);
    expect(sameRaw(items(prod), fs.map((x) => x * x))).toBe(true);
    expect(items(e)).toEqual(xs.map((x) => (x === 7n ? 1 : 0)));
    expect(sameRaw(items(mn), fs.map((x) => ref.bin('min', 'F', x, 0)))).toBe(true);
    expect(sameRaw(items(fl), xs.map((x) => (x === -(2n ** 63n) ? 0n : x)))).toBe(true);
    expect(sameRaw(items(ng), fs.map((x) => -x))).toBe(true);
    expect(sameRaw(items(c), xs.map((x) => ref.castRaw('J', 'F', x)))).toBe(true);
  });
});
