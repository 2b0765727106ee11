// Small helpers the vocabulary modules share: text in and out of char
// vectors (one JS char per byte, so any byte survives), typed vectors from JS
// arrays, calling a registered primitive, and walking nested lists.
// Ownership as everywhere: arguments are borrowed, results are new K values.

import { alloc, mem } from '../runtime.js';
import { K } from '../k.js';
import { PRIMS } from '../ops/registry.js';
import { QError } from '../errors.js';
import { XD, XT } from '../types.js';
import * as V from '../lang/values.js';

export const qerr = (name: string): QError => new QError(name);

/** The bytes of a string or char atom as a latin-1 JS string (one char per byte). */
export function bytesOf(x: K): string {
  const t = x.type;
  if (t !== 10 && t !== -10 && t !== 4 && t !== -4) throw qerr('type');
  const n = t < 0 ? 1 : x.count;
  const u8 = mem().u8, p = x.ptr + 16;
  let s = '';
  for (let i = 0; i < n; i += 4096) s += String.fromCharCode(...u8.subarray(p + i, p + Math.min(n, i + 4096)));
  return s;
}

/** A char vector (or byte vector with code 4) from a latin-1 JS string. */
export function chars(s: string, code = 10): K {
  const p = alloc(code, s.length);
  const u8 = mem().u8;
  for (let i = 0; i < s.length; i++) u8[p + 16 + i] = s.charCodeAt(i);
  return new K(p);
}

export function charAtom(c: string): K {
  const p = alloc(-10, 1);
  mem().u8[p + 16] = c.charCodeAt(0);
  return new K(p);
}

/** A vector of q type t (1..19 but not 2/11) from JS numbers or bigints. */
export function vec(t: number, xs: ArrayLike<number | bigint>): K {
  const p = alloc(t, xs.length);
  const m = mem(), d = p + 16;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    switch (t) {
      case 1: case 4: case 10: m.u8[d + i] = Number(v); break;
      case 5: m.i16[(d >>> 1) + i] = Number(v); break;
      case 6: case 13: case 14: case 17: case 18: case 19: m.i32[(d >>> 2) + i] = Number(v); break;
      case 7: case 12: case 16: m.i64[(d >>> 3) + i] = BigInt(v); break;
      case 8: m.f32[(d >>> 2) + i] = Number(v); break;
      case 9: case 15: m.f64[(d >>> 3) + i] = Number(v); break;
      default: throw qerr('type');
    }
  }
  return new K(p);
}

export const longs = (xs: ArrayLike<number | bigint>): K => vec(7, xs);

/** A registered primitive applied (monad/dyad/triad by argument count). */
export function call(name: string, ...xs: K[]): K {
  const p = PRIMS.get(name);
  const f = xs.length === 1 ? p?.monad : xs.length === 2 ? p?.dyad : p?.triad;
  if (!f) throw qerr('nyi');
  return (f as (...a: K[]) => K)(...xs);
}

/** Dispose every K in xs (ignoring undefined). */
export function drop(...xs: (K | undefined | null)[]): void { for (const x of xs) x?.dispose(); }

/** Runs f(k) then disposes k, returning f's result. */
export function using<T>(k: K, f: (k: K) => T): T {
  try { return f(k); } finally { k.dispose(); }
}

/** Items of a list as new K values; the caller disposes them. */
export const itemsOf = V.itemsOf;

/** f over the items of a general list, the values of a dictionary, the columns of a table. */
export function eachItem(x: K, f: (k: K) => K): K {
  if (x.type === XT) {
    const d = call('flip', x);
    try { const r = eachItem(d, f); try { return call('flip', r); } finally { r.dispose(); } } finally { d.dispose(); }
  }
  if (x.type === XD) {
    const keys = x.keys, vals = x.values;
    try { const r = eachItem(vals, f); return V.dictOf(keys.ref(), r); } finally { keys.dispose(); vals.dispose(); }
  }
  const items = V.itemsOf(x);
  const out: K[] = [];
  try {
    for (const it of items) out.push(f(it));
  } catch (e) { dropAll(out); throw e; } finally { dropAll(items); }
  return V.listOf(out);
}

/** Text of a symbol atom, char vector or char atom. */
export function textOf(x: K): string {
  if (x.type === -11) return V.textOf(x);
  return bytesOf(x);
}

export const sym = V.symAtom;
export const syms = V.symVec;
export const symsOf = V.symsOf;
export const listOf = V.listOf;
export const generalOf = V.generalOf;
export const dictOf = V.dictOf;

const enc = new TextEncoder();
const dec = new TextDecoder();
/** A symbol's text as latin-1 bytes (symbols are interned as UTF-8). */
export function symBytes(s: string): string {
  const b = enc.encode(s);
  let r = '';
  for (let i = 0; i < b.length; i++) r += String.fromCharCode(b[i]);
  return r;
}
/** Latin-1 bytes to the symbol text they spell in UTF-8. */
export function bytesSym(s: string): string {
  if (!/[\x80-\xff]/.test(s)) return s;
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return dec.decode(b);
}

/** Dispose every K of an array (any length: no spread onto the stack). */
export function dropAll(xs: readonly (K | undefined | null)[]): void { for (const x of xs) x?.dispose(); }
