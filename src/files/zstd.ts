// Zstandard (RFC 8878) decoding: kdb+ compression algorithm 5, and any zstd
// stream (frames and skippable frames, one after another).
//
//   frame:  magic FD2FB528 │ header │ block … block(last) │ [checksum: xxh64 low 32 bits]
//   block:  u24 (last bit │ type 2 bits │ size 21 bits) │ raw bytes │ one byte repeated │ compressed
//   compressed block:  literals section │ sequences section
//     literals: raw, one byte repeated, or Huffman-coded in 1 or 4 streams
//     sequences: (literal length, match length, offset) codes, each an FSE
//       state machine (predefined, one symbol, described, or the previous
//       block's), all three read from one backward bit stream
//
// Dictionaries are refused. Every read is bounds-checked: damaged input is a
// q 'length error, never a hang or an out-of-range write; the output never
// grows past `limit` bytes.

import { QError } from '../errors.js';
import { xxh64low } from './xxh64.js';

const bad = (): never => { throw new QError('length'); };

const MAGIC = 0xfd2fb528;
const BLOCK_MAX = 1 << 17;

const highBit = (x: number): number => 31 - Math.clz32(x);
const POW2 = Float64Array.from({ length: 32 }, (_, i) => 2 ** i);

/** A bit stream read from its end towards its start (the last byte's top set
 *  bit marks where it begins). Bits before the start read as zeros; `pos`
 *  then goes negative, which callers check. */
