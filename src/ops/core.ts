// The first handful of q functions: til count type enlist first last null flip
// key value attr, dictionary and table construction.
//
// Never write `mem().u32[i] = f()` when f allocates: JS evaluates mem().u32
// before f(), and if f grows memory the write lands in a detached view and is
// lost. Compute the value first, then take the view.

import { E, mem, alloc, check, hdrType, hdrCount, hdrAttr, child, intern } from '../runtime.js';
import { K, countOf } from '../k.js';
import { QError } from '../errors.js';
import { QTYPES, KB, KH, KI, KJ, KS, KG, XD, XT } from '../types.js';
import { makeAtomFrom, genericNull, dictPtr, specialAtom } from '../convert.js';
import { from } from '../construct.js';
import { prim } from './registry.js';
import { takePtr } from './lift.js';

const own = (p: number) => new K(p);

/** The long atom n. */
export function longAtom(n: number | bigint): K {
  const p = alloc(-KJ, 1);
  mem().i64[(p + 16) >>> 3] = BigInt(n);
  return own(p);
}

function symAtom(s: string): K {
  const id = intern(s);
  const p = alloc(-KS, 1);
  mem().i32[(p + 16) >>> 2] = id;
  return own(p);
}

/** Integer value of an integral atom (boolean/byte/short/int/long), else 'type. */
export function intOf(x: K): number {
  const t = x.type;
  const d = x.data;
  if (t === -KJ) return Number((d as BigInt64Array)[0]);
  if (t === -KI || t === -KH || t === -KB || t === -KG) return Number(d[0]);
  throw new QError('type');
}

export function til(x: K): K {
  const t = x.type;
  if (t !== -KJ && t !== -KI && t !== -KH && t !== -KB && t !== -KG) throw new QError('type');
  const n = intOf(x);
  if (n < 0) throw new QError('domain');
  if (n > 0xffffffff) throw new QError('limit');
  return own(check(E.til(n)));
}

export function count(x: K): K { return longAtom(x.count); }

export function type(x: K): K {
  const p = alloc(-KH, 1);
  mem().i16[(p + 16) >>> 1] = x.type;
  return own(p);
}

/** enlist x: a one-item vector of an atom, a one-item general list otherwise;
 *  with several arguments, the list of them (a vector when all are atoms of one type). */
export function enlist(...xs: K[]): K {
  if (xs.length === 0) throw new QError('rank');
  const t0 = xs[0].type;
  if (t0 < 0 && xs.every((x) => x.type === t0)) {
    const a = -t0, w = QTYPES[a]!.width;
    const p = alloc(a, xs.length);
    const m = mem();
    xs.forEach((x, i) => m.u8.copyWithin(p + 16 + i * w, x.ptr + 16, x.ptr + 16 + w));
    return own(p);
  }
  const p = alloc(0, xs.length);
  const m = mem();
  xs.forEach((x, i) => { m.u32[((p + 16) >>> 2) + i] = E.r1(x.ptr); });
  return own(p);
}

function itemPtr(p: number, i: number): number {
  const t = hdrType(p);
  if (t === 0) return E.r1(child(p, i));
  return makeAtomFrom(p, i);
}

function firstOrLast(x: K, last: boolean): K {
  const p = x.ptr, t = hdrType(p);
  if (t < 0 || t >= 100) return x.ref();
  if (t === XD) {
    const v = child(p, 1);
    const n = countOf(v);
    if (n === 0) return own(genericNull());
    return own(hdrType(v) === XT ? rowDict(v, last ? n - 1 : 0) : itemPtr(v, last ? n - 1 : 0));
  }
  if (t === XT) {
    const n = countOf(p);
    if (n === 0) throw new QError('index');
    return own(rowDict(p, last ? n - 1 : 0));
  }
  const n = hdrCount(p);
  if (n === 0) return own(t === 0 ? genericNull() : specialAtom(t));
  return own(itemPtr(p, last ? n - 1 : 0));
}

