// q functions of the atomic family: arithmetic (+ - * % div mod xexp xlog),
// lesser/greater (& | and or), fill ^, comparisons (= <> < > <= >=), within,
// match ~, cast $, and the atomic monads (neg abs signum sqrt exp log sin cos
// tan asin acos atan ceiling floor reciprocal not string).
//
// Each dyad is a leaf over two simple values (atoms or vectors) lifted by the
// atomic driver (./atomic/drive.ts) over lists, dictionaries and tables. A
// leaf looks up the result type in the reference's grid (./atomic/grids.ts),
// promotes both operands to the kernel's class (./atomic/cast.ts), allocates
// the output once and calls one kernel (assembly/kernels/{arith,cmp,math,cast}.ts).

// Choices where the reference is silent (tests pin them down):
//   - integer `div` by zero is null; integer `mod` by zero is x; float ones are IEEE (1 div 0f = 0w)
//   - float -> integer casts round half away from zero, out of range -> null, ±0w -> ±0W;
//     integer narrowing keeps nulls and truncates other values (q's bit-pattern rule)
//   - timestamp -> timespan keeps the nanoseconds; timestamp -> time/minute/second is the time of
//     day; date -> time/minute/second is 'type; casts to a coarser unit floor
//   - floor/ceiling are exact (no comparison tolerance)
//   - two dictionaries whose keys are not simple lists (keyed tables) combine only when keys match
//   - table op list (a row-wise operand) is 'type
// The reference's less-than.md prints 000b for "a"<"abc"; "a"<"b" is true, so this gives 011b.

import { E, mem, alloc, kernel, hdrType, hdrCount, child, intern, symbol } from '../runtime.js';
import { K } from '../k.js';
import { QError } from '../errors.js';
import { from } from '../construct.js';
import { QTYPES, CHAR_CODE, KB, UU, KG, KH, KI, KJ, KE, KF, KC, KS, KP, KM, KD, KZ, KN, KU, KV, KT, XD, XT } from '../types.js';
import { prim, lookup } from './registry.js';
import { displaySettings } from '../display.js';
import { PtrView } from '../view.js';
import { itemText, CELL, type Raw } from '../format/item.js';
import { kernelFormats, stringBlock } from '../format/vector.js';
import { tokList, tokListTypes, tokTemporal } from './atomic/toklist.js';
import { isNull } from './core.js';
import * as G from './atomic/grids.js';
import { castPtr, promote, cls, cnt, setType, isTemporal, NAMES } from './atomic/cast.js';
import { tokAtom } from './atomic/tok.js';
import { dictPtr as dictOf } from '../convert.js';
import { atomic1, atomic2, build, itemAt, withTemp, matchPtr, type Leaf1, type Leaf2 } from './atomic/drive.js';

export { atomic1, atomic2, castPtr, promote, matchPtr };
export type { Leaf1, Leaf2 };

// ---------------------------------------------------------------------------
// leaves over simple values

/** |type| of a simple value, else 'type. */
function st(p: number): number {
  const t = Math.abs(hdrType(p));
  if (t === 0 || t > 19 || !QTYPES[t]) throw new QError('type');
  return t;
}

interface Shape { n: number; sx: number; sy: number; atom: boolean }
function shape(x: number, y: number): Shape {
  const ax = hdrType(x) < 0, ay = hdrType(y) < 0;
  const nx = ax ? 1 : hdrCount(x), ny = ay ? 1 : hdrCount(y);
  if (!ax && !ay && nx !== ny) throw new QError('length');
  return { n: ax ? ny : nx, sx: ax ? 0 : 1, sy: ay ? 0 : 1, atom: ax && ay };
}

/** One kernel call: operands promoted to type C, output of type R. */
function run2(name: string, x: number, y: number, C: number, R: number): number {
  const s = shape(x, y);
  const k = kernel(name);
  const px = promote(x, C);
  let py = 0, out = 0;
  try {
    py = promote(y, C);
    // a promoted operand this call made (r=1, same width, same shape) becomes the output
    const w = QTYPES[R]!.width;
    const reuse = (p: number, orig: number, vec: number) => p !== orig && vec === (s.atom ? 0 : 1) && QTYPES[C]!.width === w;
    out = reuse(px, x, s.sx) ? px : reuse(py, y, s.sy) ? py : alloc(s.atom ? -R : R, s.n);
    k(px + 16, s.sx, py + 16, s.sy, out + 16, s.n);
    return out === px || out === py ? setType(out, R) : out;
  } finally { if (px !== out) E.r0(px); if (py && py !== out) E.r0(py); }
}

