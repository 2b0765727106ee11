// Joins: lj ljf ij ijf uj ujf ej pj aj aj0 ajf ajf0 asof wj wj1
// (ref/lj.md … ref/wj.md, basics/joins.md).
//
// Keyed joins find the rows of the right table once with the hashed row find
// (find.ts); as-of joins group the right table's rows by the equality columns
// (one counting sort) and binary-search the time column within each group in
// the engine (assembly/kernels/join.ts). Only wj's aggregates run per row, as
// q functions applied through the evaluator.

import { K } from '../k.js';
import { XD, XT } from '../types.js';
import { alloc, kernel, check } from '../runtime.js';
import { primValue } from '../lang/eval.js';
import { prim } from '../ops/registry.js';
import { rowFind, toLongs } from './find.js';
import { keyRows } from './keyed.js';
import {
  qerr, qf, using, V, apply, mapK, dictParts, longAt, mkTable, keyOn, unkey, isKeyed, deref, assignGlobal, symList, pick, keepKeys,
  at,
} from './util.js';

// ---------------------------------------------------------------- joining columns at row indexes

/** Positions (a long vector) where idx is a row of a table of n rows. */
function foundAt(idx: K, n: number): K {
  const lo = V.longAtom(-1), hi = V.longAtom(n);
  return using([lo, hi], () => {
    const a = qf('>', idx, lo), b = qf('<', idx, hi);
    const m = using([a, b], () => qf('&', a, b));
    return using([m], () => qf('where', m));
  });
}

/**
 * x with the columns of y at rows idx joined on: a column of both takes y's
 * item where idx finds a row (fill: unless that item is null), a column of y
 * only is y's column at idx (nulls where idx finds nothing).
 */
function joinAt(x: K, y: K, idx: K, fill: boolean, skip: string[] = []): K {
  const xn = x.columns, yn = y.columns.filter((c) => !skip.includes(c));
  const w = foundAt(idx, y.count);
  return using([w], () => {
    const all = w.count === idx.count;
    const iw = all ? idx.ref() : at(idx, w);
    return using([iw], () => {
      const common = (name: string): K => {
        const xc = x.col(name), yc = y.col(name);
        return using([xc, yc], () => {
          const yv = at(yc, iw);
          return using([yv], () => {
            if (all && !fill) return yv.ref();
            const xv = all ? xc.ref() : at(xc, w);
            return using([xv], () => {
              const nv = fill ? qf('^', xv, yv) : yv.ref();
              if (all) return nv;
              const assign = primValue(':');
              return using([nv, assign], () => qf('@', xc, w, assign, nv));
            });
          });
        });
      };
      const extra = yn.filter((n) => !xn.includes(n));
      const out = mapK([...xn, ...extra], (n) => {
        if (!xn.includes(n)) { const yc = y.col(n); return using([yc], () => at(yc, idx)); }
        return yn.includes(n) ? common(n) : x.col(n);
      });
      return mkTable([...xn, ...extra], out);
    });
  });
}

// ---------------------------------------------------------------- lj ij pj uj ej

/** A join whose left side may be a name (amended in place, answering the name) or a keyed table. */
function leftJoin(f: (x: K, y: K) => K) {
  const g = (x: K, y: K): K => {
    if (x.type === -11) {
      const v = deref(x);
      const r = using([v], () => g(v, y));
      using([r], () => assignGlobal(x, r));
      return x.ref();
    }
    if (x.type !== XT && !isKeyed(x)) throw qerr('type');
    return keepKeys(x, (t) => f(t, y));
  };
  return g;
}

function lookupRows(t: K, y: K): { idx: K; vals: K } {
  if (!isKeyed(y)) throw qerr('type');
  const keys = y.keys;
  return using([keys], () => ({ idx: keyRows(keys, t, true), vals: y.values }));
}

function lj(fill: boolean) {
  return leftJoin((t, y) => {
    if (y.type === 0 && y.count === 0) return t.ref();
    const { idx, vals } = lookupRows(t, y);
    return using([idx, vals], () => joinAt(t, vals, idx, fill));
  });
}

