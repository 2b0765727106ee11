// class K: a handle on one q value in WebAssembly linear memory.
//
// A handle owns one reference to its block. `dispose()` (or `using`) drops it at
// once; a FinalizationRegistry drops it if the handle is garbage-collected
// first. A disposed handle throws QError('disposed') on every use rather than
// touch memory that may already hold another value.

import {
  E, mem, hdrType, hdrAttr, hdrCount, child, symbol as symText, fnGet,
} from './runtime.js';
import { QError } from './errors.js';
import { QTYPES, typeName, XD, XT, type QTypedArray } from './types.js';
import { str, show } from './display.js';
import { PtrView } from './view.js';
import { toJS, toRows, atomValue, makeAtomFrom, handles, type ToJSOptions } from './convert.js';

const ATTRS = ['', 's', 'u', 'p', 'g'] as const;
export type Attr = (typeof ATTRS)[number];

const finalizer = new FinalizationRegistry<number>((p) => E.r0(p));

// A nursery of handles not yet registered with the finalizer. Most handles are
// temporaries the evaluator disposes within microseconds; registering and
// unregistering each one cost more than the engine call that made it. A handle
// is registered only if it is still alive when the nursery is flushed: when it
// fills, or at the next microtask. Every handle that is never disposed is thus
// still reclaimed by the garbage collector, a few thousand handles later.
const NURSERY = 4096;
const nursery: K[] = [];
let flushQueued = false;
function flushNursery(): void {
  flushQueued = false;
  for (let i = 0; i < nursery.length; i++) nursery[i].register();
  nursery.length = 0;
}

/** Handles created while tracking is on (tests dispose them all, then check for leaks). */
let tracked: Set<K> | undefined;
export function trackHandles(on: boolean): void { tracked = on ? (tracked ?? new Set()) : undefined; }
export function disposeTracked(): void {
  if (!tracked) return;
  for (const k of tracked) k.dispose();
  tracked.clear();
}

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

export class K implements Iterable<unknown> {
  #p: number;
  #registered = false;
  #view: QTypedArray | undefined;
  #viewBuf: ArrayBufferLike | undefined;

  /** Wraps a block pointer, taking over one reference the caller owned. */
  constructor(ptr: number) {
    if (!ptr) throw new QError('null pointer');
    this.#p = ptr;
    if (nursery.push(this) >= NURSERY) flushNursery();
    else if (!flushQueued) { flushQueued = true; queueMicrotask(flushNursery); }
    tracked?.add(this);
  }

