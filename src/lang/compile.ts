// The one evaluator interface: compile an expression against a scope of names
// into a closure, then run the closure as often as needed with the values of
// those names. The REPL, q(), lambdas and q-sql all evaluate through it.
//
//   const f = compile(parse('x+y*2'), ['x', 'y']);  // once
//   f([a, b]);                                       // per call: a new K
//
// A scope name is bound to env[i] by position (a slot, resolved at compile
// time); every other name resolves at run time as q resolves it inside a
// lambda defined in the namespace current at compile time: globals of that
// namespace, then the root, then keywords. `outer`, when given, is consulted
// first for names outside the scope: it is how a q-sql phrase inside a lambda
// sees that lambda's parameters and locals (`{select from t where px>x}`); the
// evaluator hands it to q-sql as outerOf(frame). q-sql compiles each phrase with a
// table's column names as its scope and runs the closure once per table or
// once per group, with the (grouped) columns as env.
//
// Ownership: the closure BORROWS env (the values stay the caller's) and
// returns a NEW K the caller owns. Assigning a scope name inside the
// expression rebinds the slot for that run only; env itself is never changed.

import type { K } from '../k.js';
import type { Node } from './parser.js';
import { evalScoped, state, type Outer } from './eval.js';

export type { Outer };
export type Compiled = (env: readonly K[]) => K;

/** Compile `node` with `scope[i]` bound to `env[i]` at each run; `outer` resolves enclosing locals. */
export function compile(node: Node, scope: readonly string[], outer?: Outer): Compiled {
  return evalScoped(node, scope, state.ns, outer);
}