function ij(fill: boolean) {
  return leftJoin((t, y) => {
    const { idx, vals } = lookupRows(t, y);
    return using([idx, vals], () => {
      const w = foundAt(idx, vals.count);
      return using([w], () => {
        const tw = at(t, w), iw = at(idx, w);
        return using([tw, iw], () => joinAt(tw, vals, iw, fill));
      });
    });
  });
}

/** x pj y: x plus y's values at x's keys (0 where none). */
const pj = leftJoin((t, y) => {
  const { idx, vals } = lookupRows(t, y);
  return using([idx, vals], () => {
    const picked = at(vals, idx);
    return using([picked], () => {
      const zero = V.longAtom(0);
      const z = using([zero], () => qf('^', zero, picked));
      return using([z], () => {
        const xn = t.columns, yn = z.columns;
        const extra = yn.filter((n) => !xn.includes(n));
        const out = mapK([...xn, ...extra], (n) => {
          if (!xn.includes(n)) return z.col(n);
          const xc = t.col(n);
          if (!yn.includes(n)) return xc;
          const yc = z.col(n);
          return using([xc, yc], () => qf('+', xc, yc));
        });
        return mkTable([...xn, ...extra], out);
      });
    });
  });
});

/** Nulls of column c's type, n of them. */
function nullsLike(c: K, n: number): K {
  const idx = V.longVec(new Array(n).fill(-1));
  return using([idx], () => at(c, idx));
}

/** Rows of simple tables a then b, columns the union (a's first), nulls where a table lacks one. */
function unionRows(a: K, b: K): K {
  const an = a.columns, bn = b.columns;
  const names = [...an, ...bn.filter((n) => !an.includes(n))];
  return mkTable(names, mapK(names, (n) => {
    const ac = an.includes(n) ? a.col(n) : null, bc = bn.includes(n) ? b.col(n) : null;
    const ax = ac ?? nullsLike(bc!, a.count), bx = bc ?? nullsLike(ac!, b.count);
    return using([ax, bx], () => qf(',', ax, bx));
  }));
}

export function uj(fill: boolean) {
  return (x: K, y: K): K => {
    if (x.type === -11) {
      const v = deref(x);
      const r = using([v], () => uj(fill)(v, y));
      using([r], () => assignGlobal(x, r));
      return x.ref();
    }
    if (x.type === XT && y.type === XT) return unionRows(x, y);
    if (!isKeyed(x) || !isKeyed(y)) throw qerr('type');
    const xk = x.keys, yk = y.keys;
    return using([xk, yk], () => {
      const kn = xk.columns;
      if (kn.length !== yk.columns.length || kn.some((n, i) => yk.columns[i] !== n)) throw qerr('mismatch');
      const tx = unkey(x), ty = unkey(y);
      return using([tx, ty], () => {
        // y's rows that match a key of x update it; the others are appended
        const idx = keyRows(xk, ty);
        return using([idx], () => {
          const n = xk.count;
          const hitPos = foundAt(idx, n);
          return using([hitPos], () => {
            const all = unionRows(tx, ty);
            return using([all], () => {
              const til = V.longVec(Array.from({ length: ty.count }, (_, i) => i));
              const missPos = using([til], () => qf('except', til, hitPos));
              return using([missPos], () => {
                // top: x's rows, with y's matching rows joined at their x row
                const tilX = V.longVec(Array.from({ length: n }, (_, i) => i)), nA = V.longAtom(n);
                const top = using([tilX], () => at(all, tilX));
                const rowsY = qf('+', nA, hitPos);
                const src = using([rowsY], () => at(all, rowsY));
                const xRows = at(idx, hitPos);
                // back-index: for each x row, the position in src updating it (last wins)
                const atJs = [...(xRows.data as BigInt64Array)].map(Number);
                const back = new Array(n).fill(-1);
                atJs.forEach((r, i) => { back[r] = i; });
                const bk = V.longVec(back);
                const merged = using([top, src, xRows, bk], () => joinAt(top, src, bk, fill, [...kn, ...all.columns.filter((c) => !ty.columns.includes(c))]));
                const addRows = using([nA], () => qf('+', nA, missPos));
                return using([merged], () => {
                  const add = using([addRows], () => at(all, addRows));
                  const r = using([add], () => qf(',', merged, add));
                  return using([r], () => keyOn(r, kn.length));
                });
              });
            });
          });
        });
      });
    });
  };
}

