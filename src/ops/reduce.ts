// q functions of the reduce family: aggregations (sum prd min max avg var dev
// svar sdev med all any wsum wavg cov scov cor), accumulations (sums prds maxs
// mins), uniform functions (deltas ratios prev next xprev differ fills reverse
// rank rotate xbar) and moving windows (msum mcount mavg mdev mmax mmin ema).
//
// Each entry resolves the q result type from the reference's domain/range rows
// below, allocates the output once and calls one kernel (assembly/kernels/
// agg|scan|uniform|window.ts) over the whole vector. Dictionaries and tables go
// through the implicit-iteration drivers in ./reduce/util.ts; general lists fold
// the atomic dyads (./reduce/nested.ts).

import type { QFn } from './registry.js';
import { E, mem, alloc, check, hdrType, hdrCount, child, kernel, symbol } from '../runtime.js';
import { K } from '../k.js';
import { QError } from '../errors.js';
import { QTYPES, KB, KC, KE, KF, KI, KJ, KS, UU, XD, XT } from '../types.js';
import { flip, simplify } from './core.js';
import { prim, PRIMS } from './registry.js';
import {
  own, numCls, storage, countRaw, atomOf, floatAtom, boolAtom, asF64, free, childK, eachItem,
  aggregate, uniform, takePtr, lift, intArg,
} from './reduce/util.js';
import { fold, pair } from './reduce/nested.js';

// Domain and range rows, transcribed from ref/sum.md, prd.md, deltas.md (index = type code)
//                 list b  g  -  x  h  i  j  e  f  c  s  p   m   d   z   n   u   v   t
const SUMT = [-1, 6, -1, -1, 6, 6, 6, 7, 8, 9, -1, -1, 12, 13, 14, 15, 16, 17, 18, 19];
const DELT = [-1, 6, -1, -1, 6, 6, 6, 7, 8, 9, -1, -1, 16, 6, 6, 9, 16, 17, 18, 19];

function resType(table: number[], t: number): number {
  const r = table[Math.abs(t)];
  if (r === undefined || r < 0) throw new QError('type');
  return r;
}
/** Domain of min/max/avg/var…: every simple type but guid and symbol. */
function sortable(t: number): void {
  const a = Math.abs(t);
  if (a === 0 || a === UU || a === KS || a >= 20 || !QTYPES[a]) throw new QError('type');
}

/** Domain of avg/var/med…: numeric and temporal (a string is 'type, as `avg "abc"`). */
function numeric(t: number): void {
  sortable(t);
  if (Math.abs(t) === KC) throw new QError('type');
}

// Aggregations -----------------------------------------------------------------

function sumLike(name: 'sum' | 'prd', glyph: '+' | '*') {
  return aggregate((x: K): K => {
    const p = x.ptr, t = hdrType(p);
    if (t === 0) return fold(glyph, x, () => atomOf(KJ, name === 'sum' ? 0 : 1));
    const rt = resType(SUMT, t);
    if (t < 0) return x.ref();
    const v = kernel(`${name}_${numCls(t)}`)(p + 16, hdrCount(p));
    return atomOf(rt, v);
  });
}

function extreme(name: 'max' | 'min', glyph: '|' | '&') {
  return aggregate((x: K): K => {
    const p = x.ptr, t = hdrType(p);
    if (t === 0) return fold(glyph, x, () => own(check(E.ga(0, 0))));
    sortable(t);
    if (t < 0) return x.ref();
    const c = numCls(t), qt = QTYPES[t]!;
    let v: number | bigint = kernel(`${name}_${c}`)(p + 16, hdrCount(p));
    if (name === 'max' && qt.ninf !== undefined && c !== 'E' && c !== 'F' && v === qt.null) v = qt.ninf;
    if (t === KB && name === 'min' && v === 255) v = 1;
    return atomOf(t, v);
  });
}

/** Float statistic over a simple vector or atom: kernel `${k}_${cls}`. */
function floatStat(k: string, x: K): number {
  const p = x.ptr, t = hdrType(p);
  numeric(t);
  return kernel(`${k}_${numCls(t)}`)(p + 16, countRaw(p));
}
function nonNull(x: K): number {
  const p = x.ptr;
  return kernel(`cnt_${numCls(hdrType(p))}`)(p + 16, countRaw(p)) >>> 0;
}

/** A general list of atoms as a float vector (null -> NaN), or undefined when an item is a list. */
function atomsAsFloat(x: K): K | undefined {
  const p = x.ptr, n = hdrCount(p);
  for (let i = 0; i < n; i++) if (hdrType(child(p, i)) >= 0) return undefined;
  const out = alloc(KF, n);
  try {
    for (let i = 0; i < n; i++) {
      const c = child(p, i), t = hdrType(c);
      sortable(t);
      const f = asF64(c);
      mem().f64[((out + 16) >>> 3) + i] = mem().f64[f[0] >>> 3];
      free(f[1]);
    }
  } catch (e) { E.r0(out); throw e; }
  return own(out);
}

