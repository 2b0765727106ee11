// Arrow IPC streaming format, both ways, over the model in model.ts:
//   stream  = Schema message, one DictionaryBatch per dictionary-encoded field,
//             RecordBatch messages, end-of-stream marker
//   message = 0xFFFFFFFF, int32 metadata length (so the body starts 8-aligned),
//             flatbuffer Message (flatbuf.ts), body (buffers, each 8-aligned)
// A column's buffers in a record batch body, depth first: validity (empty when
// no nulls), then values (fixed width / bool bitmap / dictionary indices) or
// offsets + bytes (utf8, binary) or offsets + the child column (list); the null
// type has no buffers at all.

import { QError } from '../index.js';
import * as fb from './flatbuf.js';
import type { AType, AField, ACol, ATable, TimeUnit } from './model.js';
import { widthOf } from './model.js';

const UNITS: TimeUnit[] = ['s', 'ms', 'us', 'ns'];
const unitCode = (u: TimeUnit): number => UNITS.indexOf(u);
const HEADER = { schema: 1, dictionary: 2, record: 3 } as const;

// Writing -----------------------------------------------------------------------

function typeObj(t: AType): [number, fb.Obj] {
  switch (t.id) {
    case 'null': return [1, fb.table()];
    case 'int': return [2, fb.table(fb.i32(t.bits), fb.bool(t.signed))];
    case 'float': return [3, fb.table(fb.i16(t.bits === 16 ? 0 : t.bits === 32 ? 1 : 2))];
    case 'binary': return [4, fb.table()];
    case 'utf8': return [5, fb.table()];
    case 'bool': return [6, fb.table()];
    case 'date': return [8, fb.table(fb.i16(t.unit === 'day' ? 0 : 1))];
    case 'time': return [9, fb.table(fb.i16(unitCode(t.unit)), fb.i32(t.bits))];
    case 'timestamp': return [10, fb.table(fb.i16(unitCode(t.unit)), t.tz ? fb.str(t.tz) : undefined)];
    case 'list': return [12, fb.table()];
    case 'fsb': return [15, fb.table(fb.i32(t.width))];
    case 'duration': return [18, fb.table(fb.i16(unitCode(t.unit)))];
    case 'dict': return typeObj(t.value);
  }
}

const kvs = (m?: Record<string, string>): fb.Obj | undefined =>
  m && Object.keys(m).length ? fb.vec(Object.entries(m).map(([k, v]) => fb.table(fb.str(k), fb.str(v)))) : undefined;

function fieldObj(f: AField, dictIds: Map<AField, number>): fb.Obj {
  const [tt, to] = typeObj(f.type);
  const dict = f.type.id === 'dict'
    ? fb.table(fb.i64(dictIds.get(f)!), fb.table(fb.i32(f.type.index.bits), fb.bool(f.type.index.signed)), fb.bool(false))
    : undefined;
  const children = f.type.id === 'list' ? [fieldObj(f.type.child, dictIds)] : [];
  return fb.table(fb.str(f.name), fb.bool(f.nullable), fb.u8(tt), to, dict, fb.vec(children), kvs(f.meta));
}

class Body {
  parts: Uint8Array[] = [];
  size = 0;
  buffers: [number, number][] = [];
  nodes: [number, number][] = [];
  add(v: ArrayBufferView | undefined, bytes: number): void {
    const b = v && bytes ? new Uint8Array(v.buffer, v.byteOffset, bytes) : new Uint8Array(0);
    this.buffers.push([this.size, b.length]);
    this.parts.push(b);
    const pad = (8 - (b.length % 8)) % 8;
    if (pad) this.parts.push(new Uint8Array(pad));
    this.size += b.length + pad;
  }
  column(t: AType, c: ACol): void {
    this.nodes.push([c.length, c.nullCount]);
    if (t.id === 'null') return;
    this.add(c.nullCount ? c.validity : undefined, c.nullCount ? Math.ceil(c.length / 8) : 0);
    if (t.id === 'utf8' || t.id === 'binary') {
      this.add(c.offsets, (c.length + 1) * 4);
      this.add(c.values, c.offsets![c.length]);
    } else if (t.id === 'list') {
      this.add(c.offsets, (c.length + 1) * 4);
      this.column(t.child.type, c.child!);
    } else if (t.id === 'bool') {
      this.add(c.values, Math.ceil(c.length / 8));
    } else {
      this.add(c.values, c.length * widthOf(t));
    }
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let p = 0;
    for (const b of this.parts) { out.set(b, p); p += b.length; }
    return out;
  }
}