/** ej[c;t1;t2]: every pair of rows equal on columns c, t2's other columns joined on. */
function ej(c: K, x: K, y: K): K {
  const by = symList(c);
  const t1 = unkey(x), t2 = unkey(y);
  return using([t1, t2], () => {
    const k2 = by.map((n) => t2.col(n)), k1 = by.map((n) => t1.col(n));
    return using([...k1, ...k2], () => {
      const n2 = t2.count;
      const g2 = rowFind(k2, k2), p1 = rowFind(k2, k1);
      return using([g2, p1], () => {
        const { order, start } = groupOrder(g2, n2, n2 + 1);
        return using([order, start], () => {
          const o = order.data as Int32Array, s = start.data as Int32Array, p = p1.data as BigInt64Array;
          const li: number[] = [], ri: number[] = [];
          for (let j = 0; j < p.length; j++) {
            const g = Number(p[j]);
            for (let q = s[g]; q < s[g + 1]; q++) { li.push(j); ri.push(o[q]); }
          }
          const L = V.longVec(li), R = V.longVec(ri);
          const lt = at(t1, L), rt = at(t2, R);
          return using([L, R, lt, rt], () => {
            const all = V.longVec(Array.from({ length: li.length }, (_, i) => i));
            return using([all], () => joinAt(lt, rt, all, false));
          });
        });
      });
    });
  });
}

// ---------------------------------------------------------------- as-of

/** Rows of a table grouped by id (gid longs in [0,g)): order (ints) and group starts (ints, g+1). */
function groupOrder(gid: K, n: number, g: number): { order: K; start: K } {
  const order = new K(alloc(6, n));
  let start: K;
  try { start = new K(alloc(6, g + 1)); } catch (e) { order.dispose(); throw e; }
  if (!kernel('group_order')(gid.ptr + 16, n, g, order.ptr + 16, start.ptr + 16)) {
    order.dispose(); start.dispose(); check(0); // 'wsfull, or 'stop (assembly/poll.ts)
  }
  return { order, start };
}

const TIME_CLASS: Record<number, string> = {
  1: 'G', 4: 'G', 10: 'G', 5: 'H', 6: 'I', 13: 'I', 14: 'I', 17: 'I', 18: 'I', 19: 'I',
  7: 'J', 12: 'J', 16: 'J', 8: 'E', 9: 'F', 15: 'F',
};

/** The right table grouped on its equality columns, with the probes' groups. */
interface AsofIndex { order: K; start: K; pgid: K; dispose(): void }

function asofIndex(qEq: K[], pEq: K[], nq: number, np: number): AsofIndex {
  let gq: K, pg: K, g: number;
  if (qEq.length === 0) {
    gq = V.longVec(new Array(nq).fill(0));
    pg = V.longVec(new Array(np).fill(0));
    g = 1;
  } else {
    // dense group ids: the distinct keys of the right table (few, so the hash stays in cache)
    const one = qEq.length === 1;
    const idq = one ? qEq[0].ref() : rowFind(qEq, qEq), idp = one ? pEq[0].ref() : rowFind(qEq, pEq);
    let u: K;
    try { u = qf('distinct', idq); } catch (e) { idq.dispose(); idp.dispose(); throw e; }
    g = u.count + 1;
    try {
      if (one && u.type > 0 && u.type < 20 && idp.type !== u.type) throw qerr('type');
      gq = toLongs(qf('?', u, idq));
      try { pg = toLongs(qf('?', u, idp)); } catch (e) { gq.dispose(); throw e; }
    } finally { u.dispose(); idq.dispose(); idp.dispose(); }
  }
  let grouped: { order: K; start: K };
  try { grouped = using([gq], () => groupOrder(gq, nq, g)); } catch (e) { pg.dispose(); throw e; }
  const { order, start } = grouped;
  return { order, start, pgid: pg, dispose() { order.dispose(); start.dispose(); pg.dispose(); } };
}

