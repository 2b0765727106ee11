// q's iterators, generic over any callable: a q function value (K of type
// 100..112), any applicable noun (list, dictionary), or a plain JS function
// taking and returning K values.
//
//   each(f, x)          f'x        each(f, x, y) f'[x;y] each-both (atoms extend)
//   over(f, x)          f/x        reduce (binary f) or converge (unary f)
//   over(f, x, y)       x f/y      fold with seed (binary f); n f/x do; p f/x while (unary f)
//   over(f, x, y, z…)   f/[x;y;z]  fold a higher-rank f
//   scan(…)             as over, keeping every intermediate result
//   prior(f, x)         f':x       f[item; item before]; seed from f's identity or null
//   prior(f, s, x)      s f':x
//   eachLeft(f, x, y)   x f\:y     eachRight(f, x, y)   x f/:y
//
// Ownership: arguments are borrowed; the result is a new K.

import { K, countOf } from './k.js';
import { hdrType, hdrCount, child, alloc, mem } from './runtime.js';
import { XD, XT } from './types.js';
import { lookup } from './ops/registry.js';
import * as V from './lang/values.js';
import { qerr } from './lang/error.js';
import { Cursor, Collector } from './lang/items.js';
import { NUM, boxNum, reuseAtom } from './lang/atoms.js';

export type Callable = K | ((...args: K[]) => K);

/** What the iterators need from the evaluator, bound by it when it loads
 *  (src/lang/eval.ts): the iterators sit below the language and never import it. */
export interface Applier {
  apply(f: K, args: K[]): K;
  rankOf(f: K): number;
  /** the operator glyph a function value denotes, else null */
  glyphOf(f: K): string | null;
  /** f'[args] computed as one call on the whole lists when that is the same result, else null */
  eachWhole?(f: K, args: K[]): K | null;
  /** apply(f, ·) with what depends only on f looked up once */
  prepare?(f: K): (args: K[]) => K;
  /** as prepare, but a null result means the value is the unboxed atom in NUM (lang/atoms.ts) */
  prepareUnboxed?(f: K): (args: K[]) => K | null;
}
let ev: Applier | null = null;
export function bindApplier(a: Applier): void { ev = a; }
function applier(): Applier {
  if (!ev) throw qerr('nyi');
  return ev;
}

// the function value the iterators last called, prepared (an iterator calls one f many times)
let lastF: K | null = null;
let lastCall: (args: K[]) => K = () => { throw qerr('nyi'); };
/** Forget the prepared function (the evaluator calls this when a top-level evaluation ends). */
export function forgetPrepared(): void {
  lastF = null;
  lastCall = () => { throw qerr('nyi'); };
  lastFU = null;
  lastCallU = () => { throw qerr('nyi'); };
}
function call(f: Callable, args: K[]): K {
  if (typeof f === 'function') return f(...args);
  if (f !== lastF) {
    const a = applier();
    lastCall = a.prepare ? a.prepare(f) : (xs) => a.apply(f, xs);
    lastF = f;
  }
  return lastCall(args);
}
// the same for calls whose result may be left unboxed in NUM
let lastFU: K | null = null;
let lastCallU: (args: K[]) => K | null = () => { throw qerr('nyi'); };
/** f applied to args: a new K, or null when the result is the unboxed atom in NUM. */
function callU(f: Callable, args: K[]): K | null {
  if (typeof f === 'function') return f(...args);
  if (f !== lastFU) {
    const a = applier();
    lastCallU = a.prepareUnboxed ? a.prepareUnboxed(f) : a.prepare ? a.prepare(f) : (xs) => a.apply(f, xs);
    lastFU = f;
  }
  return lastCallU(args);
}

/** Rank of f; a JS function declared with rest parameters (length 0) counts as binary. */
function rank(f: Callable): number {
  return typeof f === 'function' ? (f.length === 0 ? 2 : f.length) : applier().rankOf(f);
}
/** The operator glyph f denotes, if it is one. */
function glyph(f: Callable): string | null {
  if (typeof f === 'function') return null;
  return applier().glyphOf(f);
}

const isList = (x: K) => x.type >= 0 && x.type < 98;

/** Run body over owned items, disposing them whatever happens. */
function withItems<T>(x: K, body: (items: K[]) => T): T {
  const items = V.itemsOf(x);
  try { return body(items); } finally { items.forEach((k) => k.dispose()); }
}