/** Result type from a grid, else 'type. */
function resType(g: Int8Array, x: number, y: number): number {
  const r = G.cell(g, st(x), st(y));
  if (!r) throw new QError('type');
  return r;
}

/** + - * & |: operands promoted to the grid's result type. */
/** Kernel name stem: the dyadic min/max kernels are lesser/greater, so they
 *  never collide with the min/max aggregations' exports. */
const stem = (op: string): string => (op === 'min' ? 'lesser' : op === 'max' ? 'greater' : op);

const gridLeaf = (op: string, g: Int8Array): Leaf2 => (x, y) => {
  const R = resType(g, x, y);
  return run2(`${stem(op)}_${cls(R)}`, x, y, R, R);
};

const FLOATS = new Set([KE, KF, KZ]);
/** div and mod: computed in float when a float is involved, else in long or
 *  int, then given the grid's result type. */
const divmodLeaf = (op: string, g: Int8Array): Leaf2 => (x, y) => {
  const a = st(x), b = st(y), R = resType(g, x, y);
  // a datetime result reads temporal operands as datetimes (0Wd is 0wz, not 2147483647f)
  const C = R === KZ ? KZ : FLOATS.has(a) || FLOATS.has(b) || FLOATS.has(R) ? KF
    : cls(a) === 'J' || cls(b) === 'J' || cls(R) === 'J' ? KJ : KI;
  const out = run2(`${stem(op)}_${cls(C)}`, x, y, C, C);
  if (cls(C) === cls(R)) return setType(out, R);
  try { return castPtr(out, R); } finally { E.r0(out); }
};

const floatLeaf = (op: string, g: Int8Array): Leaf2 => (x, y) => {
  resType(g, x, y);
  return run2(`${op}_F`, x, y, KF, KF);
};

function fillLeaf(x: number, y: number): number {
  const R = resType(G.FILL, x, y);
  if (R === KC) return run2('fill_C', x, y, R, R);
  if (R === KS) return run2('fill_S', x, y, R, R);
  const c = cls(R);
  if (c !== 'G' && c !== 'U') return run2(`fill_${c}`, x, y, R, R);
  // booleans and bytes have no null; guids: the zero guid is null
  const s = shape(x, y), w = QTYPES[R]!.width;
  const px = promote(x, R);
  let py = 0;
  try {
    py = promote(y, R);
    const out = alloc(s.atom ? -R : R, s.n);
    const m = mem().u8;
    for (let i = 0; i < s.n; i++) {
      const yo = py + 16 + i * s.sy * w, xo = px + 16 + i * s.sx * w;
      let nul = c === 'U';
      if (nul) for (let j = 0; j < 16; j++) if (m[yo + j]) { nul = false; break; }
      m.copyWithin(out + 16 + i * w, nul ? xo : yo, (nul ? xo : yo) + w);
    }
    return out;
  } finally { E.r0(px); if (py) E.r0(py); }
}

const RANK: Record<string, number> = { G: KG, H: KH, I: KI, J: KJ, E: KF, F: KF };
const ORDER = [KG, KH, KI, KJ, KF];
/** The type two values are compared in (basics/comparison.md). */
export function cmpType(a: number, b: number): number {
  if (a === KS || b === KS || a === UU || b === UU) {
    if (a === b) return a;
    throw new QError('type');
  }
  if (a === b) return a === KE ? KF : a;
  if (isTemporal(a) && isTemporal(b)) {
    const c = G.cell(G.TCMP, a, b);
    if (!c) throw new QError('type');
    return c;
  }
  const ra = ORDER.indexOf(RANK[cls(a)]), rb = ORDER.indexOf(RANK[cls(b)]);
  return ORDER[Math.max(ra, rb)];
}