/** Positions (in ix.order) ending the rows of each probe's group with time <= (strict: <) its time. */
function asofPos(ix: AsofIndex, qt: K, pt: K, strict: boolean): K {
  if (qt.type !== pt.type) throw qerr('type');
  const cls = TIME_CLASS[qt.type];
  if (!cls) throw qerr('type');
  const m = pt.count;
  const out = new K(alloc(7, m));
  if (!kernel('asof_' + cls)(qt.ptr + 16, ix.order.ptr + 16, ix.start.ptr + 16, ix.pgid.ptr + 16, pt.ptr + 16, m, out.ptr + 16, strict)) {
    out.dispose(); check(0); // 'stop
  }
  return out;
}

/** For each probe row, the right table's last row in its group at or before its time; -1 for none. */
function asofRows(q: K, t: K, by: string[]): K {
  const eq = by.slice(0, -1), tn = by[by.length - 1];
  for (const n of by) { if (!q.columns.includes(n)) throw qerr(n); if (!t.columns.includes(n)) throw qerr(n); }
  const qEq = eq.map((n) => q.col(n)), pEq = eq.map((n) => t.col(n));
  const qt = q.col(tn), pt = t.col(tn);
  return using([...qEq, ...pEq, qt, pt], () => {
    const ix = asofIndex(qEq, pEq, q.count, t.count);
    try {
      const pos = asofPos(ix, qt, pt, false);
      return using([pos], () => {
        const m = t.count;
        const rows = new K(alloc(7, m));
        kernel('asof_rows')(pos.ptr + 16, ix.order.ptr + 16, ix.start.ptr + 16, ix.pgid.ptr + 16, m, rows.ptr + 16);
        return rows;
      });
    } finally { ix.dispose(); }
  });
}

/** aj aj0 ajf ajf0: keep the left time (aj) or take the right one (aj0); fill from the left where the right is null (ajf). */
function aj(keepRightTime: boolean, fill: boolean) {
  return (c: K, x: K, y: K): K => {
    if (x.type === -11) {
      const v = deref(x);
      const r = using([v], () => aj(keepRightTime, fill)(c, v, y));
      using([r], () => assignGlobal(x, r));
      return x.ref();
    }
    const by = symList(c);
    if (by.length === 0) throw qerr('length');
    const q = deref(y);
    return using([q], () => {
      if (q.type !== XT) throw qerr('type');
      return keepKeys(x, (t) => {
        const rows = asofRows(q, t, by);
        const skip = keepRightTime ? by.slice(0, -1) : by;
        return using([rows], () => joinAt(t, q, rows, fill, skip));
      });
    });
  };
}

/** t asof d: t's other columns at the last row matching d (a record or a table of probes). */
function asof(x: K, d: K): K {
  const t = unkey(x);
  return using([t], () => {
    const probes = d.type === XD ? (() => { const { names, vals } = dictParts(d); return using(vals, () => mkTable(names, mapK(vals, (v) => qf('enlist', v)))); })() : unkey(d);
    return using([probes], () => {
      const by = probes.columns;
      const rows = asofRows(t, probes, by);
      return using([rows], () => {
        const rest = pick(t, t.columns.filter((n) => !by.includes(n)));
        return using([rest], () => {
          if (d.type === XD) {
            const r = longAt(rows, 0);
            return V.tableRow(rest, r < 0 ? null : r);
          }
          return at(rest, rows);
        });
      });
    });
  });
}

