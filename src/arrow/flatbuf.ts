// The little of FlatBuffers that Arrow IPC metadata needs, written and read by
// hand so the bridge depends on nothing.
//
// The writer lays objects out front to back: a table's vtable, then the table,
// then the objects its fields point at (uoffsets are unsigned and must point
// forward; a table's signed offset to its vtable may point back).
//
//   table:  [soffset to vtable][fields, each aligned to its size]
//   vtable: [u16 vtable bytes][u16 table bytes][u16 offset of field 0]…
//   string: [u32 length][bytes][0]        vector: [u32 count][items]

export type Scalar = { t: 'u8' | 'bool' | 'i16' | 'i32' | 'i64'; v: number | bigint };
export type Obj =
  | { k: 'table'; fields: (Scalar | Obj | undefined)[] }
  | { k: 'string'; s: string }
  | { k: 'vec'; items: Obj[] }                                    // vector of offsets
  | { k: 'raw'; bytes: Uint8Array; count: number; align: number }; // vector of scalars or structs

export const u8 = (v: number): Scalar => ({ t: 'u8', v });
export const bool = (v: boolean): Scalar => ({ t: 'bool', v: v ? 1 : 0 });
export const i16 = (v: number): Scalar => ({ t: 'i16', v });
export const i32 = (v: number): Scalar => ({ t: 'i32', v });
export const i64 = (v: number | bigint): Scalar => ({ t: 'i64', v: BigInt(v) });
export const table = (...fields: (Scalar | Obj | undefined)[]): Obj => ({ k: 'table', fields });
export const str = (s: string): Obj => ({ k: 'string', s });
export const vec = (items: Obj[]): Obj => ({ k: 'vec', items });
/** A vector of structs of 64-bit fields (Arrow's FieldNode and Buffer). */
export function structs64(rows: (number | bigint)[][]): Obj {
  const w = rows[0]?.length ?? 0;
  const b = new BigInt64Array(rows.length * w);
  rows.forEach((r, i) => r.forEach((x, j) => { b[i * w + j] = BigInt(x); }));
  return { k: 'raw', bytes: new Uint8Array(b.buffer), count: rows.length, align: 8 };
}
export const longs = (xs: (number | bigint)[]): Obj => structs64(xs.map((x) => [x]));

const SIZE = { u8: 1, bool: 1, i16: 2, i32: 4, i64: 8 } as const;
const enc = new TextEncoder();

class Out {
  buf = new Uint8Array(256);
  dv = new DataView(this.buf.buffer);
  n = 0;
  need(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    b.set(this.buf);
    this.buf = b; this.dv = new DataView(b.buffer);
  }
  align(a: number, extra = 0): void {
    const pad = (a - ((this.n + extra) % a)) % a;
    this.need(pad); this.n += pad;
  }
  u32(v: number): number { this.need(4); const p = this.n; this.dv.setUint32(p, v, true); this.n += 4; return p; }
}