const CMPCODE: Record<string, number> = { eq: 0, ne: 1, lt: 2, gt: 3, le: 4, ge: 5 };
const cmpLeaf = (op: string): Leaf2 => (x, y) => {
  const C = cmpType(st(x), st(y));
  if (C === KS) {
    const s = shape(x, y);
    const out = alloc(s.atom ? -KB : KB, s.n);
    kernel('cmp_S')(CMPCODE[op], x + 16, s.sx, y + 16, s.sy, out + 16, s.n);
    return out;
  }
  if (C === UU) {
    if (op !== 'eq' && op !== 'ne') throw new QError('type');
    const s = shape(x, y);
    const out = alloc(s.atom ? -KB : KB, s.n);
    const m = mem().u8;
    for (let i = 0; i < s.n; i++) {
      let e = true;
      for (let j = 0; j < 16; j++) if (m[x + 16 + i * s.sx * 16 + j] !== m[y + 16 + i * s.sy * 16 + j]) { e = false; break; }
      m[out + 16 + i] = (e === (op === 'eq')) ? 1 : 0;
    }
    return out;
  }
  const c = cls(C) === 'E' ? 'F' : cls(C);
  return run2(`${op}_${c}`, x, y, c === 'F' && C === KE ? KF : C, KB);
};

// monads ----------------------------------------------------------------------

function run1(name: string, x: number, C: number, R: number): number {
  const k = kernel(name);
  const px = promote(x, C);
  let out = 0;
  try {
    const n = cnt(x);
    // a promoted temporary of the output's width is written in place
    out = px !== x && QTYPES[C]!.width === QTYPES[R]!.width ? setType(px, R) : alloc(hdrType(x) < 0 ? -R : R, n);
    k(px + 16, out + 16, n);
    return out;
  } finally { if (px !== out) E.r0(px); }
}

function rangeOf(r: Int8Array, x: number): number {
  const R = r[st(x)];
  if (!R) throw new QError('type');
  return R;
}

/** neg, abs: same class as the range type. */
const keepLeaf = (op: string, r: Int8Array): Leaf1 => (x) => {
  const R = rangeOf(r, x);
  return run1(`${op}_${cls(R)}`, x, R, R);
};

function signumLeaf(x: number): number {
  rangeOf(G.R_SIGNUM, x);
  const c = cls(st(x));
  const C = c === 'G' ? KI : c === 'E' ? KF : RANK[c] === KF ? KF : st(x);
  return run1(`signum_${cls(C)}`, x, C, KI);
}

function notLeaf(x: number): number {
  const t = st(x), c = cls(t);
  if (c === 'S' || c === 'U') throw new QError('type');
  return run1(`not_${c}`, x, t, KB);
}

/** sqrt exp log sin cos tan asin acos atan reciprocal: computed in float. */
const floatFn = (op: string, r: Int8Array): Leaf1 => (x) => {
  const R = rangeOf(r, x);
  if (cls(R) === 'F') return run1(`${op}_F`, x, KF, R);
  const f = run1(`${op}_F`, x, KF, KF);
  try { return castPtr(f, R); } finally { E.r0(f); }
};

const roundLeaf = (op: 'floor' | 'ceiling'): Leaf1 => (x) => {
  const t = st(x);
  const R = rangeOf(op === 'floor' ? G.R_FLOOR : G.R_CEILING, x);
  if (t === R && t !== KC && t !== KS) return E.r1(x);
  const c = cls(t);
  if (c === 'E' || c === 'F') return run1(`${op}_F`, x, KF, KJ);
  if (t === KC && op === 'floor') return run1('floor_C', x, KC, KC);
  if (t === KS) return symMap(x, (s) => s.toLowerCase());
  return castPtr(x, R);
};

function symMap(x: number, f: (s: string) => string): number {
  const n = cnt(x);
  const ids: number[] = [];
  const d = (x + 16) >>> 2;
  for (let i = 0; i < n; i++) ids.push(intern(f(symbol(mem().i32[d + i]))));
  const out = alloc(hdrType(x) < 0 ? -KS : KS, n);
  mem().i32.set(ids, (out + 16) >>> 2);
  return out;
}

// match -----------------------------------------------------------------------

// cast and string -----------------------------------------------------------------

/** The type named by an atom on the left of $: a vector type code for a cast,
 *  0 for identity, minus a type code for Tok (upper-case char, negative short). */
