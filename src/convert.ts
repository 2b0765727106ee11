// JS values -> q blocks (behind K.from and the typed constructors, construct.ts)
// and q blocks -> JS (behind K's toJS and toRows). This layer works on block
// pointers: K handles, which wrap it, reach it only through `handles` (k.ts sets it).
//
// Temporal values stay in q's own units (days/months/ms/ns from 2000.01.01);
// the 1970 <-> 2000 epoch shift happens only here, at the JS boundary:
//   - a JS Date carries milliseconds, so a timestamp's sub-millisecond
//     nanoseconds cannot survive toJS() as a Date: ask for {bigint: true}
//     (Unix-epoch nanoseconds, exact) or {raw: true} (q's stored integers);
//   - q nulls become null and q infinities become ±Infinity, never a Date that
//     looks like a real time (0Wp would otherwise read as 2262.04.11);
//   - a q date beyond a Date's ±8.64e15 ms range raises 'domain rather than
//     produce an Invalid Date;
//   - durations (timespan, minute, second, time) have no JS type: they come back
//     as numbers in their own q units (ns, minutes, seconds, ms), exactly what
//     the typed constructors take, so K.minute(k.toJS()) round-trips; timespans
//     follow the long rule (number when exact, else bigint).

import { E, mem, alloc, child, hdrType, hdrCount, intern, symbol, fnAlloc, textAt } from './runtime.js';
import { QError } from './errors.js';
import {
  QTYPES, qtype, XD, XT, KB, UU, KG, KH, KI, KJ, KE, KF, KC, KS, KP, KM, KD, KZ, KN, KU, KV, KT,
  EPOCH_OFFSET_MS, MS_PER_DAY, EPOCH_OFFSET_NS, NULL_INT, INF_INT, NULL_LONG, INF_LONG, NULL_SHORT, INF_SHORT,
} from './types.js';

export interface ToJSOptions {
  /** longs, timestamps and timespans as bigint (timestamps as Unix-epoch ns) */
  bigint?: boolean;
  /** stored values without any epoch shift or null mapping (PyKX raw=True) */
  raw?: boolean;
  /** dictionaries as Map even when their keys are symbols */
  map?: boolean;
}

/** How this layer sees K handles without importing k.ts (which imports this):
 *  the block a handle holds, and a handle for a function value toJS returns. */
export const handles = {
  ptrOf: (_v: unknown): number | undefined => undefined,
  wrap: (_p: number): unknown => { throw new QError('nyi'); },
};

export const enc = new TextEncoder();

// ---------------------------------------------------------------------------
// JS scalar -> raw stored value

const isInt = Number.isInteger;

function intRaw(v: unknown, nul: number, inf: number): number {
  if (v === null || v === undefined) return nul;
  if (typeof v === 'bigint') v = Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'number') throw new QError('type');
  if (Number.isNaN(v)) return nul;
  if (v === Infinity) return inf;
  if (v === -Infinity) return -inf;
  if (!isInt(v)) throw new QError('type');
  if (v < -inf || v > inf) throw new QError('domain');
  return v;
}

function longRaw(v: unknown): bigint {
  if (v === null || v === undefined) return NULL_LONG;
  if (typeof v === 'bigint') {
    if (v < NULL_LONG || v > INF_LONG) throw new QError('domain');
    return v;
  }
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v !== 'number') throw new QError('type');
  if (Number.isNaN(v)) return NULL_LONG;
  if (v === Infinity) return INF_LONG;
  if (v === -Infinity) return -INF_LONG;
  if (!isInt(v)) throw new QError('type');
  if (!Number.isSafeInteger(v)) {
    if (v >= 9223372036854775807 || v < -9223372036854775807) throw new QError('domain');
  }
  return BigInt(v);
}

function floatRaw(v: unknown): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new QError('type');
}

const floorDiv = (a: number, b: number) => Math.floor(a / b);
const mod = (a: number, b: number) => ((a % b) + b) % b;