/** Row i of a table as a dictionary of column name -> item. */
function rowDict(tp: number, i: number): number {
  const d = child(tp, 0);
  const names = child(d, 0), cols = child(d, 1);
  const nc = hdrCount(cols);
  const items = alloc(0, nc);
  mem().u32.fill(0, (items + 16) >>> 2, ((items + 16) >>> 2) + nc);
  try {
    for (let c = 0; c < nc; c++) { const it = itemPtr(child(cols, c), i); mem().u32[((items + 16) >>> 2) + c] = it; }
  } catch (e) { E.r0(items); throw e; }
  return dictPtr(E.r1(names), simplify(items));
}

/** A general list whose items are atoms of one type becomes that vector (q's
 *  rule when it builds lists from items). Takes ownership of p. */
export function simplify(p: number): number {
  const n = hdrCount(p);
  if (n === 0 || hdrType(p) !== 0) return p;
  const t = hdrType(child(p, 0));
  if (t >= 0 || t < -19) return p;
  for (let i = 1; i < n; i++) if (hdrType(child(p, i)) !== t) return p;
  const a = -t, w = QTYPES[a]!.width;
  let v: number;
  try { v = alloc(a, n); } catch (e) { E.r0(p); throw e; }
  const m = mem();
  for (let i = 0; i < n; i++) {
    const c = child(p, i);
    m.u8.copyWithin(v + 16 + i * w, c + 16, c + 16 + w);
  }
  E.r0(p);
  return v;
}

export const first = (x: K) => firstOrLast(x, false);
export const last = (x: K) => firstOrLast(x, true);

/** x!y: a dictionary; keys and values must have the same count. */
export function dict(keys: K, values: K): K {
  const kt = keys.type, vt = values.type;
  if (kt < 0 || vt < 0) {
    if (kt < 0 && vt < 0) throw new QError('type');
  }
  if (keys.count !== values.count) throw new QError('length');
  return own(dictPtr(E.r1(keys.ptr), E.r1(values.ptr)));
}

/** flip: a dictionary of equal-length columns -> table; table -> dictionary;
 *  a list of equal-length lists -> its transpose. */
export function flip(x: K): K {
  const p = x.ptr, t = hdrType(p);
  if (t === XT) return own(E.r1(child(p, 0)));
  if (t === XD) return own(tablePtr(child(p, 0), child(p, 1)));
  if (t === 0) return own(transpose(p));
  if (t > 0 && t < 20) throw new QError('rank');
  throw new QError('type');
}

/** A table from borrowed names (symbol vector) and columns (general list). */
function tablePtr(names: number, cols: number): number {
  if (hdrType(names) !== KS) throw new QError('type');
  const nc = hdrCount(names);
  const ct = hdrType(cols);
  if (ct !== 0) throw new QError(ct < 0 ? 'type' : 'rank');
  if (hdrCount(cols) !== nc) throw new QError('length');
  let rows = -1, atoms = 0;
  for (let i = 0; i < nc; i++) {
    const c = child(cols, i), tc = hdrType(c);
    if (tc < 0 && tc >= -19) { atoms++; continue; } // atoms extend to the columns' length
    if (tc < 0 || tc >= 98) throw new QError('rank');
    const n = hdrCount(c);
    if (rows >= 0 && n !== rows) throw new QError('length');
    rows = n;
  }
  if (atoms && rows < 0) throw new QError('rank');
  if (atoms) {
    const ext = alloc(0, nc);
    mem().u32.fill(0, (ext + 16) >>> 2, ((ext + 16) >>> 2) + nc);
    try {
      for (let i = 0; i < nc; i++) {
        const c = child(cols, i);
        const col = hdrType(c) < 0 ? repeatAtom(c, rows) : E.r1(c);
        mem().u32[((ext + 16) >>> 2) + i] = col; // view taken after the allocation
      }
      return tablePtr(names, ext);
    } finally { E.r0(ext); }
  }
  const d = dictPtr(E.r1(names), E.r1(cols));
  let p: number;
  try { p = alloc(XT, 1); } catch (e) { E.r0(d); throw e; }
  mem().u32[(p + 16) >>> 2] = d;
  return p;
}