function specCode(p: number): number {
  const t = hdrType(p);
  if (t === -KC) {
    const ch = String.fromCharCode(mem().u8[p + 16]);
    if (ch === '*') return 0;
    const c = CHAR_CODE[ch.toLowerCase()];
    if (c === undefined) throw new QError('domain');
    return ch >= 'A' && ch <= 'Z' ? -c : c;
  }
  if (t === -KS) {
    const s = symbol(mem().i32[(p + 16) >>> 2]);
    if (s === '') return KS;
    const c = NAMES[s];
    if (c === undefined) throw new QError('domain');
    return c;
  }
  if (t === -KH || t === -KI || t === -KJ) {
    const v = t === -KH ? mem().i16[(p + 16) >>> 1] : t === -KI ? mem().i32[(p + 16) >>> 2] : Number(mem().i64[(p + 16) >>> 3]);
    if (v === 0) return 0;
    const a = Math.abs(v);
    if (a > 19 || !QTYPES[a]) throw new QError('domain');
    return v;
  }
  throw new QError('type');
}

const latinText = (p: number): string => {
  const n = cnt(p), m = mem().u8;
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(m[p + 16 + i]);
  return s;
};
/** Tok: strings (char vectors) read as atoms of type t; recursion stops at strings. */
function tok(t: number, y: number): number {
  const ty = hdrType(y);
  if (ty === KC || ty === -KC) {
    if (t === KC) return E.r1(y);
    if (t >= KP && t <= KT) {
      // temporals: the engine reads the string in place (assembly/kernels/parse.ts)
      const p = alloc(-t, 1);
      if (tokTemporal(t, y, p)) return p;
      E.r0(p);
    }
    return tokAtom(t, latinText(y));
  }
  if (ty === 0 && hdrCount(y) > 0 && tokListTypes(t)) { const r = tokList(t, y, latinText); if (r) return r; }
  if (ty === 0) return build(hdrCount(y), (i) => tok(t, child(y, i)));
  if (ty === XD) { const v = tok(t, child(y, 1)); return dictOf(E.r1(child(y, 0)), v); }
  throw new QError('type');
}

const toSym = atomic1((y: number): number => {
  const t = hdrType(y);
  if (t === KS || t === -KS) return E.r1(y);
  if (t === KC || t === -KC) {
    const n = cnt(y);
    const s = new TextDecoder().decode(mem().u8.slice(y + 16, y + 16 + n)).replace(/^ +| +$/g, '');
    const id = intern(s);
    const out = alloc(-KS, 1);
    mem().i32[(out + 16) >>> 2] = id;
    return out;
  }
  throw new QError('type');
});
/** `$ over strings: a general list of strings is mapped before the leaf sees a char vector. */
function symCast(y: number): number {
  const t = hdrType(y);
  if (t === KC) return toSym(y);
  return toSym(y);
}

// `year`mm`dd`week`hh`uu`ss$temporal: parts of a temporal value (ref/cast.md#temporal)
const PARTS = new Set(['year', 'mm', 'dd', 'week', 'hh', 'uu', 'ss']);
const DATED = new Set([KP, KM, KD, KZ]);
const TIMED = new Set([KP, KZ, KN, KU, KV, KT]);
function intAtom(v: number): number { const p = alloc(-KI, 1); mem().i32[(p + 16) >>> 2] = v; return p; }
/** Runs f over owned temporaries, releasing every one (f's result is kept). */
function temps(f: (keep: (p: number) => number) => number): number {
  const owned: number[] = [];
  try { return f((p) => { owned.push(p); return p; }); } finally { owned.forEach((p) => E.r0(p)); }
}
function part(name: string, y: number): number {
  const t = st(y);
  const dated = name === 'year' || name === 'mm' || name === 'dd' || name === 'week';
  if (dated ? !DATED.has(t) || (t === KM && (name === 'dd' || name === 'week')) : !TIMED.has(t)) throw new QError('type');
  return temps((k) => {
    const c = (n: number) => k(intAtom(n));
    const asInt = (p: number) => k(castPtr(p, KI));
    if (name === 'year' || name === 'mm') {
      const m = asInt(k(castPtr(y, KM)));
      return name === 'year' ? P.add(k(P.idiv(m, c(12))), c(2000)) : P.add(k(P.mod(m, c(12))), c(1));
    }
    if (name === 'dd' || name === 'week') {
      const d = k(castPtr(y, KD)), di = asInt(d);
      if (name === 'week') return setType(P.sub(di, k(P.mod(k(P.sub(di, c(2))), c(7)))), KD);
      const first = asInt(k(castPtr(k(castPtr(d, KM)), KD)));
      return P.add(k(P.sub(di, first)), c(1));
    }
    const v = asInt(k(castPtr(y, KV)));
    if (name === 'hh') return P.idiv(v, c(3600));
    if (name === 'uu') return P.mod(k(P.idiv(v, c(60))), c(60));
    return P.mod(v, c(60));
  });
}

