// fby: (f;x) fby g applies f to the items of x in each group of g and gives
// every item its group's result — a filter by group inside a where phrase
// (`select from t where px=(max;px) fby sym`). g may be a table: one group per
// distinct row.

import type { K } from '../k.js';
import { XT } from '../types.js';
import { prim } from '../ops/registry.js';
import * as V from '../lang/values.js';
import { apply, callPrim } from '../lang/eval.js';
import { qerr } from '../lang/error.js';
import { colsOf, rowsK, at, extend } from './frame.js';
import { groupBy, type GroupIndex } from './group.js';
import { groupedAgg, AggCache } from './agg.js';
import type { Phrase } from './phrase.js';

function fby(fx: K, g: K): K {
  if (fx.type !== 0 || fx.count !== 2) throw qerr('type');
  const [f, x] = V.itemsOf(fx);
  try {
    let keys: K[];
    if (g.type === XT) keys = colsOf(g).cols;
    else keys = [g.ref()];
    try {
      const n = keys[0].type >= 0 ? keys[0].count : 1;
      if (x.type < 0 || x.count !== n) throw qerr('length');
      const ix = groupBy(keys, n);
      try {
        // a primitive aggregate (sum max avg …) runs as one grouped kernel pass
        const fast = kernelFby(f, x, ix);
        if (fast) return fast;
        const res: K[] = [];
        try {
          for (let k = 0; k < ix.n; k++) {
            const rows = rowsK(ix.order, ix.starts[k], ix.starts[k + 1]);
            try {
              const part = at(x, rows);
              try { res.push(apply(f, [part])); } finally { part.dispose(); }
            } finally { rows.dispose(); }
          }
        } catch (e) { res.forEach((r) => r.dispose()); throw e; }
        // no rows: f on the empty x gives the result's type
        if (ix.n === 0) {
          const r = apply(f, [x]);
          try { return r.type < 0 ? extend(r, 0) : x.ref(); } finally { r.dispose(); }
        }
        // an aggregate's atoms spread over their groups; a uniform function's lists (or a mix) go in
        // at their groups' rows, as q's amend of the groups does ('length when a list does not fit)
        if (res.every((r) => r.type < 0)) {
          const per = V.listOf(res);
          try { return at(per, ix.gidK); } finally { per.dispose(); }
        }
        return spread(res, ix);
      } finally { ix.dispose(); }
    } finally { keys.forEach((k) => k.dispose()); }
  } finally { f.dispose(); x.dispose(); }
}

/** Per-group values (consumed) in row order: group g's value fills its rows, an atom repeated. */
function spread(res: K[], ix: GroupIndex): K {
  const parts: K[] = [];
  try {
    for (let k = 0; k < ix.n; k++) {
      const size = ix.starts[k + 1] - ix.starts[k], r = res[k];
      if (r.type >= 0 && r.count !== size) throw qerr('length');
      parts.push(extend(r, size));
    }
  } catch (e) { parts.forEach((p) => p.dispose()); throw e; } finally { res.forEach((r) => r.dispose()); }
  const all = V.generalOf(parts);
  let flat: K;
  try { flat = callPrim('raze', [all]); } finally { all.dispose(); }
  // flat is in group order: item k belongs to row order[k]
  const order = ix.order, inv = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) inv[order[k]] = k;
  const ik = rowsK(inv);
  try { return at(flat, ik); } finally { ik.dispose(); flat.dispose(); }
}

/** (agg;x) fby g through the group kernels; null when agg is not one of theirs. */
function kernelFby(f: K, x: K, ix: GroupIndex): K | null {
  if (f.type < 100 || x.type <= 0 || x.type >= 20) return null;
  const p = { node: { k: 'app', f: { k: 'value', v: f }, args: [{ k: 'name', name: 'x' }], how: 'prefix' } } as unknown as Phrase;
  const cache = new AggCache();
  let per: K | null;
  try { per = groupedAgg(p, { names: ['x'], cols: [x] }, null, ix, cache); } finally { cache.dispose(); }
  if (!per) return null;
  try { return at(per, ix.gidK); } finally { per.dispose(); }
}

prim('fby', { dyad: fby });
