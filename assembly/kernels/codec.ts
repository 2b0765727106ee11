// kdb+ IPC serialization, straight between value blocks and byte vectors in
// linear memory (the format of -8!/-9!, of messages and of non-mapped objects
// in kdb+ files).
//
// message:  ┌────┬────┬────┬────┬──────────────┬──────────────
//           │ e  │ mt │ z  │ 0  │ length (i32) │ body …
//           └────┴────┴────┴────┴──────────────┴──────────────
//   e 1 little-endian / 0 big-endian   mt 0 async, 1 sync, 2 response
//   z 1 when the body is compressed (then bytes 8..11 hold the uncompressed length)
//
// body:     atom     type(i8 <0) value        (symbol: UTF-8 bytes, NUL)
//           vector   type attr count(i32) items  (symbols: NUL-terminated each)
//           list 0   type attr count(i32) bodies
//           table    98 attr dict-body     dict 99 keys values (127: keys sorted)
//           function 100.. (encoded by the language layer through `fnenc`)
//           error    -128 text NUL
//           enumeration: sent as its symbols (atom -11, vector 11)
//
// Vector items move with one memory.copy; only symbols and nested values go item
// by item. We always write little-endian (wasm is little-endian); big-endian
// input is byte-swapped in place after its copy. GUIDs are 16 raw bytes in
// either order.

import { ga, dat, tt, nn, r0, fail, width, HDR } from "../mem";
import { intern, symPtr, symLen } from "../sym";
import { KS, KG, KC, XT, XD, FN, EWSFULL, ETYPE, ELIMIT, ASORTED } from "../shared/types";

// Function values live in JS: the language layer encodes and rebuilds them.
/** dst == 0: size in bytes of the body of function block p (or -1 and an error);
 *  dst != 0: write those bytes at dst, return the count. */
import { stopAt, stopNow, stopped, POLL_ITEMS } from "../poll";

@external("env", "fnenc")
declare function fnenc(p: usize, dst: usize): i32;
/** Builds a function value of type t from its decoded parts x (borrowed); 0 on error. */
@external("env", "fndec")
declare function fndec(t: i32, x: usize): usize;
// Enumerations (20..76, atoms -76..-20) travel as the symbols they stand for
// (kdb+ converts them before sending); their domains live in JS.
/** The symbol atom or vector enumeration p stands for: a block the JS side keeps
 *  alive until the top-level codec call ends (borrowed here); 0 on error. */
@external("env", "enumsym")
declare function enumsym(p: usize): usize;
@inline function isEnumType(t: i32): bool { const a = t < 0 ? -t : t; return a >= 20 && a <= 76; }

const MAXDEPTH: i32 = 2000;   // nesting beyond this is refused ('badmsg / 'stack), never a stack overflow

// Decoder failures other than 'wsfull: the JS side reports them as 'badmsg, or
// as the text of an error body (-128) when one was read.
export const CODEC_BAD: i32 = 100;
export const CODEC_QERR: i32 = 101;
export const CODEC_DEEP: i32 = 102;
let qerrPtr: usize = 0;
let qerrLen: u32 = 0;
export function ipcErrPtr(): usize { return qerrPtr; }
export function ipcErrLen(): u32 { return qerrLen; }

// sizes -----------------------------------------------------------------------

/** Bytes of the body of p, or -1 (error already set). */
function bodySize(p: usize, depth: i32): i64 {
  if (depth > MAXDEPTH) { fail(CODEC_DEEP); return -1; }
  const t = tt(p);
  if (isEnumType(t)) {
    const s = enumsym(p);
    return s ? bodySize(s, depth) : -1;
  }
  if (t < 0) {
    if (t == -KS) return 2 + <i64>symLen(load<i32>(dat(p)));
    if (t < -19 || t == -3) { fail(ETYPE); return -1; }
    return 1 + <i64>width(t);
  }
  if (t == KS) {
    const n = nn(p), d = dat(p);
    let s: i64 = 6 + <i64>n;
    for (let c0: u32 = 0; c0 < n; c0 += <u32>POLL_ITEMS) {
      if (c0 && stopNow()) { stopped(); return -1; }
      for (let i = c0, c1 = min(c0 + <u32>POLL_ITEMS, n); i < c1; i++) {
        s += <i64>symLen(load<i32>(d + (<usize>i << 2)));
      }
    }
    return s;
  }
  if (t == 0) {
    const n = nn(p), d = dat(p);
    let s: i64 = 6;
    for (let i: u32 = 0; i < n; i++) {
      if (stopAt(i)) { stopped(); return -1; }
      const c = bodySize(<usize>load<u32>(d + (<usize>i << 2)), depth + 1);
      if (c < 0) return -1;
      s += c;
    }
    return s;
  }
  if (t < 20) {
    if (t == 3) { fail(ETYPE); return -1; }
    return 6 + <i64>nn(p) * <i64>width(t);
  }
  if (t == XT) {
    const c = bodySize(<usize>load<u32>(dat(p)), depth + 1);
    return c < 0 ? -1 : 2 + c;
  }
  if (t == XD) {
    const k = bodySize(<usize>load<u32>(dat(p)), depth + 1);
    if (k < 0) return -1;
    const v = bodySize(<usize>load<u32>(dat(p) + 4), depth + 1);
    return v < 0 ? -1 : 1 + k + v;
  }
  if (t >= FN && t <= 112) {
    const n = fnenc(p, 0);
    return n < 0 ? -1 : <i64>n;
  }
  fail(ETYPE);
  return -1;
}