function dateMs(d: Date): number {
  const ms = d.getTime();
  if (Number.isNaN(ms)) throw new QError('domain');
  return ms;
}

/** Raw value of a temporal atom from a JS value. Numbers and bigints are raw q
 *  units (from 2000.01.01, as PyKX's raw values); with `unixNs` a timestamp's
 *  bigint is Unix-epoch nanoseconds, what toJS({bigint: true}) gives. */
function temporalRaw(code: number, v: unknown, unixNs = false): number | bigint {
  const qt = qtype(code);
  const isLong = qt.storage === 'J';
  if (v === null || v === undefined) return qt.null!;
  if (typeof v === 'number' && !Number.isFinite(v)) {
    if (Number.isNaN(v)) return qt.null!;
    return v > 0 ? qt.inf! : qt.ninf!;
  }
  if (v instanceof Date) {
    const ms = dateMs(v) - EPOCH_OFFSET_MS;
    const tod = mod(ms, MS_PER_DAY); // time of day, UTC
    switch (code) {
      case KP: { // only 1707.09.22 .. 2292.04.10 fit in 64-bit nanoseconds
        const ns = BigInt(ms) * 1000000n;
        if (ns <= NULL_LONG || ns >= INF_LONG) throw new QError('domain');
        return ns;
      }
      case KD: return floorDiv(ms, MS_PER_DAY);
      case KM: return (v.getUTCFullYear() - 2000) * 12 + v.getUTCMonth();
      case KZ: return ms / MS_PER_DAY;
      case KN: return BigInt(tod) * 1000000n;
      case KT: return tod;
      case KV: return Math.floor(tod / 1000);
      case KU: return Math.floor(tod / 60000);
    }
  }
  if (typeof v === 'bigint') {
    // toJS({bigint}) gives 0N and ±0W unshifted: take them back as they are
    if (code === KP) return longRaw(unixNs && v !== INF_LONG && v !== -INF_LONG && v !== NULL_LONG ? v - EPOCH_OFFSET_NS : v);
    if (code === KN) return longRaw(v);                     // a duration in nanoseconds
    return intRaw(v, NULL_INT, INF_INT);
  }
  if (typeof v === 'number') {
    if (code === KZ) return v;
    return isLong ? longRaw(v) : intRaw(v, NULL_INT, INF_INT);
  }
  throw new QError('type');
}

const GUID_RE = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/i;
function guidBytes(v: unknown, out: Uint8Array, at: number): void {
  if (v === null || v === undefined) { out.fill(0, at, at + 16); return; }
  if (v instanceof Uint8Array && v.length === 16) { out.set(v, at); return; }
  if (typeof v !== 'string') throw new QError('type');
  const m = GUID_RE.exec(v);
  if (!m) throw new QError('domain');
  const hex = m.slice(1).join('');
  for (let i = 0; i < 16; i++) out[at + i] = parseInt(hex.substr(i * 2, 2), 16);
}

function charByte(v: unknown): number {
  if (v === null || v === undefined) return 32;
  if (typeof v === 'number' && isInt(v) && v >= 0 && v < 256) return v;
  if (typeof v !== 'string') throw new QError('type');
  const b = enc.encode(v);
  if (b.length !== 1) throw new QError('length');
  return b[0];
}

/** writeItem's flags: the constructor options that change how a JS value reads. */
export const UNIX_NS = 1, RAW = 2;