/** wj wj1: aggregates of the right table's columns over each row's window [w0;w1]. */
function wj(prevailing: boolean) {
  return (w: K, c: K, x: K, spec: K): K => {
    const by = symList(c);
    if (by.length === 0) throw qerr('length');
    if (spec.type !== 0 || spec.count < 1) throw qerr('type');
    const parts = V.itemsOf(spec);
    return using(parts, () => {
      const q = deref(parts[0]);
      return using([q], () => {
        if (q.type !== XT) throw qerr('type');
        const t = x.type === -11 ? deref(x) : unkey(x);
        return using([t], () => {
          if (w.count !== 2) throw qerr('length');
          const [w0, w1] = V.itemsOf(w);
          return using([w0, w1], () => {
            if (w0.count !== t.count || w1.count !== t.count) throw qerr('length');
            const eq = by.slice(0, -1), tn = by[by.length - 1];
            const qEq = eq.map((n) => q.col(n)), pEq = eq.map((n) => t.col(n));
            const qt = q.col(tn);
            return using([...qEq, ...pEq, qt], () => {
              const ix = asofIndex(qEq, pEq, q.count, t.count);
              try {
                const hi = asofPos(ix, qt, w1, false);
                const lo = asofPos(ix, qt, w0, !prevailing);
                return using([hi, lo], () => aggregate(t, q, parts.slice(1), ix, lo, hi, prevailing));
              } finally { ix.dispose(); }
            });
          });
        });
      });
    });
  };
}

function aggregate(t: K, q: K, specs: K[], ix: AsofIndex, lo: K, hi: K, prevailing: boolean): K {
  const o = ix.order.data as Int32Array, s = ix.start.data as Int32Array;
  const g = ix.pgid.data as BigInt64Array, L = lo.data as BigInt64Array, H = hi.data as BigInt64Array;
  // window rows per probe, as positions into order
  const ranges: [number, number][] = [];
  for (let j = 0; j < t.count; j++) {
    const st = s[Number(g[j])];
    let a = Number(L[j]);
    if (prevailing) a = Math.max(st, a - 1);
    ranges.push([a, Math.max(a, Number(H[j]))]);
  }
  const orderCopy = Array.from(o);
  const names: string[] = [], cols: K[] = [];
  try {
    for (const sp of specs) {
      const items = V.itemsOf(sp);
      using(items, () => {
        if (items.length < 2) throw qerr('length');
        const f = items[0];
        const cs = items.slice(1).map((n) => { const nm = V.textOf(n); if (!q.columns.includes(nm)) throw qerr(nm); return q.col(nm); });
        using(cs, () => {
          const res: K[] = [];
          try {
            for (const [a, b] of ranges) {
              const rows = V.longVec(orderCopy.slice(a, b));
              const args = using([rows], () => cs.map((c) => at(c, rows)));
              res.push(using(args, () => apply(f, args)));
            }
          } catch (e) { res.forEach((k) => k.dispose()); throw e; }
          names.push(V.textOf(items[items.length - 1]));
          cols.push(V.listOf(res));
        });
      });
    }
  } catch (e) { cols.forEach((k) => k.dispose()); throw e; }
  const tn = t.columns;
  const keep = tn.filter((n) => !names.includes(n));
  return mkTable([...keep, ...names], [...keep.map((n) => t.col(n)), ...cols]);
}

export function registerJoins(): void {
  prim('lj', { dyad: lj(false) });
  prim('ljf', { dyad: lj(true) });
  prim('ij', { dyad: ij(false) });
  prim('ijf', { dyad: ij(true) });
  prim('pj', { dyad: pj });
  prim('uj', { dyad: uj(false) });
  prim('ujf', { dyad: uj(true) });
  prim('ej', { triad: ej });
  prim('aj', { triad: aj(false, false) });
  prim('aj0', { triad: aj(true, false) });
  prim('ajf', { triad: aj(false, true) });
  prim('ajf0', { triad: aj(true, true) });
  prim('asof', { dyad: asof });
  prim('wj', { tetrad: wj(true) });
  prim('wj1', { tetrad: wj(false) });
}

