// The Arrow model -> q: the inverse of fromq.ts for what it writes, and the
// nearest q type for Arrow data from elsewhere:
//   int8 -> h, uint8 -> x (c with qwasm:type=c), uint16 -> i, uint32/uint64 -> j
//   date64 and timestamps of any unit -> p, time32(s) -> v (u), time32(ms) -> t,
//   time64 and durations -> n, utf8 -> strings (s with qwasm:type=s), binary ->
//   byte vectors, dictionary<utf8> -> s, fixed_size_binary(16) -> g, null -> (::)
// Arrow nulls become q nulls (an empty string, 0b or 0x00 where q has none).
// Anything else (float16, decimal, struct, map, union, intervals) raises 'type.

import { K, q, QError } from '../index.js';
import type { AType, AField, ACol, ATable } from './model.js';
import { META_QTYPE, META_KIND, META_KEYS, isValid } from './model.js';
import { unshift32, unshift64, daysToMonths, OFFSET_DAYS, OFFSET_NS } from './temporal.js';

const dec = new TextDecoder();
const UNIT_NS = { s: 1000000000n, ms: 1000000n, us: 1000n, ns: 1n } as const;

function view<T>(C: { new (b: ArrayBuffer, o: number, n: number): T }, v: ArrayBufferView | undefined, n: number): T {
  if (!v) return new C(new ArrayBuffer(0), 0, 0);
  const w = (C as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  if (v.byteOffset % w === 0) return new C(v.buffer as ArrayBuffer, v.byteOffset, n);
  const copy = new Uint8Array(v.buffer, v.byteOffset, n * w).slice();
  return new C(copy.buffer, 0, n);
}

/** Copies src into a fresh array with `nul` at every invalid item. */
function withNulls<T extends Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array>(
  src: T, valid: Uint8Array | undefined, nul: number | bigint): T {
  if (!valid) return src;
  const out = src.slice() as T;
  for (let i = 0; i < out.length; i++) if (!isValid(valid, i)) (out as unknown as (number | bigint)[])[i] = nul;
  return out;
}

function widenInts(src: ArrayLike<number> | ArrayLike<bigint>, valid: Uint8Array | undefined, to: 'h' | 'i' | 'j'): K {
  const n = src.length;
  if (to === 'j') {
    const out = new BigInt64Array(n);
    for (let i = 0; i < n; i++) {
      if (!isValid(valid, i)) { out[i] = -9223372036854775808n; continue; }
      const x = BigInt(src[i]);
      if (x > 9223372036854775807n) throw new QError('domain');
      out[i] = x;
    }
    return K.long(out);
  }
  const out = to === 'h' ? new Int16Array(n) : new Int32Array(n);
  const nul = to === 'h' ? -32768 : -2147483648;
  for (let i = 0; i < n; i++) out[i] = isValid(valid, i) ? Number(src[i]) : nul;
  return to === 'h' ? K.short(out) : K.int(out);
}

function strings(c: ACol): Uint8Array[] {
  const o = c.offsets!, b = c.values as Uint8Array, bytes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return Array.from({ length: c.length }, (_, i) => (isValid(c.validity, i) ? bytes.subarray(o[i], o[i + 1]) : new Uint8Array(0)));
}

/** One Arrow column as a q vector or general list (a new K). */
export function toK(f: AField, c: ACol): K {
  const t = f.type, n = c.length, valid = c.nullCount ? c.validity : undefined;
  const qt = f.meta?.[META_QTYPE];
  switch (t.id) {
    case 'null': return K.from(Array.from({ length: n }, () => null));
    case 'bool': {
      const bits = c.values as Uint8Array, out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = isValid(valid, i) && isValid(bits, i) ? 1 : 0;
      return K.boolean(Array.from(out, (x) => x === 1));
    }
    case 'int': {
      const sized = { 8: t.signed ? Int8Array : Uint8Array, 16: t.signed ? Int16Array : Uint16Array, 32: t.signed ? Int32Array : Uint32Array, 64: t.signed ? BigInt64Array : BigUint64Array }[t.bits];
      const src = view(sized as unknown as { new (b: ArrayBuffer, o: number, n: number): ArrayLike<number> }, c.values, n);
      if (t.bits === 8 && !t.signed) {
        const u = (src as unknown as Uint8Array).slice();
        if (valid) for (let i = 0; i < n; i++) if (!isValid(valid, i)) u[i] = qt === 'c' ? 32 : 0;
        return qt === 'c' ? K.char(u) : K.byte(u);
      }
      if (t.signed && t.bits === 16) return K.short(withNulls(src as unknown as Int16Array, valid, -32768));
      if (t.signed && t.bits === 32) return K.int(withNulls(src as unknown as Int32Array, valid, -2147483648));
      if (t.signed && t.bits === 64) return K.long(withNulls(src as unknown as BigInt64Array, valid, -9223372036854775808n));
      return widenInts(src, valid, t.bits === 8 ? 'h' : t.bits === 16 ? 'i' : 'j');
    }
    case 'float': {
      if (t.bits === 16) throw new QError('type');
      if (t.bits === 32) return K.real(withNulls(view(Float32Array, c.values, n), valid, NaN));
      return K.float(withNulls(view(Float64Array, c.values, n), valid, NaN));
    }
    case 'fsb': {
      const b = c.values as Uint8Array, bytes = new Uint8Array(b.buffer, b.byteOffset, n * t.width).slice();
      if (valid) for (let i = 0; i < n; i++) if (!isValid(valid, i)) bytes.fill(0, i * t.width, (i + 1) * t.width);
      if (t.width === 16) return K.guid(bytes);
      return K.from(Array.from({ length: n }, (_, i) => K.byte(bytes.subarray(i * t.width, (i + 1) * t.width))));
    }
    case 'utf8': {
      const ss = strings(c);
      if (qt === 's') return K.symbol(ss.map((s) => dec.decode(s)));
      return listOf(ss.map((s) => K.string(s.slice())));
    }
    case 'binary': return listOf(strings(c).map((s) => K.byte(s.slice())));
    case 'dict': {
      if (t.value.id !== 'utf8') throw new QError('type');
      const texts = strings(c.dictionary!).map((s) => dec.decode(s));
      const { bits, signed } = t.index;
      const C = { 8: signed ? Int8Array : Uint8Array, 16: signed ? Int16Array : Uint16Array, 32: signed ? Int32Array : Uint32Array, 64: signed ? BigInt64Array : BigUint64Array }[bits];
      const idx = view(C as unknown as { new (b: ArrayBuffer, o: number, n: number): ArrayLike<number | bigint> }, c.values, n);
      return K.symbol(Array.from({ length: n }, (_, i) => (isValid(valid, i) ? texts[Number(idx[i])] ?? '' : '')));
    }
    case 'date': {
      if (t.unit === 'ms') return K.timestamp(unshift64(view(BigInt64Array, c.values, n), valid, 1000000n, OFFSET_NS));
      const days = view(Int32Array, c.values, n);
      if (qt === 'm') return K.month(daysToMonths(days, valid));
      return K.date(unshift32(days, valid, 1, OFFSET_DAYS));
    }
    case 'timestamp':
      return K.timestamp(unshift64(view(BigInt64Array, c.values, n), valid, UNIT_NS[t.unit], OFFSET_NS));
    case 'duration':
      return K.timespan(unshift64(view(BigInt64Array, c.values, n), valid, UNIT_NS[t.unit], 0n));
    case 'time': {
      if (t.bits === 64) return K.timespan(unshift64(view(BigInt64Array, c.values, n), valid, UNIT_NS[t.unit], 0n));
      const v = view(Int32Array, c.values, n);
      if (t.unit === 's') return qt === 'u' ? K.minute(unshift32(v, valid, 60, 0)) : K.second(unshift32(v, valid, 1, 0));
      if (t.unit === 'ms') return K.time(unshift32(v, valid, 1, 0));
      throw new QError('type');
    }
    case 'list': {
      const child = toK(t.child, c.child!);
      try {
        const o = c.offsets!;
        const items: K[] = [];
        try {
          for (let i = 0; i < n; i++) items.push(q('sublist', [o[i], o[i + 1] - o[i]], child));
          return listOf(items.splice(0));
        } finally { items.forEach((x) => x.dispose()); }
      } finally { child.dispose(); }
    }
  }
}

/** A general list of the given items (taking them over), never collapsed to a vector. */
function listOf(items: K[]): K {
  try { return K.from(items); } finally { items.forEach((x) => x.dispose()); }
}

/** An Arrow table of the model (one or more record batches) as q, shaped by its metadata. */
export function toQ(batches: ATable[]): K {
  const first = batches[0];
  const cols: K[] = [];
  try {
    first.fields.forEach((f, i) => {
      let col = toK(f, batches[0].cols[i]);
      for (let b = 1; b < batches.length; b++) {
        const more = toK(f, batches[b].cols[i]);
        try { const j = q.join(col, more); col.dispose(); col = j; } finally { more.dispose(); }
      }
      cols.push(col);
    });
    const kind = first.meta?.[META_KIND];
    if (kind === 'vector') return cols[0].ref();
    if (kind === 'dict') return q.dict(cols[0], cols[1]);
    const names = first.fields.map((f) => f.name);
    if (kind === 'keyed') {
      const nk = Number(first.meta?.[META_KEYS]);
      const kt = table(names.slice(0, nk), cols.slice(0, nk)), vt = table(names.slice(nk), cols.slice(nk));
      try { return q.dict(kt, vt); } finally { kt.dispose(); vt.dispose(); }
    }
    return table(names, cols);
  } finally { cols.forEach((c) => c.dispose()); }
}

function table(names: string[], cols: K[]): K {
  const keys = K.symbol(names), vals = K.from(cols);
  try {
    const d = q.dict(keys, vals);
    try { return q.flip(d); } finally { d.dispose(); }
  } finally { keys.dispose(); vals.dispose(); }
}