/** Writes JS value v as item i of vector/atom block p of (positive) type code. */
function writeItem(code: number, p: number, i: number, v: unknown, flags = 0): void {
  const m = mem();
  const d = p + 16;
  // {raw: true}: a 16/32-bit stored integer as toJS({raw: true}) gave it, nulls and infinities included
  if (flags & RAW && typeof v === 'number' && isInt(v) && code !== KB && code !== KG && code !== KC && code !== KS) {
    const st = QTYPES[code]!.storage;
    if (st === 'H' && v >= -32768 && v <= 32767) { m.i16[(d >>> 1) + i] = v; return; }
    if (st === 'I' && v >= -2147483648 && v <= 2147483647) { m.i32[(d >>> 2) + i] = v; return; }
  }
  switch (code) {
    case KB: { // q has no boolean null: null is 0b
      if (v !== null && v !== undefined && typeof v !== 'boolean' && v !== 0 && v !== 1) throw new QError('type');
      m.u8[d + i] = v ? 1 : 0; return;
    }
    case UU: guidBytes(v, m.u8, d + i * 16); return;
    case KG: { // q has no byte null or infinity: only 0..255 (null -> 0x00)
      const x = intRaw(v ?? 0, 0, 255);
      if (x < 0 || Number.isNaN(v) || v === Infinity) throw new QError('domain');
      m.u8[d + i] = x; return;
    }
    case KH: m.i16[(d >>> 1) + i] = intRaw(v, NULL_SHORT, INF_SHORT); return;
    case KI: m.i32[(d >>> 2) + i] = intRaw(v, NULL_INT, INF_INT); return;
    case KJ: m.i64[(d >>> 3) + i] = longRaw(v); return;
    case KE: m.f32[(d >>> 2) + i] = floatRaw(v); return;
    case KF: m.f64[(d >>> 3) + i] = floatRaw(v); return;
    case KC: m.u8[d + i] = charByte(v); return;
    case KS: {
      if (v === null || v === undefined) { m.i32[(d >>> 2) + i] = 0; return; }
      if (typeof v !== 'string') throw new QError('type');
      const id = intern(v); // may grow memory: take a fresh view
      mem().i32[(d >>> 2) + i] = id; return;
    }
    default: {
      const r = temporalRaw(code, v, (flags & UNIX_NS) !== 0);
      if (typeof r === 'bigint') m.i64[(d >>> 3) + i] = r;
      else if (code === KZ) m.f64[(d >>> 3) + i] = r;
      else m.i32[(d >>> 2) + i] = r;
    }
  }
}

/** Builds a block of type t from a JS array-like of items; frees it on error. */
export function vectorFrom(code: number, items: ArrayLike<unknown>, flags = 0): number {
  const n = items.length;
  if (n >= 0x80000000) throw new QError('wsfull');
  const p = alloc(code, n);
  try {
    for (let i = 0; i < n; i++) writeItem(code, p, i, items[i], flags);
  } catch (e) { E.r0(p); throw e; }
  return p;
}

export function atomFrom(code: number, v: unknown, flags = 0): number {
  const p = alloc(-code, 1);
  try { writeItem(code, p, 0, v, flags); } catch (e) { E.r0(p); throw e; }
  return p;
}

type AnyTyped = Exclude<ArrayBufferView, DataView>;
export const isTyped = (v: unknown): v is AnyTyped => ArrayBuffer.isView(v) && !(v instanceof DataView);

/** Typed array -> vector: one memcpy when the storage matches, else converted. */
export function vectorFromTyped(code: number, v: AnyTyped, flags = 0): number {
  const qt = qtype(code);
  const same = v.constructor === qt.array && code !== KB && !(flags & UNIX_NS && code === KP);
  // an Int32Array of symbol ids is taken as is, but only ids that exist: any
  // other id would make kernels read symbol text outside the intern table
  if (code === KS) {
    if (!(v instanceof Int32Array)) throw new QError('type');
    const nsym = E.symCount();
    for (let i = 0; i < v.length; i++) if (v[i] < 0 || v[i] >= nsym) throw new QError('index');
  }
  if (code === UU) {
    if (!(v instanceof Uint8Array)) throw new QError('type');
    if (v.length % 16) throw new QError('length');
    const p = alloc(code, v.length / 16);
    mem().u8.set(v, p + 16);
    return p;
  }
  if (same) {
    const n = (v as unknown as { length: number }).length;
    const p = alloc(code, n);
    mem().u8.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), p + 16);
    return p;
  }
  return vectorFrom(code, v as unknown as ArrayLike<unknown>, flags);
}