function transpose(p: number): number {
  const n = hdrCount(p);
  if (n === 0) return E.r1(p);
  let m = -1;
  for (let i = 0; i < n; i++) {
    const c = child(p, i), t = hdrType(c);
    if (t < 0) continue;
    if (t >= 98) throw new QError('type');
    const cn = hdrCount(c);
    if (m >= 0 && cn !== m) throw new QError('length');
    m = cn;
  }
  if (m < 0) throw new QError('rank');
  const out = alloc(0, m);
  mem().u32.fill(0, (out + 16) >>> 2, ((out + 16) >>> 2) + m);
  try {
    for (let j = 0; j < m; j++) {
      const row = alloc(0, n);
      mem().u32.fill(0, (row + 16) >>> 2, ((row + 16) >>> 2) + n);
      mem().u32[((out + 16) >>> 2) + j] = row;
      for (let i = 0; i < n; i++) {
        const c = child(p, i);
        const item = hdrType(c) < 0 ? E.r1(c) : itemPtr(c, j);
        mem().u32[((row + 16) >>> 2) + i] = item;
      }
      const simple = simplify(row);
      mem().u32[((out + 16) >>> 2) + j] = simple;
    }
  } catch (e) { E.r0(out); throw e; }
  return out;
}

/** key: dictionary keys, keyed-table key table, til for a non-negative integer. */
export function key(x: K): K {
  const p = x.ptr, t = hdrType(p);
  if (t === XD) return own(E.r1(child(p, 0)));
  if (t === XT) return own(genericNull());
  if (t < 0 && t >= -7 && t !== -2) return til(x);
  if (t > 0 && t < 20) {
    // key of a vector is its type name as a symbol (enumerations come later)
    return symAtom(QTYPES[t]!.name);
  }
  throw new QError('type');
}

/** value: dictionary values, a keyed table's value table, otherwise the value. */
export function value(x: K): K {
  const p = x.ptr, t = hdrType(p);
  if (t === XD) return own(E.r1(child(p, 1)));
  return x.ref();
}

export function attr(x: K): K {
  const t = x.type;
  const a = t < 0 ? 0 : hdrAttr(x.ptr);
  return symAtom(['', 's', 'u', 'p', 'g'][a] ?? '');
}