/** Collect results (owned) into a list, disposing them on failure. */
function collect(n: number, f: (i: number) => K): K {
  const out = new Collector(n);
  try {
    for (let i = 0; i < n; i++) out.push(f(i));
  } catch (e) { out.dispose(); throw e; }
  return out.done();
}

/** Results of n calls that may come back unboxed (callU), collected. */
function collectU(n: number, f: (i: number) => K | null): K {
  const out = new Collector(n);
  try {
    for (let i = 0; i < n; i++) {
      const r = f(i);
      if (r === null) out.pushNum(NUM.t, NUM.v); else out.push(r);
    }
  } catch (e) { out.dispose(); throw e; }
  return out.done();
}

/** f applied to each item of the list x (borrowed), collected. */
function mapList(x: K, f: (item: K) => K): K {
  const c = new Cursor(x);
  try { return collect(c.n, (i) => f(c.at(i))); } finally { c.close(); }
}

/** f applied to each value of the dictionary x (borrowed): a dictionary with x's keys. */
function mapDict(x: K, f: (item: K) => K, whole: ((vals: K) => K) | null = null): K {
  const vals = x.values;
  try {
    const t = vals.type;
    if (!(t >= 0 && t < 20)) return V.mapItems(x, f);
    const r = whole && t === 0 && vals.count > 0 ? whole(vals) : mapList(vals, f);
    return V.dictOf(x.keys, r);
  } finally { vals.dispose(); }
}

// ---------------------------------------------------------------- each

export function each(f: Callable, ...args: K[]): K {
  if (args.length === 0) throw qerr('rank');
  if (typeof f !== 'function' && f.type > 0 && f.type < 20) return caseOf(f, args);
  if (typeof f !== 'function') {
    const whole = applier().eachWhole?.(f, args);
    if (whole) return whole;
  }
  if (args.length === 1) {
    const x = args[0];
    if (x.type === 0 && glyph(f) === 'count' && x.count > 0) return countEach(x);
    if (x.type === XD) return mapDict(x, (v) => call(f, [v]), glyph(f) === 'count' ? countEach : null);
    if (x.type === XT) return withItems(x, (rows) => collect(rows.length, (i) => call(f, [rows[i]])));
    if (!isList(x)) return call(f, [x]);
    const args1: K[] = [x];
    const c = new Cursor(x);
    try { return collectU(c.n, (i) => { args1[0] = c.at(i); return callU(f, args1); }); } finally { c.close(); }
  }
  // each-both: lists must have one count; atoms extend
  let n = -1;
  // a table is the list of its rows here (t,'r joins tables of one count column-wise)
  const listy = (a: K) => isList(a) || a.type === XT;
  for (const a of args) {
    if (a.type === XD) throw qerr('nyi');
    if (listy(a)) {
      if (n >= 0 && a.count !== n) throw qerr('length');
      n = a.count;
    }
  }
  if (n < 0) return call(f, args);
  const cursors = args.map((a) => (isList(a) ? new Cursor(a) : null));
  // a table is a list of its rows (dictionaries)
  const rows = args.map((a) => (a.type === XT ? V.itemsOf(a) : null));
  const argv = args.slice();
  try {
    return collectU(n, (i) => {
      for (let j = 0; j < argv.length; j++) { const c = cursors[j]; if (c) argv[j] = c.at(i); else if (rows[j]) argv[j] = rows[j]![i]; }
      return callU(f, argv);
    });
  } finally { cursors.forEach((c) => c?.close()); rows.forEach((r) => r?.forEach((k) => k.dispose())); }
}

/** count each of a general list (`count each group x`): read from the items' headers, no call per item. */
function countEach(x: K): K {
  const p = x.ptr, n = hdrCount(p);
  const r = alloc(7, n);
  const i32 = mem().i32;
  for (let i = 0; i < n; i++) {
    const c = countOf(child(p, i)), a = (r + 16 + i * 8) >>> 2;
    i32[a] = c; i32[a + 1] = 0;
  }
  return new K(r);
}

export function eachLeft(f: Callable, x: K, y: K): K {
  if (x.type === XD) return mapDict(x, (v) => call(f, [v, y]));
  if (x.type === XT) return withItems(x, (rows) => collect(rows.length, (i) => call(f, [rows[i], y])));
  if (!isList(x)) return call(f, [x, y]);
  return mapList(x, (item) => call(f, [item, y]));
}

