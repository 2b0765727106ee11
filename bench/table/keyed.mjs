#!/usr/bin/env node
// Keyed tables on two key columns: 1e6 rows keyed on (sym; long), 1e5 lookups
// one key per call (kt[(s;j)]), one batch lookup of 1e5 keys (kt[([] s;j)]),
// `lj` of 1e5 rows, and 1e5 single-row upserts, by name and by value
// (t: t upsert r, where the table is held only by the expression).
// A composite hash index over the key columns makes each lookup O(1).
//
//   node bench/table/keyed.mjs [--n 1000000] [--m 100000] [--dist path/to/index.js]

import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const argv = process.argv;
const arg = (name, dflt) => { const i = argv.indexOf('--' + name); return i > 0 ? argv[i + 1] : dflt; };
const N = Number(arg('n', 1e6)), M = Number(arg('m', 1e5));
const dist = arg('dist', new URL('../../dist/index.js', import.meta.url).pathname);

const { lang } = await import(pathToFileURL(path.resolve(dist)).href);
const q = (s) => { const r = lang.evaluate(s); r?.dispose?.(); };
const time = (s) => { const t0 = performance.now(); q(s); return performance.now() - t0; };
const row = (what, ms, per) => console.log(`${what.padEnd(62)} ${ms.toFixed(1).padStart(9)} ms${per ? `  ${(per * 1e3).toFixed(2).padStart(9)} µs/op` : ''}`);

console.log(`two-key table: ${N} rows, ${M} lookups (${dist})`);
// keys: 1000 syms x (N/1000) longs, all distinct; values one float column
q(`s0:\`$"s",/:string til 1000; kt:2!([] s:${N}#s0; j:til ${N}; v:${N}?1f)`);
q(`ix:${M}?${N}; ks:([] s:(0!kt)[\`s] ix; j:ix); s1:ks\`s; j1:ks\`j`);
q('kt[(`s0;0)]'); // first use (builds the index where there is one)
const few = Math.max(10, Math.round(M / 1000));
const perOne = (n) => time(`{kt[(s1 x;j1 x)]} each til ${n}`) / n;
const probe = perOne(few);
const nOne = probe > 1 ? few : M; // O(n) per lookup: fewer keys
const one = nOne === M ? perOne(M) : probe;
row(`kt[(s;j)] one key per call (${nOne} keys)`, one * nOne, one);
const batch = time('kt[ks]');
row(`kt[([] s;j)] ${M} keys in one call`, batch);
const lj = time('ks lj kt');
row(`ks lj kt (${M} rows)`, lj);

// single-row upserts: by name, then by value (t: t upsert r)
q(`u:2!([] s:\`symbol$(); j:\`long$(); v:\`float$()); us:${M}?s0; bj:neg[${M}]?${M * 10}`);
const upN = (from, n) => time(`{\`u upsert (us x;bj x;1f*x)} each ${from}+til ${n}`);
const half = Math.floor(M / 2);
const byName1 = upN(0, half), byName2 = upN(half, M - half);
row(`\`u upsert row by name: first ${half}`, byName1, byName1 / half);
row(`\`u upsert row by name: next ${M - half} (flat when O(1) per row)`, byName2, byName2 / (M - half));
// by value at two table sizes: flat per-row times when the table is written in place
const R = Math.max(100, Math.round(M / 100));
const vOne = (from, n) => time(`{u::u upsert (us x;bj x;1f*x);} each ${from}+til ${n}`) / n;
q(`u:0#u; {\`u upsert (us x;bj x;1f*x)} each til ${half}`);
const byVal1 = vOne(half, R);
q(`{\`u upsert (us x;bj x;1f*x)} each ${half + R}+til ${M - half - 2 * R}`);
const byVal2 = vOne(M - R, R);
row(`u::u upsert row by value at ${half} rows (${R} rows)`, byVal1 * R, byVal1);
row(`u::u upsert row by value at ${M - R} rows (${R} rows)`, byVal2 * R, byVal2);
q('kt:ks:ix:s0:s1:j1:u:us:bj:0');