// writing ------------------------------------------------------------------------

@inline function putSym(d: usize, id: i32): usize {
  const n = symLen(id);
  memory.copy(d, symPtr(id), n);
  store<u8>(d + n, 0);
  return d + n + 1;
}

/** Writes the body of p at d (room already checked by bodySize); returns the end. */
function putBody(p: usize, d: usize): usize {
  const t = tt(p);
  if (isEnumType(t)) return putBody(enumsym(p), d); // sized (and cached) by bodySize just before
  if (t < 0) {
    store<i8>(d, <i8>t);
    if (t == -KS) return putSym(d + 1, load<i32>(dat(p)));
    const w = <usize>width(t);
    memory.copy(d + 1, dat(p), w);
    return d + 1 + w;
  }
  if (t < 20) {
    store<i8>(d, <i8>t);
    store<u8>(d + 1, load<u8>(p + 1));
    const n = nn(p);
    store<i32>(d + 2, <i32>n);
    d += 6;
    const s = dat(p);
    if (t == KS) {
      for (let i: u32 = 0; i < n; i++) d = putSym(d, load<i32>(s + (<usize>i << 2)));
      return d;
    }
    if (t == 0) {
      for (let i: u32 = 0; i < n; i++) d = putBody(<usize>load<u32>(s + (<usize>i << 2)), d);
      return d;
    }
    const bytes = <usize>n * <usize>width(t);
    memory.copy(d, s, bytes);
    return d + bytes;
  }
  if (t == XT) {
    store<u8>(d, XT);
    store<u8>(d + 1, load<u8>(p + 1));
    return putBody(<usize>load<u32>(dat(p)), d + 2);
  }
  if (t == XD) {
    const k = <usize>load<u32>(dat(p));
    // a dictionary whose keys are sorted travels as type 127
    store<u8>(d, load<u8>(k + 1) == ASORTED ? 127 : XD);
    d = putBody(k, d + 1);
    return putBody(<usize>load<u32>(dat(p) + 4), d);
  }
  // functions: sized (and cached) by bodySize just before
  return d + <usize>fnenc(p, d);
}

/** Body size of p as a f64 (-22! minus the header), or -1 with an error set. */
export function ipcBodySize(p: usize): f64 { return <f64>bodySize(p, 0); }

/** Writes the body of p at dst (which has ipcBodySize(p) bytes of room). */
export function ipcWriteBody(p: usize, dst: usize): usize { return putBody(p, dst); }

/** A whole message for p as a new byte vector (what -8! gives); 0 on error.
 *  A message longer than `most` bytes is 'limit (a socket writer then streams
 *  it, src/ipc/send.ts); none may pass one block (2 GiB with its header). */
export function ipcMsg(p: usize, msgType: i32, most: f64): usize {
  const s = bodySize(p, 0);
  if (s < 0) return 0;
  const total = s + 8;
  if (<f64>total > most || total + <i64>HDR > (<i64>1 << 31)) return fail(ELIMIT);
  const m = ga(KG, <u32>total);
  if (!m) return fail(EWSFULL);
  const d = dat(m);
  store<u32>(d, 1 | ((<u32>msgType & 0xff) << 8));
  store<i32>(d + 4, <i32>total);
  putBody(p, d + 8);
  return m;
}

// reading --------------------------------------------------------------------------

let cur: usize = 0;   // read cursor and limit of the body being decoded
let lim: usize = 0;
let swap: bool = false;

@inline function bad(): usize { return fail(CODEC_BAD); }

@inline function rdI32(): i32 {
  const v = load<i32>(cur);
  cur += 4;
  return swap ? bswap<i32>(v) : v;
}

