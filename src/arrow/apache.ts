// The model <-> apache-arrow's JS objects, with no import of apache-arrow:
// toArrow is handed the library (any version with makeData, 15 or later), and
// fromArrow reads Tables, RecordBatches and Vectors by their documented shape
// (schema.fields, batches, data chunks with values/nullBitmap/valueOffsets).

import { QError } from '../index.js';
import type { AType, AField, ACol, ATable, TimeUnit } from './model.js';
import { META_KIND } from './model.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The parts of the apache-arrow module the bridge uses. */
export type ArrowModule = any;

const UNITS: TimeUnit[] = ['s', 'ms', 'us', 'ns'];

// model -> apache-arrow -------------------------------------------------------------

function arrowType(A: ArrowModule, t: AType): any {
  switch (t.id) {
    case 'null': return new A.Null();
    case 'bool': return new A.Bool();
    case 'int': return new A.Int(t.signed, t.bits);
    case 'float': return new (t.bits === 16 ? A.Float16 : t.bits === 32 ? A.Float32 : A.Float64)();
    case 'utf8': return new A.Utf8();
    case 'binary': return new A.Binary();
    case 'fsb': return new A.FixedSizeBinary(t.width);
    case 'date': return t.unit === 'day' ? new A.DateDay() : new A.DateMillisecond();
    case 'time': return new A.Time(UNITS.indexOf(t.unit), t.bits);
    case 'timestamp': return new A.Timestamp(UNITS.indexOf(t.unit), t.tz);
    case 'duration': return new A.Duration(UNITS.indexOf(t.unit));
    case 'list': return new A.List(arrowField(A, t.child));
    case 'dict': return new A.Dictionary(arrowType(A, t.value), new A.Int(t.index.signed, t.index.bits));
  }
}

function arrowField(A: ArrowModule, f: AField): any {
  return new A.Field(f.name, arrowType(A, f.type), f.nullable, f.meta ? new Map(Object.entries(f.meta)) : undefined);
}

function arrowData(A: ArrowModule, type: any, t: AType, c: ACol): any {
  const base = { type, length: c.length, nullCount: c.nullCount, nullBitmap: c.nullCount ? c.validity : undefined };
  switch (t.id) {
    case 'null': return A.makeData({ type, length: c.length });
    case 'utf8': case 'binary': return A.makeData({ ...base, valueOffsets: c.offsets, data: c.values });
    case 'list': return A.makeData({ ...base, valueOffsets: c.offsets, child: arrowData(A, type.children[0].type, t.child.type, c.child!) });
    case 'dict': {
      const dict = A.makeVector(arrowData(A, type.dictionary, t.value, c.dictionary!));
      return A.makeData({ ...base, data: c.values, dictionary: dict });
    }
    default: return A.makeData({ ...base, data: c.values });
  }
}

/** A table of the model as an apache-arrow Table (or a Vector for a q vector). */
export function toApache(A: ArrowModule, t: ATable): any {
  const fields = t.fields.map((f) => arrowField(A, f));
  const datas = t.fields.map((f, i) => arrowData(A, fields[i].type, f.type, t.cols[i]));
  if (t.meta?.[META_KIND] === 'vector') return A.makeVector(datas[0]);
  const schema = new A.Schema(fields, t.meta ? new Map(Object.entries(t.meta)) : undefined);
  const struct = A.makeData({ type: new A.Struct(fields), length: t.length, nullCount: 0, children: datas });
  return new A.Table(schema, [new A.RecordBatch(schema, struct)]);
}

// apache-arrow -> model -------------------------------------------------------------

// apache-arrow's Type enum
const T = { Null: 1, Int: 2, Float: 3, Binary: 4, Utf8: 5, Bool: 6, Date: 8, Time: 9, Timestamp: 10, List: 12,
  FixedSizeBinary: 15, Duration: 18, LargeBinary: 19, LargeUtf8: 20, Dictionary: -1 };

