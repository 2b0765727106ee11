// A compiled q-sql phrase, shared by the executor and the grouped-aggregate planner.
import type { K } from '../k.js';
import type { Node } from '../lang/parser.js';

/** A compiled phrase: the columns it reads (its scope) and its closure. */
export interface Phrase { node: Node; scope: string[]; run: (env: readonly K[]) => K }
