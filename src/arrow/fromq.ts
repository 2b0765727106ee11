// q -> the Arrow model. Which Arrow type each q type becomes:
//
//   b boolean   bool                    s symbol    dictionary<int32, utf8> (` is null);
//   g guid      fixed_size_binary(16)               nested in a list: utf8 + qwasm:type=s
//   x byte      uint8                   p timestamp timestamp(ns), from 1970 (temporal.ts)
//   h i j       int16 int32 int64       m month     date32 of the 1st + qwasm:type=m
//   e f         float32 float64 (NaN is null)  d date  date32
//   c char      uint8 + qwasm:type=c    n timespan  duration(ns)
//   z datetime  'type (deprecated in q: cast to timestamp)   u minute  time32(s) + qwasm:type=u
//   v second    time32(s)               t time      time32(ms)
//   general list of strings: utf8; of vectors of one type: list<that type>; empty: null
//
// q nulls become validity bits (0Ng, 0n and ` included); the values buffer of a
// numeric column whose Arrow layout equals q's (h i j e f x n v t) is a view of
// the engine's memory, not a copy, valid while the K lives and no engine
// allocation grows memory.

import { K, q, QError } from '../index.js';
import type { AType, AField, ACol, ATable } from './model.js';
import { META_QTYPE, META_KIND, META_KEYS } from './model.js';
import { shift32, shift64, monthsToDays, OFFSET_DAYS, OFFSET_NS } from './temporal.js';

const enc = new TextEncoder();

interface Mapped { type: AType; col: ACol; meta?: Record<string, string> }

/** Validity bitmap of items where isNull is false; undefined when none is null. */
function validity(n: number, isNull: (i: number) => boolean, from = 0): { bm?: Uint8Array; nulls: number } {
  let bm: Uint8Array | undefined, nulls = 0;
  for (let i = from; i < n; i++) {
    if (!isNull(i)) continue;
    if (!bm) { bm = new Uint8Array(Math.ceil(n / 8)).fill(0xff); }
    bm[i >> 3] &= ~(1 << (i & 7));
    nulls++;
  }
  return { bm, nulls };
}

/** Index of the first null, or -1: a tight loop per storage, so a column
 *  without nulls (the common case) costs one pass and no bitmap. */
function firstNull(d: ArrayBufferView, t: number): number {
  if (d instanceof Float64Array || d instanceof Float32Array) {
    for (let i = 0; i < d.length; i++) if (d[i] !== d[i]) return i;
  } else if (d instanceof Int32Array) {
    const nul = t === 11 ? 0 : -2147483648;
    for (let i = 0; i < d.length; i++) if (d[i] === nul) return i;
  } else if (d instanceof Int16Array) {
    for (let i = 0; i < d.length; i++) if (d[i] === -32768) return i;
  } else if (d instanceof BigInt64Array) {
    const h = new Int32Array(d.buffer, d.byteOffset, 2 * d.length);
    for (let i = 0; i < d.length; i++) if (h[2 * i + 1] === -0x80000000 && h[2 * i] === 0) return i;
  } else return 0; // other storages: let the caller's test decide item by item
  return -1;
}

const NULL32 = -2147483648, NULL16 = -32768;

/** isNull for q's 64-bit null (0N), read as 32-bit halves: comparing BigInts per item is slow. */
function null64(d: BigInt64Array): (i: number) => boolean {
  const lo = new Int32Array(d.buffer, d.byteOffset, 2 * d.length);
  return (i) => lo[2 * i + 1] === -0x80000000 && lo[2 * i] === 0;
}

function utf8Of(strings: Uint8Array[], valid?: Uint8Array, nulls = 0): ACol {
  const offsets = new Int32Array(strings.length + 1);
  let n = 0;
  strings.forEach((s, i) => { n += s.length; offsets[i + 1] = n; });
  const bytes = new Uint8Array(n);
  strings.forEach((s, i) => bytes.set(s, offsets[i]));
  return { length: strings.length, nullCount: nulls, validity: valid, offsets, values: bytes };
}

