// Hooks the evaluator offers to later layers without importing them: internal
// functions by number (`-8!x` … as kdb+'s `-n!x`) and applying a handle number
// other than the process handles 0 1 2 (IPC connections).
// Arguments are borrowed; results are new K values the caller owns.

import type { K } from '../k.js';
import type { Node } from './parser.js';

export type Internal = (x: K) => K;

/** `n!x` for negative n: registered by number (src/ipc registers -8 -9 -18 -22). */
export const INTERNALS = new Map<number, Internal>();

/** `h x` for a handle h other than 0 ±1 ±2; undefined leaves the evaluator's own rule. */
export const handleHooks: {
  apply?: (h: number, x: K) => K;
  /** whether h (or -h) is a handle the hook knows (a connection or an open file) */
  isOpen?: (h: number) => boolean;
  /** `` `:host:port x ``: a one-shot query; undefined when the symbol is no such address */
  oneShot?: (address: K, x: K) => K | undefined;
} = {};

/** System commands added by later layers (`\p`), by command name; the result
 *  as `system` returns it (null for nothing). */
export const systemHooks: Record<string, (arg: string) => K | null> = {};

/** .z names later layers compute (`.z.W`, `.z.H`), by the name after `.z.`. */
export const dotzHooks: Record<string, () => K> = {};

/** `value` of a symbol naming a namespace (`` value `.q ``): its dictionary, or
 *  undefined when the symbol names no namespace (src/lang/namespaces.ts). */
export const namespaceHooks: { value?: (x: K) => K | undefined } = {};

/** Views (ref/view.md, src/lang/views.ts): `define` takes a top-level name::expr
 *  (true when it made a view), `read` gives a view's current value (a new K) or
 *  undefined when name is no view. */
export const viewHooks: {
  define?: (name: string, value: Node, src: string) => boolean;
  read?: (name: string) => K | undefined;
  /** the names of the live views, and a view as the root namespace holds it (`. `v): a new K */
  names?: () => string[];
  object?: (name: string) => K | undefined;
  /** drop every view (a session reset) */
  reset?: () => void;
} = {};