/** var/dev/svar/sdev/med of general lists: items that are all atoms form one
 *  vector; otherwise the statistic runs down the columns (flip). */
function columns(f: (x: K) => K): (x: K) => K {
  return aggregate((x: K): K => {
    if (x.type !== 0) return f(x);
    const v = atomsAsFloat(x);
    if (v) { try { return f(v); } finally { v.dispose(); } }
    const cols = flip(x);
    try { return eachItem(cols.ptr, f); } finally { cols.dispose(); }
  });
}

const avg = aggregate((x: K): K => {
  const p = x.ptr, t = hdrType(p);
  if (t === 0) {
    const n = hdrCount(p);
    const v = atomsAsFloat(x);
    if (v) {
      // a mixed list of atoms: nulls count as zero
      try {
        const d = v.data as Float64Array;
        let s = 0;
        for (let i = 0; i < d.length; i++) s += d[i] !== d[i] ? 0 : d[i];
        return floatAtom(s / n);
      } finally { v.dispose(); }
    }
    const s = fold('+', x, () => floatAtom(NaN));
    try { return divide(s, n); } finally { s.dispose(); }
  }
  return floatAtom(floatStat('avg', x));
});

/** s % n for a numeric atom or vector s (floats). */
function divide(s: K, n: number): K {
  const f = PRIMS.get('%')?.dyad;
  if (f) { const k = atomOf(KJ, n); try { return f(s, k); } finally { k.dispose(); } }
  const t = s.type;
  if (t === 0) return eachItem(s.ptr, (c) => divide(c, n));
  const [d, tmp] = asF64(s.ptr);
  try {
    const m = countRaw(s.ptr);
    const out = alloc(t < 0 ? -KF : KF, m);
    const f64 = mem().f64;
    for (let i = 0; i < m; i++) f64[((out + 16) >>> 3) + i] = f64[(d >>> 3) + i] / n;
    return own(out);
  } finally { free(tmp); }
}

const variance = (sample: boolean, sq: boolean) => columns((x: K): K => {
  let v = floatStat('var', x);
  if (sample) { const c = nonNull(x); v = v * c / (c - 1); }
  return floatAtom(sq ? Math.sqrt(v) : v);
});

const med = columns((x: K): K => {
  const p = x.ptr, t = hdrType(p);
  numeric(t);
  const n = countRaw(p);
  const s = alloc(KF, n);
  try { return floatAtom(kernel(`med_${numCls(t)}`)(p + 16, n, s + 16)); } finally { E.r0(s); }
});

function allAny(name: 'all' | 'any') {
  return aggregate((x: K): K => {
    const p = x.ptr, t = hdrType(p);
    if (t === 0) {
      const n = hdrCount(p);
      for (let i = 0; i < n; i++) {
        const c = childK(p, i);
        try {
          if (c.type >= 0) throw new QError('nyi');
          const b = allAny(name)(c);
          const on = (b.data as Uint8Array)[0] === 1;
          b.dispose();
          if (name === 'all' && !on) return boolAtom(false);
          if (name === 'any' && on) return boolAtom(true);
        } finally { c.dispose(); }
      }
      return boolAtom(name === 'all');
    }
    sortable(t);
    return boolAtom(kernel(`${name}_${numCls(t)}`)(p + 16, countRaw(p)) === 1);
  });
}

// Dyadic aggregations over pairs ------------------------------------------------

/** Both sides as f64 data with strides (atoms stride 0); 'length when vectors differ. */
function pairF(x: K, y: K): { xd: number; sx: number; yd: number; sy: number; n: number; tmp: number[] } {
  const tx = x.type, ty = y.type;
  sortable(tx); sortable(ty);
  const nx = countRaw(x.ptr), ny = countRaw(y.ptr);
  if (tx >= 0 && ty >= 0 && nx !== ny) throw new QError('length');
  const n = tx < 0 && ty < 0 ? 1 : tx < 0 ? ny : nx;
  const [xd, a] = asF64(x.ptr);
  let yd: number, b: number;
  try { [yd, b] = asF64(y.ptr); } catch (e) { free(a); throw e; }
  return { xd, sx: tx < 0 ? 0 : 1, yd, sy: ty < 0 ? 0 : 1, n, tmp: [a, b] };
}

const INTEGRAL = new Set([1, 4, 5, 6, 7]);

