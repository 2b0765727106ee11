// zlib streams (RFC 1950/1951) without Node: the browser reads kdb+'s gzip
// compressed files (algorithm 2) synchronously with this inflate, and writes
// them as stored (uncompressed) deflate blocks, which every zlib reads.
// Decoding follows the canonical-Huffman scheme of zlib's puff.c.

import { QError } from '../errors.js';

const LBASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEXT = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DEXT = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

interface Huff { count: Int16Array; symbol: Int16Array }

function huff(lengths: ArrayLike<number>, n: number): Huff {
  const count = new Int16Array(16), symbol = new Int16Array(n), offs = new Int16Array(16);
  for (let i = 0; i < n; i++) count[lengths[i]]++;
  let left = 1;
  for (let len = 1; len < 16; len++) { left = (left << 1) - count[len]; if (left < 0) throw new QError('length'); }
  for (let len = 1; len < 15; len++) offs[len + 1] = offs[len] + count[len];
  for (let i = 0; i < n; i++) if (lengths[i]) symbol[offs[lengths[i]]++] = i;
  return { count, symbol };
}

let FIXED: [Huff, Huff] | undefined;
function fixed(): [Huff, Huff] {
  if (FIXED) return FIXED;
  const l = new Uint8Array(288);
  l.fill(8, 0, 144); l.fill(9, 144, 256); l.fill(7, 256, 280); l.fill(8, 280, 288);
  FIXED = [huff(l, 288), huff(new Uint8Array(30).fill(5), 30)];
  return FIXED;
}

/** The data of a zlib stream; `size`, when known, sizes the output at once. */
export function inflate(src: Uint8Array, size = 0): Uint8Array {
  if (src.length < 2 || (src[0] & 15) !== 8 || ((src[0] << 8) | src[1]) % 31 !== 0 || src[1] & 32) throw new QError('length');
  let pos = 2, bitbuf = 0, bitcnt = 0;
  let out = new Uint8Array(size || Math.max(1024, src.length * 4)), n = 0;
  const need = (k: number) => {
    if (n + k <= out.length) return;
    const o = new Uint8Array(Math.max(out.length * 2, n + k));
    o.set(out.subarray(0, n));
    out = o;
  };
  const bits = (k: number): number => {
    let v = bitbuf;
    while (bitcnt < k) {
      if (pos >= src.length) throw new QError('length');
      v |= src[pos++] << bitcnt;
      bitcnt += 8;
    }
    bitbuf = v >>> k;
    bitcnt -= k;
    return v & ((1 << k) - 1);
  };
  const decode = (h: Huff): number => {
    let code = 0, first = 0, index = 0;
    for (let len = 1; len < 16; len++) {
      code |= bits(1);
      const c = h.count[len];
      if (code - c < first) return h.symbol[index + (code - first)];
      index += c; first += c; first <<= 1; code <<= 1;
    }
    throw new QError('length');
  };
  for (let last = 0; !last;) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      bitbuf = 0; bitcnt = 0;
      if (pos + 4 > src.length) throw new QError('length');
      const len = src[pos] | (src[pos + 1] << 8), nlen = src[pos + 2] | (src[pos + 3] << 8);
      pos += 4;
      if ((len ^ 0xffff) !== nlen || pos + len > src.length) throw new QError('length');
      need(len);
      out.set(src.subarray(pos, pos + len), n);
      n += len; pos += len;
      continue;
    }
    let lit: Huff, dist: Huff;
    if (type === 1) [lit, dist] = fixed();
    else if (type === 2) {
      const nlen = bits(5) + 257, ndist = bits(5) + 1, ncode = bits(4) + 4;
      if (nlen > 286 || ndist > 30) throw new QError('length');
      const lens = new Uint8Array(320);
      for (let i = 0; i < ncode; i++) lens[ORDER[i]] = bits(3);
      const lencode = huff(lens, 19);
      const ll = new Uint8Array(nlen + ndist);
      for (let i = 0; i < nlen + ndist;) {
        let sym = decode(lencode);
        if (sym < 16) { ll[i++] = sym; continue; }
        let len = 0;
        if (sym === 16) { if (i === 0) throw new QError('length'); len = ll[i - 1]; sym = 3 + bits(2); }
        else if (sym === 17) sym = 3 + bits(3);
        else sym = 11 + bits(7);
        if (i + sym > nlen + ndist) throw new QError('length');
        while (sym--) ll[i++] = len;
      }
      lit = huff(ll.subarray(0, nlen), nlen);
      dist = huff(ll.subarray(nlen), ndist);
    } else throw new QError('length');
    for (;;) {
      let sym = decode(lit);
      if (sym < 256) { need(1); out[n++] = sym; continue; }
      if (sym === 256) break;
      sym -= 257;
      if (sym >= 29) throw new QError('length');
      const len = LBASE[sym] + bits(LEXT[sym]);
      const ds = decode(dist);
      if (ds >= 30) throw new QError('length');
      const d = DBASE[ds] + bits(DEXT[ds]);
      if (d > n) throw new QError('length');
      need(len);
      for (let i = 0; i < len; i++, n++) out[n] = out[n - d];
    }
  }
  return n === out.length ? out : out.slice(0, n);
}

function adler32(b: Uint8Array): number {
  let a = 1, s = 0;
  for (let i = 0; i < b.length;) {
    const end = Math.min(i + 5552, b.length);
    for (; i < end; i++) { a += b[i]; s += a; }
    a %= 65521; s %= 65521;
  }
  return ((s << 16) | a) >>> 0;
}

/** A zlib stream of stored (uncompressed) deflate blocks. */
export function deflateStored(b: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(b.length / 65535));
  const out = new Uint8Array(2 + b.length + 5 * blocks + 4);
  out[0] = 0x78; out[1] = 0x01;
  let o = 2;
  for (let i = 0; i < blocks; i++) {
    const part = b.subarray(i * 65535, Math.min((i + 1) * 65535, b.length));
    out[o++] = i === blocks - 1 ? 1 : 0;
    out[o++] = part.length & 255; out[o++] = part.length >> 8;
    out[o++] = ~part.length & 255; out[o++] = (~part.length >> 8) & 255;
    out.set(part, o); o += part.length;
  }
  new DataView(out.buffer).setUint32(o, adler32(b));
  return out;
}