/** One q vector or general list as an Arrow column. */
export function column(k: K, nested = false): Mapped {
  const t = k.type, n = k.count;
  if (t < 0 || t >= 20) throw new QError('type');
  if (t === 0) return listColumn(k);
  const d = k.data;
  const simple = (type: AType, isNull?: (i: number) => boolean, values: ArrayBufferView = d, meta?: Record<string, string>): Mapped => {
    const first = isNull ? firstNull(d, t) : -1;
    const v = first >= 0 ? validity(n, isNull!, first) : { nulls: 0 };
    return { type, col: { length: n, nullCount: v.nulls, validity: v.bm, values }, meta };
  };
  switch (t) {
    case 1: {
      const bits = new Uint8Array(Math.ceil(n / 8));
      for (let i = 0; i < n; i++) if (d[i]) bits[i >> 3] |= 1 << (i & 7);
      return simple({ id: 'bool' }, undefined, bits);
    }
    case 2: {
      const b = d as Uint8Array;
      const isNull = (i: number) => { for (let j = 16 * i; j < 16 * i + 16; j++) if (b[j]) return false; return true; };
      return simple({ id: 'fsb', width: 16 }, isNull);
    }
    case 4: return simple({ id: 'int', bits: 8, signed: false });
    case 5: return simple({ id: 'int', bits: 16, signed: true }, (i) => d[i] === NULL16);
    case 6: return simple({ id: 'int', bits: 32, signed: true }, (i) => d[i] === NULL32);
    case 7: return simple({ id: 'int', bits: 64, signed: true }, null64(d as BigInt64Array));
    case 8: return simple({ id: 'float', bits: 32 }, (i) => Number.isNaN(d[i]));
    case 9: return simple({ id: 'float', bits: 64 }, (i) => Number.isNaN(d[i]));
    case 10: return simple({ id: 'int', bits: 8, signed: false }, undefined, d, { [META_QTYPE]: 'c' });
    case 11: return symbolColumn(k, nested);
    case 12: {
      return simple({ id: 'timestamp', unit: 'ns' }, null64(d as BigInt64Array), shift64(d as BigInt64Array, 1n, OFFSET_NS));
    }
    case 13: return simple({ id: 'date', unit: 'day' }, (i) => d[i] === NULL32, monthsToDays(d as Int32Array), { [META_QTYPE]: 'm' });
    case 14: return simple({ id: 'date', unit: 'day' }, (i) => d[i] === NULL32, shift32(d as Int32Array, 1, OFFSET_DAYS));
    case 15: throw new QError('type');
    case 16: return simple({ id: 'duration', unit: 'ns' }, null64(d as BigInt64Array));
    case 17: return simple({ id: 'time', unit: 's', bits: 32 }, (i) => d[i] === NULL32, shift32(d as Int32Array, 60, 0), { [META_QTYPE]: 'u' });
    case 18: return simple({ id: 'time', unit: 's', bits: 32 }, (i) => d[i] === NULL32);
    case 19: return simple({ id: 'time', unit: 'ms', bits: 32 }, (i) => d[i] === NULL32);
  }
  throw new QError('type');
}

function symbolColumn(k: K, nested: boolean): Mapped {
  const ids = k.data as Int32Array, n = ids.length;
  // symbol ids are dense: a lookup array (not a Map) gives each its dictionary index
  let max = 0;
  for (let i = 0; i < n; i++) if (ids[i] > max) max = ids[i];
  const at = new Int32Array(max + 1).fill(-1), texts: Uint8Array[] = [];
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (id === 0) continue; // the null symbol (id 0 is ``)
    let j = at[id];
    if (j < 0) { j = at[id] = texts.length; texts.push(enc.encode(k.symbol(id))); }
    idx[i] = j;
  }
  const first = firstNull(ids, 11);
  const v = first >= 0 ? validity(n, (i) => ids[i] === 0, first) : { nulls: 0 };
  if (nested) {
    const strings = Array.from(idx, (j, i) => (ids[i] === 0 ? new Uint8Array(0) : texts[j]));
    return { type: { id: 'utf8' }, col: utf8Of(strings, v.bm, v.nulls), meta: { [META_QTYPE]: 's' } };
  }
  return {
    type: { id: 'dict', index: { bits: 32, signed: true }, value: { id: 'utf8' } },
    col: { length: n, nullCount: v.nulls, validity: v.bm, values: idx, dictionary: utf8Of(texts) },
  };
}