export function eachRight(f: Callable, x: K, y: K): K {
  if (y.type === XD) return mapDict(y, (v) => call(f, [x, v]));
  if (y.type === XT) return withItems(y, (rows) => collect(rows.length, (i) => call(f, [x, rows[i]])));
  if (!isList(y)) return call(f, [x, y]);
  return mapList(y, (item) => call(f, [x, item]));
}

// ---------------------------------------------------------------- over / scan

/** Keywords that implement an operator's reduce and scan natively. */
const REDUCE: Record<string, string> = { '+': 'sum', '*': 'prd', '|': 'max', '&': 'min', ',': 'raze' };
const SCAN: Record<string, string> = { '+': 'sums', '*': 'prds', '|': 'maxs', '&': 'mins' };
const PRIOR: Record<string, string> = { '-': 'deltas', '%': 'ratios' };

function native(table: Record<string, string>, f: Callable): ((x: K) => K) | undefined {
  const g = glyph(f);
  if (!g || !(g in table)) return undefined;
  return lookup(table[g])?.monad;
}

export function over(f: Callable, ...args: K[]): K { return iterate(f, args, false); }
export function scan(f: Callable, ...args: K[]): K { return iterate(f, args, true); }

function iterate(f: Callable, args: K[], keep: boolean): K {
  if (args.length === 0) throw qerr('rank');
  // x v\y with a numeric vector v and y as long, x no repeat count: the recurrence
  // r:x; r:(r*v i)+y i (ref/accumulators.md: a b\c is {z+x*y}\[a;b;c])
  if (args.length === 2 && typeof f !== 'function' && isNumericVector(f) && !(args[0].type < 0 && V.isIntegral(-args[0].type))
    && args[1].type > 0 && args[1].type < 20 && args[1].count === f.count) return recurrence(f, args[0], args[1], keep);
  // a list of lists or functions is binary: x m\y steps a finite-state machine, m[s;c] (ref/accumulators.md)
  const r = typeof f !== 'function' && isStateMachine(f) ? 2 : rank(f);
  if (args.length === 1) {
    const x = args[0];
    // a function derived by / \ or ': is variadic: on one argument it is unary, so it converges ((,/) over x)
    const variadic = typeof f !== 'function' && f.type >= 107 && f.type <= 109;
    if ((r === 1 || variadic) && !(typeof f !== 'function' && f.type < 100)) return converge(f, x, keep);
    if (typeof f !== 'function' && f.type < 100) return converge(f, x, keep);
    const nat = native(keep ? SCAN : REDUCE, f);
    if (nat) return nat(x);
    return reduce(f, null, x, keep);
  }
  if (args.length === 2 && r === 1) {
    const [c, x] = args;
    if (c.type < 0 && V.isIntegral(-c.type)) {
      const n = V.intValue(c);
      if (n === null || n < 0) throw qerr('domain');
      return repeat(f, n, x, keep);
    }
    if (c.type >= 100 || isList(c) || c.type === XD) return whileDo(f, c, x, keep);
    throw qerr('type');
  }
  if (args.length === 2) return reduce(f, args[0], args[1], keep);
  return reduceN(f, args, keep);
}

const isNumericVector = (f: K): boolean => f.type >= 1 && f.type <= 9 && f.type !== 2 && f.type !== 4;
function isStateMachine(f: K): boolean {
  if (f.type !== 0 || f.count === 0) return false;
  const items = V.itemsOf(f);
  try { return items.every((x) => x.type >= 0); } finally { items.forEach((k) => k.dispose()); }
}

/** x v\y (keep) or x v/y: r:x, then r:(r*v i)+y i item by item. */
function recurrence(v: K, x: K, y: K, keep: boolean): K {
  const call2 = (op: string, a: K, b: K): K => lookup(op)!.dyad!(a, b);
  return withItems(v, (vs) => withItems(y, (ys) => {
    if (vs.length !== ys.length) throw qerr('length');
    let cur = x.ref();
    const trail: K[] = [];
    try {
      for (let i = 0; i < vs.length; i++) {
        const m = call2('*', cur, vs[i]!);
        cur.dispose();
        try { cur = call2('+', m, ys[i]!); } finally { m.dispose(); }
        if (keep) trail.push(cur.ref());
      }
    } catch (e) { cur.dispose(); trail.forEach((k) => k.dispose()); throw e; }
    if (keep) { cur.dispose(); return V.listOf(trail); }
    return cur;
  }));
}