/** t$y; t$() is the empty vector of type t (`long$() is `long$(), not ()). */
const castTo = (code: number): Leaf1 => {
  const f = atomic1((y) => castPtr(y, code));
  return (y) => (hdrType(y) === 0 && hdrCount(y) === 0 && code !== 2 ? alloc(code, 0) : f(y));
};

function castLeaf(x: number, y: number): number {
  const tx = hdrType(x);
  if (tx >= 0 && tx < 20) {
    // a list of types: one cast per item
    const n = hdrCount(x);
    const ty = hdrType(y);
    if (ty >= 0 && ty < 20 && hdrCount(y) !== n) throw new QError('length');
    const each = ty >= 0 && ty < 20;
    return build(n, (i) => withTemp(itemAt(x, i), (a) => (each ? withTemp(itemAt(y, i), (b) => castLeaf(a, b)) : castLeaf(a, y))));
  }
  if (tx === -KS && PARTS.has(symbol(mem().i32[(x + 16) >>> 2]))) return atomic1((p) => part(symbol(mem().i32[(x + 16) >>> 2]), p))(y);
  const code = specCode(x);
  if (code === 0) return E.r1(y);
  // the empty general list casts to the empty vector of the type: `long$()
  if (code > 0 && code < 20 && hdrType(y) === 0 && hdrCount(y) === 0) return alloc(code, 0);
  if (code < 0) return tok(-code, y);
  if (code === KS) return symCast(y);
  return castTo(code)(y);
}

const enc = new TextEncoder();
function charVec(s: string): number {
  const b = enc.encode(s);
  const p = alloc(KC, b.length);
  mem().u8.set(b, p + 16);
  return p;
}
/** Text of item i of simple p as `string` gives it: the item as a table cell
 *  shows it (no type suffix, nulls empty, \\P applies); chars and symbols bare. */
function itemString(p: number, t: number, i: number): string {
  const m = mem(), d = p + 16;
  if (t === KC) return String.fromCharCode(m.u8[d + i]);
  if (t === KS) return symbol(m.i32[(d >>> 2) + i]);
  let v: Raw;
  switch (cls(t)) {
    case 'U': v = m.u8.slice(d + i * 16, d + i * 16 + 16); break;
    case 'G': v = m.u8[d + i]; break;
    case 'H': v = m.i16[(d >>> 1) + i]; break;
    case 'I': v = m.i32[(d >>> 2) + i]; break;
    case 'J': v = m.i64[(d >>> 3) + i]; break;
    case 'E': v = m.f32[(d >>> 2) + i]; break;
    default: v = m.f64[(d >>> 3) + i];
  }
  return itemText(t, v, CELL, displaySettings.precision);
}
const latin1 = (s: string): number => {
  const p = alloc(KC, s.length);
  const m = mem().u8;
  for (let i = 0; i < s.length; i++) m[p + 16 + i] = s.charCodeAt(i) & 255;
  return p;
};
/** string x: a char vector for each atom (so a list of them for a vector). */
const stringLeaf: Leaf1 = (x) => {
  const t = st(x);
  if (kernelFormats(t)) return stringBlock(x, displaySettings.precision);
  const text = (i: number) => (t === KS ? charVec(itemString(x, t, i)) : latin1(itemString(x, t, i)));
  if (hdrType(x) < 0) return text(0);
  return build(hdrCount(x), text, false);
};
const stringItems = atomic1(stringLeaf, false);
/** string: atomic, and a function (in a list too) gives its text as the console shows it
 *  (string value .q, basics/parsetrees.md). */