/** A new atom of simple type |t| holding its null (zeros where q has none) or
 *  an infinity: the one place that writes a type's special values. */
export function specialAtom(t: number, which: 'null' | 'inf' | 'ninf' = 'null'): number {
  const a = Math.abs(t), qt = QTYPES[a]!;
  const p = alloc(-a, 1);
  const m = mem(), d = p + 16;
  const raw = qt[which];
  if (raw === undefined || a === UU) m.u8.fill(0, d, d + qt.width);
  else if (typeof raw === 'bigint') m.i64[d >>> 3] = raw;
  else if (qt.storage === 'F') m.f64[d >>> 3] = raw;
  else if (qt.storage === 'E') m.f32[d >>> 2] = raw;
  else if (qt.storage === 'H') m.i16[d >>> 1] = raw;
  else if (qt.width === 1) m.u8[d] = raw;
  else m.i32[d >>> 2] = raw;
  return p;
}

// ---------------------------------------------------------------------------
// K.from: infer the q type of any JS value

const TYPED_CODE = new Map<unknown, number>([
  [Float64Array, KF], [Float32Array, KE], [BigInt64Array, KJ], [Int32Array, KI], [Int16Array, KH],
  [Uint8Array, KG], [Uint8ClampedArray, KG], [Int8Array, KH], [Uint16Array, KI], [Uint32Array, KJ],
  [BigUint64Array, KJ],
]);

function kindOf(v: unknown): number {
  switch (typeof v) {
    case 'boolean': return KB;
    // integers that a long holds are longs; -0 and larger magnitudes stay floats
    case 'number': return isInt(v) && Math.abs(v) < 2 ** 63 && !Object.is(v, -0) ? KJ : KF;
    case 'bigint': return KJ;
    case 'string': return KS;
    default: return v instanceof Date ? KP : 0;
  }
}

/** Infers the q type of an array's items: one kind -> that vector, nulls adopt
 *  the kind, integer and non-integer numbers together make float, else 0. */
function arrayKind(a: readonly unknown[]): number {
  let kind = -1;
  for (const v of a) {
    if (v === null || v === undefined) continue;
    let k = kindOf(v);
    if (k === 0) return 0;
    if (kind === -1) { kind = k; continue; }
    if (k !== kind) {
      if ((k === KF && kind === KJ) || (k === KJ && kind === KF)) {
        if (typeof v === 'bigint' || a.some((x) => typeof x === 'bigint')) return 0;
        k = KF;
      } else return 0;
    }
    kind = k;
  }
  return kind;
}

/** Nesting limit of K.from and toJS: deeper values raise 'stack (as q does on
 *  deep recursion) before the JS stack overflows; a cyclic array, object or
 *  Map raises 'loop instead of recursing forever. */
export const MAX_DEPTH = 1000;
const path: object[] = [];

/** Runs f with container v on the conversion path, after the cycle and depth checks. */
function nested<T>(v: object, f: () => T): T {
  if (path.includes(v)) throw new QError('loop');
  if (path.length >= MAX_DEPTH) throw new QError('stack');
  path.push(v);
  try { return f(); } finally { path.pop(); }
}

const isPlain = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

export function fromPtr(v: unknown): number {
  if (v === null || v === undefined) return genericNull();
  if (Array.isArray(v)) return nested(v, () => arrayPtr(v));
  if (isTyped(v)) {
    const code = TYPED_CODE.get(v.constructor);
    if (code === undefined) throw new QError('type');
    if (v instanceof BigUint64Array) return vectorFrom(KJ, Array.from(v, (x) => x));
    return vectorFromTyped(code, v);
  }
  const held = handles.ptrOf(v);
  if (held !== undefined) return E.r1(held);
  if (v instanceof Map) return nested(v, () => dictFrom([...v.keys()], [...v.values()]));
  // plain objects are dictionaries; other objects (DataView, ArrayBuffer, Set,
  // RegExp, class instances, functions) have no q counterpart
  if (typeof v === 'object' && !(v instanceof Date)) {
    if (!isPlain(v)) throw new QError('type');
    const o = v as Record<string, unknown>;
    return nested(o, () => dictFrom(Object.keys(o), Object.values(o)));
  }
  const kind = kindOf(v);
  if (kind === 0) throw new QError('type');
  return atomFrom(kind, v);
}

