#!/usr/bin/env node
// Attributes in use: find and keyed lookup on 1e6 items with `u#/`g# (a
// persistent hash index) against the same data without an attribute (one hash
// of the whole list per call), and 1e5 single-row upserts into a keyed table
// by name (in place, O(1) amortised per row). Lookups without an index cost
// O(n) each, so their single-key loops run on fewer keys and are reported per key.
//
//   node bench/attr.mjs [--n 1000000] [--m 100000]

import { performance } from 'node:perf_hooks';

const arg = (name, dflt) => { const i = process.argv.indexOf('--' + name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const N = arg('n', 1e6), M = arg('m', 1e5);

const { lang } = await import('../dist/index.js');
const q = (s) => { const r = lang.evaluate(s); r?.dispose?.(); };
const time = (s) => { const t0 = performance.now(); q(s); return performance.now() - t0; };
const row = (what, ms, per) => console.log(`${what.padEnd(58)} ${ms.toFixed(1).padStart(9)} ms${per ? `  ${(per * 1e3).toFixed(2).padStart(9)} µs/op` : ''}`);

console.log(`attributes: ${N} items, ${M} lookups`);
q(`v:neg[${N}]?${N * 10}; k:${M}?v; vg:\`g#v; vu:\`u#distinct v; vd:distinct v`);
q('vg?1#v; vu?1#v'); // build the indexes once (q builds them when the attribute is set)

const few = Math.max(1, Math.round(M / 10000)); // keys for the O(n)-per-key loops
const plainBatch = time('v?k'), gBatch = time('vg?k'), uBatch = time('vu?k');
row('v?k    (1e5 keys in one call), no attribute', plainBatch);
row('vg?k   g#', gBatch);
row('vu?k   u#', uBatch);
const plainOne = time(`{v?x} each ${few}#k`) / few, gOne = time('{vg?x} each k') / M, uOne = time('{vu?x} each k') / M;
row(`v?x each key, no attribute (${few} keys)`, plainOne * few, plainOne);
row('vg?x each key, g#', gOne * M, gOne);
row('vu?x each key, u#', uOne * M, uOne);
const inPlain = time(`{x in v} each ${few}#k`) / few, inG = time('{x in vg} each k') / M;
row(`x in v each key, no attribute (${few} keys)`, inPlain * few, inPlain);
row('x in vg each key, g#', inG * M, inG);

q('kt:([k:vd] w:til count vd); ku:([k:`u#vd] w:til count vd); ks:([] k:k)');
q('ku[([] k:1#k)]');
const ktBatch = time('kt[ks]'), kuBatch = time('ku[ks]');
row('kt[([] k)]  (1e5 keys), no attribute', ktBatch);
row('ku[([] k)]  u# key', kuBatch);
const ktOne = time(`{kt x} each ${few}#k`) / few, kuOne = time('{ku x} each k') / M;
row(`kt key, each key, no attribute (${few} keys)`, ktOne * few, ktOne);
row('ku key, each key, u# key', kuOne * M, kuOne);
const ljPlain = time('ks lj kt'), ljU = time('ks lj ku');
row('ks lj kt (1e5 rows), no attribute', ljPlain);
row('ks lj ku, u# key', ljU);

// upserts of single rows into a keyed table, by name
q(`ut:([k:\`u#\`long$()] v:\`float$()); ui:neg[${M}]?${M * 10}`);
const half = Math.floor(M / 2);
const up1 = time(`{\`ut upsert (ui x;1f*x)} each til ${half}`);
const up2 = time(`{\`ut upsert (ui x;1f*x)} each ${half}+til ${M - half}`);
row(`\`ut upsert row, u# key: first ${half} rows`, up1, up1 / half);
row(`\`ut upsert row, u# key: next ${M - half} rows (flat: O(1) per row)`, up2, up2 / (M - half));
const upd = time(`{\`ut upsert (ui x;2f)} each til ${half}`);
row(`\`ut upsert row of an existing key (${half})`, upd, upd / half);
q(`pt:([k:\`long$()] v:\`float$())`);
const upP = time(`{\`pt upsert (ui x;1f*x)} each til ${few * 10}`) / (few * 10);
row(`\`pt upsert row, no attribute (${few * 10} rows)`, upP * few * 10, upP);

console.log(`ratios (no attribute / attribute): find each ${(plainOne / gOne).toFixed(0)}x (g#), ${(plainOne / uOne).toFixed(0)}x (u#); in each ${(inPlain / inG).toFixed(0)}x; keyed lookup each ${(ktOne / kuOne).toFixed(0)}x; batch find ${(plainBatch / gBatch).toFixed(1)}x; lj ${(ljPlain / ljU).toFixed(1)}x`);
q('v:vg:vu:vd:k:kt:ku:ks:ut:ui:pt:0');
