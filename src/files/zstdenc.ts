// Zstandard (RFC 8878) encoding, for kdb+ compression algorithm 5: one frame
// (single segment, content size given, no checksum) of blocks of at most
// 128 KB, each stored as the smallest of
//   raw │ one byte repeated │ compressed: literals (raw, or Huffman-coded
//   when smaller, the tree's weights written directly or FSE-coded) and LZ77
//   sequences whose codes use, per table, the predefined FSE distribution or
//   one normalized from the block's own counts, whichever costs fewer bits.
// Matches come from hash chains over the whole input (deeper at higher
// levels) and may reach back into earlier blocks; an offset equal to the
// last one is sent as a repeat code. Output is valid zstd, smaller than the
// input wherever there are repeats or skewed bytes. Parsing is greedy below
// level 5, lazy (one position ahead) from 5 and two positions ahead from 12;
// zstd's optimal parsers (levels 16 up) still win on text.

import { buildFse, predefinedNorms as N, LL_BASE, LL_BITS, ML_BASE, ML_BITS, type Fse } from './zstd.js';

const BLOCK = 1 << 17;
const MIN_MATCH = 4;
const highBit = (x: number): number => 31 - Math.clz32(x);

/** A growable byte buffer. */
class Bytes {
  b: Uint8Array;
  n = 0;
  constructor(cap: number) { this.b = new Uint8Array(Math.max(64, cap)); }
  room(k: number): void {
    if (this.n + k <= this.b.length) return;
    const nb = new Uint8Array(Math.max(this.n + k, this.b.length * 2));
    nb.set(this.b.subarray(0, this.n));
    this.b = nb;
  }
  push(x: number): void { this.room(1); this.b[this.n++] = x; }
  add(src: Uint8Array): void { this.room(src.length); this.b.set(src, this.n); this.n += src.length; }
  view(): Uint8Array { return this.b.subarray(0, this.n); }
}

