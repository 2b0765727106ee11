// q functions of the structural family: take # drop _ cut sublist join ,
// raze, and indexing (x i, x@i, x . i). Registered in the primitive table and
// exported for the q namespace. The work is done on block pointers in
// src/ops/structural/*.ts; here they become K functions that BORROW their
// arguments and return a NEW K.
//
//   glyph/keyword  monad        dyad
//   #              (count)      take / reshape / take keys, columns / set attribute
//   _              —            drop / cut / remove item or key / drop columns
//   ,              enlist       join (vectors, lists, dictionaries: upsert, tables)
//   @              —            Index At (data only; functions: 'nyi here)
//   .              (value)      Index at depth (data only)
//   cut            —            x cut y
//   sublist        —            x sublist y
//   raze           raze         —
//
// Where the reference is silent, these choices were made (revisit against a
// real kdb+ when one is at hand):
//   - 0N#x is x (an atom: enlisted); drop from an atom ('1_5') is 'type;
//   - k#() for k>0 gives k empty lists; (`long$())#x is x's first item;
//   - a general list indexed out of range gives its first item's null: the
//     null atom for an atom, an empty vector of a vector's type ("" for
//     strings), an empty-column table for a table, else ::;
//   - x,y of vectors of different types (also empty ones) is a general list;
//     () is the identity of join for lists;
//   - shapes of 3+ dimensions: a 0 followed by a non-zero dimension is 'domain
//     (take.md: 1 0 2 is 'domain, 1 2 0 is not);
//   - joins and appends drop attributes; append does not re-check them;
//   - a missing column in `c#t or t`c signals the column's name.

import type { QFn } from './registry.js';
import { K } from '../k.js';
import { QError } from '../errors.js';
import { from } from '../construct.js';
import { prim } from './registry.js';
import { enlist } from './core.js';
import { takeP, dropP, cutKw, cutP, sublistP } from './structural/take.js';
import { joinP, razeP, appendRaw, appendP } from './structural/join.js';
import { atP, dotP, gatherP, match } from './structural/index.js';
import { genericNull, listOf } from './structural/util.js';
import { E } from '../runtime.js';

export { takeP, dropP, cutP, cutKw, sublistP, joinP, razeP, appendP, appendRaw, atP, dotP, gatherP, match };

const k1 = (f: (x: number) => number) => (x: K): K => new K(f(x.ptr));
const k2 = (f: (x: number, y: number) => number) => (x: K, y: K): K => new K(f(x.ptr, y.ptr));

export const take = k2(takeP);
export const drop = k2(dropP);
export const join = k2(joinP);
export const raze = k1(razeP);
export const cut = k2(cutKw);
export const sublist = k2(sublistP);
export const at = k2(atP);
export const dot = k2(dotP);

/** x,:y — appends y to x, CONSUMING the handle x (it is disposed) and
 *  returning the result. When x's block has no other reference and its size
 *  class has room, the items are written in place (amortised O(1) appends);
 *  otherwise this is x,y. On error x is left untouched and still usable. */
export function append(x: K, y: K): K {
  const p = x.ptr;
  const r = appendRaw(p, y.ptr);
  if (r.inPlace) E.r1(p);
  x.dispose();
  return new K(r.ptr);
}

/** Indexing with elision: index(x, i) is x@i; index(x, i, j, …) is x . (i;j;…)
 *  with `undefined` (or null) for an elided index, as x[;j]. */
export function index(x: K, ...idx: K[]): K {
  if (idx.length === 0) return x.ref();
  if (idx.length === 1) return idx[0] === undefined ? x.ref() : at(x, idx[0]);
  const ps = idx.map((i) => (i === undefined ? genericNull() : E.r1(i.ptr)));
  const path = listOf(ps);
  try { return new K(dotP(x.ptr, path)); } finally { E.r0(path); }
}

prim('#', { dyad: take });
prim('_', { dyad: drop });
prim(',', { monad: (x) => enlist(x), dyad: join });
prim('@', { dyad: at });
prim('.', { dyad: dot });
prim('cut', { dyad: cut });
prim('sublist', { dyad: sublist });
prim('raze', { monad: raze });

/** Calls f with every argument as a K (JS values converted and released after). */
function lift<F extends (...xs: K[]) => K>(f: F): (...xs: unknown[]) => K {
  return (...xs: unknown[]) => {
    const made: K[] = [];
    const ks = xs.map((x) => {
      if (x instanceof K || x === undefined) return x as K;
      const k = from(x);
      made.push(k);
      return k;
    });
    try {
      return f(...ks);
    } finally {
      for (const k of made) k.dispose();
    }
  };
}

/** JS names this family adds to the q namespace. */
export const Q: Record<string, QFn> = {
  /** x#y: q.take(2, x), q.take([2, 3], q.til(6)), q.take(['a'], dict) */
  take: lift(take),
  /** x _ y: drop, cut, remove item/key, drop columns */
  drop: lift(drop),
  /** x,y */
  join: lift(join),
  /** x,:y consuming x (see append) */
  append: (x: unknown, y: unknown) => {
    if (!(x instanceof K)) throw new QError('type');
    return lift((a: K) => append(x, a))(y);
  },
  raze: lift(raze),
  cut: lift(cut),
  sublist: lift(sublist),
  /** x@i */
  at: lift(at),
  /** x . i */
  dotIndex: lift(dot),
  /** x[i;j;…] with undefined for elided indexes */
  index: lift(index),
};

// as methods on K ------------------------------------------------------------------------

declare module '../k.js' {
  interface K {
    /** n#x: x.take(5), x.take(-2), x.take([2, 3]) (reshape), d.take(['a']) (keys, columns) */
    take(n: unknown): K;
    /** n_x: x.drop(2), x.drop(-1) */
    drop(n: unknown): K;
    /** x,y */
    join(y: unknown): K;
    /** raze x */
    raze(): K;
    /** n cut x, or cut at indexes */
    cut(n: unknown): K;
    /** n sublist x, or (start, count) */
    sublist(n: unknown): K;
    /** x[i], x[i;j;…] with undefined for an elided index (q's x i, x . (i;j)) */
    index(...i: unknown[]): K;
  }
}
{
  const proto = K.prototype as unknown as Record<string, unknown>;
  const swap = (f: QFn) => function (this: K, n: unknown) { return f(n, this); };
  proto.take = swap(Q.take);
  proto.drop = swap(Q.drop);
  proto.cut = swap(Q.cut);
  proto.sublist = swap(Q.sublist);
  proto.join = function (this: K, y: unknown) { return Q.join(this, y); };
  proto.raze = function (this: K) { return Q.raze(this); };
  proto.index = function (this: K, ...i: unknown[]) { return Q.index(this, ...i); };
}
