// Zstandard (RFC 8878) encoding, for kdb+ compression algorithm 5: one frame
// (single segment, content size given, no checksum) of blocks of at most
// 128 KB, each stored as the smallest of
//   raw │ one byte repeated │ compressed: raw literals and LZ77 sequences
//   whose codes use the predefined FSE distributions.
// Matches come from hash chains over the whole input (deeper at higher
// levels) and may reach back into earlier blocks; an offset equal to the
// last one is sent as a repeat code. No Huffman-coded literals: the output
// is valid zstd, smaller than the input wherever there are repeats, though
// larger than zstd's own at the same level.

import { buildFse, predefinedNorms as N, LL_BASE, LL_BITS, ML_BASE, ML_BITS, type Fse } from './zstd.js';

const BLOCK = 1 << 17;
const MIN_MATCH = 4;
const highBit = (x: number): number => 31 - Math.clz32(x);

/** Bits written forwards, to be read back from the end (zstd's backward streams). */
class BitWriter {
  bytes: number[] = [];
  private acc = 0;
  private n = 0;
  put(v: number, bits: number): void {
    if (bits === 0) return;
    this.acc += v * 2 ** this.n;
    this.n += bits;
    while (this.n >= 8) { this.bytes.push(this.acc % 256); this.acc = Math.floor(this.acc / 256); this.n -= 8; }
  }
  /** The closing 1 bit, then the last partial byte. */
  close(): number[] {
    this.put(1, 1);
    if (this.n > 0) this.bytes.push(this.acc);
    return this.bytes;
  }
}

/** For FSE encoding with a decoding table: enc[s * size + t] is the state of
 *  symbol s from which the decoder reaches state t (its bits: t - base). */
interface FseEnc { t: Fse; enc: Int32Array; first: Int32Array }
function fseEnc(norm: number[], al: number): FseEnc {
  const t = buildFse(norm, norm.length, al), size = 1 << al;
  const enc = new Int32Array(norm.length * size), first = new Int32Array(norm.length).fill(-1);
  for (let st = 0; st < size; st++) {
    const s = t.sym[st];
    if (first[s] < 0) first[s] = st;
    for (let x = t.base[st]; x < t.base[st] + (1 << t.nb[st]); x++) enc[s * size + x] = st;
  }
  return { t, enc, first };
}
let tables: { ll: FseEnc; ml: FseEnc; of: FseEnc } | undefined;
const predefined = () => (tables ??= { ll: fseEnc(N.ll, N.llAl), ml: fseEnc(N.ml, N.mlAl), of: fseEnc(N.of, N.ofAl) });

/** The literal-length or match-length code of v: the last whose baseline is not above it. */
function code(v: number, base: number[], lin: number): number {
  if (v - base[0] < lin) return v - base[0];
  let c = base.length - 1;
  while (base[c] > v) c--;
  return c;
}

interface Seq { ll: number; ml: number; ov: number }

/** The sequences section for seqs (nonempty), predefined tables. */
function sequencesSection(seqs: Seq[]): number[] {
  const { ll, ml, of } = predefined();
  const n = seqs.length;
  const head: number[] = n < 128 ? [n] : n < 0x7f00 ? [(n >> 8) + 128, n & 255] : [255, (n - 0x7f00) & 255, (n - 0x7f00) >> 8];
  head.push(0); // all three predefined
  const w = new BitWriter();
  const codes = seqs.map((s) => ({ lc: code(s.ll, LL_BASE, 16), mc: code(s.ml, ML_BASE, 32), oc: highBit(s.ov) }));
  let sl = 0, sm = 0, so = 0;
  for (let i = n - 1; i >= 0; i--) {
    const s = seqs[i], c = codes[i];
    if (i === n - 1) { sl = ll.first[c.lc]; sm = ml.first[c.mc]; so = of.first[c.oc]; }
    else {
      const nl = ll.enc[c.lc * 64 + sl], nm = ml.enc[c.mc * 64 + sm], no = of.enc[c.oc * 32 + so];
      w.put(so - of.t.base[no], of.t.nb[no]);
      w.put(sm - ml.t.base[nm], ml.t.nb[nm]);
      w.put(sl - ll.t.base[nl], ll.t.nb[nl]);
      sl = nl; sm = nm; so = no;
    }
    w.put(s.ll - LL_BASE[c.lc], LL_BITS[c.lc]);
    w.put(s.ml - ML_BASE[c.mc], ML_BITS[c.mc]);
    const extra = s.ov - 2 ** c.oc;
    if (c.oc > 24) { w.put(extra % 65536, 16); w.put(Math.floor(extra / 65536), c.oc - 16); }
    else w.put(extra, c.oc);
  }
  w.put(sm, N.mlAl); w.put(so, N.ofAl); w.put(sl, N.llAl);
  return head.concat(w.close());
}

