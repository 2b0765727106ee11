#!/usr/bin/env node
// Long fuzz run of the IPC decoder (npm run build first): mutated, truncated and
// spliced messages of random values; every decode must give a value or a
// QError, and the engine's live blocks must be back where they started.
//   node bench/ipc.fuzz.mjs [--n 10000000] [--seed 1]
const { q, serialize, deserialize, QError } = await import('../dist/index.js');
const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const N = arg('--n', 10_000_000);
let s = arg('--seed', 1) >>> 0 || 1;
const rnd = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };

const SEEDS = [
  '1 2 3', '`a`b!1 2', '([]a:1 2;b:`x`y;c:("ab";"c"))', '([k:1 2]v:3 4)', '{x+y}', '{x+y}[1]', '(1;`a;"b";2.5;0Ng;(1 2;3))',
  '2000.01.01D00:00:00.000000001 0Np', '`s#1 2 3', '1000#til 10', '(+/)', '0n 0w -0w', '"hello"', '`a', '::',
].map((e) => { const k = q(e); try { return [serialize(k), serialize(k, { compress: true })]; } finally { k.dispose(); } }).flat();

const before = q.memory().blocks;
let ok = 0, errs = 0;
const t0 = Date.now();
for (let i = 0; i < N; i++) {
  const base = SEEDS[Math.floor(rnd() * SEEDS.length)];
  let m = base.slice();
  const kind = rnd();
  if (kind < 0.6) { const edits = 1 + Math.floor(rnd() * 4); for (let e = 0; e < edits; e++) m[8 + Math.floor(rnd() * (m.length - 8))] = Math.floor(rnd() * 256); }
  else if (kind < 0.8) { m = m.slice(0, 8 + Math.floor(rnd() * (m.length - 8))); if (rnd() < 0.5) new DataView(m.buffer).setInt32(4, m.length, true); }
  else { const other = SEEDS[Math.floor(rnd() * SEEDS.length)]; const cut = 8 + Math.floor(rnd() * (m.length - 8)); const joined = new Uint8Array(cut + other.length - 8); joined.set(m.subarray(0, cut)); joined.set(other.subarray(8), cut); new DataView(joined.buffer).setInt32(4, joined.length, true); m = joined; }
  try { deserialize(m).dispose(); ok++; } catch (e) { if (!(e instanceof QError)) { console.error('not a QError', e, Buffer.from(m).toString('hex')); process.exit(1); } errs++; }
  if ((i + 1) % 1_000_000 === 0) console.log(`${i + 1} messages, ${ok} decoded, ${errs} q errors, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
const after = q.memory().blocks;
console.log(`done: ${N} messages, ${ok} decoded, ${errs} q errors, blocks ${before} -> ${after}`);
if (after !== before) { console.error('LEAK'); process.exit(1); }