function wsum(x: K, y: K): K {
  const tx = x.type, ty = y.type;
  if (tx === 0 || ty === 0) {
    // sum x*y item by item
    const prod = pairwiseList('*', x, y);
    try { return sumK(prod); } finally { prod.dispose(); }
  }
  if ((tx < 0 || ty < 0) && INTEGRAL.has(Math.abs(tx)) && INTEGRAL.has(Math.abs(ty))) {
    // an integer atom scales: the sum of x*y in integers (a long, or an int from ints)
    const nx = countRaw(x.ptr), ny = countRaw(y.ptr);
    const n = tx < 0 && ty < 0 ? 1 : tx < 0 ? ny : nx;
    const xj = toJ(x), yj = toJ(y);
    try {
      const v: bigint = kernel('wsum_J')(xj[0], tx < 0 ? 0 : 1, yj[0], ty < 0 ? 0 : 1, n);
      const it = Math.max(Math.abs(tx) === 7 ? 7 : 6, Math.abs(ty) === 7 ? 7 : 6);
      return it === 7 ? atomOf(KJ, v) : atomOf(KI, Number(BigInt.asIntN(32, v)));
    } finally { free(xj[1], yj[1]); }
  }
  const f = pairF(x, y);
  try { return floatAtom(kernel('wsum_F')(f.xd, f.sx, f.yd, f.sy, f.n)); } finally { free(...f.tmp); }
}

/** Long data for an integral value: [dataPtr, owned temp or 0]. */
function toJ(x: K): [number, number] {
  const p = x.ptr, c = numCls(x.type);
  if (c === 'J') return [p + 16, 0];
  const n = countRaw(p);
  const r = alloc(KJ, n);
  kernel(`rd_toj_${c}`)(p + 16, r + 16, n);
  return [r + 16, r];
}

function pairwiseList(g: '*', x: K, y: K): K { return pair(g, x, y); }
function sumK(x: K): K { return PRIMS.get('sum')!.monad!(x); }

/** An aggregate of two arguments over conforming nested lists: one float per
 *  column, the simple side (or atom) used whole against each column of the nested
 *  one, so `(1 2;3 4) wavg (500 400;300 200)` is `1 3 wavg 500 300`, `2 4 wavg 400 200`
 *  and `1 2 wavg (1 2;3 4)` weighs the rows. A dictionary stands for its values. */
function byColumn(f: (x: K, y: K) => K, x: K, y: K): K | undefined {
  if (x.type === XD || y.type === XD) {
    const vx = x.type === XD ? own(E.r1(child(x.ptr, 1))) : x.ref();
    try {
      const vy = y.type === XD ? own(E.r1(child(y.ptr, 1))) : y.ref();
      try { return f(vx, vy); } finally { vy.dispose(); }
    } finally { vx.dispose(); }
  }
  if (x.type !== 0 && y.type !== 0) return undefined;
  const cx = x.type === 0 ? flip(x) : null;
  let cy: K | null;
  try { cy = y.type === 0 ? flip(y) : null; } catch (e) { cx?.dispose(); throw e; }
  try {
    const n = (cx ?? cy)!.count;
    if (cx && cy && cx.count !== cy.count) throw new QError('length');
    const col = (c: K, i: number): K => (c.type === 0 ? childK(c.ptr, i) : c.item(i));
    const out = alloc(KF, n);
    try {
      for (let i = 0; i < n; i++) {
        const a = cx ? col(cx, i) : x.ref();
        try {
          const b = cy ? col(cy, i) : y.ref();
          try {
            const r = f(a, b);
            try { if (r.type !== -KF) throw new QError('type'); mem().f64[((out + 16) >>> 3) + i] = (r.data as Float64Array)[0]; } finally { r.dispose(); }
          } finally { b.dispose(); }
        } finally { a.dispose(); }
      }
    } catch (e) { E.r0(out); throw e; }
    return own(out);
  } finally { cx?.dispose(); cy?.dispose(); }
}

function wavg(x: K, y: K): K {
  const nested = byColumn(wavg, x, y);
  if (nested) return nested;
  const f = pairF(x, y);
  try { return floatAtom(kernel('wavg_F')(f.xd, f.sx, f.yd, f.sy, f.n)); } finally { free(...f.tmp); }
}

function covLike(kind: 'cov' | 'scov' | 'cor') {
  return (x: K, y: K): K => {
    const nested = byColumn(covLike(kind), x, y);
    if (nested) return nested;
    const f = pairF(x, y);
    const out = alloc(KF, 4);
    try {
      kernel('cov_F')(f.xd, f.sx, f.yd, f.sy, f.n, out + 16);
      const o = (out + 16) >>> 3, m = mem().f64;
      const cov = m[o], c = m[o + 1], vx = m[o + 2], vy = m[o + 3];
      if (kind === 'cov') return floatAtom(cov);
      if (kind === 'scov') return floatAtom(cov * c / (c - 1));
      return floatAtom(cov / (Math.sqrt(vx) * Math.sqrt(vy)));
    } finally { E.r0(out); free(...f.tmp); }
  };
}

// Accumulations ------------------------------------------------------------------