const stringPtr: Leaf1 = (x) => {
  const t = hdrType(x);
  if (t >= 100) return charVec(displaySettings.functionText(new PtrView(x)));
  if (t === 0) return build(hdrCount(x), (j) => stringPtr(child(x, j)), false);
  return stringItems(x);
};

// the q functions -------------------------------------------------------------------

const negPtr: Leaf1 = (y) => atomic1(keepLeaf('neg', G.R_NEG))(y);

const P = {
  add: atomic2(gridLeaf('add', G.ADD)),
  sub: atomic2(gridLeaf('sub', G.SUB), true, (y) => negPtr(y)),
  mul: atomic2(gridLeaf('mul', G.MUL)),
  div: atomic2(floatLeaf('div', G.DIV)),
  idiv: atomic2(divmodLeaf('idiv', G.IDIV)),
  mod: atomic2(divmodLeaf('mod', G.MOD)),
  xexp: atomic2(floatLeaf('xexp', G.XEXP)),
  xlog: atomic2(floatLeaf('xlog', G.XLOG)),
  min: atomic2(gridLeaf('lesser', G.MINMAX)),
  max: atomic2(gridLeaf('greater', G.MINMAX)),
  fill: atomic2(fillLeaf),
  eq: atomic2(cmpLeaf('eq')),
  ne: atomic2(cmpLeaf('ne')),
  lt: atomic2(cmpLeaf('lt')),
  gt: atomic2(cmpLeaf('gt')),
  le: atomic2(cmpLeaf('le')),
  ge: atomic2(cmpLeaf('ge')),
  neg: atomic1(keepLeaf('neg', G.R_NEG)),
  abs: atomic1(keepLeaf('abs', G.R_ABS)),
  signum: atomic1(signumLeaf),
  not: atomic1(notLeaf),
  sqrt: atomic1(floatFn('sqrt', G.R_FLOAT)),
  exp: atomic1(floatFn('exp', G.R_FLOAT)),
  log: atomic1(floatFn('log', G.R_FLOAT)),
  sin: atomic1(floatFn('sin', G.R_FLOAT)),
  cos: atomic1(floatFn('cos', G.R_FLOAT)),
  tan: atomic1(floatFn('tan', G.R_FLOAT)),
  asin: atomic1(floatFn('asin', G.R_FLOAT)),
  acos: atomic1(floatFn('acos', G.R_FLOAT)),
  atan: atomic1(floatFn('atan', G.R_FLOAT)),
  reciprocal: atomic1(floatFn('reciprocal', G.R_RECIP)),
  floor: atomic1(roundLeaf('floor')),
  ceiling: atomic1(roundLeaf('ceiling')),
};

/** x within (lo;hi): lo<=x and x<=hi, atomically. */
function withinPtr(x: number, y: number): number {
  const ty = hdrType(y);
  if (ty < 0 || ty >= 20) throw new QError('type');
  if (hdrCount(y) !== 2) throw new QError('length');
  const item = (i: number) => (ty === 0 ? E.r1(child(y, i)) : itemOf(y, i));
  const lo = item(0);
  let hi = 0, a = 0, b = 0;
  try {
    hi = item(1);
    a = P.ge(x, lo);
    b = P.le(x, hi);
    return P.min(a, b);
  } finally { E.r0(lo); if (hi) E.r0(hi); if (a) E.r0(a); if (b) E.r0(b); }
}
function itemOf(p: number, i: number): number {
  const a = Math.abs(hdrType(p)), w = QTYPES[a]!.width;
  const r = alloc(-a, 1);
  mem().u8.copyWithin(r + 16, p + 16 + i * w, p + 16 + (i + 1) * w);
  return r;
}

const own = (p: number) => new K(p);
type D = (x: K, y: K) => K;
type M = (x: K) => K;
const k2 = (f: Leaf2): D => (x, y) => own(f(x.ptr, y.ptr));
const k1 = (f: Leaf1): M => (x) => own(f(x.ptr));