/** Byte-swaps n items of width w in place (big-endian input). */
function swapItems(d: usize, n: usize, w: i32): void {
  if (w == 2) for (let i: usize = 0; i < n; i++) store<u16>(d + (i << 1), bswap<u16>(load<u16>(d + (i << 1))));
  else if (w == 4) for (let i: usize = 0; i < n; i++) store<u32>(d + (i << 2), bswap<u32>(load<u32>(d + (i << 2))));
  else if (w == 8) for (let i: usize = 0; i < n; i++) store<u64>(d + (i << 3), bswap<u64>(load<u64>(d + (i << 3))));
}

/** Interns the NUL-terminated symbol at the cursor; -1 when unterminated or 'wsfull. */
function rdSym(): i32 {
  let e = cur;
  while (e < lim && load<u8>(e) != 0) e++;
  if (e >= lim) { fail(CODEC_BAD); return -1; }
  const id = intern(cur, <u32>(e - cur));
  cur = e + 1;
  return id;
}

/** q's count of a decoded value (rows for tables and keyed tables). */
function countOf(p: usize): i64 {
  const t = tt(p);
  if (t < 0 || t >= FN) return 1;
  if (t == XT) {
    const cols = <usize>load<u32>(dat(<usize>load<u32>(dat(p))) + 4);
    return nn(cols) ? countOf(<usize>load<u32>(dat(cols))) : 0;
  }
  if (t == XD) return countOf(<usize>load<u32>(dat(p)));
  return <i64>nn(p);
}

function rd(depth: i32): usize {
  if (depth > MAXDEPTH) return fail(CODEC_DEEP);
  if (cur >= lim) return bad();
  const t = <i32>load<i8>(cur++);
  if (t < 0) {
    if (t == -128) {
      let e = cur;
      while (e < lim && load<u8>(e) != 0) e++;
      if (e >= lim) return bad();
      qerrPtr = cur; qerrLen = <u32>(e - cur);
      cur = e + 1;
      return fail(CODEC_QERR);
    }
    if (t < -19 || t == -3) return bad();
    if (t == -KS) {
      const id = rdSym();
      if (id < 0) return 0;
      const p = ga(-KS, 1);
      if (!p) return 0;
      store<i32>(dat(p), id);
      return p;
    }
    const w = width(t);
    if (<usize>w > lim - cur) return bad();
    const p = ga(t, 1);
    if (!p) return 0;
    memory.copy(dat(p), cur, w);
    if (swap && t != -2) swapItems(dat(p), 1, w);
    cur += w;
    return p;
  }
  if (t < 20) {
    if (t == 3 || lim - cur < 5) return bad();
    const a = load<u8>(cur++);
    if (a > 4) return bad();
    const n = rdI32();
    if (n < 0) return bad();
    const left = <u64>(lim - cur);
    let p: usize;
    if (t == 0 || t == KS) {
      if (<u64>n > left) return bad(); // every item takes at least one byte
      p = ga(t, <u32>n);
      if (!p) return 0;
      const d = dat(p);
      if (t == KS) {
        for (let i: usize = 0; i < <usize>n; i++) {
          if (stopAt(i)) { r0(p); return stopped(); }
          const id = rdSym();
          if (id < 0) { r0(p); return 0; }
          store<i32>(d + (i << 2), id);
        }
      } else {
        memory.fill(d, 0, <usize>n << 2); // a partly filled list frees cleanly
        for (let i: usize = 0; i < <usize>n; i++) {
          if (stopAt(i)) { r0(p); return stopped(); }
          const c = rd(depth + 1);
          if (!c) { r0(p); return 0; }
          store<u32>(d + (i << 2), <u32>c);
        }
      }
    } else {
      const w = width(t);
      const bytes = <u64>n * <u64>w;
      if (bytes > left) return bad();
      p = ga(t, <u32>n);
      if (!p) return 0;
      memory.copy(dat(p), cur, <usize>bytes);
      if (swap && t != 2) swapItems(dat(p), <usize>n, w);
      cur += <usize>bytes;
    }
    store<u8>(p + 1, a);
    return p;
  }
  if (t == XT) {
    if (cur >= lim) return bad();
    const a = load<u8>(cur++);
    if (a > 4 || cur >= lim || load<u8>(cur) != XD) return bad();
    const d = rd(depth + 1);
    if (!d) return 0;
    // a table is a dictionary of symbols to a list of columns of equal length
    const k = <usize>load<u32>(dat(d)), v = <usize>load<u32>(dat(d) + 4);
    let ok = tt(k) == KS && tt(v) == 0 && nn(k) == nn(v) && tt(d) == XD;
    if (ok) {
      let rows: i64 = -1;
      for (let i: u32 = 0; i < nn(v) && ok; i++) {
        const c = <usize>load<u32>(dat(v) + (<usize>i << 2));
        const ct = tt(c);
        if (ct < 0 || ct >= 20) { ok = false; break; }
        const cn = countOf(c);
        if (rows >= 0 && cn != rows) ok = false;
        rows = cn;
      }
    }
    if (!ok) { r0(d); return bad(); }
    const p = ga(XT, 1);
    if (!p) { r0(d); return 0; }
    store<u32>(dat(p), <u32>d);
    store<u8>(p + 1, a);
    return p;
  }
  if (t == XD || t == 127) {
    const k = rd(depth + 1);
    if (!k) return 0;
    const v = rd(depth + 1);
    if (!v) { r0(k); return 0; }
    const kt = tt(k), vt = tt(v);
    // keys and values: lists (or tables) of one count
    if (kt < 0 || vt < 0 || kt >= FN || vt >= FN || countOf(k) != countOf(v)) { r0(k); r0(v); return bad(); }
    const p = ga(XD, 2);
    if (!p) { r0(k); r0(v); return 0; }
    store<u32>(dat(p), <u32>k);
    store<u32>(dat(p) + 4, <u32>v);
    return p;
  }
  if (t >= FN && t < 112) return rdFn(t, depth);
  return bad();
}

