// The table layer registers its verbs (and its extensions of #, _ and the
// keyed lookup) in the primitive registry on import. src/q.ts imports it after
// the kernel families, so an extension wraps the family's own entry.

import type { K } from '../k.js';
import { XT } from '../types.js';
import { prim, lookup, type Dyad } from '../ops/registry.js';
import { tableHooks } from '../lang/values.js';
import { qerr, isKeyed, pick, symList, unkey, keyCount, V } from './util.js';
import { keyedIndex, keyedAmend, takeKeyed, xkey } from './keyed.js';
import { meta, cols, keys, keyByName, xcol, xcols, xasc, xdesc, ungroup, xgroup, insert, upsert } from './ops.js';
import { registerJoins, uj as ujoin } from './join.js';
import { upsertInPlace } from './inplace.js';

tableHooks.keyedIndex = keyedIndex;
tableHooks.keyedAmend = keyedAmend;
tableHooks.upsertOwned = upsertInPlace;

/** Wrap the dyad of `op`: `mine` answers, or returns undefined to fall through to the family's entry. */
function extendDyad(op: string, mine: (x: K, y: K) => K | undefined): void {
  const base = lookup(op)?.dyad;
  const d: Dyad = (x, y) => {
    const r = mine(x, y);
    if (r) return r;
    if (!base) throw qerr('nyi');
    return base(x, y);
  };
  prim(op, { dyad: d });
}

// columns of a table by name; the records of a keyed table at a table of keys
extendDyad('#', (x, y) => {
  if (x.type === XT && isKeyed(y)) return takeKeyed(x, y);
  if (x.type === 11 && y.type === XT) return pick(y, V.symsOf(x));
  return undefined;
});

// dropping columns of a table by name
extendDyad('_', (x, y) => {
  if (y.type === XT && (x.type === 11 || (x.type === 0 && x.count === 0))) {
    const drop = symList(x);
    return pick(y, y.columns.filter((c) => !drop.includes(c)));
  }
  if (y.type === XT && x.type === -11) throw qerr('type');
  return undefined;
});

prim('xkey', { dyad: xkey });
prim('meta', { monad: meta });
prim('cols', { monad: cols });
prim('keys', { monad: keys });
prim('xcol', { dyad: xcol });
prim('xcols', { dyad: xcols });
prim('xasc', { dyad: xasc });
prim('xdesc', { dyad: xdesc });
prim('ungroup', { monad: ungroup });
prim('xgroup', { dyad: xgroup });
prim('insert', { dyad: insert });
prim('upsert', { dyad: upsert });
registerJoins();
import './api.js';

// joining tables: columns matched by name ('mismatch when the names differ); keyed tables upsert by key
extendDyad(',', (x, y) => {
  const xk = isKeyed(x), yk = isKeyed(y);
  if (x.type === XT && y.type === XT) {
    const xn = x.columns, yn = y.columns;
    if (xn.length !== yn.length || xn.some((n) => !yn.includes(n))) throw qerr('mismatch');
    if (xn.some((n, i) => yn[i] !== n)) {
      const yy = pick(y, xn);
      try { return lookup(',')!.dyad!(x, yy); } finally { yy.dispose(); }
    }
    return undefined;
  }
  if (xk && yk) {
    const a = unkey(x), b = unkey(y);
    try {
      const an = a.columns, bn = b.columns;
      if (an.length !== bn.length || an.some((n) => !bn.includes(n)) || keyCount(x) !== keyCount(y)) throw qerr('mismatch');
      return upsert(x, y);
    } finally { a.dispose(); b.dispose(); }
  }
  if (xk && y.type === XT) return upsert(x, y);
  return undefined;
});

// coalescing keyed tables: y's records upserted, its nulls keeping x's values
extendDyad('^', (x, y) => {
  if (isKeyed(x) && isKeyed(y)) return ujoin(true)(x, y);
  return undefined;
});

// n!`t keys the global table t in place
extendDyad('!', (x, y) => {
  if (x.type < 0 && V.isIntegral(-x.type) && y.type === -11) return keyByName(x, y);
  return undefined;
});

// attributes in use, then enumerations, which wrap every primitive registered so far: keep these last
import { registerAttrs } from './attr.js';
import { registerEnums } from './enum.js';
registerAttrs();
registerEnums();
