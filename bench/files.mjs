#!/usr/bin/env node
// Files: reading kdb+ column files into engine memory against a plain
// fs.readFileSync of the same bytes (the bound: within 2x).
//
//   npm run build:ts && node bench/files.mjs [--n 10000000] [--reps 7]
//
// Reported: median wall time of get `:file (one read straight into the
// block's items) and of readFileSync + a Float64Array view; then a splayed
// 5-column table (sym, time, price, size, flag) written with set and read
// back with get, against readFileSync of its files.

import { readFileSync, mkdtempSync, rmSync, readdirSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { q } from '../dist/index.js';

const args = process.argv.slice(2);
const opt = (k, d) => { const i = args.indexOf(k); return i >= 0 ? Number(args[i + 1]) : d; };
const N = opt('--n', 10_000_000), REPS = opt('--reps', 7);

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
} finally {
  rmSync(dir, { recursive: true, force: true });
}