/** Function bodies: their parts decode here, the language layer builds the value. */
function rdFn(t: i32, depth: i32): usize {
  let x: usize = 0;
  if (t == FN) {
    // lambda: context symbol, then its text as a char vector
    const ctx = rdSym();
    if (ctx < 0) return 0;
    const text = rd(depth + 1);
    if (!text) return 0;
    if (tt(text) != KC) { r0(text); return bad(); }
    x = ga(0, 2);
    if (!x) { r0(text); return 0; }
    const s = ga(-KS, 1);
    if (!s) { store<u32>(dat(x), 0); store<u32>(dat(x) + 4, <u32>text); r0(x); return 0; }
    store<i32>(dat(s), ctx);
    store<u32>(dat(x), <u32>s);
    store<u32>(dat(x) + 4, <u32>text);
  } else if (t <= 103) {
    // primitive, operator, iterator: one code byte
    if (cur >= lim) return bad();
    x = ga(-KG, 1);
    if (!x) return 0;
    store<u8>(dat(x), load<u8>(cur++));
  } else if (t <= 105) {
    // projection, composition: count, then the parts
    if (lim - cur < 4) return bad();
    const n = rdI32();
    if (n < 1 || <u64>n > <u64>(lim - cur)) return bad();
    x = ga(0, <u32>n);
    if (!x) return 0;
    memory.fill(dat(x), 0, <usize>n << 2);
    for (let i: usize = 0; i < <usize>n; i++) {
      const c = rd(depth + 1);
      if (!c) { r0(x); return 0; }
      store<u32>(dat(x) + (i << 2), <u32>c);
    }
  } else {
    // a function with an iterator: the function
    x = rd(depth + 1);
    if (!x) return 0;
  }
  const f = fndec(t, x);
  r0(x);
  return f;
}

/** Decodes one body at src (n bytes, `le` byte order); the body must fill the
 *  n bytes exactly unless `partial`. Returns the value or 0 (error set). */
export function ipcReadBody(src: usize, n: u32, le: bool, partial: bool): usize {
  cur = src; lim = src + <usize>n; swap = !le;
  const p = rd(0);
  if (p && !partial && cur != lim) { r0(p); return bad(); }
  return p;
}
/** Where the last ipcReadBody stopped (for a caller reading several bodies). */
export function ipcReadEnd(): usize { return cur; }

// compression ------------------------------------------------------------------------
//
// kdb+'s IPC compression: LZ-style with a 256-entry table of the last position
// of each byte-pair hash (x[i]^x[i+1]); a flag byte announces eight tokens, bit
// set = (hash byte, extra length) copying 2+extra bytes from that earlier
// position, bit clear = one literal byte. The decoder rebuilds the same table
// from its own output. Compression gives up (returns 0) when the output would
// pass half the input.

/** Compressed form of message m (a byte vector holding a whole message), or 0
 *  when it does not shrink to under half (no error set then). */