/** Fold binary f over the items of x (seeded or not). */
function reduce(f: Callable, seed: K | null, x: K, keep: boolean): K {
  if (x.type === XD) {
    const vals = x.values;
    try {
      if (!keep) return reduce(f, seed, vals, keep);
      const r = reduce(f, seed, vals, keep);
      return V.dictOf(x.keys, r);
    } finally { vals.dispose(); }
  }
  if (!isList(x)) {
    if (seed === null) return x.ref();
    return keep ? call(f, [seed, x]) : call(f, [seed, x]);
  }
  const items = new Cursor(x);
  const n = items.n;
  if (n === 0) {
    if (seed !== null) return keep ? V.generalOf([]) : seed.ref();
    // a lambda is never evaluated: over and scan give the empty general list (ref/accumulators.md)
    if (typeof f !== 'function' && f.type === 100) return V.generalOf([]);
    return keep ? x.ref() : identityOrEmpty(f, x);
  }
  const trail = keep ? new Collector(seed ? n : n) : null;
  let acc: K;
  try { acc = seed ? seed.ref() : items.at(0).ref(); } catch (e) { items.close(); throw e; }
  const argv: K[] = [acc, acc];
  try {
    // ,\ starts from the first item enlisted, as q's join scan does
    if (!seed && trail) trail.push(glyph(f) === ',' && acc.type < 0 ? V.listOf([acc.ref()]) : acc.ref());
    for (let i = seed ? 0 : 1; i < n; i++) {
      argv[0] = acc; argv[1] = items.at(i);
      const next = callU(f, argv);
      if (next === null) {
        // an unboxed result: into acc's own atom when nothing else holds it
        if (!reuseAtom(acc, NUM.t, NUM.v)) { const b = boxNum(NUM.t, NUM.v); acc.dispose(); acc = b; }
      } else {
        acc.dispose();
        acc = next;
      }
      if (trail) trail.push(acc.ref());
    }
  } catch (e) { acc.dispose(); trail?.dispose(); throw e; } finally { items.close(); }
  if (trail) { acc.dispose(); return trail.done(); }
  return acc;
}

function identityOrEmpty(f: Callable, x: K): K {
  const g = glyph(f);
  if (g === '+' || g === '-') return V.longAtom(0);
  if (g === '*' || g === '%') return V.longAtom(1);
  return x.ref();
}

/** f/[x;y;z…]: fold a higher-rank f with the first argument as seed, the rest conforming. */
function reduceN(f: Callable, args: K[], keep: boolean): K {
  const [seed, ...rest] = args;
  let n = -1;
  for (const a of rest) if (isList(a)) { if (n >= 0 && a.count !== n) throw qerr('length'); n = a.count; }
  if (n < 0) return call(f, args);
  const cursors = rest.map((a) => (isList(a) ? new Cursor(a) : null));
  let acc = seed.ref();
  const trail = keep ? new Collector(n) : null;
  const argv = args.slice();
  try {
    for (let i = 0; i < n; i++) {
      argv[0] = acc;
      for (let j = 0; j < rest.length; j++) { const c = cursors[j]; if (c) argv[j + 1] = c.at(i); }
      const next = call(f, argv);
      acc.dispose();
      acc = next;
      if (trail) trail.push(acc.ref());
    }
  } catch (e) { acc.dispose(); trail?.dispose(); throw e; } finally {
    cursors.forEach((c) => c?.close());
  }
  if (trail) { acc.dispose(); return trail.done(); }
  return acc;
}

/** f/x: apply f until the result stops changing or returns to x. */
function converge(f: Callable, x: K, keep: boolean): K {
  let cur = x.ref();
  const trail: K[] = keep ? [x.ref()] : [];
  try {
    for (let guard = 0; ; guard++) {
      const next = call(f, [cur]);
      let same: boolean;
      try { same = V.match(next, cur) || V.match(next, x); } catch (e) { next.dispose(); throw e; }
      if (same) {
        next.dispose();
        break;
      }
      cur.dispose();
      cur = next;
      if (keep) trail.push(cur.ref());
      if (guard > 1e7) throw qerr('limit');
    }
  } catch (e) { cur.dispose(); trail.forEach((k) => k.dispose()); throw e; }
  if (keep) { cur.dispose(); return V.listOf(trail); }
  return cur;
}

/** n f/x: apply f n times. */
function repeat(f: Callable, n: number, x: K, keep: boolean): K {
  let cur = x.ref();
  const trail: K[] = keep ? [x.ref()] : [];
  try {
    for (let i = 0; i < n; i++) {
      const next = call(f, [cur]);
      cur.dispose();
      cur = next;
      if (keep) trail.push(cur.ref());
    }
  } catch (e) { cur.dispose(); trail.forEach((k) => k.dispose()); throw e; }
  if (keep) { cur.dispose(); return V.listOf(trail); }
  return cur;
}

