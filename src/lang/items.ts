// Item by item iteration for the iterators (each, over, scan, prior…), without
// a K per item that outlives its call and without a list of K per result.
//
//   Cursor     items of a list one at a time: a simple vector's item is one
//              scratch atom block rewritten in place while nobody else holds it
//   Collector  results one at a time: atoms of one type go straight into a
//              typed vector; anything else falls back to a general list, which
//              listOf then collapses exactly as it always did
//
// Ownership: a Cursor's item is BORROWED (valid until the next `at` or
// `close`); Collector.push TAKES its argument; done() returns a new K.

import { K } from '../k.js';
import { QTYPES } from '../types.js';
import { E, alloc, mem, hdrType, hdrCount, child } from '../runtime.js';
import { makeAtomFrom } from '../convert.js';
import { listOf } from './values.js';
import { boxNum, storeNum } from './atoms.js';

/** Copy one item of width w from address src to dst (no float registers: NaN bits stay). */
function copyItem(dst: number, src: number, w: number, m = mem()): void {
  switch (w) {
    case 8: { const i = m.i32, d = dst >>> 2, s = src >>> 2; i[d] = i[s]; i[d + 1] = i[s + 1]; return; }
    case 4: m.i32[dst >>> 2] = m.i32[src >>> 2]; return;
    case 1: m.u8[dst] = m.u8[src]; return;
    case 2: m.i16[dst >>> 1] = m.i16[src >>> 1]; return;
    default: m.u8.copyWithin(dst, src, src + w);
  }
}

/** The items of a simple vector or general list x (borrowed), one at a time. */
export class Cursor {
  readonly n: number;
  private readonly p: number;
  private readonly t: number;
  private readonly w: number;
  private cur: K | null = null;

  constructor(x: K) {
    this.p = x.ptr;
    this.t = hdrType(this.p);
    this.n = this.t < 0 ? 1 : hdrCount(this.p);
    this.w = this.t > 0 && this.t < 20 ? QTYPES[this.t]!.width : 0;
  }

  /** Item i, borrowed until the next call or close(). */
  at(i: number): K {
    const c = this.cur;
    if (this.w && c !== null) {
      const cp = c.ptr, m = mem();
      if (m.i32[(cp + 4) >>> 2] === 1) {
        // nobody kept the previous item (its refcount is 1): rewrite the scratch atom in place
        copyItem(cp + 16, this.p + 16 + i * this.w, this.w, m);
        return c;
      }
    }
    this.cur = null;
    c?.dispose();
    const k = this.t === 0 ? new K(E.r1(child(this.p, i))) : new K(makeAtomFrom(this.p, i));
    this.cur = k;
    return k;
  }

  close(): void {
    this.cur?.dispose();
    this.cur = null;
  }
}

/** Results of n calls, collected into the list q builds item by item. */
export class Collector {
  private vec = 0;
  private t = 0;
  private w = 0;
  private items: K[] | null = null;
  private i = 0;

  constructor(private readonly n: number) {}

  /** Append r (owned). */
  push(r: K): void {
    if (this.items === null) {
      const p = r.ptr, t = hdrType(p);
      if (this.i === 0 && t < 0 && t >= -19 && QTYPES[-t] && this.n > 0) {
        try { this.vec = alloc(-t, this.n); } catch (e) { r.dispose(); throw e; }
        this.t = t; this.w = QTYPES[-t]!.width;
      }
      if (this.vec && t === this.t) {
        copyItem(this.vec + 16 + this.i * this.w, p + 16, this.w);
        this.i++;
        r.dispose();
        return;
      }
      this.spill();
    }
    this.items!.push(r);
    this.i++;
  }

  /** Append the unboxed atom (t, v) (lang/atoms.ts's NUM): written straight into the typed vector when it has type t. */
  pushNum(t: number, v: number): void {
    if (this.items === null) {
      if (this.i === 0 && this.n > 0 && !this.vec) {
        this.vec = alloc(-t, this.n);
        this.t = t; this.w = QTYPES[-t]!.width;
      }
      if (this.vec && t === this.t) {
        storeNum(this.vec + 16 + this.i * this.w, t, v);
        this.i++;
        return;
      }
    }
    this.push(boxNum(t, v));
  }

  /** Leave the typed vector: its items so far become atoms in a general list. */
  private spill(): void {
    const items: K[] = [];
    try {
      for (let j = 0; j < this.i; j++) items.push(new K(makeAtomFrom(this.vec, j)));
    } catch (e) { items.forEach((k) => k.dispose()); throw e; }
    if (this.vec) E.r0(this.vec);
    this.vec = 0;
    this.items = items;
  }

  /** The list (a new K); the collector is spent. */
  done(): K {
    if (this.items === null && this.vec && this.i === this.n) {
      const v = this.vec;
      this.vec = 0;
      return new K(v);
    }
    if (this.items === null) this.spill();
    const items = this.items!;
    this.items = [];
    return listOf(items);
  }

  /** Release what was collected (on failure). */
  dispose(): void {
    if (this.vec) E.r0(this.vec);
    this.vec = 0;
    this.items?.forEach((k) => k.dispose());
    this.items = [];
  }
}