export function ipcCompress(m: usize): usize {
  const t = <i32>nn(m);
  const y = dat(m);
  const e = t >> 1;
  if (e < 17) return 0;
  const out = ga(KG, <u32>e);
  if (!out) return fail(EWSFULL);
  const B = dat(out);
  const tab = ga(KG, 256 * 4); // scratch: last position per hash
  if (!tab) { r0(out); return fail(EWSFULL); }
  const a = dat(tab);
  memory.fill(a, 0, 1024);
  memory.copy(B, y, 4);
  store<u8>(B + 2, 1);
  store<i32>(B + 8, t);
  let i: i32 = 0, f: i32 = 0, h0: i32 = 0, h: i32 = 0;
  let c: i32 = 12, d: i32 = 12, p: i32 = 0, s0: i32 = 0, s: i32 = 8;
  let poll: i32 = <i32>POLL_ITEMS;
  while (s < t) {
    if (s >= poll) {
      poll = s + <i32>POLL_ITEMS;
      if (stopNow()) { r0(tab); r0(out); return stopped(); }
    }
    if (i == 0) {
      if (d > e - 17) { r0(tab); r0(out); return 0; }
      i = 1;
      store<u8>(B + c, <u8>f);
      c = d++;
      f = 0;
    }
    let g = s > t - 3;
    if (!g) {
      h = <i32>(load<u8>(y + s) ^ load<u8>(y + s + 1));
      p = load<i32>(a + (<usize>h << 2));
      g = p == 0 || load<u8>(y + s) != load<u8>(y + p);
    }
    if (s0 > 0) { store<i32>(a + (<usize>h0 << 2), s0); s0 = 0; }
    if (g) {
      h0 = h; s0 = s;
      store<u8>(B + d++, load<u8>(y + s++));
    } else {
      store<i32>(a + (<usize>h << 2), s);
      f |= i;
      p += 2;
      s += 2;
      const r = s;
      const q = min(s + 255, t);
      while (load<u8>(y + p) == load<u8>(y + s)) { if (++s >= q) break; p++; }
      store<u8>(B + d++, <u8>h);
      store<u8>(B + d++, <u8>(s - r));
    }
    i = (i << 1) & 0xff;
  }
  store<u8>(B + c, <u8>f);
  store<i32>(B + 4, d);
  store<i64>(out + 8, <i64>d);
  r0(tab);
  return out;
}

/** Decompresses the message of n bytes at src (a compressed message) into a new
 *  byte vector holding the plain message; 0 on malformed input. */
export function ipcUncompress(src: usize, n: u32): usize {
  if (n < 12) return bad();
  const le = load<u8>(src) == 1;
  let total = load<i32>(src + 8);
  if (!le) total = bswap<i32>(total);
  // a flag byte and eight 2-byte match tokens (17 bytes) yield at most 8*257 bytes
  if (total < 8 || <u64>total > <u64>n * 121 + 8) return bad();
  const out = ga(KG, <u32>total);
  if (!out) return fail(EWSFULL);
  const dst = dat(out);
  const aa = ga(KG, 256 * 4);
  if (!aa) { r0(out); return fail(EWSFULL); }
  const a = dat(aa);
  memory.fill(a, 0, 1024);
  memory.copy(dst, src, 8);
  store<u8>(dst + 2, 0);
  store<i32>(dst + 4, le ? total : bswap<i32>(total));
  let i: i32 = 0, f: i32 = 0, s: i32 = 8, p: i32 = 8, d: u32 = 12, nn_: i32 = 0;
  let ok = true;
  let poll: i32 = <i32>POLL_ITEMS;
  while (s < total) {
    if (s >= poll) {
      poll = s + <i32>POLL_ITEMS;
      if (stopNow()) { r0(aa); r0(out); return stopped(); }
    }
    if (i == 0) {
      if (d >= n) { ok = false; break; }
      f = load<u8>(src + d++);
      i = 1;
    }
    const match = (f & i) != 0;
    if (match) {
      if (d + 2 > n) { ok = false; break; }
      let r = load<i32>(a + (<usize>load<u8>(src + d++) << 2));
      nn_ = load<u8>(src + d++);
      // the source lies in what was already written; the copy must fit the output
      if (r < 8 || r + 2 > s || s + 2 + nn_ > total) { ok = false; break; }
      store<u8>(dst + s++, load<u8>(dst + r++));
      store<u8>(dst + s++, load<u8>(dst + r++));
      for (let m = 0; m < nn_; m++) store<u8>(dst + s + m, load<u8>(dst + r + m));
    } else {
      if (d >= n) { ok = false; break; }
      store<u8>(dst + s++, load<u8>(src + d++));
    }
    while (p < s - 1) {
      store<i32>(a + (<usize>(load<u8>(dst + p) ^ load<u8>(dst + p + 1)) << 2), p);
      p++;
    }
    if (match) { s += nn_; p = s; }
    i = (i << 1) & 0xff;
  }
  r0(aa);
  if (!ok) { r0(out); return bad(); }
  return out;
}
