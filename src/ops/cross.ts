// x cross y: every pairing of an item of x with an item of y, x's order major.
// Built from the registered primitives: index both sides with i div m and
// i mod m, then join each pair (rows of two tables join into wider rows).

import { E, alloc, mem } from '../runtime.js';
import { K } from '../k.js';
import { QError } from '../errors.js';
import { KJ, XT } from '../types.js';
import { prim, lookup } from './registry.js';
import { simplify, enlist, flip } from './core.js';
import { lift, takePtr } from './lift.js';

function dyad(op: string): (x: K, y: K) => K {
  const f = lookup(op)?.dyad;
  if (!f) throw new QError('nyi');
  return f;
}

function longs(n: number, f: (k: number) => number): K {
  const p = alloc(KJ, n);
  const d = mem().i64, base = (p + 16) >>> 3;
  for (let k = 0; k < n; k++) d[base + k] = BigInt(f(k));
  return new K(p);
}

export function cross(x0: K, y0: K): K {
  const x = x0.type < 0 ? enlist(x0) : x0.ref();
  const y = y0.type < 0 ? enlist(y0) : y0.ref();
  const temps: K[] = [x, y];
  try {
    const n = x.count, m = y.count;
    if (n * m > 0xffffffff) throw new QError('limit');
    const at = dyad('@'), join = dyad(',');
    const xi = at(x, temps[temps.push(longs(n * m, (k) => Math.floor(k / m))) - 1]);
    temps.push(xi);
    const yj = at(y, temps[temps.push(longs(n * m, (k) => k % m)) - 1]);
    temps.push(yj);
    if (x.type === XT && y.type === XT) {
      // rows of two tables: the columns of both, side by side
      const dx = flip(xi), dy = flip(yj);
      temps.push(dx, dy);
      const d = join(dx, dy);
      temps.push(d);
      return flip(d);
    }
    // one pair per item: (x i),(y j)
    const out = alloc(0, n * m);
    mem().u32.fill(0, (out + 16) >>> 2, ((out + 16) >>> 2) + n * m);
    try {
      for (let k = 0; k < n * m; k++) {
        const a = xi.item(k), b = yj.item(k);
        try { const r = takePtr(join(a, b)); mem().u32[((out + 16) >>> 2) + k] = r; } finally { a.dispose(); b.dispose(); }
      }
    } catch (e) { E.r0(out); throw e; }
    return new K(simplify(out));
  } finally {
    temps.forEach((t) => t.dispose());
  }
}

prim('cross', { dyad: cross });

export const Q = { cross: lift(cross) };
