// LZ4's block format (kdb+ compression algorithm 4, lz4hc: the HC compressor
// writes the same format). A block is sequences of
//   token │ [literal length bytes] │ literals │ offset (u16) │ [match length bytes]
// the token's high nibble the literal length, its low nibble the match length
// minus 4 (15 in either: more length bytes follow, each added, until one is
// below 255). The last sequence has literals only; a match never starts in
// the last 12 bytes nor reaches the last 5. The plain size is not in the
// block: the caller knows it (kdb+'s logical block size).

import { QError } from '../errors.js';

export function lz4Uncompress(src: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let s = 0, d = 0;
  const more = (len: number): number => {
    if (len !== 15) return len;
    for (;;) {
      if (s >= src.length) throw new QError('length');
      const b = src[s++];
      len += b;
      if (b !== 255) return len;
    }
  };
  while (s < src.length) {
    const token = src[s++];
    const lit = more(token >>> 4);
    if (s + lit > src.length || d + lit > size) throw new QError('length');
    out.set(src.subarray(s, s + lit), d);
    s += lit; d += lit;
    if (s === src.length) break; // the last sequence: literals only
    if (s + 2 > src.length) throw new QError('length');
    const off = src[s] | (src[s + 1] << 8);
    s += 2;
    const len = more(token & 15) + 4;
    if (off === 0 || off > d || d + len > size) throw new QError('length');
    for (let i = 0; i < len; i++) out[d + i] = out[d - off + i];
    d += len;
  }
  if (d !== size) throw new QError('length');
  return out;
}

export function lz4Compress(src: Uint8Array): Uint8Array {
  const n = src.length;
  const out = new Uint8Array(n + Math.ceil(n / 255) + 16);
  let d = 0;
  const len = (v: number): void => { while (v >= 255) { out[d++] = 255; v -= 255; } out[d++] = v; };
  const sequence = (from: number, to: number, off: number, mlen: number): void => {
    const lit = to - from;
    const t = d++;
    out[t] = (Math.min(lit, 15) << 4) | (off ? Math.min(mlen - 4, 15) : 0);
    if (lit >= 15) len(lit - 15);
    out.set(src.subarray(from, to), d); d += lit;
    if (!off) return;
    out[d++] = off & 0xff; out[d++] = off >>> 8;
    if (mlen - 4 >= 15) len(mlen - 19);
  };
  const BITS = 16;
  const table = new Int32Array(1 << BITS).fill(-1);
  const at32 = (i: number): number => (src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24)) >>> 0;
  const hash = (v: number): number => Math.imul(v, 2654435761) >>> (32 - BITS);
  const lastMatch = n - 12, matchEnd = n - 5;
  let lit = 0, i = 0;
  while (i < lastMatch) {
    const v = at32(i), h = hash(v);
    const c = table[h];
    table[h] = i;
    if (c >= 0 && i - c <= 65535 && at32(c) === v) {
      let m = 4;
      while (i + m < matchEnd && src[c + m] === src[i + m]) m++;
      sequence(lit, i, i - c, m);
      i += m; lit = i;
    } else i++;
  }
  sequence(lit, n, 0, 0);
  return out.slice(0, d);
}