/** Bits written forwards, to be read back from the end (zstd's backward streams). */
class BitWriter {
  out: Bytes;
  private acc = 0;
  private n = 0;
  constructor(cap: number) { this.out = new Bytes(cap); }
  /** v of `bits` bits (at most 24 at a time) */
  put(v: number, bits: number): void {
    this.acc |= v << this.n;
    this.n += bits;
    if (this.n >= 8) {
      const o = this.out;
      o.room(4);
      while (this.n >= 8) { o.b[o.n++] = this.acc & 255; this.acc >>>= 8; this.n -= 8; }
    }
  }
  putWide(v: number, bits: number): void {
    if (bits > 24) { this.put(v % 65536, 16); this.put(Math.floor(v / 65536), bits - 16); } else this.put(v, bits);
  }
  /** The closing 1 bit, then the last partial byte. */
  close(): Uint8Array {
    this.put(1, 1);
    if (this.n > 0) this.out.push(this.acc & 255);
    return this.out.view();
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

/** Sequences of one block, as parallel arrays. */
class Seqs {
  ll = new Int32Array(BLOCK / MIN_MATCH + 1);
  ml = new Int32Array(BLOCK / MIN_MATCH + 1);
  ov = new Float64Array(BLOCK / MIN_MATCH + 1);
  n = 0;
}

/** One sequence table: predefined (mode 0) or FSE-coded from this block's
 *  counts (mode 2), whichever costs fewer bits. */
interface SeqTable { mode: number; enc: FseEnc; al: number; desc?: number[] }
const LOG2 = Array.from({ length: 513 }, (_, i) => (i ? Math.log2(i) : 0));
function chooseTable(codes: Uint8Array, n: number, nsym: number, pre: FseEnc, preNorm: number[], preAl: number, maxAl: number): SeqTable {
  const cnt = new Int32Array(nsym);
  for (let i = 0; i < n; i++) cnt[codes[i]]++;
  let used = 0, last = 0;
  for (let i = 0; i < nsym; i++) if (cnt[i]) { used++; last = i; }
  // bits: -sum c*log2(p) under each distribution, plus the custom one's description
  let preBits = 0;
  for (let i = 0; i < nsym; i++) {
    if (!cnt[i]) continue;
    const p = preNorm[i] ?? 0;
    if (p === 0) { preBits = Infinity; break; }
    preBits += cnt[i] * (preAl - LOG2[p < 0 ? 1 : p]);
  }
  let al = Math.min(maxAl, Math.max(5, highBit(n) + 1));
  while ((1 << al) < 2 * used && al < maxAl) al++;
  // one symbol: a neighbour takes one state, so the table has two
  if (used === 1) cnt[last === 0 ? 1 : last - 1] = Math.max(1, n >> al);
  const norm = normalize(cnt, n + (used === 1 ? Math.max(1, n >> al) : 0), al);
  if (norm) {
    const d = new FwdBits();
    describe(norm, al, d);
    const desc = d.flush();
    let bits = desc.length * 8;
    for (let i = 0; i < norm.length; i++) if (cnt[i]) bits += cnt[i] * (al - LOG2[norm[i]]);
    if (bits < preBits) return { mode: 2, enc: fseEnc(norm, al), al, desc };
  }
  return { mode: 0, enc: pre, al: preAl };
}

/** The sequences section for seqs (nonempty). */
function sequencesSection(s: Seqs, out: Bytes): void {
  const P = predefined();
  const n = s.n;
  if (n < 128) out.push(n);
  else if (n < 0x7f00) { out.push((n >> 8) + 128); out.push(n & 255); }
  else { out.push(255); out.push((n - 0x7f00) & 255); out.push((n - 0x7f00) >> 8); }
  const lcs = new Uint8Array(n), mcs = new Uint8Array(n), ocs = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    lcs[i] = code(s.ll[i], LL_BASE, 16); mcs[i] = code(s.ml[i], ML_BASE, 32); ocs[i] = highBit(s.ov[i]);
  }
  const L = chooseTable(lcs, n, 36, P.ll, N.ll, N.llAl, 9);
  const O = chooseTable(ocs, n, 32, P.of, N.of, N.ofAl, 8);
  const M = chooseTable(mcs, n, 53, P.ml, N.ml, N.mlAl, 9);
  out.push((L.mode << 6) | (O.mode << 4) | (M.mode << 2));
  for (const T of [L, O, M]) if (T.mode === 2) for (const b of T.desc!) out.push(b);
  const ll = L.enc, ml = M.enc, of = O.enc;
  const lsz = 1 << L.al, msz = 1 << M.al, osz = 1 << O.al;
  const w = new BitWriter(n * 4 + 16);
  let sl = 0, sm = 0, so = 0;
  for (let i = n - 1; i >= 0; i--) {
    const lv = s.ll[i], mv = s.ml[i], ov = s.ov[i];
    const lc = lcs[i], mc = mcs[i], oc = ocs[i];
    if (i === n - 1) { sl = ll.first[lc]; sm = ml.first[mc]; so = of.first[oc]; }
    else {
      const nl = ll.enc[lc * lsz + sl], nm = ml.enc[mc * msz + sm], no = of.enc[oc * osz + so];
      w.put(so - of.t.base[no], of.t.nb[no]);
      w.put(sm - ml.t.base[nm], ml.t.nb[nm]);
      w.put(sl - ll.t.base[nl], ll.t.nb[nl]);
      sl = nl; sm = nm; so = no;
    }
    w.put(lv - LL_BASE[lcs[i]], LL_BITS[lcs[i]]);
    w.put(mv - ML_BASE[mcs[i]], ML_BITS[mcs[i]]);
    w.putWide(ov - 2 ** ocs[i], ocs[i]);
  }
  w.put(sm, M.al); w.put(so, O.al); w.put(sl, L.al);
  out.add(w.close());
}

function rawLiterals(lit: Uint8Array, out: Bytes): void {
  const n = lit.length;
  if (n < 32) out.push(n << 3);
  else if (n < 4096) { out.push(((n & 15) << 4) | 4); out.push(n >> 4); }
  else { out.push(((n & 15) << 4) | 12); out.push((n >> 4) & 255); out.push(n >> 12); }
  out.add(lit);
}

const MAX_BITS = 11;

/** Huffman code lengths (at most MAX_BITS) for the counts; 0 for absent symbols. */
function codeLengths(count: Uint32Array): Uint8Array {
  const len = new Uint8Array(256);
  let c = Array.from(count);
  for (;;) {
    // a heap-free Huffman build over at most 256 leaves: sort once, merge with two queues
    const leaves = c.map((f, s) => ({ f, s })).filter((x) => x.f > 0).sort((a, b) => a.f - b.f || a.s - b.s);
    const parent = new Int32Array(2 * leaves.length);
    const weight: number[] = leaves.map((x) => x.f);
    let a = 0, q = leaves.length, qe = leaves.length;
    const take = (): number => (a < leaves.length && (q >= qe || weight[a] <= weight[q]) ? a++ : q++);
    while (qe - q + leaves.length - a > 1) {
      const x = take(), y = take();
      weight[qe] = weight[x] + weight[y];
      parent[x] = qe; parent[y] = qe;
      qe++;
    }
    let max = 0;
    const depth = new Int32Array(qe);
    for (let k = qe - 2; k >= 0; k--) depth[k] = depth[parent[k]] + 1;
    leaves.forEach((x, k) => { len[x.s] = depth[k]; max = Math.max(max, depth[k]); });
    if (max <= MAX_BITS) return len;
    c = c.map((f) => (f ? (f >> 1) | 1 : 0)); // flatten the counts and build again
    len.fill(0);
  }
}

/** Forward bits (an FSE table description). */
class FwdBits {
  bytes: number[] = [];
  private acc = 0;
  private n = 0;
  put(v: number, bits: number): void {
    this.acc += v * 2 ** this.n;
    this.n += bits;
    while (this.n >= 8) { this.bytes.push(this.acc % 256); this.acc = Math.floor(this.acc / 256); this.n -= 8; }
  }
  flush(): number[] { if (this.n > 0) this.bytes.push(this.acc); return this.bytes; }
}

/** An FSE table description (RFC 8878 4.1.1), as the decoder reads it (readFse):
 *  accuracy log - 5, then each normalized count in a variable number of bits,
 *  runs of zero counts as 2-bit repeat flags. */
function describe(norm: number[], al: number, d: FwdBits): void {
  const size = 1 << al, maxSym = norm.length - 1;
  d.put(al - 5, 4);
  let remaining = size + 1, threshold = size, nbits = al + 1, prev0 = false, s = 0;
  while (s <= maxSym && remaining > 1) {
    if (prev0) {
      let start = s;
      while (!norm[s]) s++;
      while (s >= start + 3) { start += 3; d.put(3, 2); }
      d.put(s - start, 2);
    }
    let c = norm[s++];
    const max = 2 * threshold - 1 - remaining;
    remaining -= c;
    c++;
    if (c >= threshold) c += max;
    d.put(c & (2 * threshold - 1), c < max ? nbits - 1 : nbits);
    prev0 = c === 1;
    while (remaining < threshold) { nbits--; threshold >>= 1; }
  }
}

/** Counts normalized to sum 2^al, every present symbol at least 1 (the
 *  largest takes the rounding); undefined when that cannot be done. */
function normalize(cnt: Int32Array, total: number, al: number): number[] | undefined {
  let maxSym = cnt.length - 1;
  while (maxSym > 0 && cnt[maxSym] === 0) maxSym--;
  const size = 1 << al, norm = new Array<number>(maxSym + 1);
  let sum = 0, big = 0;
  for (let i = 0; i <= maxSym; i++) {
    const c = cnt[i];
    norm[i] = c ? Math.max(1, Math.round((c * size) / total)) : 0;
    sum += norm[i];
    if (c > cnt[big]) big = i;
  }
  norm[big] += size - sum;
  return norm[big] >= 1 ? norm : undefined;
}

/** The Huffman weights FSE-coded (accuracy 6, two interleaved states): the
 *  tree description with its header byte, or undefined when it does not fit
 *  (127 bytes) or cannot end as the decoder expects. */
function fseWeights(w: Uint8Array): Uint8Array | undefined {
  const N = w.length, AL = 6, size = 1 << AL;
  const cnt = new Array<number>(12).fill(0);
  for (const x of w) cnt[x]++;
  let maxSym = 11;
  while (cnt[maxSym] === 0) maxSym--;
  const norm = cnt.slice(0, maxSym + 1).map((c) => (c ? Math.max(1, Math.floor((c * size) / N)) : 0));
  let big = 0;
  norm.forEach((v, i) => { if (v > norm[big]) big = i; });
  norm[big] += size - norm.reduce((a, b) => a + b, 0);
  if (norm[big] < 1 || norm.filter((v) => v > 0).length < 2) return undefined;
  const d = new FwdBits();
  describe(norm, AL, d);
  const desc = d.flush();
  // the weights: even ones on state 1, odd ones on state 2; the decoder stops
  // when an update reads past the stream's start, so the state that makes the
  // last update must take at least one bit there
  const { t, enc } = fseEnc(norm, AL);
  const chain1: number[] = [], chain2: number[] = [];
  for (let i = 0; i < N; i++) (i & 1 ? chain2 : chain1).push(w[i]);
  const lastState = (sym: number, needBit: boolean): number => {
    for (let st = 0; st < size; st++) if (t.sym[st] === sym && (!needBit || t.nb[st] > 0)) return st;
    return -1;
  };
  const evenN = (N & 1) === 0;
  const f1 = lastState(chain1[chain1.length - 1], evenN), f2 = lastState(chain2[chain2.length - 1], !evenN);
  if (f1 < 0 || f2 < 0) return undefined;
  // each chain's states, first to last, and the bits of each update (from state j to j+1)
  const walk = (chain: number[], fin: number): { states: number[]; bits: [number, number][] } => {
    const states = new Array<number>(chain.length);
    const bits: [number, number][] = new Array(chain.length - 1);
    states[chain.length - 1] = fin;
    for (let j = chain.length - 2; j >= 0; j--) {
      const target = states[j + 1], st = enc[chain[j] * size + target];
      states[j] = st;
      bits[j] = [target - t.base[st], t.nb[st]];
    }
    return { states, bits };
  };
  const c1 = walk(chain1, f1), c2 = walk(chain2, f2);
  // read order: init1, init2, u1_0, u2_0, u1_1, …; written in reverse
  const reads: [number, number][] = [[c1.states[0], AL], [c2.states[0], AL]];
  for (let j = 0; j < Math.max(c1.bits.length, c2.bits.length); j++) {
    if (j < c1.bits.length) reads.push(c1.bits[j]);
    if (j < c2.bits.length) reads.push(c2.bits[j]);
  }
  const bw = new BitWriter(64);
  for (let k = reads.length - 1; k >= 0; k--) bw.put(reads[k][0], reads[k][1]);
  const stream = bw.close();
  const total = desc.length + stream.length;
  if (total >= 128) return undefined;
  const out = new Uint8Array(1 + total);
  out[0] = total;
  out.set(desc, 1);
  out.set(stream, 1 + desc.length);
  return out;
}

/** Huffman-coded literals (header, direct weights, 1 or 4 streams) into out;
 *  false when they would not be smaller than raw or cannot be described. */
function huffLiterals(lit: Uint8Array, out: Bytes): boolean {
  const n = lit.length;
  if (n < 64) return false;
  const count = new Uint32Array(256);
  for (let i = 0; i < n; i++) count[lit[i]]++;
  let last = 255;
  while (count[last] === 0) last--;
  let distinct = 0;
  for (const x of count) if (x) distinct++;
  if (distinct < 2) return false; // one symbol: no tree
  const len = codeLengths(count);
  let maxBits = 0;
  for (const l of len) maxBits = Math.max(maxBits, l);
  // canonical codes as the decoder's table lays them out: longest codes first, by symbol within a length
  const codeOf = new Uint32Array(256);
  const rank = new Uint32Array(maxBits + 2);
  for (let s = 0; s <= 255; s++) if (len[s]) rank[len[s]]++;
  const start = new Uint32Array(maxBits + 2);
  let pos = 0;
  for (let l = maxBits; l >= 1; l--) { start[l] = pos; pos += rank[l] << (maxBits - l); }
  for (let s = 0; s <= 255; s++) {
    const l = len[s];
    if (!l) continue;
    codeOf[s] = start[l] >>> (maxBits - l);
    start[l] += 1 << (maxBits - l);
  }
  const weights = new Uint8Array(last); // symbols 0..last-1; the last one's weight is implied
  for (let s = 0; s < last; s++) weights[s] = len[s] ? maxBits + 1 - len[s] : 0;
  let tree: Uint8Array;
  if (last <= 128) {
    tree = new Uint8Array(1 + ((last + 1) >> 1));
    tree[0] = 127 + last;
    for (let s = 0; s < last; s++) tree[1 + (s >> 1)] |= s & 1 ? weights[s] : weights[s] << 4;
  } else {
    const t = fseWeights(weights);
    if (!t) return false;
    tree = t;
  }
  const stream = (from: number, to: number): Uint8Array => {
    const w = new BitWriter((to - from) * 2 + 8);
    for (let i = to - 1; i >= from; i--) w.put(codeOf[lit[i]], len[lit[i]]);
    return w.close();
  };
  let body: Uint8Array[];
  let four = n >= 1024;
  if (!four) {
    const s = stream(0, n);
    if (tree.length + s.length > 1023) four = true;
    else body = [s];
  }
  if (four) {
    const seg = (n + 3) >> 2;
    const ss = [stream(0, seg), stream(seg, 2 * seg), stream(2 * seg, 3 * seg), stream(3 * seg, n)];
    if (ss.some((s, i) => i < 3 && s.length > 65535)) return false;
    const jump = new Uint8Array(6);
    for (let i = 0; i < 3; i++) { jump[2 * i] = ss[i].length & 255; jump[2 * i + 1] = ss[i].length >> 8; }
    body = [jump, ...ss];
  }
  const comp = tree.length + body!.reduce((a, b) => a + b.length, 0);
  const big = Math.max(n, comp);
  const sf = !four ? 0 : big < 1024 ? 1 : big < 16384 ? 2 : big < 262144 ? 3 : -1;
  const hdr = sf < 2 ? 3 : sf === 2 ? 4 : 5;
  if (sf < 0 || hdr + comp >= n + (n < 32 ? 1 : n < 4096 ? 2 : 3)) return false;
  // type 2 (compressed), size format, then regenerated and compressed sizes, little-endian bit fields
  const bits = sf < 2 ? 10 : sf === 2 ? 14 : 18;
  const h = 2 | (sf << 2);
  const v = BigInt(h) | (BigInt(n) << 4n) | (BigInt(comp) << BigInt(4 + bits));
  for (let i = 0; i < hdr; i++) out.push(Number((v >> BigInt(8 * i)) & 255n));
  out.add(tree);
  for (const p of body!) out.add(p);
  return true;
}

/** zstd frame of src; level (1..22; less is 1) sets how hard matches are searched. */
export function zstdCompress(src: Uint8Array, level = 3): Uint8Array {
  const n = src.length;
  const out = new Bytes((n >> 1) + 64);
  out.push(0x28); out.push(0xb5); out.push(0x2f); out.push(0xfd);
  // single segment: the window is the content; the content size in 1, 2, 4 or 8 bytes
  const fcsFlag = n < 256 ? 0 : n < 65536 + 256 ? 1 : n < 2 ** 32 ? 2 : 3;
  out.push((fcsFlag << 6) | 0x20);
  const fcs = fcsFlag === 1 ? n - 256 : n;
  for (let i = 0; i < (fcsFlag ? 1 << fcsFlag : 1); i++) out.push(Math.floor(fcs / 2 ** (8 * i)) & 255);
  if (n === 0) { out.push(1); out.push(0); out.push(0); return out.view().slice(); } // one last, empty raw block
  const depth = level <= 1 ? 1 : level >= 19 ? 128 : 1 << Math.min(7, (level + 1) >> 1);
  const BITS = level >= 10 ? 18 : 16;
  const lazy = level >= 12 ? 2 : level >= 5 ? 1 : 0;
  const head = new Int32Array(1 << BITS).fill(-1);
  const prev = new Int32Array(n);
  const rep = [1, 4, 8];
  const seqs = new Seqs();
  const lits = new Uint8Array(BLOCK);
  const body = new Bytes(BLOCK + 1024);
  let next = 0; // positions below it are in the hash chains
  const shift = 32 - BITS;
  const insertTo = (to: number): void => {
    const stop = Math.min(to, n - 3);
    for (let j = next; j < stop; j++) {
      const h = Math.imul(src[j] | (src[j + 1] << 8) | (src[j + 2] << 16) | (src[j + 3] << 24), 2654435761) >>> shift;
      prev[j] = head[h]; head[h] = j;
    }
    if (stop > next) next = stop;
  };
  // the longest match found at a position (0 when none) and its offset
  let found = 0, foundOff = 0;
  const search = (i: number, lit: number, end: number): void => {
    let best = 0, bestOff = 0;
    // the last offset first: it costs the fewest bits
    const r0 = i - rep[0];
    if (r0 >= 0 && i > lit) {
      let m = 0;
      while (i + m < end && src[r0 + m] === src[i + m]) m++;
      if (m >= MIN_MATCH) { best = m; bestOff = rep[0]; }
    }
    if (best < 32) {
      for (let c = prev[i], k = 0; c >= 0 && k < depth; c = prev[c], k++) {
        if (src[c + best] !== src[i + best]) continue;
        let m = 0;
        while (i + m < end && src[c + m] === src[i + m]) m++;
        // a far offset costs more bits than a few literals: such matches must be longer
        const d = i - c;
        if (m > best && m >= (d < 1024 ? 4 : d < 65536 ? 5 : 6)) { best = m; bestOff = d; if (i + m >= end) break; }
      }
    }
    found = best; foundOff = bestOff;
  };
  // what a match is worth: 4 per byte, less the bits of its offset code (zstd's measure)
  const gain = (len: number, off: number): number => 4 * len - highBit(off === rep[0] ? 1 : off + 3);
  const blockHeader = (last: boolean, type: number, size: number): void => {
    const h = (last ? 1 : 0) | (type << 1) | (size << 3);
    out.push(h & 255); out.push((h >> 8) & 255); out.push(h >> 16);
  };
  for (let s0 = 0; s0 < n; s0 += BLOCK) {
    const end = Math.min(n, s0 + BLOCK), last = end === n;
    const plain = src.subarray(s0, end);
    let same = true;
    for (let k = 1; k < plain.length && same; k++) same = plain[k] === plain[0];
    if (same) {
      blockHeader(last, 1, plain.length); out.push(plain[0]);
      insertTo(end); // later blocks may still match into it
      continue;
    }
    const saved = rep.slice();
    seqs.n = 0;
    let nl = 0, lit = s0, i = s0;
    while (i + MIN_MATCH <= end) {
      insertTo(i + 1);
      search(i, lit, end);
      if (found < MIN_MATCH) { i++; continue; }
      let best = found, bestOff = foundOff;
      // lazy parsing (level 5 up; 2 positions ahead from level 12): a better
      // match starting a byte or two later wins over this one, as in zstd's
      // lazy/lazy2 strategies, judged by length against the offset's bits
      for (let step = 1; step <= lazy && i + step + MIN_MATCH <= end;) {
        insertTo(i + step + 1);
        search(i + step, lit, end);
        if (found >= MIN_MATCH && gain(found, foundOff) > gain(best, bestOff) + (step === 1 ? 4 : 7)) {
          i += step; best = found; bestOff = foundOff; step = 1;
          continue;
        }
        step++;
      }
      const ll = i - lit;
      if (ll < 16) for (let k = 0; k < ll; k++) lits[nl + k] = src[lit + k];
      else lits.set(src.subarray(lit, i), nl);
      nl += ll;
      let ov: number;
      if (ll > 0 && bestOff === rep[0]) ov = 1;
      else { ov = bestOff + 3; rep[2] = rep[1]; rep[1] = rep[0]; rep[0] = bestOff; }
      const k = seqs.n++;
      seqs.ll[k] = ll; seqs.ml[k] = best; seqs.ov[k] = ov;
      i += best; lit = i;
    }
    lits.set(src.subarray(lit, end), nl); nl += end - lit;
    insertTo(end);
    body.n = 0;
    const lv = lits.subarray(0, nl);
    if (!huffLiterals(lv, body)) rawLiterals(lv, body);
    if (seqs.n) sequencesSection(seqs, body); else body.push(0);
    if (body.n >= plain.length) {
      rep.splice(0, 3, ...saved); // the decoder never sees these sequences
      blockHeader(last, 0, plain.length);
      out.add(plain);
    } else {
      blockHeader(last, 2, body.n);
      out.add(body.view());
    }
  }
  return out.view().slice();
}