function modelType(t: any): AType {
  switch (t.typeId) {
    case T.Null: return { id: 'null' };
    case T.Int: return { id: 'int', bits: t.bitWidth, signed: t.isSigned };
    case T.Float: return { id: 'float', bits: ([16, 32, 64] as const)[t.precision] };
    case T.Binary: case T.LargeBinary: return { id: 'binary' };
    case T.Utf8: case T.LargeUtf8: return { id: 'utf8' };
    case T.Bool: return { id: 'bool' };
    case T.Date: return { id: 'date', unit: t.unit === 0 ? 'day' : 'ms' };
    case T.Time: return { id: 'time', unit: UNITS[t.unit], bits: t.bitWidth };
    case T.Timestamp: return { id: 'timestamp', unit: UNITS[t.unit], tz: t.timezone ?? undefined };
    case T.Duration: return { id: 'duration', unit: UNITS[t.unit] };
    case T.FixedSizeBinary: return { id: 'fsb', width: t.byteWidth };
    case T.List: return { id: 'list', child: modelField(t.children[0]) };
    case T.Dictionary: return { id: 'dict', index: { bits: t.indices.bitWidth, signed: t.indices.isSigned }, value: modelType(t.dictionary) };
    default: throw new QError('type');
  }
}

function modelField(f: any): AField {
  const meta = f.metadata && f.metadata.size ? Object.fromEntries(f.metadata) : undefined;
  return { name: f.name, type: modelType(f.type), nullable: f.nullable, meta };
}

/** bits [offset, offset + n) of a bitmap, re-based at bit 0 */
function rebit(bm: Uint8Array, offset: number, n: number): Uint8Array {
  if (offset === 0) return bm;
  const out = new Uint8Array(Math.ceil(n / 8));
  for (let i = 0; i < n; i++) if ((bm[(i + offset) >> 3] >> ((i + offset) & 7)) & 1) out[i >> 3] |= 1 << (i & 7);
  return out;
}

function modelCol(t: AType, d: any): ACol {
  const n = d.length, off = d.offset ?? 0;
  const c: ACol = { length: n, nullCount: t.id === 'null' ? n : d.nullCount };
  if (c.nullCount && t.id !== 'null' && d.nullBitmap?.length) c.validity = rebit(d.nullBitmap, off, n);
  else c.nullCount = t.id === 'null' ? n : 0;
  switch (t.id) {
    case 'null': break;
    case 'bool': c.values = rebit(d.values, off, n); break;
    case 'utf8': case 'binary': {
      const o = d.valueOffsets;
      c.offsets = o instanceof BigInt64Array ? Int32Array.from(o, (x) => {
        if (x > 0x7fffffffn) throw new QError('limit');
        return Number(x);
      }) : o;
      c.values = d.values;
      break;
    }
    case 'list':
      c.offsets = d.valueOffsets;
      c.child = modelCol(t.child.type, d.children[0]);
      break;
    case 'dict': {
      c.values = d.values;
      const chunks = d.dictionary?.data ?? [];
      if (chunks.length !== 1) throw new QError('nyi'); // a dictionary in several chunks
      c.dictionary = modelCol(t.value, chunks[0]);
      break;
    }
    default: c.values = d.values;
  }
  return c;
}

/** An apache-arrow Table, RecordBatch or Vector as record batches of the model. */
export function fromApache(x: any): ATable[] {
  if (x && x.schema && Array.isArray(x.batches)) {
    const fields: AField[] = x.schema.fields.map(modelField);
    const meta = x.schema.metadata?.size ? Object.fromEntries(x.schema.metadata) : undefined;
    const batches: ATable[] = x.batches.map((b: any) => ({
      fields, meta, length: b.numRows, cols: fields.map((f, i) => modelCol(f.type, b.data.children[i])),
    }));
    return batches.length ? batches : [{ fields, meta, length: 0, cols: fields.map((f) => emptyOf(f.type)) }];
  }
  if (x && x.schema && x.data && typeof x.numRows === 'number') return fromApache({ schema: x.schema, batches: [x] });
  if (x && x.type && Array.isArray(x.data)) {
    const field: AField = { name: 'x', type: modelType(x.type), nullable: true };
    const meta = { [META_KIND]: 'vector' };
    const chunks: any[] = x.data.length ? x.data : [];
    if (!chunks.length) return [{ fields: [field], meta, length: 0, cols: [emptyOf(field.type)] }];
    return chunks.map((d) => ({ fields: [field], meta, length: d.length, cols: [modelCol(field.type, d)] }));
  }
  throw new QError('type');
}

function emptyOf(t: AType): ACol {
  const c: ACol = { length: 0, nullCount: 0, values: new Uint8Array(0), offsets: new Int32Array(1) };
  if (t.id === 'list') c.child = emptyOf(t.child.type);
  if (t.id === 'dict') c.dictionary = emptyOf(t.value);
  return c;
}
