// ema, wavg, wsum, cov, scov, cor against plain TS references written from the
// q reference's definitions (ref/ema.md, avg.md, sum.md, cov.md, cor.md).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { q, K } from '../src/index.js';

/** q's ema: first[y] (1-x)\ x*y — r[0] is y[0], then (1-x)*r + x*y[i], in that order. */
function emaRef(a: number | number[], y: number[]): number[] {
  const out: number[] = [];
  let r = y[0];
  for (let i = 0; i < y.length; i++) {
    const al = typeof a === 'number' ? a : a[i];
    r = (1 - al) * r + al * y[i];
    out.push(r);
  }
  return out;
}

const floats = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });

describe('ema (ref/ema.md)', () => {
  it('is bit-identical to the recurrence q defines it by', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), floats, (a, ys) => {
      using y = K.float(ys);
      using r = q.ema(K.float(a), y);
      expect(Array.from(r.data as Float64Array)).toEqual(emaRef(a, ys));
    }), { numRuns: 200 });
  });
  it('takes one smoothing value per item', () => {
    fc.assert(fc.property(floats, (ys) => {
      const as = ys.map((_, i) => (i % 7) / 7);
      using r = q.ema(K.float(as), K.float(ys));
      expect(Array.from(r.data as Float64Array)).toEqual(emaRef(as, ys));
    }), { numRuns: 100 });
  });
  it('runs the rows of a matrix', () => {
    expect(q('ema[0.5;(1 2;3 4;5 6)]~(1 2f;2 3f;3.5 4.5)').toJS()).toBe(true);
    expect(() => q('ema[0.5 0.5;1 2 3]')).toThrow('length');
  });
});

/** Weighted average ignoring pairs with a null on either side. */
function wavgRef(w: number[], v: number[]): number {
  let s = 0, ws = 0;
  for (let i = 0; i < w.length; i++) if (!Number.isNaN(w[i]) && !Number.isNaN(v[i])) { s += w[i] * v[i]; ws += w[i]; }
  return s / ws;
}

describe('wavg cov cor over conforming nested lists (one result per column)', () => {
  const matrix = fc.integer({ min: 1, max: 6 }).chain((cols) => fc.array(
    fc.array(fc.integer({ min: -50, max: 50 }), { minLength: cols, maxLength: cols }), { minLength: 2, maxLength: 8 }));
  it('wavg: row weights against each column', () => {
    fc.assert(fc.property(matrix, (rows) => {
      const w = rows.map((_, i) => i + 1);
      using r = q('{x wavg y}', K.long(w), K.from(rows.map((r) => K.long(r))));
      const cols = rows[0].map((_, j) => rows.map((r) => r[j]));
      const want = cols.map((c) => wavgRef(w, c));
      expect(Array.from(r.data as Float64Array).map((x) => x.toFixed(9))).toEqual(want.map((x) => x.toFixed(9)));
    }), { numRuns: 100 });
  });
  it('cov and cor pair the columns of two matrices', () => {
    fc.assert(fc.property(matrix, (rows) => {
      const other = rows.map((r) => r.map((v, j) => v * (j + 2) - j));
      using x = K.from(rows.map((r) => K.long(r)));
      using y = K.from(other.map((r) => K.long(r)));
      using c = q('{x cov y}', x, y);
      using each = q('{(flip x) cov\' flip y}', x, y);
      expect(c.toJS()).toEqual(each.toJS());
      using k = q('{x cor y}', x, y);
      using keach = q('{(flip x) cor\' flip y}', x, y);
      expect(k.toJS()).toEqual(keach.toJS());
    }), { numRuns: 100 });
  });
});

describe('one epoch rule for the temporal constructors (README)', () => {
  it('numbers and bigints are q units from 2000; Dates are converted; {bigint} reads Unix-epoch ns', () => {
    expect(K.timestamp(0).toString()).toBe('2000.01.01D00:00:00.000000000');
    expect(K.timestamp(0n).toString()).toBe('2000.01.01D00:00:00.000000000');
    expect(K.timestamp([0n, 1n]).toString()).toBe('2000.01.01D00:00:00.000000000 2000.01.01D00:00:00.000000001');
    expect(K.timestamp(BigInt64Array.of(0n)).toString()).toBe(',2000.01.01D00:00:00.000000000');
    expect(K.timestamp(0n, { bigint: true }).toString()).toBe('1970.01.01D00:00:00.000000000');
    expect(K.timestamp(BigInt64Array.of(0n), { bigint: true }).toString()).toBe(',1970.01.01D00:00:00.000000000');
    expect(K.timestamp(new Date(0)).toString()).toBe('1970.01.01D00:00:00.000000000');
    expect(K.date(0).toString()).toBe('2000.01.01');
    expect(K.timespan(5n).toString()).toBe('0D00:00:00.000000005');
    // raw stored integers, nulls and infinities included, for the 16- and 32-bit types too
    for (const src of ['1 0N 0W -0Wi', '1 0N 0W -0Wh', '1 0N 0W -0W']) {
      using k = q(src);
      const c = k.type === 6 ? K.int : k.type === 5 ? K.short : K.long;
      expect(c(k.toJS({ raw: true }), { raw: true }).toString()).toBe(k.toString());
    }
  });
  it('K.<type>(k.toJS(opts), opts) gives k back for every option of toJS', () => {
    // a Date holds milliseconds: the default toJS of a timestamp keeps these exactly
    const cases = ['2024.03.15D12:34:56.123000000 0Np 0Wp -0Wp', '2024.03.15D12:34:56.123456789 1707.09.23D00:00:00.000000001', '2024.03 0Nm', '2024.03.15 0Nd 0Wd', '2024.03.15T12:34:56.789 0Nz',
      '0D12:34:56.123456789 0Nn', '12:34 0Nu', '12:34:56 0Nv', '12:34:56.789 0Nt'];
    const ctors: Record<number, (v: unknown, o?: object) => K> = { 12: K.timestamp, 13: K.month, 14: K.date, 15: K.datetime, 16: K.timespan, 17: K.minute, 18: K.second, 19: K.time };
    for (const src of cases) {
      using k = q(src);
      for (const opts of [{}, { bigint: true }, { raw: true }, { map: true }]) {
        if (src.includes('456789') && !('bigint' in opts) && !('raw' in opts)) continue; // sub-ms: a Date floors it
        using back = ctors[k.type](k.toJS(opts), opts);
        expect(back.toString()).toBe(k.toString());
      }
    }
  });
});
