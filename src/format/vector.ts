// Whole vectors to text in one engine call (assembly/kernels/format.ts), for
// the numeric, temporal and symbol types; ./item.ts stays the per-item reference the
// kernels are tested against (and serves atoms and the other types).

import { E, ready, mem, check, child, hdrCount, hdrType, onLoad, textAt } from '../runtime.js';
import { fillPow10 } from './pow10.js';

onLoad(fillPow10); // the float printer's table of powers of ten, before any kernel runs

type Kernels = {
  fmt_join(p: number, P: number, budget: number): number;
  fmt_list(p: number, P: number): number;
  fmt_cells(p: number, P: number, mode: number, n: number): number;
};
const K = (): Kernels => E as unknown as Kernels;

/** Types the kernels format: every simple type (but the unused 3). */
export const kernelFormats = (t: number): boolean => {
  const a = t < 0 ? -t : t;
  return a >= 1 && a <= 19 && a !== 3;
};

/** Numeric, temporal and symbol vectors: the console line (items, spaces, suffix) comes from the engine. */
export const kernelJoins = (t: number): boolean => (t >= 5 && t <= 9) || (t >= 11 && t <= 19);

/** Latin1 bytes to a string, in chunks (the kernels write ASCII only but for symbols). */
function ascii(u8: Uint8Array, from: number, to: number): string {
  if (to - from < 4096) return String.fromCharCode.apply(null, u8.subarray(from, to) as unknown as number[]);
  const parts: string[] = [];
  for (let i = from; i < to; i += 4096) parts.push(String.fromCharCode.apply(null, u8.subarray(i, Math.min(to, i + 4096)) as unknown as number[]));
  return parts.join('');
}

/** True when bytes [from, to) are all ASCII. */
function isAscii(u8: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (u8[i]! > 127) return false;
  return true;
}

/** Text of bytes [from, to): UTF-8 (symbols) read as the symbol table reads it (runtime textAt). */
function utf8(u8: Uint8Array, from: number, to: number): string {
  if (to - from < 256 || !(u8.buffer instanceof ArrayBuffer)) {
    if (isAscii(u8, from, to)) return ascii(u8, from, to);
    return textAt(from, to - from);
  }
  return textAt(from, to - from);
}

function text(p: number): string {
  return utf8(mem().u8, p + 16, p + 16 + hdrCount(p));
}

/** The console line of numeric/temporal vector p (kernelJoins), cut once past budget chars. */
export function joinText(p: number, precision: number, budget: number): string {
  const r = check(K().fmt_join(p, precision, budget));
  try { return text(r); } finally { E.r0(r); }
}

/** `string x` for x a simple vector or atom of a kernelFormats type: a new block. */
export function stringBlock(p: number, precision: number): number {
  return check(K().fmt_list(p, precision));
}

/** Texts of the first n items of p (kernelFormats) in a mode of ./item.ts: chars as latin1, symbols as UTF-8. */
export function itemTexts(p: number, precision: number, mode: number, n: number): string[] {
  const r = check(K().fmt_cells(p, precision, mode, n));
  try {
    const tp = child(r, 0), op = child(r, 1);
    const u8 = mem().u8, from = tp + 16, to = from + hdrCount(tp);
    const i32 = mem().i32, o = (op + 16) >>> 2;
    const cnt = hdrCount(op) - 1;
    const out = new Array<string>(cnt);
    const t = hdrType(p);
    if ((t !== 11 && t !== -11) || isAscii(u8, from, to)) {
      const all = ascii(u8, from, to);
      for (let i = 0; i < cnt; i++) out[i] = all.slice(i32[o + i]!, i32[o + i + 1]!);
    } else {
      // non-ASCII symbols: each item decoded on its own, as the symbol table decodes it
      for (let i = 0; i < cnt; i++) out[i] = utf8(u8, from + i32[o + i]!, from + i32[o + i + 1]!);
    }
    return out;
  } finally { E.r0(r); }
}

/** The engine pointer behind a displayable value, when it has one and the engine is up. */
export function enginePtr(k: object): number {
  const p = (k as { ptr?: unknown }).ptr;
  return typeof p === 'number' && p > 0 && ready() ? p : 0;
}