  /** Hand this live handle to the finalizer (from the nursery flush only). */
  register(): void {
    if (this.#p && !this.#registered) { this.#registered = true; finalizer.register(this, this.#p, this); }
  }

  /** The block address in linear memory (for kernels and IPC). */
  get ptr(): number {
    if (!this.#p) throw new QError('disposed');
    return this.#p;
  }

  get disposed(): boolean { return this.#p === 0; }

  /** q type code: negative for atoms, 0 general list, 1..19 vectors, 98 table, 99 dict, 100+ functions. */
  get type(): number { return hdrType(this.ptr); }
  get typeName(): string { return typeName(this.type); }
  get isAtom(): boolean { return this.type < 0; }

  /** Item count; 1 for atoms and functions, rows for tables, keys for dictionaries. */
  get count(): number { return countOf(this.ptr); }

  get attr(): Attr { return ATTRS[hdrAttr(this.ptr)] ?? ''; }

  /** Another handle on the same value (one more reference). */
  ref(): K { return new K(E.r1(this.ptr)); }

  /** Zero-copy view of the items (the atom's value for atoms). Re-read after any
   *  engine allocation: growing memory detaches old views. */
  get data(): QTypedArray {
    const p = this.ptr;
    // A view of memory that has since grown is detached and reads length 0, so a
    // non-empty cached view is current without asking for memory.buffer (~100 ns).
    if (this.#view && this.#view.length !== 0) return this.#view;
    const b = E.memory.buffer;
    if (this.#view && this.#viewBuf === b) return this.#view;
    const t = hdrType(p), a = Math.abs(t);
    const qt = a < 20 ? QTYPES[a] : undefined;
    let v: QTypedArray;
    if (t === 0 || !qt) {
      if (t === 0 || t === XD || t === XT) v = new Uint32Array(b, p + 16, hdrCount(p)) as unknown as QTypedArray;
      else throw new QError('type');
    } else {
      const n = t < 0 ? 1 : hdrCount(p);
      v = new qt.array(b, p + 16, a === 2 ? n * 16 : n);
    }
    this.#view = v; this.#viewBuf = b;
    return v;
  }

  /** Symbol text for an id in this (symbol) value's data. */
  symbol(id: number): string { return symText(id); }

  /** Item i as a new K: an atom for vectors, the child for lists. */
  item(i: number): K {
    const p = this.ptr, t = hdrType(p), n = hdrCount(p);
    if (t < 0 || t >= 98) throw new QError('type');
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new QError('index');
    if (t === 0) return new K(E.r1(child(p, i)));
    return new K(makeAtomFrom(p, i));
  }

  /** Item i (negative from the end) as JS: a scalar for simple vectors, a K for
   *  general lists; undefined when out of range, as Array.prototype.at. */
  at(i: number): unknown {
    const p = this.ptr, t = hdrType(p);
    if (t < 0 || t >= 98) throw new QError('type');
    const n = hdrCount(p);
    const j = i < 0 ? n + i : i;
    if (!Number.isInteger(j) || j < 0 || j >= n) return undefined;
    if (t === 0) return new K(E.r1(child(p, j)));
    return atomValue(p, j, {});
  }

  *[Symbol.iterator](): Iterator<unknown> {
    const t = this.type;
    if (t < 0 || t >= 98) throw new QError('type');
    const n = this.count;
    for (let i = 0; i < n; i++) yield this.at(i);
  }

  /** Dictionary keys / table column names, as a new K. */
  get keys(): K {
    const p = this.ptr, t = hdrType(p);
    if (t === XD) return new K(E.r1(child(p, 0)));
    if (t === XT) return new K(E.r1(child(child(p, 0), 0)));
    throw new QError('type');
  }
  /** Dictionary values / table columns (a general list), as a new K. */
  get values(): K {
    const p = this.ptr, t = hdrType(p);
    if (t === XD) return new K(E.r1(child(p, 1)));
    if (t === XT) return new K(E.r1(child(child(p, 0), 1)));
    throw new QError('type');
  }
  /** Table column names as strings. */
  get columns(): string[] {
    if (this.type !== XT) throw new QError('type');
    const names = child(child(this.ptr, 0), 0);
    const n = hdrCount(names), base = (names + 16) >>> 2, ids = mem().i32;
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(symText(ids[base + i]));
    return out;
  }
  /** A table column (or dictionary value at a symbol key) by name, as a new K. */
  col(name: string): K {
    const p = this.ptr, t = hdrType(p);
    if (t !== XT && t !== XD) throw new QError('type');
    const d = t === XT ? child(p, 0) : p;
    const keys = child(d, 0), vals = child(d, 1);
    if (hdrType(keys) !== 11) throw new QError('type');
    const n = hdrCount(keys), base = (keys + 16) >>> 2, ids = mem().i32;
    for (let i = 0; i < n; i++) {
      if (symText(ids[base + i]) === name) {
        const vt = hdrType(vals);
        if (vt === 0) return new K(E.r1(child(vals, i)));
        if (vt > 0 && vt < 20) return new K(makeAtomFrom(vals, i));
        throw new QError('nyi'); // rows of a table of values: index with q instead

      }
    }
    throw new QError(name);
  }

  /** The JS payload of a function value (types 100..112). */
  get fnPayload(): object | undefined {
    const p = this.ptr;
    if (hdrType(p) < 100) return undefined;
    return fnGet(mem().i32[(p + 16) >>> 2]);
  }

  toJS(opts: ToJSOptions = {}): unknown { return toJS(this.ptr, opts); }
  toRows(opts: ToJSOptions = {}): Record<string, unknown>[] { return toRows(this.ptr, opts); }

  /** q's one-line form (what -3! and .Q.s1 give). */
  toString(): string { return str(new PtrView(this.ptr)); }
  /** The console form the q) REPL prints. */
  show(): string { return show(new PtrView(this.ptr)); }

  [inspectSymbol](): string {
    if (!this.#p) return 'k(<disposed>)';
    const s = str(new PtrView(this.#p));
    return `k('${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}')`;
  }

  /** Drops this handle's reference now. Idempotent. */
  dispose(): void {
    const p = this.#p;
    if (!p) return;
    this.#p = 0;
    this.#view = undefined;
    if (this.#registered) finalizer.unregister(this);
    tracked?.delete(this);
    E.r0(p);
  }
  [Symbol.dispose](): void { this.dispose(); }
}

// convert.ts works on blocks: it sees a handle's block (K values inside JS arrays
// and objects) and wraps function values (toJS keeps them q values) through this
handles.ptrOf = (v) => (v instanceof K ? v.ptr : undefined);
handles.wrap = (p) => new K(p);

/** q's count: 1 for atoms and functions, rows for tables, keys for dictionaries. */
export function countOf(p: number): number {
  const t = hdrType(p);
  if (t < 0 || t >= 100) return 1;
  if (t === XT) {
    const cols = child(child(p, 0), 1);
    return hdrCount(cols) ? countOf(child(cols, 0)) : 0;
  }
  if (t === XD) return countOf(child(p, 0));
  return hdrCount(p);
}
