// A K value as a message between threads: its type, one ArrayBuffer per simple
// vector (a copy of the items, then *transferred*, so a column crosses in one
// memcpy rather than being structured-cloned item by item), the text of its
// symbols, and its children. Both sides rebuild it as a K in their own engine.
//
//   atom / simple vector  { t, a, buf }           buf: the stored items, q's units
//   symbols               { t, a, buf, syms }     buf: Int32 indices into syms (distinct texts)
//   general list          { t: 0, items }
//   dictionary            { t: 99, a, items: [keys, values] }
//   table                 { t: 98, a, items: [column dictionary] }
//   function              { t, fn }               fn: its q text, re-evaluated on arrival
//   generic null ::       { t: 101 }

import { K, q, QError, QTYPES, serialize, deserialize } from '../index.js';

export interface Wire {
  t: number;
  a?: number;
  buf?: ArrayBuffer;
  syms?: string[];
  items?: Wire[];
  fn?: string;
  fnIpc?: Uint8Array;
}

const ATTR_CODE: Record<string, number> = { '': 0, s: 1, u: 2, p: 3, g: 4 };
const ATTR_NAME = ['', 's', 'u', 'p', 'g'];

/** The message for k; every ArrayBuffer it holds is pushed on `transfer`. */
export function encode(k: K, transfer: ArrayBuffer[]): Wire {
  const t = k.type, a = ATTR_CODE[k.attr] ?? 0;
  if (t === 101 && k.fnPayload === undefined) return { t }; // the generic null ::
  if (t >= 100) {
    // as kdb+ sends it where it can: a composition or a keyword kdb+ defines in k has no
    // q text that parses back (differ shows $["b"]~~':); else its text
    try { return { t, fnIpc: serialize(k) }; } catch { return { t, fn: k.toString() }; }
  }
  if (t === 0 || t === 98 || t === 99) {
    const parts: K[] = t === 0 ? Array.from({ length: k.count }, (_, i) => k.item(i))
      : t === 99 ? [k.keys, k.values] : [q.flip(k)];
    try {
      return { t, a, items: parts.map((p) => encode(p, transfer)) };
    } finally { parts.forEach((p) => p.dispose()); }
  }
  const data = k.data;
  if (Math.abs(t) === 11) {
    const ids = data as Int32Array, at = new Map<number, number>(), syms: string[] = [];
    const idx = new Int32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      let j = at.get(ids[i]);
      if (j === undefined) { j = syms.length; at.set(ids[i], j); syms.push(k.symbol(ids[i])); }
      idx[i] = j;
    }
    transfer.push(idx.buffer);
    return { t, a, buf: idx.buffer, syms };
  }
  const buf = data.slice().buffer as ArrayBuffer;
  transfer.push(buf);
  return { t, a, buf };
}

const CTORS = new Map<number, (v: unknown) => K>(
  [K.boolean, K.guid, K.byte, K.short, K.int, K.long, K.real, K.float, K.char, K.symbol, K.timestamp, K.month,
    K.date, K.datetime, K.timespan, K.minute, K.second, K.time].map((c) => [c.code, c]));

/** A new K in this thread's engine from a message made by encode. */
export function decode(w: Wire): K {
  const t = w.t;
  if (t === 101 && w.fn === undefined && w.fnIpc === undefined) return K.from(null);
  if (t >= 100) {
    if (w.fnIpc instanceof Uint8Array) return deserialize(w.fnIpc);
    if (typeof w.fn !== 'string') throw new QError('type');
    return q(w.fn);
  }
  const k = build(w);
  if (!w.a) return k;
  try { return q('#', ATTR_NAME[w.a], k); } finally { k.dispose(); }
}

function build(w: Wire): K {
  const t = w.t;
  if (t === 0 || t === 98 || t === 99) {
    const parts = (w.items ?? []).map(decode);
    try {
      if (t === 0) return K.from(parts);
      if (t === 99) return q.dict(parts[0], parts[1]);
      return q.flip(parts[0]);
    } finally { parts.forEach((p) => p.dispose()); }
  }
  const code = Math.abs(t), qt = QTYPES[code], make = CTORS.get(code);
  if (!qt || !make || !w.buf) throw new QError('type');
  let v: K;
  if (code === 11) {
    const idx = new Int32Array(w.buf), syms = w.syms ?? [];
    v = make(Array.from(idx, (i) => syms[i]));
  } else {
    v = make(code === 2 ? new Uint8Array(w.buf) : new qt.array(w.buf, 0, w.buf.byteLength / qt.width));
  }
  if (t > 0) return v;
  try { return q.first(v); } finally { v.dispose(); }
}