export const add = k2(P.add), sub = k2(P.sub), mul = k2(P.mul), div = k2(P.div);
export const idiv = k2(P.idiv), mod = k2(P.mod), xexp = k2(P.xexp), xlog = k2(P.xlog);
export const min = k2(P.min), max = k2(P.max), fill = k2(P.fill);
export const eq = k2(P.eq), ne = k2(P.ne), lt = k2(P.lt), gt = k2(P.gt), le = k2(P.le), ge = k2(P.ge);
export const within = k2(withinPtr);
export const cast = k2(castLeaf);
export const match: D = (x, y) => {
  const p = alloc(-KB, 1);
  try { mem().u8[p + 16] = matchPtr(x.ptr, y.ptr) ? 1 : 0; } catch (e) { E.r0(p); throw e; }
  return own(p);
};
export const neg = k1(P.neg), abs = k1(P.abs), signum = k1(P.signum), not = k1(P.not);
export const sqrt = k1(P.sqrt), exp = k1(P.exp), log = k1(P.log), sin = k1(P.sin), cos = k1(P.cos), tan = k1(P.tan);
export const asin = k1(P.asin), acos = k1(P.acos), atan = k1(P.atan), reciprocal = k1(P.reciprocal);
export const floor = k1(P.floor), ceiling = k1(P.ceiling);
export const string = k1(stringPtr);
/** Pointer-level leaves and lifted functions, for other families. */
export const ptr = { ...P, within: withinPtr, cast: castLeaf, match: matchPtr, string: stringPtr };

prim('+', { dyad: add });
prim('-', { monad: neg, dyad: sub });
prim('*', { dyad: mul });
prim('%', { monad: reciprocal, dyad: div });
prim('&', { dyad: min });
prim('|', { dyad: max });
prim('and', { dyad: min });
prim('or', { dyad: max });
prim('^', { monad: isNull, dyad: fill });
prim('=', { dyad: eq });
prim('<>', { dyad: ne });
prim('<', { dyad: lt });
prim('>', { dyad: gt });
prim('<=', { dyad: le });
prim('>=', { dyad: ge });
prim('~', { monad: not, dyad: match });
prim('$', { monad: string, dyad: cast });
prim('div', { dyad: idiv });
prim('mod', { dyad: mod });
prim('xexp', { dyad: xexp });
prim('xlog', { dyad: xlog });
prim('within', { dyad: within });
prim('string', { monad: string });
const MONADS = { neg, abs, signum, sqrt, exp, log, sin, cos, tan, asin, acos, atan, ceiling, floor, reciprocal, not };
for (const [name, f] of Object.entries(MONADS)) prim(name, { monad: f });

// JS entry points: K or plain JS arguments --------------------------------------------

function js1(f: M): (x: unknown) => K {
  return (x) => {
    if (x instanceof K) return f(x);
    const k = from(x);
    try { return f(k); } finally { k.dispose(); }
  };
}
function js2(f: D): (x: unknown, y: unknown) => K {
  return (x, y) => {
    const kx = x instanceof K ? x : from(x);
    try {
      const ky = y instanceof K ? y : from(y);
      try { return f(kx, ky); } finally { if (ky !== y) ky.dispose(); }
    } finally { if (kx !== x) kx.dispose(); }
  };
}

/** A type spec for cast from JS: 'f' / 'float' / 9 (short code). */
function specK(t: unknown): K {
  if (t instanceof K) return t.ref();
  if (typeof t === 'number') {
    const p = alloc(-KH, 1);
    mem().i16[(p + 16) >>> 1] = t;
    return own(p);
  }
  if (typeof t === 'string' && t.length === 1 && t !== 's') {
    const p = alloc(-KC, 1);
    mem().u8[p + 16] = t.charCodeAt(0);
    return own(p);
  }
  if (typeof t === 'string') {
    const p = alloc(-KS, 1);
    const id = intern(t === 's' || t === 'symbol' ? '' : t);
    mem().i32[(p + 16) >>> 2] = id;
    return own(p);
  }
  throw new QError('type');
}

const DYADS = { add, sub, mul, div, idiv, mod, xexp, xlog, min, max, and: min, or: max, fill, eq, ne, lt, gt, le, ge, within, match };

type J1 = (x: unknown) => K;
type J2 = (x: unknown, y: unknown) => K;
/** min/max with one argument are the aggregates (registered by the reduce
 *  family under the same keyword); with two they are Lesser and Greater. */