/** Runs kernel `${k}_${cls}` from x into a new block of type rt (same count, atom-ness kept). */
function mapInto(k: string, x: K, rt: number, ...extra: number[]): K {
  const p = x.ptr, t = hdrType(p), n = countRaw(p);
  const out = alloc(t < 0 ? -rt : rt, n);
  try { kernel(`${k}_${numCls(t)}`)(p + 16, out + 16, n, ...extra); } catch (e) { E.r0(out); throw e; }
  return own(out);
}

function scan(name: 'sums' | 'prds' | 'maxs' | 'mins', glyph: '+' | '*' | '|' | '&') {
  return uniform((x: K): K => {
    const p = x.ptr, t = hdrType(p);
    if (t === 0) return scanList(glyph, x);
    const rt = name === 'sums' || name === 'prds' ? resType(SUMT, t) : (sortable(t), Math.abs(t));
    if (t < 0) return x.ref();
    return mapInto(name, x, rt);
  });
}
function scanList(g: '+' | '*' | '|' | '&', x: K): K {
  const p = x.ptr, n = hdrCount(p);
  const out = alloc(0, n);
  mem().u32.fill(0, (out + 16) >>> 2, ((out + 16) >>> 2) + n);
  try {
    let acc: K | undefined;
    for (let i = 0; i < n; i++) {
      const c = childK(p, i);
      try {
        const r = acc ? pair(g, acc, c) : c.ref();
        acc?.dispose();
        acc = r;
        mem().u32[((out + 16) >>> 2) + i] = E.r1(r.ptr);
      } finally { c.dispose(); }
    }
    acc?.dispose();
  } catch (e) { E.r0(out); throw e; }
  return own(simplify(out));
}

/** avgs: running means (float), nulls skipped; a general list averages item-wise (sums % 1+til count). */
const avgs = uniform((x: K): K => {
  const t = x.type;
  if (t === 0) throw new QError('nyi');
  numeric(t);
  return mapInto('avgs', x, KF);
});

// Uniform ------------------------------------------------------------------------

/** r[0]=x[0], r[i]=x[i] g x[i-1] over the items of a general list (each-prior). */
function eachPrior(g: '-' | '%', x: K): K {
  const p = x.ptr, n = hdrCount(p);
  const out = alloc(0, n);
  mem().u32.fill(0, (out + 16) >>> 2, ((out + 16) >>> 2) + n);
  try {
    for (let i = 0; i < n; i++) {
      const c = childK(p, i);
      try {
        if (i === 0) { mem().u32[(out + 16) >>> 2] = E.r1(c.ptr); continue; }
        const b = childK(p, i - 1);
        try { const r = takePtr(pair(g, c, b)); mem().u32[((out + 16) >>> 2) + i] = r; } finally { b.dispose(); }
      } finally { c.dispose(); }
    }
  } catch (e) { E.r0(out); throw e; }
  return own(simplify(out));
}

const deltas = uniform((x: K): K => {
  const t = x.type;
  if (t === 0) return eachPrior('-', x);
  return mapInto('deltas', x, resType(DELT, t));
});

const ratios = uniform((x: K): K => {
  const t = x.type;
  if (t === 0) return eachPrior('%', x);
  sortable(t);
  return mapInto('ratios', x, Math.abs(t) === KE ? KE : KF);
});

/** Bytes of one item and the null item's bytes for a simple type. */
function nullBytes(a: number): Uint8Array {
  const qt = QTYPES[a]!, w = qt.width;
  const b = new Uint8Array(w), dv = new DataView(b.buffer);
  const raw = qt.null;
  if (raw === undefined) return b;
  if (typeof raw === 'bigint') dv.setBigInt64(0, raw, true);
  else if (qt.storage === 'F') dv.setFloat64(0, raw, true);
  else if (qt.storage === 'E') dv.setFloat32(0, raw, true);
  else if (qt.storage === 'H') dv.setInt16(0, raw, true);
  else if (w === 1) b[0] = raw;
  else dv.setInt32(0, raw, true);
  return b;
}

/** x xprev y: item i is y[i-k] (null/empty outside). */
function shift(k: number, y: K): K {
  const p = y.ptr, t = hdrType(p);
  if (t < 0) return y.ref();
  const n = hdrCount(p);
  if (t === 0) {
    const first = n ? hdrType(child(p, 0)) : 0;
    const out = alloc(0, n);
    mem().u32.fill(0, (out + 16) >>> 2, ((out + 16) >>> 2) + n);
    try {
      for (let i = 0; i < n; i++) {
        const j = i - k;
        const c = j >= 0 && j < n ? E.r1(child(p, j)) : check(E.ga(first < 0 ? -first : first > 0 && first < 20 ? first : 0, 0));
        mem().u32[((out + 16) >>> 2) + i] = c;
      }
    } catch (e) { E.r0(out); throw e; }
    return own(out);
  }
  const w = QTYPES[t]!.width;
  const out = alloc(t, n);
  const u8 = mem().u8, d = out + 16, s = p + 16;
  const nb = nullBytes(t);
  for (let i = 0; i < n; i++) {
    const j = i - k;
    if (j >= 0 && j < n) continue;
    u8.set(nb, d + i * w);
  }
  const kk = Math.max(-n, Math.min(n, k));
  if (kk >= 0) u8.copyWithin(d + kk * w, s, s + (n - kk) * w);
  else u8.copyWithin(d, s - kk * w, s + n * w);
  return own(out);
}

