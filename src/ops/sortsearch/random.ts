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
    const p = alloc(a, n), mm = mem();
    for (let i = 0; i < n; i++) {
      const v = rand53() * lim;
      if (a === KE) mm.f32[((p + 16) >>> 2) + i] = v; else mm.f64[((p + 16) >>> 3) + i] = v;
    }
    return p;
  }
  // integers and temporal types stored as integers: [0, y), 0 meaning the whole type range
  const lim = Number(qt.storage === 'J' ? m.i64[d >>> 3] : qt.storage === 'H' ? m.i16[d >>> 1] : m.i32[d >>> 2]);
  if (lim < 0) throw new QError('domain');
  if (deal && lim === 0) throw new QError('domain');
  if (deal && !(a === KJ || a === KI || a === KH)) throw new QError('domain');
  const vals = deal ? dealIdx(n, lim) : null;
  const p = alloc(a, n), mm = mem();
  if (!vals && lim > 0) {
    // the common roll, n?100: the same draws in the same order, written without a BigInt per item
    if (qt.storage === 'J') {
      const w = mm.i32, b = (p + 16) >>> 2;
      for (let i = 0; i < n; i++) {
        const v = below(lim), hi = Math.floor(v / 4294967296);
        w[b + 2 * i] = (v - hi * 4294967296) | 0; w[b + 2 * i + 1] = hi;
      }
    } else if (qt.storage === 'H') {
      const w = mm.i16, b = (p + 16) >>> 1;
      for (let i = 0; i < n; i++) w[b + i] = below(lim);
    } else {
      const w = mm.i32, b = (p + 16) >>> 2;
      for (let i = 0; i < n; i++) w[b + i] = below(lim);
    }
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