function message(type: number, header: fb.Obj, bodyLength: number): Uint8Array {
  return fb.finish(fb.table(fb.i16(4), fb.u8(type), header, fb.i64(bodyLength)));
}

function frame(meta: Uint8Array, body: Uint8Array): Uint8Array[] {
  const len = Math.ceil((meta.length + 8) / 8) * 8 - 8;
  const head = new Uint8Array(8 + len);
  const dv = new DataView(head.buffer);
  dv.setUint32(0, 0xffffffff, true);
  dv.setInt32(4, len, true);
  head.set(meta, 8);
  return [head, body];
}

function batch(length: number, body: Body): fb.Obj {
  return fb.table(fb.i64(length), fb.structs64(body.nodes), fb.structs64(body.buffers));
}

/** Arrow IPC stream bytes for a table of the model. */
export function writeStream(t: ATable): Uint8Array {
  const dictIds = new Map<AField, number>();
  t.fields.forEach((f) => { if (f.type.id === 'dict') dictIds.set(f, dictIds.size); });
  const parts: Uint8Array[] = [];
  const schema = fb.table(fb.i16(0), fb.vec(t.fields.map((f) => fieldObj(f, dictIds))), kvs(t.meta));
  parts.push(...frame(message(HEADER.schema, schema, 0), new Uint8Array(0)));
  t.fields.forEach((f, i) => {
    if (f.type.id !== 'dict') return;
    const body = new Body();
    const dict = t.cols[i].dictionary!;
    body.column(f.type.value, dict);
    const bytes = body.bytes();
    const header = fb.table(fb.i64(dictIds.get(f)!), batch(dict.length, body), fb.bool(false));
    parts.push(...frame(message(HEADER.dictionary, header, bytes.length), bytes));
  });
  const body = new Body();
  t.fields.forEach((f, i) => body.column(f.type, t.cols[i]));
  const bytes = body.bytes();
  parts.push(...frame(message(HEADER.record, batch(t.length, body), bytes.length), bytes));
  parts.push(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]));
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  n = 0;
  for (const p of parts) { out.set(p, n); n += p.length; }
  return out;
}

// Reading -----------------------------------------------------------------------

function readType(tt: number, t: fb.Table | undefined, children: AField[]): AType {
  const u = () => UNITS[t?.i16(0) ?? 0];
  switch (tt) {
    case 1: return { id: 'null' };
    case 2: return { id: 'int', bits: t!.i32(0) as 8 | 16 | 32 | 64, signed: t!.bool(1) };
    case 3: return { id: 'float', bits: ([16, 32, 64] as const)[t!.i16(0)] };
    case 4: case 19: return { id: 'binary' };
    case 5: case 20: return { id: 'utf8' };
    case 6: return { id: 'bool' };
    case 8: return { id: 'date', unit: t!.i16(0, 1) === 0 ? 'day' : 'ms' };
    case 9: return { id: 'time', unit: UNITS[t!.i16(0, 1)], bits: t!.i32(1, 32) as 32 | 64 };
    case 10: return { id: 'timestamp', unit: u(), tz: t!.string(1) };
    case 12: case 21: return { id: 'list', child: children[0] };
    case 15: return { id: 'fsb', width: t!.i32(0) };
    case 18: return { id: 'duration', unit: UNITS[t!.i16(0, 1)] };
    default: throw new QError('type'); // decimal, struct, union, map, interval …: no q counterpart here
  }
}

interface ReadField { field: AField; dictId?: bigint; large: boolean; children: ReadField[] }

function readField(t: fb.Table): ReadField {
  const children = t.tables(5).map(readField);
  const tt = t.u8(2);
  let type = readType(tt, t.table(3), children.map((c) => c.field));
  const d = t.table(4);
  let dictId: bigint | undefined;
  if (d) {
    const it = d.table(1);
    type = { id: 'dict', index: { bits: (it ? it.i32(0) : 32) as 8 | 16 | 32 | 64, signed: it ? it.bool(1) : true }, value: type };
    dictId = d.i64(0);
  }
  const meta: Record<string, string> = {};
  for (const kv of t.tables(6)) meta[kv.string(0) ?? ''] = kv.string(1) ?? '';
  const field: AField = { name: t.string(0) ?? '', type, nullable: t.bool(1) };
  if (Object.keys(meta).length) field.meta = meta;
  return { field, dictId, large: tt === 19 || tt === 20 || tt === 21, children };
}