const prev = uniform((x: K) => shift(1, x));
const next = uniform((x: K) => shift(-1, x));
const xprev = (k: K, y: K): K => { const n = intArg(k); return uniform((x: K) => shift(n, x))(y); };

/** q's match for two blocks (type, count, items; floats: equal or both null). */
function match(a: number, b: number): boolean {
  const ta = hdrType(a), tb = hdrType(b);
  if (ta !== tb) return false;
  if (ta >= 100) return a === b;
  const n = countRaw(a);
  if (n !== countRaw(b)) return false;
  if (ta === 0 || ta === XD || ta === XT) {
    for (let i = 0; i < n; i++) if (!match(child(a, i), child(b, i))) return false;
    return true;
  }
  const c = storage(ta), m = mem();
  if (c === 'F' || c === 'E') {
    const arr = c === 'F' ? m.f64 : m.f32, sh = c === 'F' ? 3 : 2;
    for (let i = 0; i < n; i++) {
      const x = arr[((a + 16) >> sh) + i], y = arr[((b + 16) >> sh) + i];
      if (!(x === y || (x !== x && y !== y))) return false;
    }
    return true;
  }
  const w = QTYPES[Math.abs(ta)]!.width * n;
  for (let i = 0; i < w; i++) if (m.u8[a + 16 + i] !== m.u8[b + 16 + i]) return false;
  return true;
}

const differ = uniform((x: K): K => {
  const p = x.ptr, t = hdrType(p);
  if (t < 0) return boolAtom(true);
  const n = hdrCount(p);
  const out = alloc(KB, n);
  if (t === 0) {
    const u8 = mem().u8;
    for (let i = 0; i < n; i++) u8[out + 16 + i] = i === 0 || !match(child(p, i), child(p, i - 1)) ? 1 : 0;
    return own(out);
  }
  const c = storage(t);
  if (c === 'F' || c === 'E') {
    // floats compare with q's tolerance (basics/precision.md: differ 96.100000000000009 96.099999999999994 is 10b)
    const m = mem(), v = c === 'F' ? m.f64 : m.f32, b = c === 'F' ? (p + 16) >>> 3 : (p + 16) >>> 2;
    const same = (a: number, z: number) => (a !== a && z !== z) || a === z || (Number.isFinite(a) && Number.isFinite(z) && Math.abs(a - z) <= 2 ** -43 * Math.max(Math.abs(a), Math.abs(z)));
    for (let i = 0; i < n; i++) m.u8[out + 16 + i] = i === 0 || !same(v[b + i], v[b + i - 1]) ? 1 : 0;
    return own(out);
  }
  const k = c === 'S' ? 'I' : c;
  kernel(`differ_${k}`)(p + 16, out + 16, n);
  return own(out);
});

const fills = uniform((x: K): K => {
  const p = x.ptr, t = hdrType(p);
  if (t < 0) return x.ref();
  const n = hdrCount(p);
  if (t === 0) {
    const out = alloc(0, n);
    mem().u32.fill(0, (out + 16) >>> 2, ((out + 16) >>> 2) + n);
    let last = 0;
    for (let i = 0; i < n; i++) {
      const c = child(p, i);
      const isNull = hdrType(c) < 0 && atomIsNull(c);
      if (!isNull || !last) last = c;
      mem().u32[((out + 16) >>> 2) + i] = E.r1(isNull && last ? last : c);
    }
    return own(simplify(out));
  }
  const a = Math.abs(t), c = storage(t);
  const k = a === KC ? 'C' : c === 'G' ? '' : c === 'S' ? 'S' : c;
  const out = alloc(t, n);
  if (k === '') mem().u8.copyWithin(out + 16, p + 16, p + 16 + n);
  else kernel(`fills_${k}`)(p + 16, out + 16, n);
  return own(out);
});

function atomIsNull(c: number): boolean {
  const a = -hdrType(c);
  const nb = nullBytes(a), u8 = mem().u8;
  if (storage(a) === 'F' || storage(a) === 'E') {
    const v = storage(a) === 'F' ? mem().f64[(c + 16) >>> 3] : mem().f32[(c + 16) >>> 2];
    return v !== v;
  }
  if (QTYPES[a]!.null === undefined && a !== UU && a !== KS) return false;
  for (let i = 0; i < nb.length; i++) if (u8[c + 16 + i] !== nb[i]) return false;
  return true;
}