function put(o: Out, x: Obj): number {
  switch (x.k) {
    case 'string': {
      const b = enc.encode(x.s);
      o.align(4);
      const p = o.u32(b.length);
      o.need(b.length + 1); o.buf.set(b, o.n); o.n += b.length; o.buf[o.n++] = 0;
      return p;
    }
    case 'raw': {
      o.align(Math.max(4, x.align), 4);
      const p = o.u32(x.count);
      o.need(x.bytes.length); o.buf.set(x.bytes, o.n); o.n += x.bytes.length;
      return p;
    }
    case 'vec': {
      o.align(4);
      const p = o.u32(x.items.length);
      const slots = x.items.map(() => o.u32(0));
      x.items.forEach((it, i) => { const c = put(o, it); o.dv.setUint32(slots[i], c - slots[i], true); });
      return p;
    }
    case 'table': {
      // field slots: 8-byte ones first after the soffset, then 4, 2, 1
      const present = x.fields.map((f, id) => ({ f, id })).filter((e) => e.f !== undefined);
      const size = (f: Scalar | Obj) => ('t' in f ? SIZE[f.t] : 4);
      present.sort((a, b) => size(b.f!) - size(a.f!));
      let off = 4;
      const at: number[] = [];
      for (const e of present) {
        const s = size(e.f!);
        off = Math.ceil(off / s) * s;
        at[e.id] = off; off += s;
      }
      const tableSize = off;
      const nf = x.fields.length;
      o.align(2);
      const vt = o.n;
      o.need(4 + 2 * nf);
      o.dv.setUint16(vt, 4 + 2 * nf, true); o.dv.setUint16(vt + 2, tableSize, true);
      for (let id = 0; id < nf; id++) o.dv.setUint16(vt + 4 + 2 * id, at[id] ?? 0, true);
      o.n += 4 + 2 * nf;
      o.align(8);
      const t = o.n;
      o.need(tableSize); o.buf.fill(0, t, t + tableSize); o.n += tableSize;
      o.dv.setInt32(t, t - vt, true);
      const refs: [number, Obj][] = [];
      for (const e of present) {
        const f = e.f!, p = t + at[e.id];
        if ('t' in f) {
          if (f.t === 'i64') o.dv.setBigInt64(p, f.v as bigint, true);
          else if (f.t === 'i32') o.dv.setInt32(p, Number(f.v), true);
          else if (f.t === 'i16') o.dv.setInt16(p, Number(f.v), true);
          else o.dv.setUint8(p, Number(f.v));
        } else refs.push([p, f]);
      }
      for (const [p, f] of refs) { const c = put(o, f); o.dv.setUint32(p, c - p, true); }
      return t;
    }
  }
}

/** The bytes of a flatbuffer whose root is `root` (a table). */
export function finish(root: Obj): Uint8Array {
  const o = new Out();
  o.u32(0);
  const p = put(o, root);
  o.dv.setUint32(0, p, true);
  return o.buf.slice(0, o.n);
}

// Reading ------------------------------------------------------------------------

const dec = new TextDecoder();

/** A table in a flatbuffer: field(id) gives its position, or 0 when absent. */
export class Table {
  constructor(readonly dv: DataView, readonly pos: number) {}
  static root(bytes: Uint8Array): Table {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return new Table(dv, dv.getUint32(0, true));
  }
  field(id: number): number {
    const vt = this.pos - this.dv.getInt32(this.pos, true);
    if (4 + 2 * id >= this.dv.getUint16(vt, true)) return 0;
    const off = this.dv.getUint16(vt + 4 + 2 * id, true);
    return off ? this.pos + off : 0;
  }
  u8(id: number, d = 0): number { const p = this.field(id); return p ? this.dv.getUint8(p) : d; }
  bool(id: number): boolean { return this.u8(id) !== 0; }
  i16(id: number, d = 0): number { const p = this.field(id); return p ? this.dv.getInt16(p, true) : d; }
  i32(id: number, d = 0): number { const p = this.field(id); return p ? this.dv.getInt32(p, true) : d; }
  i64(id: number): bigint { const p = this.field(id); return p ? this.dv.getBigInt64(p, true) : 0n; }
  #ref(id: number): number { const p = this.field(id); return p ? p + this.dv.getUint32(p, true) : 0; }
  table(id: number): Table | undefined { const p = this.#ref(id); return p ? new Table(this.dv, p) : undefined; }
  string(id: number): string | undefined {
    const p = this.#ref(id);
    if (!p) return undefined;
    const n = this.dv.getUint32(p, true);
    return dec.decode(new Uint8Array(this.dv.buffer, this.dv.byteOffset + p + 4, n));
  }
  tables(id: number): Table[] {
    const p = this.#ref(id);
    if (!p) return [];
    const n = this.dv.getUint32(p, true), out: Table[] = [];
    for (let i = 0; i < n; i++) { const s = p + 4 + 4 * i; out.push(new Table(this.dv, s + this.dv.getUint32(s, true))); }
    return out;
  }
  /** A vector of structs of `width` 64-bit fields. */
  structs64(id: number, width: number): bigint[][] {
    const p = this.#ref(id);
    if (!p) return [];
    const n = this.dv.getUint32(p, true), out: bigint[][] = [];
    for (let i = 0; i < n; i++) {
      const row: bigint[] = [];
      for (let j = 0; j < width; j++) row.push(this.dv.getBigInt64(p + 4 + 8 * (i * width + j), true));
      out.push(row);
    }
    return out;
  }
}