function arrayPtr(v: unknown[]): number {
  // no block holds 2^31 items: refuse before scanning a huge (sparse) array
  if (v.length >= 0x80000000) throw new QError('wsfull');
  const kind = arrayKind(v);
  if (kind > 0 && v.some((x) => x !== null && x !== undefined)) return vectorFrom(kind, v);
  if (v.length === 0) return alloc(0, 0);
  return listFrom(v);
}

function listFrom(items: readonly unknown[]): number {
  const n = items.length;
  const p = alloc(0, n);
  const m0 = mem();
  m0.u32.fill(0, (p + 16) >>> 2, ((p + 16) >>> 2) + n); // freeable while half-built
  try {
    for (let i = 0; i < n; i++) {
      const c = fromPtr(items[i]);
      mem().u32[((p + 16) >>> 2) + i] = c;
    }
  } catch (e) { E.r0(p); throw e; }
  return p;
}

function dictFrom(keys: unknown[], values: unknown[]): number {
  const k = fromPtr(keys);
  let v: number;
  try { v = fromPtr(values); } catch (e) { E.r0(k); throw e; }
  return dictPtr(k, v);
}

/** keys!values from two owned pointers (ownership passes to the dictionary). */
export function dictPtr(k: number, v: number): number {
  let p: number;
  try { p = alloc(XD, 2); } catch (e) { E.r0(k); E.r0(v); throw e; }
  const m = mem();
  m.u32[(p + 16) >>> 2] = k;
  m.u32[((p + 16) >>> 2) + 1] = v;
  return p;
}

/** The generic null `::` (type 101, payload 0). */
export function genericNull(): number {
  const p = alloc(101, 1);
  mem().i32[(p + 16) >>> 2] = 0;
  return p;
}

// ---------------------------------------------------------------------------
// K -> JS

/** A new atom block holding item i of vector p. */
export function makeAtomFrom(p: number, i: number): number {
  const t = hdrType(p);
  const a = Math.abs(t);
  // only simple vectors and atoms have items of a width (lists, dictionaries,
  // tables and functions do not): anything else is a q error, not a TypeError
  if (a >= 20 && a <= 76) return enumAtomFrom(p, i);
  if (t === 0 || a >= 20 || !QTYPES[a]) throw new QError('type');
  if (!Number.isInteger(i) || i < 0 || i >= (t < 0 ? 1 : hdrCount(p))) throw new QError('index');
  const w = QTYPES[a]!.width;
  const r = alloc(-a, 1);
  const m = mem();
  m.u8.copyWithin(r + 16, p + 16 + i * w, p + 16 + (i + 1) * w);
  return r;
}

/** Item i of an enumeration (types 20..76: int indices, the domain id in header byte u). */
function enumAtomFrom(p: number, i: number): number {
  const t = hdrType(p);
  if (!Number.isInteger(i) || i < 0 || i >= (t < 0 ? 1 : hdrCount(p))) throw new QError('index');
  const r = alloc(-Math.abs(t), 1);
  const m = mem();
  m.i32[(r + 16) >>> 2] = m.i32[((p + 16) >>> 2) + i];
  m.u8[r + 3] = m.u8[p + 3];
  return r;
}

function guidString(b: Uint8Array, at: number): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    s += b[at + i].toString(16).padStart(2, '0');
    if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
  }
  return s;
}

