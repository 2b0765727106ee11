#!/usr/bin/env node
// Files: reading kdb+ column files into engine memory against a plain
// fs.readFileSync of the same bytes (the bound: within 2x).
//
//   npm run build:ts && node bench/files.mjs [--n 10000000] [--reps 7]
//
// Reported: median wall time of get `:file (one read straight into the
// block's items) and of readFileSync + a Float64Array view; then a splayed
// 5-column table (sym, time, price, size, flag) written with set and read
// back with get, against readFileSync of its files; then a database of
// --parts date partitions (--prows rows each) and a root splayed table: \l,
// count t (first, then from the count cache .Q.pn), one date's select, and
// the root table by name; then a long column written and read with each
// compression algorithm.

import { readFileSync, mkdtempSync, rmSync, readdirSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { q } from '../dist/index.js';

const args = process.argv.slice(2);
const opt = (k, d) => { const i = args.indexOf(k); return i >= 0 ? Number(args[i + 1]) : d; };
const N = opt('--n', 10_000_000), REPS = opt('--reps', 7);
const PARTS = opt('--parts', 100), PROWS = opt('--prows', 100_000);

function median(f) {
  const ts = [];
  for (let i = 0; i < REPS; i++) { const t0 = performance.now(); f(); ts.push(performance.now() - t0); }
  ts.sort((a, b) => a - b);
  return ts[ts.length >> 1];
}
const run = (s) => q(s).dispose();

const dir = mkdtempSync(join(tmpdir(), 'qwasm-bench-files-'));
try {
  run(`x:${N}?1.0`);
  run(`\`:${dir}/f set x`);
  const tGet = median(() => run(`get\`:${dir}/f`));
  const tRead = median(() => { const b = readFileSync(join(dir, 'f')); new Float64Array(b.buffer, b.byteOffset + 16, (b.length - 16) / 8); });
  const size = statSync(join(dir, 'f')).size, mb = size / 1e6;
  const pre = new Float64Array((size - 16) / 8);
  const tReadInto = median(() => {
    const fd = openSync(join(dir, 'f'), 'r');
    try { readSync(fd, new Uint8Array(pre.buffer), 0, pre.byteLength, 16); } finally { closeSync(fd); }
  });
  console.log(`float column, ${N} items (${mb.toFixed(0)} MB)`);
  console.log(`  get \`:f           ${tGet.toFixed(1)} ms`);
  console.log(`  fs.readFileSync   ${tRead.toFixed(1)} ms   ratio ${(tGet / tRead).toFixed(2)}x (a new buffer each time)`);
  console.log(`  fs.readSync into a preallocated Float64Array   ${tReadInto.toFixed(1)} ms   ratio ${(tGet / tReadInto).toFixed(2)}x`);
  run('x:0');

  run(`sym:\`a\`b\`c\`d\`e; t:([]sym:${N}?sym; time:${N}?0D; price:${N}?100.0; size:${N}?1000; flag:${N}?0b)`);
  const tWrite = median(() => run(`\`:${dir}/t/ set t`));
  const tSplay = median(() => run(`get\`:${dir}/t`));
  const files = readdirSync(join(dir, 't'));
  const tRaw = median(() => { for (const f of files) readFileSync(join(dir, 't', f)); });
  console.log(`splayed table, ${N} rows x 5 columns`);
  console.log(`  \`:t/ set t        ${tWrite.toFixed(1)} ms`);
  console.log(`  get \`:t           ${tSplay.toFixed(1)} ms`);
  console.log(`  fs.readFileSync   ${tRaw.toFixed(1)} ms   ratio ${(tSplay / tRaw).toFixed(2)}x (the sym column maps each index to a symbol)`);
  run('t:0');

  const db = join(dir, 'db');
  run(`p:([]sym:${PROWS}?\`a\`b\`c; price:${PROWS}?100.0; size:${PROWS}?1000; flag:${PROWS}?0b)`);
  for (let i = 0; i < PARTS; i++) run(`.Q.dpft[\`:${db};2024.01.01+${i};\`sym;\`p]`);
  run(`\`:${db}/root/ set .Q.en[\`:${db}] ([]sym:${N / 10}?\`x\`y; v:${N / 10}?1.0; w:${N / 10}?100)`);
  run('delete p from `.');
  const tLoad = median(() => run(`system"l ${db}"`));
  const t0 = performance.now();
  run('count p');
  const tCount1 = performance.now() - t0;
  const tCount = median(() => run('count p'));
  const tSel = median(() => run('select from p where date=2024.01.02'));
  const tWhole = median(() => run('p'));
  const tRootCount = median(() => run('count root'));
  const tRootSel = median(() => run('select v from root'));
  const tRootWhole = median(() => run('root'));
  console.log(`partitioned database, ${PARTS} partitions x ${PROWS} rows x 5 columns, and a root splayed table of ${N / 10} rows x 3 columns`);
  console.log(`  \\l db             ${tLoad.toFixed(1)} ms`);
  console.log(`  count p (first)   ${tCount1.toFixed(1)} ms   (column headers; cached in .Q.pn)`);
  console.log(`  count p (cached)  ${tCount.toFixed(2)} ms`);
  console.log(`  select one date   ${tSel.toFixed(1)} ms`);
  console.log(`  p (every column of every partition)   ${tWhole.toFixed(1)} ms`);
  console.log(`  count root        ${tRootCount.toFixed(2)} ms   select v from root ${tRootSel.toFixed(1)} ms   root ${tRootWhole.toFixed(1)} ms`);

  // compressed columns: each algorithm's set and get of a long column of small values
  run(`c:${N}?1000`);
  console.log(`compressed long column, ${N} items, logical blocks of 128 KB`);
  for (const [alg, lvl, name] of [[2, 6, 'gzip (node:zlib)'], [4, 0, 'lz4'], [3, 0, 'snappy'], [5, 1, 'zstd 1'], [5, 9, 'zstd 9']]) {
    const tw = median(() => run(`(\`:${dir}/c${alg}_${lvl};17;${alg};${lvl}) set c`));
    const tr = median(() => run(`get\`:${dir}/c${alg}_${lvl}`));
    const ratio = statSync(join(dir, `c${alg}_${lvl}`)).size / (8 * N + 16);
    console.log(`  ${name.padEnd(17)} set ${tw.toFixed(0)} ms   get ${tr.toFixed(0)} ms   size ${(100 * ratio).toFixed(1)}%`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
