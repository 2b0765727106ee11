// Matrices of floats (ref/mmu.md, inv.md, lsq.md): mmu and the matrix form of
// `$`, inv (LU with partial pivoting; a singular matrix gives nulls), lsq
// (normal equations solved by Cholesky), and xrank.

import { K } from '../k.js';
import { prim, PRIMS } from '../ops/registry.js';
import { qerr, vec, listOf, drop, itemsOf } from './util.js';
import { dropAll } from './util.js';
import { qdef } from './qdef.js';
import * as V from '../lang/values.js';

type Mat = Float64Array[];

const isFloatVec = (x: K) => x.type === 9;
function isFloatMat(x: K): boolean {
  if (x.type !== 0 || x.count === 0) return false;
  const items = itemsOf(x);
  try { return items.every((k) => k.type === 9 && k.count === items[0].count); } finally { dropAll(items); }
}

function rows(x: K): Mat {
  if (x.type === 9) return [Float64Array.from(x.data as Float64Array)];
  if (!isFloatMat(x)) throw qerr('type');
  const items = itemsOf(x);
  try { return items.map((k) => Float64Array.from(k.data as Float64Array)); } finally { dropAll(items); }
}

const toK = (m: Mat): K => listOf(m.map((r) => vec(9, r)));

function mul(a: Mat, b: Mat): Mat {
  const n = b.length, p = b[0]?.length ?? 0;
  if (a.some((r) => r.length !== n)) throw qerr('length');
  return a.map((r) => {
    const out = new Float64Array(p);
    for (let k = 0; k < n; k++) { const v = r[k], bk = b[k]; for (let j = 0; j < p; j++) out[j] += v * bk[j]; }
    return out;
  });
}

function mmu(x: K, y: K): K {
  const xv = isFloatVec(x), yv = isFloatVec(y);
  if (!(xv || isFloatMat(x)) || !(yv || isFloatMat(y))) throw qerr('type');
  if (xv && yv) {
    if (x.count !== y.count) throw qerr('length');
    const a = x.data as Float64Array, b = y.data as Float64Array;
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i] * b[i];
    return V.atomOf(9, s);
  }
  if (yv) {
    // matrix . vector: one dot product per row
    const b = [Float64Array.from(y.data as Float64Array)].flatMap((r) => Array.from(r, (v) => Float64Array.of(v)));
    return vec(9, mul(rows(x), b).map((r) => r[0]));
  }
  const b = rows(y);
  if (xv) return vec(9, mul(rows(x), b)[0]);
  return toK(mul(rows(x), b));
}

/** Inverse by Gauss-Jordan elimination with partial pivoting; null when singular. */
function invert(a: Mat): Mat | null {
  const n = a.length;
  if (a.some((r) => r.length !== n)) throw qerr('length');
  const m = a.map((r, i) => { const e = new Float64Array(2 * n); e.set(r); e[n + i] = 1; return e; });
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    if (m[p][c] === 0 || !Number.isFinite(m[p][c])) return null;
    [m[c], m[p]] = [m[p], m[c]];
    const piv = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= piv;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c];
      if (f !== 0) for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return m.map((r) => r.slice(n));
}

function inv(x: K): K {
  const a = rows(x);
  if (x.type === 9) throw qerr('length');
  const r = invert(a);
  return toK(r ?? a.map((row) => new Float64Array(row.length).fill(NaN)));
}

function transpose(a: Mat): Mat {
  const n = a[0]?.length ?? 0;
  return Array.from({ length: n }, (_, j) => Float64Array.from(a, (r) => r[j]));
}

/** x lsq y: the least-squares solution of x = r mmu y, r = (x yᵀ)(y yᵀ)⁻¹ via Cholesky. */
function lsq(x: K, y: K): K {
  const xs = rows(x), ys = rows(y);
  if (xs[0].length !== ys[0].length) throw qerr('length');
  const yt = transpose(ys);
  const m = mul(ys, yt); // k×k, symmetric positive definite when y's rows are independent
  const b = mul(xs, yt); // rows × k
  const k = m.length;
  const l = Array.from({ length: k }, () => new Float64Array(k));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i][j];
      for (let t = 0; t < j; t++) s -= l[i][t] * l[j][t];
      if (i === j) {
        if (!(s > 0)) return toK(xs.map(() => new Float64Array(k).fill(NaN)));
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  // each row r of the result solves M rᵀ = bᵀ: forward then back substitution
  const out = b.map((row) => {
    const z = new Float64Array(k);
    for (let i = 0; i < k; i++) { let s = row[i]; for (let t = 0; t < i; t++) s -= l[i][t] * z[t]; z[i] = s / l[i][i]; }
    const r = new Float64Array(k);
    for (let i = k - 1; i >= 0; i--) { let s = z[i]; for (let t = i + 1; t < k; t++) s -= l[t][i] * r[t]; r[i] = s / l[i][i]; }
    return r;
  });
  return x.type === 9 ? vec(9, out[0]) : toK(out);
}

prim('mmu', { dyad: mmu });
prim('inv', { monad: inv });
prim('lsq', { dyad: lsq });

// x$y with float vectors or matrices on both sides is the matrix product (a cast never has floats on the left)
const cast = PRIMS.get('$')?.dyad;
prim('$', {
  dyad: (x, y) => ((isFloatVec(x) || isFloatMat(x)) && (isFloatVec(y) || isFloatMat(y)) ? mmu(x, y) : cast ? cast(x, y) : (() => { throw qerr('nyi'); })()),
});

qdef('xrank', '{$[0h>type y;\'`rank;@[count[y]#0;iasc y;:;(x*til n)div n:count y]]}');

export { mmu, inv, lsq };