function reverseAny(x: K): K {
  const p = x.ptr, t = hdrType(p);
  if (t < 0 || t >= 100) return x.ref();
  if (t === XD) {
    const kk = childK(p, 0), vv = childK(p, 1);
    try {
      const rk = reverseAny(kk);
      let rv: K;
      try { rv = reverseAny(vv); } catch (e) { rk.dispose(); throw e; }
      const d = alloc(XD, 2);
      const kp = takePtr(rk);
      mem().u32[(d + 16) >>> 2] = kp;
      const vp = takePtr(rv);
      mem().u32[((d + 16) >>> 2) + 1] = vp;
      return own(d);
    } finally { kk.dispose(); vv.dispose(); }
  }
  if (t === XT) return uniform(reverseSimple)(x);
  return reverseSimple(x);
}
function reverseSimple(x: K): K {
  const p = x.ptr, t = hdrType(p), n = hdrCount(p);
  if (t < 0) return x.ref();
  const out = alloc(t, n);
  if (t === 0) {
    const u32 = mem().u32, s = (p + 16) >>> 2, d = (out + 16) >>> 2;
    for (let i = 0; i < n; i++) u32[d + n - 1 - i] = E.r1(u32[s + i]);
    return own(out);
  }
  kernel(`reverse_${QTYPES[t]!.width}`)(p + 16, out + 16, n);
  return own(out);
}

/** rank: the inverse of the stable ascending grade (iasc iasc x). Uses the
 *  primitive table's iasc when registered, else a stable sort here. */
const rank = uniform((x: K): K => {
  const p = x.ptr, t = hdrType(p);
  if (t < 0) throw new QError('rank');
  const n = hdrCount(p);
  let perm: ArrayLike<number>;
  const iasc = PRIMS.get('iasc')?.monad;
  if (iasc) {
    const g = iasc(x);
    try { perm = Array.from(g.data as BigInt64Array, Number); } finally { g.dispose(); }
  } else perm = stableGrade(p);
  const out = alloc(KJ, n);
  const i64 = mem().i64, d = (out + 16) >>> 3;
  for (let i = 0; i < n; i++) i64[d + perm[i]] = BigInt(i);
  return own(out);
});

