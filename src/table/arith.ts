// Arithmetic (any atomic dyad: + - * % & | …) on two keyed tables whose keys
// differ, as on two dictionaries: upsert semantics by key. A key of x that y
// also has gets x's record op y's; a key only x has keeps x's record; a key only
// y has is appended with y's record (negated for Subtract, as for dictionaries).
// Records of two value tables meet column by column as dictionaries do: the
// union of their columns, a column one side lacks taken from the other side
// (negated for Subtract when only y has it) and null for keys that side lacks.
//
// The atomic driver (src/ops/atomic/drive.ts) calls this through its keyedHook;
// it works on pointers there, so this borrows x and y and returns a new block.

import { K } from '../k.js';
import { E } from '../runtime.js';
import { XT } from '../types.js';
import * as V from '../lang/values.js';
import { callPrim, primValue } from '../lang/eval.js';
import { qerr } from '../lang/error.js';
import { keyedHook, type Leaf1, type Leaf2 } from '../ops/atomic/drive.js';
import { rowsK, rowsOf, at, colsOf, disposeCols } from '../qsql/frame.js';

/** A new K from a block a leaf function returned. */
const own = (p: number): K => new K(p);

/** The columns of a keyed table's value part (a table), or the value itself as one column. */
function columnsOf(v: K): { names: string[] | null; cols: K[] } {
  if (v.type === XT) { const c = colsOf(v); return { names: c.names, cols: c.cols }; }
  return { names: null, cols: [v.ref()] };
}

function merge(f: Leaf2, xp: number, yp: number, yOnly?: Leaf1): number {
  const x = new K(E.r1(xp)), y = new K(E.r1(yp));
  const bag: K[] = [x, y];
  const keep = <T extends K>(k: T): T => { bag.push(k); return k; };
  try {
    const kx = keep(x.keys), ky = keep(y.keys), vx = keep(x.values), vy = keep(y.values);
    const namesX = kx.columns, namesY = ky.columns;
    if (namesX.length !== namesY.length || namesX.some((n, j) => n !== namesY[j])) throw qerr('nyi');
    const cx = columnsOf(vx), cy = columnsOf(vy);
    try {
      if ((cx.names === null) !== (cy.names === null)) throw qerr('nyi');
      // value tables with other columns: records meet as dictionaries do, over the
      // union of the columns (x's, then y's others); see the column loop below
      const all = cx.names ? [...cx.names, ...cy.names!.filter((n) => !cx.names!.includes(n))] : null;
      const colX = (n: string | null, c: number) => (n === null ? cx.cols[c] : cx.cols[cx.names!.indexOf(n)]);
      const colY = (n: string | null, c: number) => (n === null ? cy.cols[c] : cy.cols[cy.names!.indexOf(n)]);
      // where each key of y sits in x (count x when it does not)
      const pos = rowsOf(keep(callPrim('?', [kx, ky])));
      const nx = kx.count;
      const I: number[] = [], J: number[] = [], extra: number[] = [];
      pos.forEach((p, j) => { if (p < nx) { I.push(p); J.push(j); } else extra.push(j); });
      const IK = keep(rowsK(I)), JK = keep(rowsK(J)), EK = keep(rowsK(extra));
      const keys = extra.length ? keep(callPrim(',', [kx, keep(at(ky, EK))])) : kx;
      const assign = keep(primValue(':'));
      const out: K[] = [];
      try {
        /** n nulls of c's type (a gather past its end). */
        const nulls = (c: K, n: number) => { const oob = rowsK(new Array(n).fill(c.count)); try { return at(c, oob); } finally { oob.dispose(); } };
        (all ?? [null]).forEach((name, c) => {
          const a: K | undefined = colX(name, c), b: K | undefined = colY(name, c);
          if (!b) {
            // only x has the column: its values, nulls for the keys only y has
            let col = a!.ref();
            if (extra.length) { const tail = nulls(a!, extra.length); try { const j = callPrim(',', [col, tail]); col.dispose(); col = j; } finally { tail.dispose(); } }
            out.push(col);
            return;
          }
          if (!a) {
            // only y has the column: y's values (negated for Subtract) where y has the key, nulls elsewhere
            const yv = (ix: K) => { const t = at(b, ix); if (!yOnly) return t; try { return negated(yOnly, t); } finally { t.dispose(); } };
            let col = nulls(b, nx);
            if (I.length) { const r = yv(JK); try { const m = callPrim('@', [col, IK, assign, r]); col.dispose(); col = m; } finally { r.dispose(); } }
            if (extra.length) { const tail = yv(EK); try { const j = callPrim(',', [col, tail]); col.dispose(); col = j; } finally { tail.dispose(); } }
            out.push(col);
            return;
          }
          let col = a.ref();
          if (extra.length) {
            let tail = at(b, EK);
            if (yOnly) { const t2 = negated(yOnly, tail); tail.dispose(); tail = t2; }
            try { const j = callPrim(',', [col, tail]); col.dispose(); col = j; } finally { tail.dispose(); }
          }
          if (I.length) {
            const ai = at(a, IK), bj = at(b, JK);
            try {
              const r = own(f(ai.ptr, bj.ptr));
              try { const amended = callPrim('@', [col, IK, assign, r]); col.dispose(); col = amended; } finally { r.dispose(); }
            } finally { ai.dispose(); bj.dispose(); }
          }
          out.push(col);
        });
        let vals: K;
        if (all) {
          const d = V.dictOf(V.symVec(all), V.generalOf(out.map((k) => k.ref())));
          try { vals = callPrim('flip', [d]); } finally { d.dispose(); }
        } else vals = out[0].ref();
        const r = V.dictOf(keys.ref(), vals);
        const p = E.r1(r.ptr);
        r.dispose();
        return p;
      } finally { out.forEach((k) => k.dispose()); }
    } finally {
      disposeCols({ names: [], cols: cx.cols });
      disposeCols({ names: [], cols: cy.cols });
    }
  } finally { bag.forEach((k) => k.dispose()); }
}

/** yOnly applied to the records only y has: to a simple column at once, item by item otherwise. */
function negated(g: Leaf1, col: K): K {
  if (col.type > 0 && col.type < 20) return own(g(col.ptr));
  return V.mapItems(col, (it) => own(g(it.ptr)));
}

keyedHook.merge = merge;
