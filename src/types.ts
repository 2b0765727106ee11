// The one table of q types: code, char, name, width, null, infinities and the
// typed array that views a vector's items. Everything else derives from it.

export * from '../assembly/shared/types.js';

export type QTypedArray =
  | Uint8Array | Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array;

type ArrayCtor = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): QTypedArray; BYTES_PER_ELEMENT: number };

/** Storage class, named after k.h's accessors: the kernels dispatch on it. */
export type Storage = 'G' | 'H' | 'I' | 'J' | 'E' | 'F' | 'S' | 'U' | 'K';

export interface QType {
  readonly code: number;        // vector code 1..19 (atoms are -code)
  readonly char: string;        // q's type char: b g x h i j e f c s p m d z n u v t
  readonly name: string;        // q's type name: boolean, guid, …
  readonly width: number;       // bytes per item
  readonly storage: Storage;
  readonly array: ArrayCtor;    // view over the items
  readonly temporal: boolean;
  /** raw null/infinity values as stored (number or bigint), undefined where q has none */
  readonly null?: number | bigint;
  readonly inf?: number | bigint;
  readonly ninf?: number | bigint;
}

const NI = -2147483648, WI = 2147483647;
const NJ = -9223372036854775808n, WJ = 9223372036854775807n;
const NH = -32768, WH = 32767;

function t(code: number, char: string, name: string, width: number, storage: Storage, array: ArrayCtor,
  nul?: number | bigint, inf?: number | bigint, ninf?: number | bigint, temporal = false): QType {
  return { code, char, name, width, storage, array, null: nul, inf, ninf, temporal };
}

/** Indexed by |type| 1..19; slot 0 is the general list, 3 is unused. */
export const QTYPES: readonly (QType | undefined)[] = [
  t(0, ' ', 'list', 4, 'K', Int32Array as ArrayCtor),
  t(1, 'b', 'boolean', 1, 'G', Uint8Array),
  t(2, 'g', 'guid', 16, 'U', Uint8Array, 0),
  undefined,
  t(4, 'x', 'byte', 1, 'G', Uint8Array),
  t(5, 'h', 'short', 2, 'H', Int16Array, NH, WH, -WH),
  t(6, 'i', 'int', 4, 'I', Int32Array, NI, WI, -WI),
  t(7, 'j', 'long', 8, 'J', BigInt64Array as unknown as ArrayCtor, NJ, WJ, -WJ),
  t(8, 'e', 'real', 4, 'E', Float32Array, NaN, Infinity, -Infinity),
  t(9, 'f', 'float', 8, 'F', Float64Array, NaN, Infinity, -Infinity),
  t(10, 'c', 'char', 1, 'G', Uint8Array, 32),
  t(11, 's', 'symbol', 4, 'S', Int32Array, 0),
  t(12, 'p', 'timestamp', 8, 'J', BigInt64Array as unknown as ArrayCtor, NJ, WJ, -WJ, true),
  t(13, 'm', 'month', 4, 'I', Int32Array, NI, WI, -WI, true),
  t(14, 'd', 'date', 4, 'I', Int32Array, NI, WI, -WI, true),
  t(15, 'z', 'datetime', 8, 'F', Float64Array, NaN, Infinity, -Infinity, true),
  t(16, 'n', 'timespan', 8, 'J', BigInt64Array as unknown as ArrayCtor, NJ, WJ, -WJ, true),
  t(17, 'u', 'minute', 4, 'I', Int32Array, NI, WI, -WI, true),
  t(18, 'v', 'second', 4, 'I', Int32Array, NI, WI, -WI, true),
  t(19, 't', 'time', 4, 'I', Int32Array, NI, WI, -WI, true),
];

/** q type name for any type code (as `type` reports it, negated for atoms). */
export function typeName(code: number): string {
  const a = Math.abs(code);
  if (a < 20 && QTYPES[a]) return QTYPES[a]!.name;
  if (code === 98) return 'table';
  if (code === 99) return 'dictionary';
  if (code === 101) return 'unary';
  if (code === 100) return 'lambda';
  if (code === 104) return 'projection';
  if (code === 105) return 'composition';
  if (code >= 100 && code <= 112) return 'function';
  return 'unknown';
}

export function qtype(code: number): QType {
  const q = QTYPES[Math.abs(code)];
  if (!q || code === 0) throw new RangeError(`not a simple type: ${code}`);
  return q;
}

/** Type char → vector code (`b`→1 … `t`→19). */
export const CHAR_CODE: Readonly<Record<string, number>> = Object.fromEntries(
  QTYPES.filter((x): x is QType => !!x && x.code > 0).map((x) => [x.char, x.code]));

export const NULL_INT = NI;
export const INF_INT = WI;
export const NULL_LONG = NJ;
export const INF_LONG = WJ;
export const NULL_SHORT = NH;
export const INF_SHORT = WH;

/** Milliseconds and nanoseconds between 1970.01.01 and q's epoch 2000.01.01. */
export const EPOCH_OFFSET_MS = 946684800000;
export const EPOCH_OFFSET_DAYS = 10957;
export const EPOCH_OFFSET_NS = 946684800000000000n;
export const MS_PER_DAY = 86400000;
export const NS_PER_DAY = 86400000000000n;