/** p f/x: apply f while p of the result is true. */
function whileDo(f: Callable, p: K, x: K, keep: boolean): K {
  let cur = x.ref();
  const trail: K[] = keep ? [x.ref()] : [];
  try {
    for (;;) {
      const t = applier().apply(p, [cur]);
      let go: boolean;
      try { go = truth(t); } finally { t.dispose(); }
      if (!go) break;
      const next = call(f, [cur]);
      cur.dispose();
      cur = next;
      if (keep) trail.push(cur.ref());
    }
  } catch (e) { cur.dispose(); trail.forEach((k) => k.dispose()); throw e; }
  if (keep) { cur.dispose(); return V.listOf(trail); }
  return cur;
}

function truth(k: K): boolean {
  if (k.type >= 0) throw qerr('type');
  const v = V.intValue(k);
  if (v !== null) return v !== 0;
  const d = k.data;
  return Number(d[0]) !== 0;
}

// ---------------------------------------------------------------- prior

export function prior(f: Callable, ...args: K[]): K {
  if (args.length === 1) {
    const nat = native(PRIOR, f);
    if (nat) return nat(args[0]);
  }
  if (args.length !== 1 && args.length !== 2) throw qerr('rank');
  const x = args[args.length - 1];
  if (x.type === XD) {
    const vals = x.values;
    try {
      const r = args.length === 2 ? prior(f, args[0], vals) : prior(f, vals);
      return V.dictOf(x.keys, r);
    } finally { vals.dispose(); }
  }
  if (!isList(x)) throw qerr('type');
  if (x.count === 0) return x.ref();
  const seed = args.length === 2 ? args[0].ref() : priorSeed(f, x);
  // with Join's identity () as the seed, the first item is the first item of x
  const joinFirst = args.length === 1 && glyph(f) === ',';
  const cur = new Cursor(x), prev = new Cursor(x);
  const argv: K[] = [seed, seed];
  try {
    return collect(cur.n, (i) => {
      if (i === 0 && joinFirst) return cur.at(0).ref();
      argv[0] = cur.at(i); argv[1] = i === 0 ? seed : prev.at(i - 1);
      return call(f, argv);
    });
  } finally { cur.close(); prev.close(); seed.dispose(); }
}

/** The seed for unary f': the operator's identity, else a null like x's items. */
function priorSeed(f: Callable, x: K): K {
  const g = glyph(f);
  if (g === '+' || g === '-') return V.longAtom(0);
  if (g === '*' || g === '%') return V.longAtom(1);
  if (g === ',') return V.generalOf([]);
  if (x.type > 0 && x.type < 20) return V.nullAtom(x.type);
  // a general list starting with an atom: that atom's null ((>=) prior (0Wh;0Wi;0W) is all 1b)
  if (x.type === 0) {
    const t = hdrType(child(x.ptr, 0));
    if (t < 0 && t > -20) return V.nullAtom(-t);
  }
  return V.generalOf([]);
}

/** Case: i'[a;b;…] picks item k from the argument i[k] names (atoms extend). */
function caseOf(sel: K, args0: K[]): K {
  if (!V.isIntegral(sel.type)) throw qerr('type');
  const n = sel.count;
  // dictionaries stand for their values; all of them must have the same keys in the same order (ref/maps.md)
  const dicts = args0.filter((a) => a.type === XD);
  if (dicts.length) {
    for (const d of dicts) if (d.count !== n) throw qerr('length');
    const keys = dicts.map((d) => d.keys);
    try { if (keys.some((k) => !V.match(k, keys[0]))) throw qerr('domain'); } finally { keys.forEach((k) => k.dispose()); }
    const vals = args0.map((a) => (a.type === XD ? a.values : a.ref()));
    try { return caseOf(sel, vals); } finally { vals.forEach((k) => k.dispose()); }
  }
  const args = args0;
  for (const a of args) if (isList(a) && a.count !== n) throw qerr('length');
  const picks = V.itemsOf(sel);
  try {
    return collect(n, (i) => {
      const j = V.intValue(picks[i]);
      if (j === null || j < 0 || j >= args.length) throw qerr('index');
      const a = args[j];
      return isList(a) ? a.item(i) : a.ref();
    });
  } finally { picks.forEach((k) => k.dispose()); }
}
