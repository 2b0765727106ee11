// The table of q primitives, keyed by glyph (`+`, `#`, …) and by q keyword
// (`sum`, `til`, `div`, …) exactly as the q language spells them. Kernel
// families register their entries here; the language evaluator and the JS `q`
// namespace both dispatch through it.
//
// Ownership: every entry BORROWS its K arguments and returns a NEW K that the
// caller owns (it may be another reference to an argument's block).

import type { K } from '../k.js';

export type Monad = (x: K) => K;
export type Dyad = (x: K, y: K) => K;
export type Triad = (x: K, y: K, z: K) => K;
export type Tetrad = (x: K, y: K, z: K, w: K) => K;

export interface Prim {
  monad?: Monad;
  dyad?: Dyad;
  triad?: Triad;
  tetrad?: Tetrad;
  /** five or more arguments (the functional select ?[t;c;b;a;n;(g;cn)]) */
  nary?: (...args: K[]) => K;
}

export const PRIMS = new Map<string, Prim>();

/** Registers (or extends) the entry for a glyph or keyword. */
export function prim(name: string, impl: Prim): void {
  PRIMS.set(name, { ...PRIMS.get(name), ...impl });
}

export function lookup(name: string): Prim | undefined {
  return PRIMS.get(name);
}

/** A function of the JS `q` namespace: K or plain JS arguments in, a new K out. */
export type QFn = (...args: unknown[]) => K;

/** Named values that are not functions (`.Q.an`, `.h.sa`): a new K on each read. */
export const NAMED_VALUES = new Map<string, () => K>();

/** A keyword applied to a bare global name that may answer from the name
 *  alone, without its value (`count t` of a table mapped from disk reads no
 *  column): the result, or undefined to evaluate as usual. */
export const BY_NAME = new Map<string, (name: string) => K | undefined>();
