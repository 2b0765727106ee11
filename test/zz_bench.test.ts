import { it } from 'vitest';
import { q as q0, K } from '../src/index.js';
import { Q as QS } from '../src/ops/structural.js';
const q = q0 as typeof q0 & typeof QS;
const time = (s: string, f: () => void, reps = 5) => { f(); const t = performance.now(); for (let i = 0; i < reps; i++) f(); console.log(s, ((performance.now() - t) / reps).toFixed(2), 'ms'); };
it('bench', () => {
  const n = 10_000_000;
  const x = q.til(n);
  const fx = K.float(new Float64Array(n).map((_, i) => i * 0.5));
  const ix = K.long(new BigInt64Array(n).map((_, i) => BigInt((i * 7919) % n)));
  const ixI = K.int(new Int32Array(n).map((_, i) => (i * 7919) % n));
  time('gather J by j', () => q.at(x, ix).dispose());
  time('gather F by j', () => q.at(fx, ix).dispose());
  time('gather F by i', () => q.at(fx, ixI).dispose());
  const xs = fx.data as Float64Array, is = ixI.data as Int32Array;
  
  const xj = x.data as BigInt64Array, ij = ix.data as BigInt64Array;
  
  time('take 2n cyclic', () => q.take(-2 * n, x).dispose());
  
  time('join', () => q.join(x, x).dispose());
  time('JS join', () => { const v = fx.data as Float64Array; const r = new Float64Array(2 * n); r.set(v); r.set(v, n); });
  time('drop', () => q.drop(5, x).dispose());
  time('til', () => q.til(n).dispose());
  time('JS til', () => { const r = new Float64Array(n); for (let k = 0; k < n; k++) r[k] = k; });
  time('cut 1000', () => q.cut(1000, x).dispose());
  const c = q.cut(1000, x);
  time('raze 10k pieces', () => q.raze(c).dispose());
});