class BodyReader {
  i = 0; n = 0;
  constructor(readonly body: Uint8Array, readonly nodes: bigint[][], readonly bufs: bigint[][]) {}
  buf(): Uint8Array {
    const [off, len] = this.bufs[this.i++];
    return this.body.slice(Number(off), Number(off) + Number(len)); // a copy: aligned for typed views
  }
  offsets(large: boolean, length: number): Int32Array {
    const b = this.buf();
    if (!large) return new Int32Array(b.buffer, 0, length + 1);
    const w = new BigInt64Array(b.buffer, 0, length + 1), o = new Int32Array(length + 1);
    for (let i = 0; i <= length; i++) {
      if (w[i] > 0x7fffffffn) throw new QError('limit');
      o[i] = Number(w[i]);
    }
    return o;
  }
  column(rf: ReadField, type: AType = rf.field.type): ACol {
    const [len, nulls] = this.nodes[this.n++].map(Number);
    const c: ACol = { length: len, nullCount: nulls };
    if (type.id === 'null') return { length: len, nullCount: len };
    const v = this.buf();
    if (nulls) c.validity = v;
    if (type.id === 'utf8' || type.id === 'binary') {
      c.offsets = this.offsets(rf.large, len);
      c.values = this.buf();
    } else if (type.id === 'list') {
      c.offsets = this.offsets(rf.large, len);
      c.child = this.column(rf.children[0]);
    } else {
      c.values = this.buf();
    }
    return c;
  }
}

/** The record batches of an Arrow IPC stream (or file: its leading magic is skipped). */
export function readStream(bytes: Uint8Array): ATable[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = 0;
  // the file format wraps the stream in "ARROW1" magic (padded to 8) and a footer
  const file = bytes.length >= 8 && String.fromCharCode(...bytes.subarray(0, 6)) === 'ARROW1';
  let fields: ReadField[] | undefined;
  let meta: Record<string, string> | undefined;
  const readSchema = (h: fb.Table) => {
    fields = h.tables(1).map(readField);
    const m: Record<string, string> = {};
    for (const kv of h.tables(2)) m[kv.string(0) ?? ''] = kv.string(1) ?? '';
    if (Object.keys(m).length) meta = m;
  };
  if (file) {
    // the file format keeps its schema in the footer: [footer][int32 length]"ARROW1"
    p = 8;
    const flen = dv.getInt32(bytes.length - 10, true);
    const footer = fb.Table.root(bytes.subarray(bytes.length - 10 - flen, bytes.length - 10));
    const schema = footer.table(1);
    if (schema) readSchema(schema);
  }
  const dicts = new Map<bigint, ACol>();
  const out: ATable[] = [];
  while (p + 4 <= bytes.length) {
    let len = dv.getInt32(p, true); p += 4;
    if (len === -1) { if (p + 4 > bytes.length) break; len = dv.getInt32(p, true); p += 4; }
    else if (file) break; // the file's footer: every message before it had the continuation marker
    if (len <= 0 || p + len > bytes.length) break;
    const msg = fb.Table.root(bytes.subarray(p, p + len));
    p += len;
    const bodyLen = Number(msg.i64(3));
    const body = bytes.subarray(p, p + bodyLen);
    p += bodyLen;
    const type = msg.u8(1), h = msg.table(2)!;
    if (type === HEADER.schema) { readSchema(h); continue; }
    if (!fields) throw new QError('type');
    if (type === HEADER.dictionary) {
      const rb = h.table(1)!;
      if (h.bool(2)) throw new QError('nyi'); // delta dictionaries
      const rf = fields.find((f) => f.dictId === h.i64(0));
      if (!rf || rf.field.type.id !== 'dict') throw new QError('type');
      const r = new BodyReader(body, rb.structs64(1, 2), rb.structs64(2, 2));
      dicts.set(h.i64(0), r.column(rf, rf.field.type.value));
      continue;
    }
    if (type === HEADER.record) {
      if (h.table(3)) throw new QError('nyi'); // compressed bodies
      const r = new BodyReader(body, h.structs64(1, 2), h.structs64(2, 2));
      const cols = fields.map((rf) => {
        const c = r.column(rf);
        if (rf.dictId !== undefined) c.dictionary = dicts.get(rf.dictId);
        return c;
      });
      out.push({ fields: fields.map((f) => f.field), cols, length: Number(h.i64(0)), meta });
    }
  }
  if (!fields) throw new QError('type');
  if (out.length === 0) out.push({ fields: fields.map((f) => f.field), cols: fields.map((f) => emptyCol(f.field.type)), length: 0, meta });
  return out;
}

function emptyCol(t: AType): ACol {
  const c: ACol = { length: 0, nullCount: 0, values: new Uint8Array(0), offsets: new Int32Array(1) };
  if (t.id === 'list') c.child = emptyCol(t.child.type);
  if (t.id === 'dict') c.dictionary = emptyCol(t.value);
  return c;
}
