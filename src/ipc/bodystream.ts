// Decoding a large message body as its bytes arrive (little-endian, not
// compressed), never holding the whole message. Bytes wait in a small engine
// buffer; a value that fits there is decoded by the engine's codec as usual.
// One that does not (a buffer's worth, TRY_AT, is there and the codec ran out
// of bytes) is taken apart here: a general list, dictionary or table is opened
// and its parts decoded one by one, and a long vector is allocated from its
// 6-byte head and filled straight from the chunks. Anything else (a long
// symbol vector, a function) waits in the buffer until it is complete.
//
// Ownership: finish() returns a new block; dispose() frees every partial one.

import { E, mem, alloc, hdrType, hdrCount, child } from '../runtime.js';
import { QError } from '../errors.js';
import { codecError, CODEC_BAD } from './codec.js';
import { fnCodec } from './functions.js';

/** Bytes buffered before a value is tried whole. */
const TRY_AT = 1 << 22;
const WIDTH = [0, 1, 16, 0, 1, 2, 4, 8, 4, 8, 1, 4, 8, 4, 4, 8, 8, 4, 4, 4];

interface ReadExports { ipcReadBody(src: number, n: number, le: number, partial: number): number; ipcReadEnd(): number }

type Frame =
  | { k: 'list'; p: number; n: number; i: number; attr: number }
  | { k: 'dict'; key: number }
  | { k: 'table'; attr: number };

const bad = (): QError => new QError('badmsg');

/** q's count of a decoded value (rows of a table), as the codec checks it. */
function countOf(p: number): number {
  const t = hdrType(p);
  if (t < 0 || t >= 100) return 1;
  if (t === 98) { const cols = child(child(p, 0), 1); return hdrCount(cols) ? countOf(child(cols, 0)) : 0; }
  if (t === 99) return countOf(child(p, 0));
  return hdrCount(p);
}

export class BodyStream {
  #buf = 0;         // engine byte block holding bytes not yet decoded: [#at, #end) of its data
  #cap = 0;
  #at = 0;
  #end = 0;
  #left: number;    // body bytes not yet pushed
  #tryAt: number;
  #stack: Frame[] = [];
  #fill?: { p: number; off: number; bytes: number; attr: number };
  #result = 0;

