// Snappy's raw block format (kdb+ compression algorithm 3): a varint of the
// plain length, then elements whose tag byte's low two bits say what follows:
//   00 a literal: length-1 in the tag's top six bits (60..63: that many minus
//      59 little-endian bytes of length-1 follow), then the bytes;
//   01 a copy, length 4..11 from tag bits 2-4, offset 0..2047 from tag bits
//      5-7 and one byte;
//   10 a copy, length 1..64 from the tag's top six bits, a 2-byte offset;
//   11 the same with a 4-byte offset.
// The compressor is greedy over a hash of 4-byte sequences, as snappy's own.

import { QError } from '../errors.js';

export function snappyUncompress(src: Uint8Array): Uint8Array {
  let s = 0, n = 0, shift = 0;
  for (;;) {
    if (s >= src.length || shift > 28) throw new QError('length');
    const b = src[s++];
    n |= (b & 0x7f) << shift;
    if (!(b & 0x80)) break;
    shift += 7;
  }
  n >>>= 0;
  const out = new Uint8Array(n);
  let d = 0;
  while (s < src.length) {
    const tag = src[s++];
    const kind = tag & 3;
    if (kind === 0) {
      let len = tag >>> 2;
      if (len >= 60) {
        const k = len - 59;
        if (s + k > src.length) throw new QError('length');
        len = 0;
        for (let i = 0; i < k; i++) len |= src[s + i] << (8 * i);
        len >>>= 0;
        s += k;
      }
      len += 1;
      if (s + len > src.length || d + len > n) throw new QError('length');
      out.set(src.subarray(s, s + len), d);
      s += len; d += len;
      continue;
    }
    let len: number, off: number;
    if (kind === 1) {
      if (s >= src.length) throw new QError('length');
      len = ((tag >>> 2) & 7) + 4;
      off = ((tag >>> 5) << 8) | src[s++];
    } else if (kind === 2) {
      if (s + 2 > src.length) throw new QError('length');
      len = (tag >>> 2) + 1;
      off = src[s] | (src[s + 1] << 8);
      s += 2;
    } else {
      if (s + 4 > src.length) throw new QError('length');
      len = (tag >>> 2) + 1;
      off = (src[s] | (src[s + 1] << 8) | (src[s + 2] << 16) | (src[s + 3] << 24)) >>> 0;
      s += 4;
    }
    if (off === 0 || off > d || d + len > n) throw new QError('length');
    for (let i = 0; i < len; i++) out[d + i] = out[d - off + i]; // overlapping copies repeat
    d += len;
  }
  if (d !== n) throw new QError('length');
  return out;
}

export function snappyCompress(src: Uint8Array): Uint8Array {
  const n = src.length;
  const out = new Uint8Array(5 + n + Math.ceil(n / 60) * 5 + 8);
  let d = 0;
  for (let v = n >>> 0; ; v >>>= 7) { if (v < 0x80) { out[d++] = v; break; } out[d++] = (v & 0x7f) | 0x80; }
  const literal = (from: number, to: number): void => {
    let len = to - from;
    while (len > 0) {
      const l = Math.min(len, 65536);
      const m = l - 1;
      if (m < 60) out[d++] = m << 2;
      else if (m < 256) { out[d++] = 60 << 2; out[d++] = m; }
      else { out[d++] = 61 << 2; out[d++] = m & 0xff; out[d++] = m >>> 8; }
      out.set(src.subarray(from, from + l), d);
      d += l; from += l; len -= l;
    }
  };
  const copy = (off: number, len: number): void => {
    while (len > 0) {
      // pieces of at most 64; never leave a piece under 4 for the 1-byte-offset form's sake
      let l = Math.min(len, 64);
      if (len - l > 0 && len - l < 4) l = len - 4;
      if (l >= 4 && l <= 11 && off < 2048) { out[d++] = 1 | ((l - 4) << 2) | ((off >>> 8) << 5); out[d++] = off & 0xff; }
      else { out[d++] = 2 | ((l - 1) << 2); out[d++] = off & 0xff; out[d++] = off >>> 8; }
      len -= l;
    }
  };
  const BITS = 14;
  const table = new Int32Array(1 << BITS).fill(-1);
  const at32 = (i: number): number => (src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24)) >>> 0;
  const hash = (v: number): number => Math.imul(v, 0x1e35a7bd) >>> (32 - BITS);
  let lit = 0, i = 0;
  while (i + 4 <= n) {
    const v = at32(i), h = hash(v);
    const c = table[h];
    table[h] = i;
    if (c >= 0 && i - c <= 65535 && at32(c) === v) {
      let len = 4;
      while (i + len < n && src[c + len] === src[i + len]) len++;
      literal(lit, i);
      copy(i - c, len);
      i += len; lit = i;
    } else i++;
  }
  literal(lit, n);
  return out.slice(0, d);
}
