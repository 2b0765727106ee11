// x?y with an integer atom x: Roll (x>0), Deal (x<0), Permute (0N?y), after
// ref/deal.md. The generator is a seeded xorshift (constant seed at startup, as
// q's is), not q's own generator: the same script gives the same numbers here,
// but not the numbers kdb+ gives.

import { E, mem, alloc, hdrType, intern, symbol as symText } from '../../runtime.js';
import { QError } from '../../errors.js';
import { QTYPES, KB, UU, KG, KH, KI, KJ, KE, KC, KS } from '../../types.js';
import { longsFrom, take, countPtr } from './util.js';

let s0 = 0x9e3779b9 | 0, s1 = 0x243f6a88 | 0, s2 = 0xb7e15162 | 0, s3 = 0x314159 | 0;

/** xoshiro128** step: a uniform u32. */
function next32(): number {
  const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = s1 << 9;
  s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
  return r;
}
const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));
/** Uniform in [0, 1) with 53 bits. */
const rand53 = () => (next32() * 2 ** 21 + (next32() >>> 11)) / 2 ** 53;
/** Uniform integer in [0, m), m <= 2^53. */
const below = (m: number) => Math.floor(rand53() * m);

const DRAW_F = 0, DRAW_E = 1, DRAW_J = 2, DRAW_I = 3, DRAW_H = 4, DRAW_J32 = 5;

/**
 * n draws into vector p: floats rand53()*lim (DRAW_F, DRAW_E), integers
 * floor(rand53()*lim) (DRAW_J, DRAW_I, DRAW_H; DRAW_J32 longs below 2^32,
 * whose high word is 0). The same draws in the same
 * order as below(), with the generator's state in locals for the loop (the
 * module's variables live in a context the optimiser reloads every step).
 */
function drawInto(kind: number, p: number, n: number, lim: number): void {
  const m = mem();
  const f64 = m.f64, f32 = m.f32, i32 = m.i32, i16 = m.i16;
  let a0 = s0, a1 = s1, a2 = s2, a3 = s3;
  for (let i = 0; i < n; i++) {
    const hi = Math.imul((Math.imul(a1, 5) << 7) | (Math.imul(a1, 5) >>> 25), 9) >>> 0;
    let t = a1 << 9;
    a2 ^= a0; a3 ^= a1; a1 ^= a2; a0 ^= a3; a2 ^= t; a3 = (a3 << 11) | (a3 >>> 21);
    const lo = Math.imul((Math.imul(a1, 5) << 7) | (Math.imul(a1, 5) >>> 25), 9) >>> 0;
    t = a1 << 9;
    a2 ^= a0; a3 ^= a1; a1 ^= a2; a0 ^= a3; a2 ^= t; a3 = (a3 << 11) | (a3 >>> 21);
    const r = (hi * 2097152 + (lo >>> 11)) / 9007199254740992;
    switch (kind) {
      case DRAW_F: f64[((p + 16) >>> 3) + i] = r * lim; break;
      case DRAW_E: f32[((p + 16) >>> 2) + i] = r * lim; break;
      case DRAW_J: {
        const v = Math.floor(r * lim), h = Math.floor(v / 4294967296);
        i32[((p + 16) >>> 2) + 2 * i] = (v - h * 4294967296) | 0; i32[((p + 16) >>> 2) + 2 * i + 1] = h;
        break;
      }
      case DRAW_J32: i32[((p + 16) >>> 2) + 2 * i] = Math.floor(r * lim) | 0; i32[((p + 16) >>> 2) + 2 * i + 1] = 0; break;
      case DRAW_I: i32[((p + 16) >>> 2) + i] = Math.floor(r * lim); break;
      default: i16[((p + 16) >>> 1) + i] = Math.floor(r * lim);
    }
  }
  s0 = a0; s1 = a1; s2 = a2; s3 = a3;
}

/** The most items one roll, deal or permute makes (2^27). */
export const ROLL_LIMIT = 2 ** 27;

/** Distinct integers from [0, m), k of them, in random order. */
function dealIdx(k: number, m: number): number[] {
  if (k > m) throw new QError('length');
  if (k * 4 < m) {
    const seen = new Set<number>(), out: number[] = [];
    while (out.length < k) { const v = below(m); if (!seen.has(v)) { seen.add(v); out.push(v); } }
    return out;
  }
  const a = Array.from({ length: m }, (_, i) => i);
  for (let i = 0; i < k; i++) { const j = i + below(m - i); const t = a[i]; a[i] = a[j]; a[j] = t; }
  return a.slice(0, k);
}