function msToDate(ms: number): Date {
  if (!(Math.abs(ms) <= 8.64e15)) throw new QError('domain');
  return new Date(ms);
}

/** JS value of item i of simple vector (or atom) p. */
export function atomValue(p: number, i: number, o: ToJSOptions): unknown {
  const t = Math.abs(hdrType(p));
  const m = mem();
  const d = p + 16;
  switch (t) {
    case KB: return m.u8[d + i] !== 0;
    case UU: {
      if (o.raw) return m.u8.slice(d + i * 16, d + i * 16 + 16);
      const b = m.u8;
      let zero = true;
      for (let j = 0; j < 16; j++) if (b[d + i * 16 + j]) { zero = false; break; }
      return zero ? null : guidString(b, d + i * 16);
    }
    case KG: return m.u8[d + i];
    case KC: return String.fromCharCode(m.u8[d + i]);
    case KS: return symbol(m.i32[(d >>> 2) + i]);
    case KH: return intValue(m.i16[(d >>> 1) + i], NULL_SHORT, INF_SHORT, o);
    case KE: return floatValue(m.f32[(d >>> 2) + i], o);
    case KF: return floatValue(m.f64[(d >>> 3) + i], o);
    case KI: return intValue(m.i32[(d >>> 2) + i], NULL_INT, INF_INT, o);
    case KJ: return longValue(m.i64[(d >>> 3) + i], o);
    case KM: case KD: case KU: case KV: case KT: {
      const x = m.i32[(d >>> 2) + i];
      if (o.raw) return x;
      if (x === NULL_INT) return null;
      if (x === INF_INT) return Infinity;
      if (x === -INF_INT) return -Infinity;
      switch (t) {
        case KD: return msToDate(x * MS_PER_DAY + EPOCH_OFFSET_MS);
        case KM: return msToDate(Date.UTC(2000 + Math.floor(x / 12), mod(x, 12), 1));
        default: return x; // durations stay in their own units: minutes, seconds, milliseconds
      }
    }
    case KZ: {
      const x = m.f64[(d >>> 3) + i];
      if (o.raw) return x;
      if (Number.isNaN(x)) return null;
      if (!Number.isFinite(x)) return x;
      return msToDate(Math.round(x * MS_PER_DAY) + EPOCH_OFFSET_MS);
    }
    case KP: case KN: {
      const x = m.i64[(d >>> 3) + i];
      if (o.raw) return x;
      if (x === NULL_LONG) return null;
      if (x === INF_LONG) return o.bigint ? x : Infinity;
      if (x === -INF_LONG) return o.bigint ? x : -Infinity;
      if (t === KP) {
        if (o.bigint) return x + EPOCH_OFFSET_NS;
        // floor to the millisecond (a Date cannot hold the nanoseconds)
        const ms = x >= 0n ? x / 1000000n : -((-x + 999999n) / 1000000n);
        return new Date(Number(ms) + EPOCH_OFFSET_MS);
      }
      return longValue(x, o); // timespan: nanoseconds, as a long is returned
    }
  }
  throw new QError('type');
}

function intValue(x: number, nul: number, inf: number, o: ToJSOptions): number | null {
  if (o.raw) return x;
  if (x === nul) return null;
  if (x === inf) return Infinity;
  if (x === -inf) return -Infinity;
  return x;
}
function longValue(x: bigint, o: ToJSOptions): number | bigint | null {
  if (o.raw) return x;
  if (x === NULL_LONG) return null;
  if (o.bigint) return x;
  if (x === INF_LONG) return Infinity;
  if (x === -INF_LONG) return -Infinity;
  const n = Number(x);
  return Number.isSafeInteger(n) ? n : x;
}
function floatValue(x: number, o: ToJSOptions): number | null {
  if (o.raw) return x;
  return Number.isNaN(x) ? null : x;
}

/** obj[k] = v as an own property, even for '__proto__' (a q symbol like any other). */
function setKey(obj: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[k] = v;
}