class BackBits {
  private b: Uint8Array;
  pos: number;
  constructor(src: Uint8Array, from: number, to: number) {
    if (to <= from || src[to - 1] === 0) bad();
    this.b = new Uint8Array(to - from + 8);
    this.b.set(src.subarray(from, to), 4);
    this.pos = (to - from - 1) * 8 + highBit(src[to - 1]);
  }
  private get(p: number, n: number): number {
    const i = (p >> 3) + 4, b = this.b;
    return ((b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> (p & 7)) & ((1 << n) - 1);
  }
  read(n: number): number {
    if (n === 0) return 0;
    const p = (this.pos -= n);
    if (p < -32) bad();
    return n <= 24 ? this.get(p, n) : this.get(p + 16, n - 16) * 65536 + this.get(p, 16);
  }
}

/** An FSE decoding table: per state, its symbol, how many bits to read and
 *  the state those bits are added to. */
interface Fse { al: number; sym: Uint8Array; nb: Uint8Array; base: Int32Array }

function buildFse(norm: ArrayLike<number>, nsym: number, al: number): Fse {
  const size = 1 << al, mask = size - 1;
  const sym = new Uint8Array(size), nb = new Uint8Array(size), base = new Int32Array(size);
  const next = new Int32Array(nsym);
  let high = size - 1;
  for (let s = 0; s < nsym; s++) {
    if (norm[s] === -1) { sym[high--] = s; next[s] = 1; } else next[s] = norm[s];
  }
  const step = (size >> 1) + (size >> 3) + 3;
  let pos = 0;
  for (let s = 0; s < nsym; s++) {
    for (let i = 0; i < norm[s]; i++) {
      sym[pos] = s;
      do pos = (pos + step) & mask; while (pos > high);
    }
  }
  if (pos !== 0) bad();
  for (let u = 0; u < size; u++) {
    const ns = next[sym[u]]++;
    nb[u] = al - highBit(ns);
    base[u] = (ns << nb[u]) - size;
  }
  return { al, sym, nb, base };
}

/** One symbol for every state (a sequence section's RLE mode). */
function rleFse(s: number): Fse {
  return { al: 0, sym: Uint8Array.of(s), nb: Uint8Array.of(0), base: Int32Array.of(0) };
}

/** An FSE table description (forward bits) at src[at..end): the table and the bytes it took. */
function readFse(src: Uint8Array, at: number, end: number, maxAl: number, maxSym: number): { t: Fse; used: number } {
  let bit = 0;
  const peek = (n: number): number => {
    let v = 0;
    for (let k = 0; k < n; k++) {
      const p = bit + k, i = at + (p >> 3);
      if (i < end && (src[i] >> (p & 7)) & 1) v |= 1 << k;
    }
    return v;
  };
  const take = (n: number): number => { const v = peek(n); bit += n; return v; };
  const al = take(4) + 5;
  if (al > maxAl) bad();
  const norm: number[] = [];
  let remaining = (1 << al) + 1, threshold = 1 << al, nbits = al + 1, prev0 = false;
  while (remaining > 1 && norm.length <= maxSym) {
    if (prev0) {
      for (;;) {
        const r = take(2);
        for (let i = 0; i < r; i++) norm.push(0);
        if (r !== 3) break;
        if (norm.length > maxSym + 1) bad();
      }
      if (norm.length > maxSym) bad();
    }
    const max = 2 * threshold - 1 - remaining;
    const v = peek(nbits);
    let count: number;
    if ((v & (threshold - 1)) < max) { count = v & (threshold - 1); bit += nbits - 1; }
    else { count = v & (2 * threshold - 1); if (count >= threshold) count -= max; bit += nbits; }
    count--;
    remaining -= Math.abs(count);
    norm.push(count);
    prev0 = count === 0;
    while (remaining < threshold) { nbits--; threshold >>= 1; }
  }
  const used = (bit + 7) >> 3;
  if (remaining !== 1 || norm.length > maxSym + 1 || at + used > end) bad();
  return { t: buildFse(norm, norm.length, al), used };
}

// Predefined distributions and the codes' baselines and extra bits (RFC 8878 3.1.1.3.2).
const LL_NORM = [4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1, -1, -1, -1, -1];
const ML_NORM = [1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1];
const OF_NORM = [1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1];
export const LL_BITS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
export const ML_BITS = [...new Array<number>(32).fill(0), 1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
const baselines = (bits: number[], first: number, lin: number): number[] => {
  const b: number[] = [];
  let v = first;
  for (let i = 0; i < bits.length; i++) { b.push(v); v += i < lin ? 1 : 1 << bits[i]; }
  return b;
};
export const LL_BASE = baselines(LL_BITS, 0, 16);
export const ML_BASE = baselines(ML_BITS, 3, 32);
let predefined: { ll: Fse; ml: Fse; of: Fse } | undefined;
export const predefinedNorms = { ll: LL_NORM, ml: ML_NORM, of: OF_NORM, llAl: 6, mlAl: 6, ofAl: 5 };
function defaults(): { ll: Fse; ml: Fse; of: Fse } {
  return predefined ??= { ll: buildFse(LL_NORM, 36, 6), ml: buildFse(ML_NORM, 53, 6), of: buildFse(OF_NORM, 29, 5) };
}
export { buildFse, type Fse };

/** A Huffman decoding table over maxBits-bit windows. */
interface Huff { maxBits: number; sym: Uint8Array; nb: Uint8Array }

function huffFromWeights(w: number[]): Huff {
  let sum = 0;
  for (const x of w) { if (x > 11) bad(); if (x) sum += 1 << (x - 1); }
  if (sum === 0) bad();
  const maxBits = highBit(sum) + 1;
  const rest = (1 << maxBits) - sum;
  if (maxBits > 11 || rest & (rest - 1)) bad();
  w.push(highBit(rest) + 1);
  if (w.length > 256) bad();
  const size = 1 << maxBits;
  const sym = new Uint8Array(size), nb = new Uint8Array(size);
  const bits = w.map((x) => (x ? maxBits + 1 - x : 0));
  const count = new Int32Array(maxBits + 2);
  for (const b of bits) count[b]++;
  const idx = new Int32Array(maxBits + 2);
  idx[maxBits] = 0;
  for (let i = maxBits; i >= 1; i--) {
    idx[i - 1] = idx[i] + count[i] * (1 << (maxBits - i));
    nb.fill(i, idx[i], idx[i - 1]);
  }
  bits.forEach((b, s) => {
    if (!b) return;
    const len = 1 << (maxBits - b);
    sym.fill(s, idx[b], idx[b] + len);
    idx[b] += len;
  });
  return { maxBits, sym, nb };
}

/** A Huffman tree description at src[at..end): the table and the bytes it took. */
function readHuff(src: Uint8Array, at: number, end: number): { h: Huff; used: number } {
  if (at >= end) bad();
  const hb = src[at];
  const w: number[] = [];
  if (hb >= 128) {
    const n = hb - 127, bytes = (n + 1) >> 1;
    if (at + 1 + bytes > end) bad();
    for (let i = 0; i < n; i++) w.push(i & 1 ? src[at + 1 + (i >> 1)] & 15 : src[at + 1 + (i >> 1)] >> 4);
    return { h: huffFromWeights(w), used: 1 + bytes };
  }
  if (at + 1 + hb > end) bad();
  const { t, used } = readFse(src, at + 1, at + 1 + hb, 6, 255);
  const r = new BackBits(src, at + 1 + used, at + 1 + hb);
  let s1 = r.read(t.al), s2 = r.read(t.al);
  for (;;) {
    if (w.length > 254) bad();
    w.push(t.sym[s1]); s1 = t.base[s1] + r.read(t.nb[s1]);
    if (r.pos < 0) { w.push(t.sym[s2]); break; }
    w.push(t.sym[s2]); s2 = t.base[s2] + r.read(t.nb[s2]);
    if (r.pos < 0) { w.push(t.sym[s1]); break; }
  }
  return { h: huffFromWeights(w), used: 1 + hb };
}

function huffStream(h: Huff, src: Uint8Array, from: number, to: number, out: Uint8Array, o: number, n: number): void {
  const r = new BackBits(src, from, to);
  const { maxBits, sym, nb } = h, mask = (1 << maxBits) - 1;
  let state = r.read(maxBits);
  for (let k = 0; k < n; k++) {
    out[o + k] = sym[state];
    const b = nb[state];
    state = ((state << b) & mask) | r.read(b);
  }
  if (r.pos !== -maxBits) bad();
}

/** What a frame carries from block to block. */
interface FrameState {
  huff?: Huff; ll?: Fse; ml?: Fse; of?: Fse;
  rep: [number, number, number];
}

/** Output with a ceiling. */
class Out {
  buf: Uint8Array;
  n = 0;
  constructor(hint: number, readonly limit: number) { this.buf = new Uint8Array(Math.max(16, Math.min(hint, limit))); }
  room(k: number): void {
    const need = this.n + k;
    if (need > this.limit) bad();
    if (need <= this.buf.length) return;
    const b = new Uint8Array(Math.min(this.limit, Math.max(need, this.buf.length * 2)));
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
  }
}

function literals(src: Uint8Array, at: number, end: number, fs: FrameState): { lit: Uint8Array; used: number } {
  if (at >= end) bad();
  const b0 = src[at], type = b0 & 3, sf = (b0 >> 2) & 3;
  const byte = (i: number): number => { if (at + i >= end) bad(); return src[at + i]; };
  if (type < 2) {
    let size: number, hdr: number;
    if (!(sf & 1)) { size = b0 >> 3; hdr = 1; }
    else if (sf === 1) { size = (b0 >> 4) + (byte(1) << 4); hdr = 2; }
    else { size = (b0 >> 4) + (byte(1) << 4) + (byte(2) << 12); hdr = 3; }
    if (size > BLOCK_MAX) bad();
    if (type === 0) {
      if (at + hdr + size > end) bad();
      return { lit: src.subarray(at + hdr, at + hdr + size), used: hdr + size };
    }
    return { lit: new Uint8Array(size).fill(byte(hdr)), used: hdr + 1 };
  }
  let regen: number, comp: number, hdr: number;
  if (sf < 2) {
    const h = b0 | (byte(1) << 8) | (byte(2) << 16);
    regen = (h >> 4) & 0x3ff; comp = (h >> 14) & 0x3ff; hdr = 3;
  } else if (sf === 2) {
    const h = (b0 | (byte(1) << 8) | (byte(2) << 16) | (byte(3) << 24)) >>> 0;
    regen = (h >>> 4) & 0x3fff; comp = h >>> 18; hdr = 4;
  } else {
    const h = (b0 | (byte(1) << 8) | (byte(2) << 16) | (byte(3) << 24)) >>> 0;
    regen = (h >>> 4) & 0x3ffff; comp = (h >>> 22) + (byte(4) << 10); hdr = 5;
  }
  if (regen > BLOCK_MAX) bad();
  let p = at + hdr;
  const stop = p + comp;
  if (stop > end) bad();
  if (type === 2) { const { h, used } = readHuff(src, p, stop); fs.huff = h; p += used; }
  else if (!fs.huff) bad(); // treeless: the previous block's tree
  const h = fs.huff!;
  const lit = new Uint8Array(regen);
  if (sf === 0) huffStream(h, src, p, stop, lit, 0, regen);
  else {
    if (p + 6 > stop) bad();
    const s1 = src[p] | (src[p + 1] << 8), s2 = src[p + 2] | (src[p + 3] << 8), s3 = src[p + 4] | (src[p + 5] << 8);
    p += 6;
    const seg = (regen + 3) >> 2;
    if (3 * seg > regen || p + s1 + s2 + s3 >= stop) bad();
    huffStream(h, src, p, p + s1, lit, 0, seg); p += s1;
    huffStream(h, src, p, p + s2, lit, seg, seg); p += s2;
    huffStream(h, src, p, p + s3, lit, 2 * seg, seg); p += s3;
    huffStream(h, src, p, stop, lit, 3 * seg, regen - 3 * seg);
  }
  return { lit, used: stop - at };
}

function compressedBlock(src: Uint8Array, at: number, end: number, fs: FrameState, out: Out, frameStart: number): void {
  const { lit, used } = literals(src, at, end, fs);
  let p = at + used;
  if (p >= end) bad();
  let nseq = src[p++];
  if (nseq >= 128) {
    if (p >= end) bad();
    if (nseq < 255) nseq = ((nseq - 128) << 8) + src[p++];
    else { if (p + 1 >= end) bad(); nseq = src[p] + (src[p + 1] << 8) + 0x7f00; p += 2; }
  }
  let li = 0;
  if (nseq > 0) {
    if (p >= end) bad();
    const modes = src[p++];
    if (modes & 3) bad();
    const table = (mode: number, prev: Fse | undefined, def: Fse, maxAl: number, maxSym: number): Fse => {
      if (mode === 0) return def;
      if (mode === 1) { if (p >= end || src[p] > maxSym) bad(); return rleFse(src[p++]); }
      if (mode === 2) { const { t, used: u } = readFse(src, p, end, maxAl, maxSym); p += u; return t; }
      return prev ?? bad();
    };
    const d = defaults();
    const ll = fs.ll = table(modes >> 6, fs.ll, d.ll, 9, 35);
    const of = fs.of = table((modes >> 4) & 3, fs.of, d.of, 8, 31);
    const ml = fs.ml = table((modes >> 2) & 3, fs.ml, d.ml, 9, 52);
    const r = new BackBits(src, p, end);
    let sl = r.read(ll.al), so = r.read(of.al), sm = r.read(ml.al);
    const rep = fs.rep;
    const llSym = ll.sym, llNb = ll.nb, llBase = ll.base, mlSym = ml.sym, mlNb = ml.nb, mlBase = ml.base;
    const ofSym = of.sym, ofNb = of.nb, ofBase = of.base;
    let n = out.n, b = out.buf;
    for (let i = 0; i < nseq; i++) {
      const oc = ofSym[so], mc = mlSym[sm], lc = llSym[sl];
      if (lc > 35 || mc > 52 || oc > 31) bad();
      const ov = POW2[oc] + r.read(oc);
      const mlen = ML_BASE[mc] + r.read(ML_BITS[mc]);
      const llen = LL_BASE[lc] + r.read(LL_BITS[lc]);
      if (i + 1 < nseq) {
        sl = llBase[sl] + r.read(llNb[sl]);
        sm = mlBase[sm] + r.read(mlNb[sm]);
        so = ofBase[so] + r.read(ofNb[so]);
      }
      let off: number;
      if (ov > 3) { off = ov - 3; rep[2] = rep[1]; rep[1] = rep[0]; rep[0] = off; }
      else {
        const k = ov - 1 + (llen === 0 ? 1 : 0);
        if (k === 0) off = rep[0];
        else {
          off = k < 3 ? rep[k] : rep[0] - 1;
          if (k > 1) rep[2] = rep[1];
          rep[1] = rep[0]; rep[0] = off;
        }
      }
      if (li + llen > lit.length) bad();
      if (n + llen + mlen > b.length) { out.n = n; out.room(llen + mlen); b = out.buf; }
      if (llen < 16) for (let k = 0; k < llen; k++) b[n + k] = lit[li + k];
      else b.set(lit.subarray(li, li + llen), n);
      li += llen; n += llen;
      if (off <= 0 || off > n - frameStart) bad();
      let from = n - off;
      if (off >= mlen && mlen >= 32) b.copyWithin(n, from, from + mlen);
      else for (let k = 0; k < mlen; k++) b[n + k] = b[from++]; // overlapping copies repeat
      n += mlen;
    }
    out.n = n;
    if (r.pos !== 0) bad();
  } else if (p !== end) bad();
  const rest = lit.length - li;
  out.room(rest);
  out.buf.set(lit.subarray(li), out.n);
  out.n += rest;
}

/** The plain bytes of zstd frames src (skippable frames passed over), at most limit of them. */
export function zstdDecompress(src: Uint8Array, limit = 2 ** 31): Uint8Array {
  const dv = new DataView(src.buffer, src.byteOffset, src.length);
  let p = 0;
  const out = new Out(src.length * 4, limit);
  if (src.length < 4) bad();
  while (p < src.length) {
    if (p + 4 > src.length) bad();
    const magic = dv.getUint32(p, true);
    p += 4;
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      if (p + 4 > src.length) bad();
      p += 4 + dv.getUint32(p, true);
      if (p > src.length) bad();
      continue;
    }
    if (magic !== MAGIC) bad();
    if (p >= src.length) bad();
    const fhd = src[p++];
    const fcsFlag = fhd >> 6, single = (fhd >> 5) & 1, checksum = (fhd >> 2) & 1, dictFlag = fhd & 3;
    if (fhd & 8) bad();
    if (!single) p++;
    const dictBytes = [0, 1, 2, 4][dictFlag];
    let dictId = 0;
    for (let i = 0; i < dictBytes; i++) dictId += src[p + i] * 2 ** (8 * i);
    p += dictBytes;
    if (dictId) throw new QError('nyi'); // a dictionary-compressed frame
    const fcsBytes = fcsFlag === 0 ? single : 1 << fcsFlag;
    if (p + fcsBytes > src.length) bad();
    let fcs = -1;
    if (fcsBytes) {
      fcs = 0;
      for (let i = 0; i < fcsBytes; i++) fcs += src[p + i] * 2 ** (8 * i);
      if (fcsBytes === 2) fcs += 256;
      if (fcs > limit - out.n) bad();
      out.room(fcs);
    }
    p += fcsBytes;
    const start = out.n;
    const fs: FrameState = { rep: [1, 4, 8] };
    for (;;) {
      if (p + 3 > src.length) bad();
      const h = src[p] | (src[p + 1] << 8) | (src[p + 2] << 16);
      p += 3;
      const last = h & 1, type = (h >> 1) & 3, size = h >>> 3;
      if (size > BLOCK_MAX) bad();
      if (type === 0) {
        if (p + size > src.length) bad();
        out.room(size); out.buf.set(src.subarray(p, p + size), out.n); out.n += size; p += size;
      } else if (type === 1) {
        if (p >= src.length) bad();
        out.room(size); out.buf.fill(src[p], out.n, out.n + size); out.n += size; p += 1;
      } else if (type === 2) {
        if (p + size > src.length) bad();
        compressedBlock(src, p, p + size, fs, out, start);
        p += size;
      } else bad();
      if (last) break;
    }
    if (fcs >= 0 && out.n - start !== fcs) bad();
    if (checksum) {
      if (p + 4 > src.length) bad();
      if (xxh64low(out.buf.subarray(start, out.n)) !== dv.getUint32(p, true)) bad();
      p += 4;
    }
  }
  return out.buf.length === out.n ? out.buf : out.buf.slice(0, out.n);
}
