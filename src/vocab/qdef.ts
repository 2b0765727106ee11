// Vocabulary defined in q itself, as q.k defines much of .Q and .h: the
// lambda is built once at import (before any caller can count blocks) and
// registered as a primitive of its rank, so `.Q.fmt[6;2]` and projections
// dispatch like any keyword. Names inside a body resolve at call time.

import type { K } from '../k.js';
import { prim, NAMED_VALUES } from '../ops/registry.js';
import { evaluate, apply, rankOf } from '../lang/eval.js';

export function qdef(name: string, src: string): void {
  let f: K;
  try { f = evaluate(src); } catch (e) { throw new Error(`qdef ${name}: ${(e as Error).message}`); }
  const r = rankOf(f);
  const call = (...xs: K[]) => apply(f, xs);
  prim(name, r === 1 ? { monad: call } : r === 2 ? { dyad: call } : r === 3 ? { triad: call } : { tetrad: call });
}

/** A named constant: a new reference to one value made at import. */
export function qval(name: string, make: () => K): void {
  const v = make();
  NAMED_VALUES.set(name, () => v.ref());
}