/** x?y for integer atom x (the count, negative for Deal, null for Permute). */
export function roll(x: number, y: number): number {
  const tx = hdrType(x), m = mem();
  let n: number, deal = false;
  if (tx === -KJ) { const v = m.i64[(x + 16) >>> 3]; n = v === -9223372036854775808n ? NaN : Number(v); }
  else if (tx === -KI) { const v = m.i32[(x + 16) >>> 2]; n = v === -2147483648 ? NaN : v; }
  else if (tx === -KH) { const v = m.i16[(x + 16) >>> 1]; n = v === -32768 ? NaN : v; }
  else throw new QError('type');
  const permute = Number.isNaN(n);
  if (n < 0) { deal = true; n = -n; }
  // roll and deal draw their indexes in JS arrays: past this many items they
  // would exhaust the JS heap and kill the process, so they are q's 'limit
  if (n > ROLL_LIMIT) throw new QError('limit');
  const ty = hdrType(y);
  if (ty >= 0 && ty <= 98) {
    // items of a list
    const c = countPtr(y);
    if (permute) { n = c; deal = true; }
    if (n > ROLL_LIMIT) throw new QError('limit');
    if (!deal && c === 0 && n > 0) throw new QError('length');
    const idx = longsFrom(deal ? dealIdx(n, c) : Array.from({ length: n }, () => below(c)));
    try { return take(y, idx); } finally { E.r0(idx); }
  }
  if (ty >= 0) throw new QError('type');
  const a = -ty, qt = QTYPES[a];
  if (!qt) throw new QError('type');
  const d = y + 16;
  if (permute) {
    if (a !== KJ && a !== KI && a !== KH) throw new QError('type');
    const c = Number(a === KJ ? m.i64[d >>> 3] : a === KI ? m.i32[d >>> 2] : m.i16[d >>> 1]);
    if (c < 0) throw new QError('domain');
    return longsFrom(dealIdx(c, c));
  }
  switch (a) {
    case KB: return fill(KB, n, () => next32() & 1);
    case KG: return fill(KG, n, () => next32() & 255);
    case KC: return fill(KC, n, () => 97 + below(26));
    case UU: {
      const p = alloc(UU, n), u = mem().u8;
      for (let i = 0; i < n * 16; i += 4) { const r = next32(); u[p + 16 + i] = r; u[p + 17 + i] = r >> 8; u[p + 18 + i] = r >> 16; u[p + 19 + i] = r >>> 24; }
      return p;
    }
    case KS: {
      const k = m.i32[d >>> 2];
      const text = symText(k);
      const len = /^[1-8]$/.test(text) ? Number(text) : NaN;
      if (Number.isNaN(len)) throw new QError('domain');
      const names = new Set<string>();
      const pick: string[] = [];
      const cap = 16 ** len;
      if (deal && n > cap) throw new QError('length');
      while (pick.length < n) {
        let s = '';
        for (let i = 0; i < len; i++) s += 'abcdefghijklmnop'[next32() & 15];
        if (deal) { if (names.has(s)) continue; names.add(s); }
        pick.push(s);
      }
      const ids = pick.map(intern);
      const p = alloc(KS, n), v = mem().i32;
      ids.forEach((id, i) => { v[((p + 16) >>> 2) + i] = id; });
      return p;
    }
  }
  if (qt.storage === 'E' || qt.storage === 'F') {
    if (deal) throw new QError('domain');
    const lim = qt.storage === 'E' ? m.f32[d >>> 2] : m.f64[d >>> 3];
    if (!(lim >= 0)) throw new QError('domain');
    const p = alloc(a, n);
    drawInto(a === KE ? DRAW_E : DRAW_F, p, n, lim);
    return p;
  }
  // integers and temporal types stored as integers: [0, y), 0 meaning the whole type range
  const lim = Number(qt.storage === 'J' ? m.i64[d >>> 3] : qt.storage === 'H' ? m.i16[d >>> 1] : m.i32[d >>> 2]);
  if (lim < 0) throw new QError('domain');
  if (deal && lim === 0) throw new QError('domain');
  if (deal && !(a === KJ || a === KI || a === KH)) throw new QError('domain');
  // only the integer types take 0 as their whole range; a temporal limit of 0 rolls 0 (ref/deal.md)
  if (lim === 0 && !(a === KJ || a === KI || a === KH)) { const z = alloc(a, n); mem().u8.fill(0, z + 16, z + 16 + n * qt.width); return z; }
  const vals = deal ? dealIdx(n, lim) : null;
  const p = alloc(a, n), mm = mem();
  if (!vals && lim > 0) {
    // the common roll, n?100: the same draws in the same order, written without a BigInt per item
    drawInto(qt.storage === 'J' ? (lim <= 4294967296 ? DRAW_J32 : DRAW_J) : qt.storage === 'H' ? DRAW_H : DRAW_I, p, n, lim);
    return p;
  }
  for (let i = 0; i < n; i++) {
    let v: number | bigint;
    if (vals) v = vals[i];
    else if (lim === 0) v = qt.storage === 'J' ? BigInt.asIntN(64, (BigInt(next32()) << 32n) | BigInt(next32())) : qt.storage === 'H' ? (next32() << 16) >> 16 : next32() | 0;
    else v = below(lim);
    if (qt.storage === 'J') mm.i64[((p + 16) >>> 3) + i] = BigInt(v);
    else if (qt.storage === 'H') mm.i16[((p + 16) >>> 1) + i] = Number(v);
    else mm.i32[((p + 16) >>> 2) + i] = Number(v);
  }
  return p;
}

function fill(t: number, n: number, f: () => number): number {
  const p = alloc(t, n), u = mem().u8;
  for (let i = 0; i < n; i++) u[p + 16 + i] = f();
  return p;
}