function stableGrade(p: number): number[] {
  const t = hdrType(p), n = hdrCount(p);
  if (t === 0) throw new QError('nyi');
  const idx = Array.from({ length: n }, (_, i) => i);
  const c = storage(t), m = mem(), d = p + 16;
  let key: (i: number) => number | bigint | string;
  switch (c) {
    case 'G': key = (i) => m.u8[d + i]; break;
    case 'H': key = (i) => m.i16[(d >>> 1) + i]; break;
    case 'I': key = (i) => m.i32[(d >>> 2) + i]; break;
    case 'J': key = (i) => m.i64[(d >>> 3) + i]; break;
    case 'E': key = (i) => { const v = m.f32[(d >>> 2) + i]; return v !== v ? -Infinity : v; }; break;
    case 'F': key = (i) => { const v = m.f64[(d >>> 3) + i]; return v !== v ? -Infinity : v; }; break;
    case 'S': key = (i) => symbol(m.i32[(d >>> 2) + i]); break;
    default: key = (i) => Array.from(m.u8.subarray(d + i * 16, d + i * 16 + 16), (b) => b.toString(16).padStart(2, '0')).join(''); break;
  }
  const keys = idx.map(key);
  const isNaNAt = c === 'E' || c === 'F'
    ? (i: number) => { const v = c === 'F' ? m.f64[(d >>> 3) + i] : m.f32[(d >>> 2) + i]; return v !== v; }
    : () => false;
  idx.sort((a, b) => {
    const na = isNaNAt(a), nb = isNaNAt(b);
    if (na !== nb) return na ? -1 : 1;
    const ka = keys[a], kb = keys[b];
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return idx;
}

function rotate(k: K, y: K): K {
  const s = intArg(k);
  const p = y.ptr, t = hdrType(p);
  if (t < 0) return y.ref();
  if (t === XT) return uniform((c: K) => rotate(k, c))(y);
  if (t === XD) throw new QError('type');
  const n = hdrCount(p);
  if (n === 0) return y.ref();
  const r = ((s % n) + n) % n;
  const out = alloc(t, n);
  if (t === 0) {
    const u32 = mem().u32, src = (p + 16) >>> 2, d = (out + 16) >>> 2;
    for (let i = 0; i < n; i++) u32[d + i] = E.r1(u32[src + (i + r) % n]);
    return own(out);
  }
  const w = QTYPES[t]!.width, u8 = mem().u8, d = out + 16, src = p + 16;
  u8.copyWithin(d, src + r * w, src + n * w);
  u8.copyWithin(d + (n - r) * w, src, src + r * w);
  return own(out);
}

// xbar -------------------------------------------------------------------------------
// Result type by x (row) and y (column), from ref/xbar.md. Columns: b g x h i j e f c s p m d z n u v t
const XBAR_COLS = 'bgxhijefcspmdznuvt';
const XBAR: Record<string, string> = {
  b: 'i.iiijffi.pmdznuvt', x: 'i.iiijffi.pmdznuvt', h: 'i.iiijffi.pmdznuvt', i: 'i.iiijffi.pmdznuvt',
  j: 'j.jjjjffj.pmdznuvt', e: 'e.eeeeffe.pmdznuvt', f: 'f.ffffffff.ffzzffff', c: '......ff..pmdznuvt',
  p: 'p.ppppffp.........', m: 'm.mmmmffm.........', d: 'd.ddddzzd.........', z: 'z.zzzzzzz.........',
  n: 'j.jjjjffj.pmdznuvt', u: 'u.uuuuffu.........', v: 'v.vvvvffv.........', t: 't.ttttfft.........',
};
/** Nanoseconds per unit of a temporal type that a timespan bar converts into. */
const NS_PER: Record<number, number> = { 12: 1, 16: 1, 14: 864e11, 15: 864e11, 17: 6e10, 18: 1e9, 19: 1e6 };

function xbar(x: K, y: K): K {
  const tx = x.type, ty = y.type;
  if (ty === XD || ty === XT) return uniform((c: K) => xbar(x, c))(y);
  if (tx >= 0) {
    // atomic in x too: item by item (a vector x against a vector or an atom y)
    const n = countRaw(x.ptr);
    if (ty >= 0 && countRaw(y.ptr) !== n) throw new QError('length');
    const out = alloc(0, n);
    mem().u32.fill(0, (out + 16) >>> 2, ((out + 16) >>> 2) + n);
    try {
      for (let i = 0; i < n; i++) {
        const a = tx === 0 ? childK(x.ptr, i) : x.item(i);
        let b: K;
        try { b = ty < 0 ? y.ref() : y.item(i); } catch (e) { a.dispose(); throw e; }
        try { const r = takePtr(xbar(a, b)); mem().u32[((out + 16) >>> 2) + i] = r; } finally { a.dispose(); b.dispose(); }
      }
    } catch (e) { E.r0(out); throw e; }
    return own(simplify(out));
  }
  if (ty === 0) return eachItem(y.ptr, (c) => xbar(x, c));
  const cx = QTYPES[-tx]?.char, cy = QTYPES[Math.abs(ty)]?.char;
  if (!cx || !cy || !XBAR[cx]) throw new QError('type');
  const rc = XBAR[cx][XBAR_COLS.indexOf(cy)];
  if (!rc || rc === '.') throw new QError('type');
  const rt = XBAR_COLS.indexOf(rc) >= 0 ? codeOf(rc) : -1;
  const xs = storage(tx);
  // the bar in y's units (a timespan bar against other temporal units is rescaled)
  let xv: number | bigint = (x.data as ArrayLike<number | bigint>)[0];
  if (-tx === 16 && NS_PER[Math.abs(ty)] && NS_PER[Math.abs(ty)] !== 1) {
    const u = NS_PER[Math.abs(ty)];
    xv = Math.abs(ty) === 15 ? Number(xv) / u : BigInt(xv) / BigInt(u);
  } else if (-tx === 16 && Math.abs(ty) === 13) throw new QError('nyi');
  const n = countRaw(y.ptr), rs = storage(rt);
  const out = alloc(ty < 0 ? -rt : rt, n);
  try {
    if (rs === 'F' || rs === 'E') {
      const [yd, tmp] = asF64(y.ptr);
      try {
        const xf = xs === 'J' ? Number(xv) : Number(xv);
        if (rs === 'F') kernel('xbar_F')(xf, yd, out + 16, n);
        else {
          const t2 = alloc(KF, n);
          try { kernel('xbar_F')(xf, yd, t2 + 16, n); kernel('rd_toe_F')(t2 + 16, out + 16, n); } finally { E.r0(t2); }
        }
      } finally { free(tmp); }
    } else {
      const yc = numCls(ty);
      let yd = y.ptr + 16, tmp = 0;
      if (rs === 'J' && yc !== 'J') { tmp = alloc(KJ, n); kernel(`rd_toj_${yc}`)(yd, tmp + 16, n); yd = tmp + 16; }
      else if (rs === 'I' && yc !== 'I') { tmp = alloc(KI, n); kernel(`rd_toi_${yc}`)(yd, tmp + 16, n); yd = tmp + 16; }
      try {
        if (typeof xv === 'number' && !Number.isInteger(xv)) throw new QError('type');
        if (rs === 'J') kernel('xbar_J')(BigInt(xv), yd, out + 16, n);
        else kernel('xbar_I')(Number(xv), yd, out + 16, n);
      } finally { free(tmp); }
    }
  } catch (e) { E.r0(out); throw e; }
  return own(out);
}
function codeOf(ch: string): number {
  for (let i = 1; i < 20; i++) if (QTYPES[i]?.char === ch) return i;
  throw new QError('type');
}

// Moving windows ------------------------------------------------------------------------

/** f on each column of a matrix (a list of equal-length rows), the results as rows again:
 *  windows and ema over rows of vectors work item-wise, as q's definitions on whole rows do. */
function byColumns(x: K, f: (col: K) => K): K {
  const cols = flip(x);
  try {
    const n = cols.count;
    const out: K[] = [];
    try {
      for (let i = 0; i < n; i++) { const c = childK(cols.ptr, i); try { out.push(f(c)); } finally { c.dispose(); } }
      const l = alloc(0, n);
      for (let i = 0; i < n; i++) mem().u32[((l + 16) >>> 2) + i] = E.r1(out[i].ptr);
      const rows = own(l);
      try { return flip(rows); } finally { rows.dispose(); }
    } finally { out.forEach((k) => k.dispose()); }
  } finally { cols.dispose(); }
}

function window(name: 'msum' | 'mcount' | 'mavg' | 'mdev' | 'mmax' | 'mmin') {
  const f = (k: K, y: K): K => {
    const w = intArg(k);
    return uniform((x: K): K => {
      const p = x.ptr, t = hdrType(p);
      if (t === 0) return x.count === 0 ? x.ref() : byColumns(x, (c) => f(k, c));
      sortable(t);
      const n = countRaw(p);
      const wz = Math.max(0, Math.min(w, 0xffffffff));
      switch (name) {
        case 'msum': return mapInto('msum', x, resType(SUMT, t), wz);
        case 'mavg': numeric(t); return mapInto('mavg', x, KF, wz);
        case 'mcount': return mapInto('mcount', x, KJ, wz);
        case 'mdev': return mapInto('mdev', x, KF, wz);
        default: {
          if (w <= 0) return x.ref();
          const h = alloc(Math.abs(t), n);
          try { return mapInto(name, x, Math.abs(t), wz, h + 16); } finally { E.r0(h); }
        }
      }
    })(y);
  };
  return f;
}

function ema(a: K, y: K): K {
  return uniform((x: K): K => {
    const ta = a.type, t = x.type;
    // rows of a matrix: q's recurrence (1-x)*r + x*y runs on whole rows, so column by column
    if (t === 0) return byColumns(x, (c) => ema(a, c));
    sortable(t); sortable(ta);
    const n = countRaw(x.ptr);
    if (ta >= 0 && countRaw(a.ptr) !== n) throw new QError('length');
    const [ad, at] = asF64(a.ptr);
    let yd: number, yt: number;
    try { [yd, yt] = asF64(x.ptr); } catch (e) { free(at); throw e; }
    try {
      const out = alloc(t < 0 ? -KF : KF, n);
      kernel('ema_F')(ad, ta < 0 ? 0 : 1, yd, out + 16, n);
      return own(out);
    } finally { free(at, yt); }
  })(y);
}

// Registration ------------------------------------------------------------------------

const sum = sumLike('sum', '+');
const prd = sumLike('prd', '*');
const max = extreme('max', '|');
const min = extreme('min', '&');
const all = allAny('all');
const any = allAny('any');
const dyad2 = (f: (x: K, y: K) => K) => (x: K, y: K): K => {
  if (y.type === XD) { const v = y.values; try { return f(x, v); } finally { v.dispose(); } }
  return f(x, y);
};

const MONADS: Record<string, (x: K) => K> = {
  sum, prd, max, min, avg, all, any, med,
  var: variance(false, false), dev: variance(false, true), svar: variance(true, false), sdev: variance(true, true),
  sums: scan('sums', '+'), prds: scan('prds', '*'), avgs, maxs: scan('maxs', '|'), mins: scan('mins', '&'),
  deltas, ratios, prev, next, differ, fills, reverse: reverseAny, rank,
};
const DYADS: Record<string, (x: K, y: K) => K> = {
  wsum: dyad2(wsum), wavg: dyad2(wavg), cov: covLike('cov'), scov: covLike('scov'), cor: covLike('cor'),
  xprev, rotate, xbar,
  msum: window('msum'), mcount: window('mcount'), mavg: window('mavg'), mdev: window('mdev'),
  mmax: window('mmax'), mmin: window('mmin'), ema,
};
for (const [name, f] of Object.entries(MONADS)) prim(name, { monad: f });
for (const [name, f] of Object.entries(DYADS)) prim(name, { dyad: f });

/** JS names this family adds to the q namespace: q.sum(x), q.msum(3, x), q.wavg(w, x), q.xbar(5, x)… */
export const Q: Record<string, QFn> = Object.fromEntries([
  ...Object.entries(MONADS).map(([n, f]) => [n, lift((x: K) => f(x))]),
  ...Object.entries(DYADS).map(([n, f]) => [n, lift((x: K, y: K) => f(x, y))]),
]);
