// Shared plumbing for the reduce family: storage classes, atoms from kernel
// results, temporaries, and the implicit iteration over dictionaries and tables.

import { E, mem, alloc, hdrType, hdrCount, child, kernel } from '../../runtime.js';
import { K } from '../../k.js';
import { QError } from '../../errors.js';
import { QTYPES, KB, KF, KS, XD, XT, type Storage } from '../../types.js';
import { dictPtr } from '../../convert.js';
import { simplify } from '../core.js';
import { lift, takePtr } from '../lift.js';

export const own = (p: number): K => new K(p);

/** Storage class of a type code (atoms too); 'K' for general lists. */
export function storage(t: number): Storage {
  const a = Math.abs(t);
  if (a === 0) return 'K';
  const q = QTYPES[a];
  if (!q || a >= 20) throw new QError('type');
  return q.storage;
}

/** Kernel class letter for numeric storages (G H I J E F), 'type for S U K. */
export function numCls(t: number): 'G' | 'H' | 'I' | 'J' | 'E' | 'F' {
  const s = storage(t);
  if (s === 'S' || s === 'U' || s === 'K') throw new QError('type');
  return s;
}

export const dataOf = (p: number): number => p + 16;
export const countRaw = (p: number): number => (hdrType(p) < 0 ? 1 : hdrCount(p));

/** Writes a JS number/bigint into item i of block p (type t's storage). */
export function put(p: number, t: number, i: number, v: number | bigint): void {
  const m = mem(), d = p + 16;
  switch (storage(t)) {
    case 'G': m.u8[d + i] = Number(v); break;
    case 'H': m.i16[(d >>> 1) + i] = Number(v); break;
    case 'I': case 'S': m.i32[(d >>> 2) + i] = Number(v); break;
    case 'J': m.i64[(d >>> 3) + i] = typeof v === 'bigint' ? v : BigInt(v); break;
    case 'E': m.f32[(d >>> 2) + i] = Number(v); break;
    case 'F': m.f64[(d >>> 3) + i] = Number(v); break;
    default: throw new QError('type');
  }
}

/** A new atom of type -|t| holding v. */
export function atomOf(t: number, v: number | bigint): K {
  const a = Math.abs(t);
  const p = alloc(-a, 1);
  put(p, a, 0, v);
  return own(p);
}
export const floatAtom = (v: number): K => atomOf(KF, v);
export const boolAtom = (b: boolean): K => atomOf(KB, b ? 1 : 0);

/** A float (f64) copy of a simple value (null -> NaN); returns [dataPtr, owned block or 0]. */
export function asF64(p: number): [number, number] {
  const t = hdrType(p), c = numCls(t);
  if (c === 'F') return [p + 16, 0];
  const n = countRaw(p);
  const r = alloc(KF, n);
  kernel(`rd_tof_${c}`)(p + 16, r + 16, n);
  return [r + 16, r];
}

/** Frees an owned temporary (0 ignored). */
export function free(...ps: number[]): void { for (const p of ps) if (p) E.r0(p); }

/** A K for a child pointer (a new reference). */
export const childK = (p: number, i: number): K => new K(E.r1(child(p, i)));

/** f applied to every item of general list p, results collected (simplified to a vector when uniform atoms). */
export function eachItem(p: number, f: (x: K) => K): K {
  const n = hdrCount(p);
  const out = alloc(0, n);
  mem().u32.fill(0, (out + 16) >>> 2, ((out + 16) >>> 2) + n);
  try {
    for (let i = 0; i < n; i++) {
      const c = childK(p, i);
      try {
        const r = f(c);
        mem().u32[((out + 16) >>> 2) + i] = E.r1(r.ptr);
        r.dispose();
      } finally { c.dispose(); }
    }
  } catch (e) { E.r0(out); throw e; }
  return own(simplify(out));
}

/** Aggregate over a table: column names ! f each column. */
function aggTable(x: K, f: (x: K) => K): K {
  const d = child(x.ptr, 0);
  const names = child(d, 0), cols = child(d, 1);
  const vals = eachItem(cols, f);
  const r = dictPtr(E.r1(names), E.r1(vals.ptr));
  vals.dispose();
  return own(r);
}

/** Implicit iteration of an aggregate: dictionaries aggregate their values, tables their columns. */
export function aggregate(f: (x: K) => K): (x: K) => K {
  const g = (x: K): K => {
    const t = x.type;
    if (t === XD) { const v = x.values; try { return g(v); } finally { v.dispose(); } }
    if (t === XT) return aggTable(x, g);
    return f(x);
  };
  return g;
}

/** Implicit iteration of a uniform function: dictionaries keep their keys, tables their column names. */
export function uniform(f: (x: K) => K): (x: K) => K {
  const g = (x: K): K => {
    const p = x.ptr, t = hdrType(p);
    if (t === XD) {
      const v = x.values;
      try {
        const r = g(v);
        return own(dictPtr(E.r1(child(p, 0)), takePtr(r)));
      } finally { v.dispose(); }
    }
    if (t === XT) {
      const d = child(p, 0);
      const cols = new K(E.r1(child(d, 1)));
      try {
        const nc = hdrCount(cols.ptr);
        const out = alloc(0, nc);
        mem().u32.fill(0, (out + 16) >>> 2, ((out + 16) >>> 2) + nc);
        try {
          for (let i = 0; i < nc; i++) {
            const c = childK(cols.ptr, i);
            try { const r = takePtr(g(c)); mem().u32[((out + 16) >>> 2) + i] = r; } finally { c.dispose(); }
          }
        } catch (e) { E.r0(out); throw e; }
        const dp = dictPtr(E.r1(child(d, 0)), out);
        let tp: number;
        try { tp = alloc(XT, 1); } catch (e) { E.r0(dp); throw e; }
        mem().u32[(tp + 16) >>> 2] = dp;
        return own(tp);
      } finally { cols.dispose(); }
    }
    return f(x);
  };
  return g;
}

export { lift, takePtr };

/** Integer value of an integral atom for window sizes and shifts. */
export function intArg(x: K): number {
  const t = x.type, d = x.data;
  if (t === -7) return Number((d as BigInt64Array)[0]);
  if (t === -6 || t === -5 || t === -4 || t === -1) return Number(d[0]);
  throw new QError('type');
}

export const isSym = (t: number): boolean => Math.abs(t) === KS;