function rawLiteralsHeader(n: number): number[] {
  if (n < 32) return [n << 3];
  if (n < 4096) return [((n & 15) << 4) | 4, n >> 4];
  return [((n & 15) << 4) | 12, (n >> 4) & 255, n >> 12];
}

/** zstd frame of src; level (1..22; less is 1) sets how hard matches are searched. */
export function zstdCompress(src: Uint8Array, level = 3): Uint8Array {
  const n = src.length;
  const out: number[] = [0x28, 0xb5, 0x2f, 0xfd];
  // single segment: the window is the content; the content size in 1, 2, 4 or 8 bytes
  const fcsFlag = n < 256 ? 0 : n < 65536 + 256 ? 1 : n < 2 ** 32 ? 2 : 3;
  out.push((fcsFlag << 6) | 0x20);
  const fcs = fcsFlag === 1 ? n - 256 : n;
  for (let i = 0; i < (fcsFlag ? 1 << fcsFlag : 1); i++) out.push(Math.floor(fcs / 2 ** (8 * i)) & 255);
  const depth = level <= 1 ? 1 : level >= 19 ? 128 : 1 << Math.min(7, (level + 1) >> 1);
  const BITS = level >= 10 ? 18 : 16;
  const head = new Int32Array(1 << BITS).fill(-1);
  const prev = new Int32Array(n);
  const at32 = (i: number): number => src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24);
  const hash = (i: number): number => Math.imul(at32(i), 2654435761) >>> (32 - BITS);
  const insert = (i: number): void => { const h = hash(i); prev[i] = head[h]; head[h] = i; };
  const rep = [1, 4, 8];
  let next = 0; // positions below it are in the hash chains
  if (n === 0) { out.push(1, 0, 0); return Uint8Array.from(out); } // one last, empty raw block
  for (let s0 = 0; s0 < n; s0 += BLOCK) {
    const end = Math.min(n, s0 + BLOCK), last = end === n;
    const plain = src.subarray(s0, end);
    if (plain.every((x) => x === plain[0])) {
      const h = (last ? 1 : 0) | (1 << 1) | (plain.length << 3);
      out.push(h & 255, (h >> 8) & 255, h >> 16, plain[0]);
      // later blocks may still match into it
      for (; next < end - 3; next++) insert(next);
      continue;
    }
    const saved = rep.slice();
    const seqs: Seq[] = [];
    const lits: number[] = [];
    let lit = s0, i = s0;
    const matchEnd = end;
    while (i + MIN_MATCH <= matchEnd) {
      for (; next <= i && next + 3 < n; next++) insert(next);
      let best = 0, bestOff = 0;
      // the last offset first: it costs the fewest bits
      const r0 = i - rep[0];
      if (r0 >= 0 && i > lit) {
        let m = 0;
        while (i + m < matchEnd && src[r0 + m] === src[i + m]) m++;
        if (m >= MIN_MATCH) { best = m; bestOff = rep[0]; }
      }
      if (best < 32) {
        for (let c = prev[i], k = 0; c >= 0 && k < depth; c = prev[c], k++) {
          if (src[c + best] !== src[i + best]) continue;
          let m = 0;
          while (i + m < matchEnd && src[c + m] === src[i + m]) m++;
          if (m > best) { best = m; bestOff = i - c; if (i + m >= matchEnd) break; }
        }
      }
      if (best < MIN_MATCH) { i++; continue; }
      for (let k = lit; k < i; k++) lits.push(src[k]);
      const ll = i - lit;
      let ov: number;
      if (ll > 0 && bestOff === rep[0]) ov = 1;
      else { ov = bestOff + 3; rep[2] = rep[1]; rep[1] = rep[0]; rep[0] = bestOff; }
      seqs.push({ ll, ml: best, ov });
      i += best; lit = i;
    }
    for (let k = lit; k < end; k++) lits.push(src[k]);
    for (; next < end - 3; next++) insert(next);
    const body = [...rawLiteralsHeader(lits.length), ...lits, ...(seqs.length ? sequencesSection(seqs) : [0])];
    if (body.length >= plain.length) {
      rep.splice(0, 3, ...saved); // the decoder never sees these sequences
      const h = (last ? 1 : 0) | (plain.length << 3);
      out.push(h & 255, (h >> 8) & 255, h >> 16);
      for (let k = 0; k < plain.length; k++) out.push(plain[k]);
    } else {
      const h = (last ? 1 : 0) | (2 << 1) | (body.length << 3);
      out.push(h & 255, (h >> 8) & 255, h >> 16);
      for (const x of body) out.push(x);
    }
  }
  return Uint8Array.from(out);
}
