// Vocabulary defined in q itself, as q.k defines much of .Q and .h: the
// lambda is built once at import (before any caller can count blocks) and
// registered as a primitive of its rank, so `.Q.fmt[6;2]` and projections
// dispatch like any keyword. Names inside a body resolve at call time.

import type { K } from '../k.js';
import { prim, NAMED_VALUES } from '../ops/registry.js';
import { evaluate, apply, rankOf } from '../lang/eval.js';
import { onLoad } from '../runtime.js';

/** Every lambda qdef made: they live as long as the process, even when a later
 *  layer re-registers the name over them (files wraps some .Q names), so the
 *  garbage collector never releases their blocks behind a caller's count. */
const DEFINED: K[] = [];

export function qdef(name: string, src: string): void {
  onLoad(() => qdefNow(name, src));
}

function qdefNow(name: string, src: string): void {
  let f: K;
  try { f = evaluate(src); } catch (e) { throw new Error(`qdef ${name}: ${(e as Error).message}`); }
  DEFINED.push(f);
  const r = rankOf(f);
  const call = (...xs: K[]) => apply(f, xs);
  prim(name, r === 1 ? { monad: call } : r === 2 ? { dyad: call } : r === 3 ? { triad: call } : { tetrad: call });
}

/** A named constant: a new reference to one value made once the engine is loaded. */
export function qval(name: string, make: () => K): void {
  onLoad(() => {
    const v = make();
    NAMED_VALUES.set(name, () => v.ref());
  });
}
