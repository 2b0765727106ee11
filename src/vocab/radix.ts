// The number forms of vs and sv: base and mixed-radix encode/decode, and the
// bit (0b) and byte (0x00) representations of an atom.

import { K } from '../k.js';
import { alloc, mem } from '../runtime.js';
import { QTYPES } from '../types.js';
import { qerr, call, drop, itemsOf, listOf, vec } from './util.js';
import { dropAll } from './util.js';

const INTEGRAL = new Set([-1, -4, -5, -6, -7, 1, 4, 5, 6, 7]);

function isFalseBool(x: K): boolean { return x.type === -1 && mem().u8[x.ptr + 16] === 0; }
function isZeroByte(x: K): boolean { return x.type === -4 && mem().u8[x.ptr + 16] === 0; }

/** Raw bytes of an atom, most significant first. */
function atomBytes(y: K): number[] {
  const t = -y.type;
  if (t <= 0 || t > 19 || t === 11) throw qerr('type');
  const n = t === 2 ? 16 : QTYPES[t]!.width;
  const b = Array.from(mem().u8.subarray(y.ptr + 16, y.ptr + 16 + n));
  return t === 2 ? b : b.reverse();
}

/** An atom of type t from bytes, most significant first. */
function atomFromBytes(t: number, bytes: number[]): K {
  const p = alloc(-t, 1);
  const u8 = mem().u8;
  const n = bytes.length;
  for (let i = 0; i < n; i++) u8[p + 16 + i] = t === 2 ? bytes[i] : bytes[n - 1 - i];
  return new K(p);
}

function bigOf(y: K, i: number): bigint {
  const m = mem(), p = y.ptr + 16;
  switch (Math.abs(y.type)) {
    case 1: case 4: return BigInt(m.u8[p + i]);
    case 5: return BigInt(m.i16[(p >>> 1) + i]);
    case 6: return BigInt(m.i32[(p >>> 2) + i]);
    case 7: return m.i64[(p >>> 3) + i];
  }
  throw qerr('type');
}

function leaves(y: K, out: bigint[]): void {
  const t = y.type;
  if (t < 0) { if (!INTEGRAL.has(t)) throw qerr('type'); out.push(bigOf(y, 0)); return; }
  if (t > 0) { if (!INTEGRAL.has(t)) throw qerr('type'); for (let i = 0; i < y.count; i++) out.push(bigOf(y, i)); return; }
  const items = itemsOf(y);
  try { for (const k of items) leaves(k, out); } finally { dropAll(items); }
}

const fdiv = (a: bigint, b: bigint) => { const q = a / b; return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q; };

export function vsEncode(x: K, y: K): K {
  if (isFalseBool(x)) {
    if (y.type >= 0) throw qerr('type');
    const bits: number[] = [];
    for (const b of atomBytes(y)) for (let i = 7; i >= 0; i--) bits.push((b >> i) & 1);
    return vec(1, bits);
  }
  if (isZeroByte(x)) {
    if (y.type >= 0) throw qerr('type');
    return vec(4, atomBytes(y));
  }
  if (x.type === -4 && y.type < 0 && INTEGRAL.has(y.type)) {
    // a byte base: as many base-b digits as a 64-bit value holds, as bytes (basics/exposed-infrastructure: 0x40 vs 2)
    const b = BigInt(mem().u8[x.ptr + 16]);
    if (b < 2n) throw qerr('domain');
    const w = Math.floor(64 / Math.log2(Number(b)));
    let v = BigInt.asUintN(64, bigOf(y, 0));
    const ds: number[] = new Array(w).fill(0);
    for (let i = w - 1; i >= 0; i--) { ds[i] = Number(v % b); v /= b; }
    return vec(4, ds);
  }
  if (!INTEGRAL.has(x.type)) throw qerr('type');
  const bases: bigint[] = [];
  leaves(x, bases);
  const all: bigint[] = [];
  leaves(y, all);
  // digits of every leaf, least significant first
  const width = (v: bigint): number => {
    if (x.type > 0) return bases.length;
    const b = bases[0];
    if (b < 2n) throw qerr('domain');
    let n = 1;
    for (let a = v < 0n ? -v : v; a >= b; a /= b) n++;
    return n;
  };
  const w = all.reduce((m, v) => Math.max(m, width(v)), x.type > 0 ? bases.length : 1);
  const digitsOf = (v: bigint): bigint[] => {
    const ds: bigint[] = new Array(w);
    for (let i = w - 1; i >= 0; i--) {
      const b = x.type > 0 ? bases[i] : bases[0];
      if (b === 0n) { ds[i] = v; v = 0n; continue; }
      const q = fdiv(v, b);
      ds[i] = v - q * b;
      v = q;
    }
    return ds;
  };
  const rt = 7;
  const build = (v: K, i: number): K => {
    const t = v.type;
    if (t < 0) { const d = vec(rt, [digitsOf(bigOf(v, 0))[i]]); try { return d.item(0); } finally { d.dispose(); } }
    if (t > 0) { const ds: bigint[] = []; for (let j = 0; j < v.count; j++) ds.push(digitsOf(bigOf(v, j))[i]); return vec(rt, ds); }
    const items = itemsOf(v);
    try { return listOf(items.map((k) => build(k, i))); } finally { dropAll(items); }
  };
  const rows: K[] = [];
  try {
    for (let i = 0; i < w; i++) {
      if (y.type < 0) {
        const v = vec(rt, [digitsOf(bigOf(y, 0))[i]]);
        try { rows.push(v.item(0)); } finally { v.dispose(); }
      } else rows.push(build(y, i));
    }
  } catch (e) { dropAll(rows); throw e; }
  return listOf(rows);
}

export function svDecode(x: K, y: K): K {
  if (isFalseBool(x)) {
    if (y.type !== 1) throw qerr('type');
    const n = y.count;
    const t = ({ 8: 4, 16: 5, 32: 6, 64: 7, 128: 2 } as Record<number, number>)[n];
    if (!t) throw qerr('length');
    const u8 = mem().u8, p = y.ptr + 16;
    const bytes: number[] = [];
    for (let i = 0; i < n; i += 8) {
      let b = 0;
      for (let j = 0; j < 8; j++) b = (b << 1) | u8[p + i + j];
      bytes.push(b);
    }
    return atomFromBytes(t, bytes);
  }
  if (isZeroByte(x)) {
    if (y.type !== 4) throw qerr('type');
    const t = ({ 1: 4, 2: 5, 4: 6, 8: 7 } as Record<number, number>)[y.count];
    if (!t) throw qerr('length');
    return atomFromBytes(t, Array.from(mem().u8.subarray(y.ptr + 16, y.ptr + 16 + y.count)));
  }
  const tx = Math.abs(x.type);
  if (!(tx >= 1 && tx <= 9 && tx !== 2) || !(y.type >= 0 && y.type <= 9)) throw qerr('type');
  const ys = itemsOf(y);
  try {
    if (ys.length === 0) { const z = vec(7, [0]); try { return z.item(0); } finally { z.dispose(); } }
    if (x.type > 0 && x.count !== ys.length) throw qerr('length');
    let r = ys[0].ref();
    for (let i = 1; i < ys.length; i++) {
      const b = x.type > 0 ? x.item(i) : x.ref();
      try {
        const m = call('*', r, b);
        r.dispose();
        try { r = call('+', m, ys[i]); } finally { m.dispose(); }
      } finally { b.dispose(); }
    }
    return r;
  } finally { dropAll(ys); }
}
