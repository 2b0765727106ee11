// CSV load benchmark (issue 8): ("JFS*";enlist",")0: on 1e6 lines against a
// hand-written JS split loop that builds the same typed columns.
//   node bench/csv.mjs [rows]      (after npm run build)
import { q, K } from '../dist/index.js';

const n = Number(process.argv[2] ?? 1e6);
const lines = ['a,b,c,d'];
for (let i = 0; i < n; i++) lines.push(`${i},${(i * 0.25).toFixed(2)},s${i % 100},text ${i % 7}`);

function jsLoop() {
  const a = new BigInt64Array(n), b = new Float64Array(n), c = new Array(n), d = new Array(n);
  for (let i = 0; i < n; i++) {
    const f = lines[i + 1].split(',');
    a[i] = BigInt(f[0]); b[i] = Number(f[1]); c[i] = f[2]; d[i] = f[3];
  }
  return [a, b, c, d];
}

const best = (f, reps = 3) => {
  let t = Infinity;
  for (let r = 0; r < reps; r++) { const t0 = performance.now(); const x = f(); t = Math.min(t, performance.now() - t0); x?.dispose?.(); }
  return t;
};

const text = K.string(lines);
const spec = q('("JFS*";enlist",")');
const tq = best(() => q('0:', spec, text));
const tjs = best(jsLoop);
console.log(`rows ${n}: qwasm 0: ${tq.toFixed(0)} ms, JS split loop ${tjs.toFixed(0)} ms, ratio ${(tq / tjs).toFixed(2)}x`);
text.dispose(); spec.dispose();