function listColumn(k: K): Mapped {
  const n = k.count;
  if (n === 0) return { type: { id: 'null' }, col: { length: 0, nullCount: 0 } };
  const items = Array.from({ length: n }, (_, i) => k.item(i));
  try {
    // () items fit any list (they come back as empty vectors of the column's type)
    const typed = items.filter((x) => !(x.type === 0 && x.count === 0));
    if (typed.length === 0) throw new QError('type');
    const t = typed[0].type;
    if (t < 0 || t >= 20 || typed.some((x) => x.type !== t)) throw new QError('type');
    if (t === 10) return { type: { id: 'utf8' }, col: utf8Of(items.map((x) => (x.type === 10 ? (x.data as Uint8Array).slice() : new Uint8Array(0)))) };
    const offsets = new Int32Array(n + 1);
    items.forEach((x, i) => { offsets[i + 1] = offsets[i] + x.count; });
    const flat = q('raze', k);
    try {
      const inner = column(flat, true);
      const child: AField = { name: 'item', type: inner.type, nullable: true, meta: inner.meta };
      // the child's values may view engine memory held only by `flat`: copy them
      const col = copyCol(inner.col);
      return { type: { id: 'list', child }, col: { length: n, nullCount: 0, offsets, child: col } };
    } finally { flat.dispose(); }
  } finally { items.forEach((x) => x.dispose()); }
}

function copyCol(c: ACol): ACol {
  const cp = (v?: ArrayBufferView) => (v ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice() : undefined);
  return {
    ...c, validity: c.validity && cp(c.validity) as Uint8Array,
    values: c.values && retype(c.values, cp(c.values)!),
    child: c.child && copyCol(c.child), dictionary: c.dictionary && copyCol(c.dictionary),
  };
}
function retype(like: ArrayBufferView, bytes: Uint8Array): ArrayBufferView {
  const C = like.constructor as { new (b: ArrayBuffer): ArrayBufferView };
  return like instanceof Uint8Array ? bytes : new C(bytes.buffer as ArrayBuffer);
}

/** A q table, keyed table, dictionary or vector as an Arrow table of the model.
 *  Tables map column for column; a keyed table's key columns come first
 *  (schema metadata says how many); a dictionary becomes columns key and value;
 *  a vector one column named x. Metadata brings each back to its q shape. */
export function fromQ(k: K, opts: { copy?: boolean } = {}): ATable {
  const t = k.type;
  const cols: { name: string; m: Mapped }[] = [];
  let meta: Record<string, string> | undefined;
  const addTable = (tb: K) => {
    const names = tb.columns, vals = tb.values;
    try {
      names.forEach((name, i) => {
        const c = vals.item(i);
        try { cols.push({ name, m: column(c) }); } finally { c.dispose(); }
      });
    } finally { vals.dispose(); }
  };
  if (t === 98) addTable(k);
  else if (t === 99) {
    const ks = k.keys, vs = k.values;
    try {
      if (ks.type === 98 && vs.type === 98) {
        addTable(ks); const nk = cols.length; addTable(vs);
        meta = { [META_KIND]: 'keyed', [META_KEYS]: String(nk) };
      } else {
        cols.push({ name: 'key', m: column(ks) }, { name: 'value', m: column(vs) });
        meta = { [META_KIND]: 'dict' };
      }
    } finally { ks.dispose(); vs.dispose(); }
  } else if (t >= 0 && t < 20) {
    cols.push({ name: 'x', m: column(k) });
    meta = { [META_KIND]: 'vector' };
  } else throw new QError('type');
  const length = cols.length ? cols[0].m.col.length : 0;
  const out: ATable = {
    fields: cols.map(({ name, m }) => ({ name, type: m.type, nullable: m.col.nullCount > 0 || m.type.id !== 'bool', meta: m.meta })),
    cols: cols.map(({ m }) => (opts.copy ? copyCol(m.col) : m.col)),
    length, meta,
  };
  return out;
}
