// Aggregates of general lists fold q's atomic dyads over the items (`sum (1 2;3 4)`
// is 1 2+3 4). The dyads belong to the atomic family: when the primitive table
// has them they are used; until then a small JS fallback covers numeric atoms and
// vectors (b x h i j e f) with q's type promotion and null rules.

import { E, mem, alloc, hdrType, hdrCount, child } from '../../runtime.js';
import { K } from '../../k.js';
import { QError } from '../../errors.js';
import { PRIMS } from '../registry.js';
import { simplify } from '../core.js';
import { own, put } from './util.js';

export type Glyph = '+' | '-' | '*' | '%' | '|' | '&';

/** a op b through the primitive table, else the fallback. Borrows, returns new. */
export function pair(g: Glyph, a: K, b: K): K {
  const f = PRIMS.get(g)?.dyad;
  if (f) return f(a, b);
  return own(fallback(g, a.ptr, b.ptr));
}

/** Folds op over the items of general list x (borrowed). */
export function fold(g: Glyph, x: K, empty: () => K): K {
  const p = x.ptr, n = hdrCount(p);
  if (n === 0) return empty();
  let acc = new K(E.r1(child(p, 0)));
  for (let i = 1; i < n; i++) {
    const c = new K(E.r1(child(p, i)));
    try {
      const r = pair(g, acc, c);
      acc.dispose();
      acc = r;
    } catch (e) { acc.dispose(); throw e; } finally { c.dispose(); }
  }
  return acc;
}

const RANK: Record<number, number> = { 1: 0, 4: 1, 5: 2, 6: 3, 7: 4, 8: 5, 9: 6 };
const CODE = [1, 4, 5, 6, 7, 8, 9];

function rankOf(t: number): number {
  const r = RANK[Math.abs(t)];
  if (r === undefined) throw new QError(Math.abs(t) >= 10 ? 'type' : 'nyi');
  return r;
}

/** Item i of simple block p as number (NaN for null) or bigint (null flagged). */
function get(p: number, i: number): { v: number | bigint; nul: boolean } {
  const t = Math.abs(hdrType(p)), m = mem(), d = p + 16;
  switch (t) {
    case 1: case 4: return { v: m.u8[d + i], nul: false };
    case 5: { const v = m.i16[(d >>> 1) + i]; return { v, nul: v === -32768 }; }
    case 6: { const v = m.i32[(d >>> 2) + i]; return { v, nul: v === -2147483648 }; }
    case 7: { const v = m.i64[(d >>> 3) + i]; return { v, nul: v === -9223372036854775808n }; }
    case 8: { const v = m.f32[(d >>> 2) + i]; return { v, nul: v !== v }; }
    default: { const v = m.f64[(d >>> 3) + i]; return { v, nul: v !== v }; }
  }
}

function fallback(g: Glyph, a: number, b: number): number {
  const ta = hdrType(a), tb = hdrType(b);
  if (ta === 0 || tb === 0) return itemwise(g, a, b);
  if (ta >= 20 || tb >= 20 || ta <= -20 || tb <= -20) throw new QError('type');
  const ra = rankOf(ta), rb = rankOf(tb);
  let r = Math.max(ra, rb);
  if ((g === '+' || g === '-' || g === '*') && r <= 3) r = 3;
  if (g === '%') r = 6;
  const rt = CODE[r];
  const na = ta < 0 ? 1 : hdrCount(a), nb = tb < 0 ? 1 : hdrCount(b);
  if (ta >= 0 && tb >= 0 && na !== nb) throw new QError('length');
  const atom = ta < 0 && tb < 0;
  const n = atom ? 1 : ta < 0 ? nb : na;
  const out = alloc(atom ? -rt : rt, n);
  const big = rt === 7, flt = rt >= 8, nul = big ? -9223372036854775808n : rt === 6 ? -2147483648 : 0;
  for (let i = 0; i < n; i++) {
    const x = get(a, ta < 0 ? 0 : i), y = get(b, tb < 0 ? 0 : i);
    let v: number | bigint;
    if (big) {
      const xv = BigInt(x.nul ? -9223372036854775808n : x.v), yv = BigInt(y.nul ? -9223372036854775808n : y.v);
      if (g === '+') v = x.nul || y.nul ? nul : BigInt.asIntN(64, xv + yv);
      else if (g === '-') v = x.nul || y.nul ? nul : BigInt.asIntN(64, xv - yv);
      else if (g === '*') v = x.nul || y.nul ? nul : BigInt.asIntN(64, xv * yv);
      else v = g === '|' ? (xv > yv ? xv : yv) : (xv < yv ? xv : yv);
    } else {
      const xv = x.nul ? (flt ? NaN : -2147483648) : Number(x.v), yv = y.nul ? (flt ? NaN : -2147483648) : Number(y.v);
      if (g === '+') v = flt ? xv + yv : x.nul || y.nul ? nul : (xv + yv) | 0;
      else if (g === '-') v = flt ? xv - yv : x.nul || y.nul ? nul : (xv - yv) | 0;
      else if (g === '%') v = xv / yv;
      else if (g === '*') v = flt ? xv * yv : x.nul || y.nul ? nul : Math.imul(xv, yv);
      else if (flt) {
        // q orders NaN below everything
        if (g === '|') v = xv !== xv ? yv : yv !== yv ? xv : Math.max(xv, yv);
        else v = xv !== xv || yv !== yv ? NaN : Math.min(xv, yv);
      } else v = g === '|' ? Math.max(xv, yv) : Math.min(xv, yv);
    }
    put(out, rt, i, v);
  }
  return out;
}

function itemwise(g: Glyph, a: number, b: number): number {
  const ta = hdrType(a), tb = hdrType(b);
  const na = ta < 0 ? 1 : hdrCount(a), nb = tb < 0 ? 1 : hdrCount(b);
  if (ta >= 0 && tb >= 0 && na !== nb) throw new QError('length');
  const n = ta < 0 ? nb : na;
  const out = alloc(0, n);
  mem().u32.fill(0, (out + 16) >>> 2, ((out + 16) >>> 2) + n);
  try {
    for (let i = 0; i < n; i++) {
      const x = itemK(a, i), y = itemK(b, i);
      try {
        const r = pair(g, x, y);
        mem().u32[((out + 16) >>> 2) + i] = E.r1(r.ptr);
        r.dispose();
      } finally { x.dispose(); y.dispose(); }
    }
  } catch (e) { E.r0(out); throw e; }
  return simplify(out);
}

function itemK(p: number, i: number): K {
  const t = hdrType(p);
  if (t < 0) return new K(E.r1(p));
  if (t === 0) return new K(E.r1(child(p, i)));
  const k = new K(E.r1(p));
  try { return k.item(i); } finally { k.dispose(); }
}