let jsDepth = 0;
function ptrToJS(p: number, o: ToJSOptions): unknown {
  const t = hdrType(p);
  if (t < 0 || (t > 0 && t < 20)) return ptrToJSFlat(p, t, o);
  if (jsDepth >= MAX_DEPTH) throw new QError('stack');
  jsDepth++;
  try { return ptrToJSFlat(p, t, o); } finally { jsDepth--; }
}

function ptrToJSFlat(p: number, t: number, o: ToJSOptions): unknown {
  if (t < 0) return atomValue(p, 0, o);
  if (t === KC) return textAt(p + 16, hdrCount(p));
  if (t > 0 && t < 20) {
    const n = hdrCount(p);
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = atomValue(p, i, o);
    return out;
  }
  if (t === 0) {
    const n = hdrCount(p);
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = ptrToJS(child(p, i), o);
    return out;
  }
  if (t === XD) {
    const kp = child(p, 0), vp = child(p, 1);
    if (hdrType(kp) === XT) return keyedToJS(kp, vp, o);
    const keys = ptrToJS(kp, o) as unknown[];
    const vals = listItems(vp, o);
    if (hdrType(kp) === KS && !o.map) {
      const obj: Record<string, unknown> = {};
      keys.forEach((k, i) => { setKey(obj, k as string, vals[i]); });
      return obj;
    }
    return new Map(keys.map((k, i) => [k, vals[i]]));
  }
  if (t === XT) {
    const d = child(p, 0);
    const names = ptrToJS(child(d, 0), o) as string[];
    const cols = child(d, 1);
    const obj: Record<string, unknown> = {};
    names.forEach((n, i) => { setKey(obj, n, ptrToJS(child(cols, i), o)); });
    return obj;
  }
  if (t === 101 && mem().i32[(p + 16) >>> 2] === 0) return null; // ::
  return handles.wrap(E.r1(p)); // functions stay q values
}

/** Items of any list-like value as JS values (a vector's items, or children). */
function listItems(p: number, o: ToJSOptions): unknown[] {
  const t = hdrType(p);
  if (t < 0) return [atomValue(p, 0, o)];
  if (t === KC) return Array.from(mem().u8.subarray(p + 16, p + 16 + hdrCount(p)), (c) => String.fromCharCode(c));
  if (t === XT) return tableRows(p, o);
  return ptrToJS(p, o) as unknown[];
}

function keyedToJS(kp: number, vp: number, o: ToJSOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const part of [ptrToJS(kp, o), ptrToJS(vp, o)] as Record<string, unknown>[])
    for (const k of Object.keys(part)) setKey(out, k, part[k]);
  return out;
}

function tableRows(p: number, o: ToJSOptions): Record<string, unknown>[] {
  const d = child(p, 0);
  const names = ptrToJS(child(d, 0), o) as string[];
  const cols = child(d, 1);
  const colVals = names.map((_, i) => listItems(child(cols, i), o));
  const n = colVals.length ? colVals[0].length : 0;
  const rows: Record<string, unknown>[] = [];
  for (let r = 0; r < n; r++) {
    const row: Record<string, unknown> = {};
    names.forEach((name, c) => { setKey(row, name, colVals[c][r]); });
    rows.push(row);
  }
  return rows;
}

export function toJS(p: number, o: ToJSOptions = {}): unknown { return ptrToJS(p, o); }

export function toRows(p: number, o: ToJSOptions = {}): Record<string, unknown>[] {
  const t = hdrType(p);
  if (t === XT) return tableRows(p, o);
  if (t === XD && hdrType(child(p, 0)) === XT && hdrType(child(p, 1)) === XT) {
    const a = tableRows(child(p, 0), o), b = tableRows(child(p, 1), o);
    return a.map((r, i) => {
      const out: Record<string, unknown> = {};
      for (const part of [r, b[i]]) for (const k of Object.keys(part)) setKey(out, k, part[k]);
      return out;
    });
  }
  throw new QError('type');
}