  /** `tryAt`: bytes buffered before a value is tried whole (small in tests, to
   *  take small values apart) */
  constructor(bodyBytes: number, private tryAt = TRY_AT) { this.#left = bodyBytes; this.#tryAt = tryAt; }

  /** Takes the next bytes of the body. */
  push(chunk: Uint8Array): void {
    let o = 0;
    while (o < chunk.length) {
      const f = this.#fill;
      if (f) {
        const take = Math.min(f.bytes - f.off, chunk.length - o);
        mem().u8.set(chunk.subarray(o, o + take), f.p + 16 + f.off);
        f.off += take; o += take; this.#left -= take;
        if (f.off === f.bytes) this.#filled();
        continue;
      }
      const take = Math.min(chunk.length - o, 1 << 20);
      this.#append(chunk.subarray(o, o + take));
      o += take; this.#left -= take;
      this.#parse();
    }
  }

  /** The decoded value once every byte has been pushed. */
  finish(): number {
    if (this.#left !== 0) throw bad();
    this.#parse();
    if (!this.#result || this.#end !== this.#at) throw bad();
    const r = this.#result;
    this.#result = 0;
    return r;
  }

  dispose(): void {
    if (this.#fill) { E.r0(this.#fill.p); this.#fill = undefined; }
    for (const f of this.#stack.splice(0)) {
      if (f.k === 'list') E.r0(f.p);
      else if (f.k === 'dict' && f.key) E.r0(f.key);
    }
    if (this.#result) { E.r0(this.#result); this.#result = 0; }
    if (this.#buf) { E.r0(this.#buf); this.#buf = 0; }
  }

  #append(b: Uint8Array): void {
    const have = this.#end - this.#at;
    if (this.#end + b.length > this.#cap) {
      if (have + b.length <= this.#cap && this.#at > 0) {
        mem().u8.copyWithin(this.#buf + 16, this.#buf + 16 + this.#at, this.#buf + 16 + this.#end);
      } else {
        let cap = Math.max(1 << 16, this.#cap);
        while (cap < have + b.length) cap *= 2;
        const nb = alloc(4, cap);
        if (this.#buf) {
          mem().u8.copyWithin(nb + 16, this.#buf + 16 + this.#at, this.#buf + 16 + this.#end);
          E.r0(this.#buf);
        }
        this.#buf = nb; this.#cap = cap;
      }
      this.#at = 0; this.#end = have;
    }
    mem().u8.set(b, this.#buf + 16 + this.#end);
    this.#end += b.length;
  }

  /** Decodes what the buffer holds, as far as it goes. */
  #parse(): void {
    for (;;) {
      const avail = this.#end - this.#at;
      if (this.#fill) {
        const f = this.#fill, take = Math.min(avail, f.bytes - f.off);
        mem().u8.copyWithin(f.p + 16 + f.off, this.#buf + 16 + this.#at, this.#buf + 16 + this.#at + take);
        f.off += take; this.#at += take;
        if (f.off < f.bytes) return;
        this.#filled();
        continue;
      }
      if (avail === 0) return;
      if (this.#result) throw bad(); // bytes after the value
      const all = this.#left === 0;
      if (!all && avail < this.#tryAt) return;
      const d = this.#buf + 16 + this.#at;
      const C = E as unknown as ReadExports;
      const p = fnCodec.run(() => C.ipcReadBody(d, avail, 1, 1));
      if (p) {
        this.#at += C.ipcReadEnd() - d;
        this.#tryAt = this.tryAt;
        this.#deliver(p);
        continue;
      }
      const code = E.err();
      if (all || code !== CODEC_BAD) throw codecError(true);
      E.clearErr(); fnCodec.takeError();
      // too long for the buffer (or malformed: found out as its parts arrive)
      if (!this.#open(d, avail)) { this.#tryAt = avail * 2; return; }
    }
  }

  /** Opens a list, dictionary or table, or starts filling a long vector, from
   *  the head at d; false when the value must wait in the buffer whole. */
  #open(d: number, avail: number): boolean {
    const u8 = mem().u8, t = (u8[d]! << 24) >> 24;
    const room = avail + this.#left; // bytes of the body from d on
    if (t >= 0 && t < 20 && t !== 3 && t !== 11) {
      if (avail < 6) return false;
      const attr = u8[d + 1]!, n = mem().dv.getInt32(d + 2, true);
      if (attr > 4 || n < 0) throw bad();
      if (t === 0) {
        if (n > room - 6) throw bad();
        const p = alloc(0, n);
        mem().u32.fill(0, (p + 16) >>> 2, ((p + 16) >>> 2) + n); // a partly filled list frees cleanly
        this.#at += 6;
        this.#stack.push({ k: 'list', p, n, i: 0, attr });
        if (n === 0) { this.#stack.pop(); mem().u8[p + 1] = attr; this.#deliver(p); }
        return true;
      }
      const bytes = n * WIDTH[t]!;
      if (bytes > room - 6) throw bad();
      const p = alloc(t, n);
      this.#at += 6;
      this.#fill = { p, off: 0, bytes, attr };
      return true;
    }
    if (t === 98) {
      if (avail < 3) return false;
      if (u8[d + 1]! > 4 || u8[d + 2] !== 99) throw bad();
      this.#stack.push({ k: 'table', attr: u8[d + 1]! });
      this.#at += 2;
      return true;
    }
    if (t === 99 || t === 127) {
      this.#stack.push({ k: 'dict', key: 0 });
      this.#at += 1;
      return true;
    }
    return false;
  }

  #filled(): void {
    const f = this.#fill!;
    this.#fill = undefined;
    mem().u8[f.p + 1] = f.attr;
    this.#deliver(f.p);
  }

  /** A decoded value p (owned) goes into the value that contains it. */
  #deliver(p: number): void {
    for (;;) {
      const top = this.#stack[this.#stack.length - 1];
      if (!top) { this.#result = p; return; }
      if (top.k === 'list') {
        mem().u32[((top.p + 16) >>> 2) + top.i++] = p;
        if (top.i < top.n) return;
        this.#stack.pop();
        mem().u8[top.p + 1] = top.attr;
        p = top.p;
        continue;
      }
      if (top.k === 'dict') {
        if (!top.key) { top.key = p; return; }
        const k = top.key, kt = hdrType(k), vt = hdrType(p);
        this.#stack.pop();
        if (kt < 0 || vt < 0 || kt >= 100 || vt >= 100 || countOf(k) !== countOf(p)) { E.r0(k); E.r0(p); throw bad(); }
        let r: number;
        try { r = alloc(99, 2); } catch (e) { E.r0(k); E.r0(p); throw e; }
        mem().u32[(r + 16) >>> 2] = k; mem().u32[((r + 16) >>> 2) + 1] = p;
        p = r;
        continue;
      }
      // a table: a dictionary of symbols to a list of equal-length columns
      this.#stack.pop();
      const k = child(p, 0), v = child(p, 1);
      let ok = hdrType(p) === 99 && hdrType(k) === 11 && hdrType(v) === 0 && hdrCount(k) === hdrCount(v);
      let rows = -1;
      for (let i = 0; ok && i < hdrCount(v); i++) {
        const c = child(v, i), ct = hdrType(c);
        if (ct < 0 || ct >= 20) { ok = false; break; }
        const cn = countOf(c);
        if (rows >= 0 && cn !== rows) ok = false;
        rows = cn;
      }
      if (!ok) { E.r0(p); throw bad(); }
      let r: number;
      try { r = alloc(98, 1); } catch (e) { E.r0(p); throw e; }
      mem().u32[(r + 16) >>> 2] = p;
      mem().u8[r + 1] = top.attr;
      p = r;
    }
  }
}
