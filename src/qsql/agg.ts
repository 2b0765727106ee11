// Grouped aggregates: `agg col` phrases of a by query run in one pass per
// column through the group kernels (assembly/kernels/group.ts); null when the
// phrase is not one of them and must be applied group by group.

import type { K } from '../k.js';
import type { Cols } from './frame.js';
import type { GroupIndex } from './group.js';
import type { Phrase } from './exec.js';

export function groupedAgg(_p: Phrase, _t: Cols, _rows: Int32Array | null, _ix: GroupIndex): K | null {
  return null;
}