function both(name: string, dyad: J2): (x: unknown, y?: unknown) => K {
  return function (this: unknown, ...a: unknown[]) {
    if (a.length === 1) {
      const m = lookup(name)?.monad;
      if (!m) throw new QError('nyi');
      return js1(m)(a[0]);
    }
    if (a.length !== 2) throw new QError('rank');
    return dyad(a[0], a[1]);
  };
}

/** JS names this family adds to the q namespace. */
export const Q = {
  add: js2(add) as J2, sub: js2(sub) as J2, mul: js2(mul) as J2, div: js2(div) as J2,
  idiv: js2(idiv) as J2, mod: js2(mod) as J2, xexp: js2(xexp) as J2, xlog: js2(xlog) as J2,
  min: both('min', js2(min)), max: both('max', js2(max)), and: js2(min) as J2, or: js2(max) as J2,
  fill: js2(fill) as J2, eq: js2(eq) as J2, ne: js2(ne) as J2, lt: js2(lt) as J2, gt: js2(gt) as J2,
  le: js2(le) as J2, ge: js2(ge) as J2, within: js2(within) as J2, match: js2(match) as J2,
  neg: js1(neg) as J1, abs: js1(abs) as J1, signum: js1(signum) as J1, sqrt: js1(sqrt) as J1,
  exp: js1(exp) as J1, log: js1(log) as J1, sin: js1(sin) as J1, cos: js1(cos) as J1, tan: js1(tan) as J1,
  asin: js1(asin) as J1, acos: js1(acos) as J1, atan: js1(atan) as J1, ceiling: js1(ceiling) as J1,
  floor: js1(floor) as J1, reciprocal: js1(reciprocal) as J1, not: js1(not) as J1,
  string: js1(string) as J1,
  /** typeSpec$x: q.cast('f', x), q.cast('float', x), q.cast(9, x), q.cast('', 'abc') for `$ */
  cast: (t: unknown, x: unknown): K => { const s = specK(t); try { return js2(cast)(s, x); } finally { s.dispose(); } },
};

// q verbs as methods on K -------------------------------------------------------------

type DyadName = keyof typeof DYADS;
type MonadName = keyof typeof MONADS;
declare module '../k.js' {
  interface K {
    add(y: unknown): K; sub(y: unknown): K; mul(y: unknown): K; div(y: unknown): K; idiv(y: unknown): K;
    mod(y: unknown): K; xexp(y: unknown): K; xlog(y: unknown): K;
    /** x.min(y) is x&y; x.min() the aggregate min x */
    min(y?: unknown): K;
    /** x.max(y) is x|y; x.max() the aggregate max x */
    max(y?: unknown): K;
    and(y: unknown): K; or(y: unknown): K; eq(y: unknown): K; ne(y: unknown): K;
    lt(y: unknown): K; gt(y: unknown): K; le(y: unknown): K; ge(y: unknown): K; within(y: unknown): K;
    match(y: unknown): K;
    /** x.fill(y) is q's x^y: y with its nulls replaced by x (the receiver is the filler, as in q). */
    fill(y: unknown): K;
    neg(): K; abs(): K; signum(): K; sqrt(): K; exp(): K; log(): K; sin(): K; cos(): K; tan(): K;
    asin(): K; acos(): K; atan(): K; ceiling(): K; floor(): K; reciprocal(): K; not(): K;
    /** q's string (symbols and chars) */
    string(): K;
    /** t$x: cast to a type char ('f'), name ('float') or code (9) */
    cast(t: unknown): K;
  }
}
const proto = K.prototype as unknown as Record<string, unknown>;
for (const name of Object.keys(DYADS) as DyadName[]) {
  const f = js2(DYADS[name]);
  proto[name] = function (this: K, y: unknown) { return f(this, y); };
}
for (const name of Object.keys(MONADS) as MonadName[]) {
  const f = MONADS[name];
  proto[name] = function (this: K) { return f(this); };
}
// x.min() / x.max() with no argument are the aggregates (the reduce family's min/max)
for (const name of ['min', 'max'] as const) {
  const f = Q[name];
  proto[name] = function (this: K, ...a: unknown[]) { return a.length === 0 ? f(this) : f(this, a[0]); };
}
proto.string = function (this: K) { return string(this); };
proto.cast = function (this: K, t: unknown) { return Q.cast(t, this); };