/** null x: 1b where x is null, atomically (nested lists and dictionaries too). */
export function isNull(x: K): K {
  const p = x.ptr, t = hdrType(p);
  if (t === 0) {
    const n = hdrCount(p);
    const out = alloc(0, n);
    mem().u32.fill(0, (out + 16) >>> 2, ((out + 16) >>> 2) + n);
    try {
      for (let i = 0; i < n; i++) {
        const c = new K(E.r1(child(p, i)));
        try { const r = takePtr(isNull(c)); mem().u32[((out + 16) >>> 2) + i] = r; } finally { c.dispose(); }
      }
    } catch (e) { E.r0(out); throw e; }
    return own(simplify(out)); // atoms of one type make a vector: null (1;0N;`a) is 010b
  }
  if (t === XD) {
    const v = new K(E.r1(child(p, 1)));
    try {
      return own(dictPtr(E.r1(child(p, 0)), takePtr(isNull(v))));
    } finally { v.dispose(); }
  }
  if (t === XT) {
    const d = new K(E.r1(child(p, 0)));
    try { const nd = isNull(d); const r = flip(nd); nd.dispose(); return r; } finally { d.dispose(); }
  }
  if (t >= 100) return atomBool(t === 101 && mem().i32[(p + 16) >>> 2] === 0);
  const a = Math.abs(t);
  const n = t < 0 ? 1 : hdrCount(p);
  const out = alloc(t < 0 ? -KB : KB, n);
  const m = mem();
  const o = out + 16, d = p + 16;
  const qt = QTYPES[a]!;
  switch (qt.storage) {
    case 'G': if (a === 10) for (let i = 0; i < n; i++) m.u8[o + i] = m.u8[d + i] === 32 ? 1 : 0;
      else m.u8.fill(0, o, o + n); break;
    case 'U': for (let i = 0; i < n; i++) { let z = 1; for (let j = 0; j < 16; j++) if (m.u8[d + i * 16 + j]) { z = 0; break; } m.u8[o + i] = z; } break;
    case 'H': for (let i = 0; i < n; i++) m.u8[o + i] = m.i16[(d >>> 1) + i] === -32768 ? 1 : 0; break;
    case 'I': for (let i = 0; i < n; i++) m.u8[o + i] = m.i32[(d >>> 2) + i] === -2147483648 ? 1 : 0; break;
    case 'S': for (let i = 0; i < n; i++) m.u8[o + i] = m.i32[(d >>> 2) + i] === 0 ? 1 : 0; break;
    case 'J': for (let i = 0; i < n; i++) m.u8[o + i] = m.i64[(d >>> 3) + i] === -9223372036854775808n ? 1 : 0; break;
    case 'E': for (let i = 0; i < n; i++) m.u8[o + i] = Number.isNaN(m.f32[(d >>> 2) + i]) ? 1 : 0; break;
    case 'F': for (let i = 0; i < n; i++) m.u8[o + i] = Number.isNaN(m.f64[(d >>> 3) + i]) ? 1 : 0; break;
  }
  return own(out);
}

function atomBool(b: boolean): K {
  const p = alloc(-KB, 1);
  mem().u8[p + 16] = b ? 1 : 0;
  return own(p);
}

/** A table from a JS object of columns (each converted with K.from); atoms are
 *  extended to the column length, as q's ([] a:1 2; b:0) does. */
export function table(cols: Record<string, unknown>): K {
  const names = Object.keys(cols);
  const ks = names.map((n) => from(cols[n]));
  try {
    const lens = ks.filter((k) => k.type >= 0).map((k) => k.count);
    const rows = lens.length ? lens[0] : 1;
    if (lens.some((n) => n !== rows)) throw new QError('length');
    const nameK = from(names.length ? names : []);
    let namesPtr = nameK.ptr;
    if (names.length === 0) { nameK.dispose(); namesPtr = alloc(KS, 0); } else { E.r1(namesPtr); nameK.dispose(); }
    const colList = alloc(0, names.length);
    mem().u32.fill(0, (colList + 16) >>> 2, ((colList + 16) >>> 2) + names.length);
    try {
      ks.forEach((k, i) => {
        const col = k.type < 0 ? repeatAtom(k.ptr, rows) : E.r1(k.ptr);
        mem().u32[((colList + 16) >>> 2) + i] = col; // view taken after the allocation
      });
      return own(tablePtr(namesPtr, colList));
    } finally { E.r0(colList); E.r0(namesPtr); }
  } finally { ks.forEach((k) => k.dispose()); }
}

function repeatAtom(p: number, n: number): number {
  const t = -hdrType(p), w = QTYPES[t]!.width;
  const v = alloc(t, n);
  const m = mem();
  for (let i = 0; i < n; i++) m.u8.copyWithin(v + 16 + i * w, p + 16, p + 16 + w);
  return v;
}

prim('til', { monad: til });
prim('count', { monad: count });
prim('#', { monad: count });
prim('type', { monad: type });
prim('enlist', { monad: (x) => enlist(x) });
prim('first', { monad: first });
prim('*', { monad: first });
prim('last', { monad: last });
prim('null', { monad: isNull });
prim('flip', { monad: flip });
prim('+', { monad: flip });
prim('key', { monad: key });
prim('!', { monad: key, dyad: dict });
prim('value', { monad: value });
prim('.', { monad: value });
prim('attr', { monad: attr });

