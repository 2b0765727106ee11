// The Arrow columnar model as the bridge sees it: a field (name, type,
// metadata) and a column of buffers, the shape the Arrow format gives them.
// q values become this model (fromq.ts) and come back from it (toq.ts); the
// IPC writer/reader (ipc.ts) and the apache-arrow adapter (apache.ts) only
// translate the model, so every mapping decision lives in two files.

export type TimeUnit = 's' | 'ms' | 'us' | 'ns';

export type AType =
  | { id: 'null' }
  | { id: 'bool' }
  | { id: 'int'; bits: 8 | 16 | 32 | 64; signed: boolean }
  | { id: 'float'; bits: 16 | 32 | 64 }
  | { id: 'utf8' }
  | { id: 'binary' }
  | { id: 'fsb'; width: number }
  | { id: 'date'; unit: 'day' | 'ms' }
  | { id: 'time'; unit: TimeUnit; bits: 32 | 64 }
  | { id: 'timestamp'; unit: TimeUnit; tz?: string }
  | { id: 'duration'; unit: TimeUnit }
  | { id: 'list'; child: AField }
  | { id: 'dict'; index: { bits: 8 | 16 | 32 | 64; signed: boolean }; value: AType };

export interface AField {
  name: string;
  type: AType;
  nullable: boolean;
  meta?: Record<string, string>;
}

/** One column's data (one record batch's worth). */
export interface ACol {
  length: number;
  nullCount: number;
  /** validity bitmap, bit i (LSB first) set when item i is valid; absent when no nulls */
  validity?: Uint8Array;
  /** fixed-width items (a bit-packed bitmap for bool), utf8/binary bytes, or dictionary indices */
  values?: ArrayBufferView;
  /** utf8/binary/list offsets (length + 1) */
  offsets?: Int32Array;
  /** the list's item column */
  child?: ACol;
  /** the dictionary's values (for dictionary-encoded columns) */
  dictionary?: ACol;
}

/** A table: fields and their columns, plus schema metadata. */
export interface ATable {
  fields: AField[];
  cols: ACol[];
  length: number;
  meta?: Record<string, string>;
}

/** Field and schema metadata keys the bridge writes (and understands on reading). */
export const META_QTYPE = 'qwasm:type';   // field: the q type char when Arrow's type alone is ambiguous
export const META_KIND = 'qwasm:kind';    // schema: 'vector' | 'dict' | 'keyed' (absent: table)
export const META_KEYS = 'qwasm:keys';    // schema: number of key columns of a keyed table

export const isValid = (bm: Uint8Array | undefined, i: number): boolean => !bm || ((bm[i >> 3] >> (i & 7)) & 1) === 1;

/** Bytes per fixed-width item of a type (0 for variable-width and bool). */
export function widthOf(t: AType): number {
  switch (t.id) {
    case 'int': return t.bits / 8;
    case 'float': return t.bits / 8;
    case 'fsb': return t.width;
    case 'date': return t.unit === 'day' ? 4 : 8;
    case 'time': return t.bits / 8;
    case 'timestamp': case 'duration': return 8;
    case 'dict': return t.index.bits / 8;
    default: return 0;
  }
}
