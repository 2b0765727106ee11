#!/usr/bin/env node
// As-of join: qwasm's aj against DuckDB's ASOF JOIN (one thread), on the same
// deterministic data: quotes (sym, time, bid) with time = row number and sym =
// row mod S; trades at every 10th time step + 5, sym = (7*row) mod S. Both
// sides build the data from the same formulas; only the join is timed; the
// checksum (sum of the joined bid) must agree.
//
//   node bench/asof.mjs [--trades 1000000] [--quotes 10000000] [--syms 100] [--reps 3] [--clock cpu] [--no-write]
//
// --clock cpu times by the process's CPU time (user + system, all threads), not
// the wall clock, which on a shared machine also counts waiting for a core.
// Results go to bench/results/asof-latest.{md,json} (unless --no-write).

import { performance } from 'node:perf_hooks';
import { writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const arg = (name, dflt) => { const i = process.argv.indexOf('--' + name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const NT = arg('trades', 1e6), NQ = arg('quotes', 1e7), S = arg('syms', 100), REPS = arg('reps', 3);
const ci = process.argv.indexOf('--clock'), CLOCK = ci > 0 ? process.argv[ci + 1] : 'wall';
if (CLOCK !== 'wall' && CLOCK !== 'cpu') { console.error('asof: --clock wall or cpu'); process.exit(2); }
const WRITE = !process.argv.includes('--no-write');
const now = CLOCK === 'cpu' ? () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; } : () => performance.now();
const load0 = loadavg()[0];

const { lang } = await import('../dist/index.js');
const q = (s) => lang.evaluate(s);

function best(f) {
  let min = Infinity, out;
  for (let r = 0; r < REPS; r++) { const t0 = now(); out = f(); const dt = now() - t0; if (dt < min) min = dt; if (r < REPS - 1 && out?.dispose) out.dispose(); }
  return { ms: min, out };
}

// ---- qwasm
let t0 = performance.now();
q(`S:\`$"s",/:string til ${S}`);
q(`qt:([]sym:S (til ${NQ}) mod ${S};time:til ${NQ};bid:1f*(til ${NQ}) mod 1000)`);
q(`tr:([]sym:S (7*til ${NT}) mod ${S};time:5+10*til ${NT};px:1f*til ${NT})`);
const buildMs = performance.now() - t0;
const qw = best(() => q('aj[`sym`time;tr;qt]'));
q('r:0'); lang.setVar('r', qw.out);
const qsum = Number(q('sum r`bid').toJS());
qw.out.dispose();
console.log(`qwasm  aj  ${NT} trades x ${NQ} quotes, ${S} syms: ${qw.ms.toFixed(1)} ms  (data built in ${buildMs.toFixed(0)} ms)  checksum ${qsum}`);
q('qt:0;tr:0;r:0');

// ---- DuckDB
let duck;
try { duck = await import('@duckdb/node-api'); } catch { console.log('DuckDB: @duckdb/node-api not installed (npm install -D @duckdb/node-api)'); process.exit(0); }
const inst = await duck.DuckDBInstance.create(':memory:');
const con = await inst.connect();
await con.run('SET threads=1');
await con.run(`CREATE TABLE qt AS SELECT 's' || (i % ${S}) AS sym, i AS time, ((i % 1000))::DOUBLE AS bid FROM range(${NQ}) t(i)`);
await con.run(`CREATE TABLE tr AS SELECT 's' || ((7 * i) % ${S}) AS sym, 5 + 10 * i AS time, i::DOUBLE AS px FROM range(${NT}) t(i)`);
let dmin = Infinity, dsum = 0;
for (let r = 0; r < REPS; r++) {
  const t1 = now();
  await con.run('CREATE OR REPLACE TABLE res AS SELECT tr.sym, tr.time, tr.px, qt.bid FROM tr ASOF LEFT JOIN qt ON tr.sym = qt.sym AND tr.time >= qt.time');
  const dt = now() - t1;
  if (dt < dmin) dmin = dt;
}
const rd = await con.runAndReadAll('SELECT sum(bid) FROM res');
dsum = Number(rd.getRows()[0][0]);
console.log(`DuckDB ASOF JOIN (1 thread): ${dmin.toFixed(1)} ms  checksum ${dsum}`);
console.log(`ratio qwasm/DuckDB: ${(qw.ms / dmin).toFixed(2)}  (checksums ${qsum === dsum ? 'agree' : 'DIFFER'})`);

if (WRITE) {
  const load = `load average ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`;
  const md = [
    `As-of join, ${NT.toLocaleString()} trades × ${NQ.toLocaleString()} quotes, ${S} syms; milliseconds of ${CLOCK === 'cpu' ? 'CPU time (user + system)' : 'wall clock'}, best of ${REPS}; ${load}`,
    '',
    '| qwasm aj | DuckDB ASOF JOIN (1 thread) | DuckDB ÷ qwasm | checksums |',
    '|---:|---:|---:|---|',
    `| ${qw.ms.toFixed(1)} | ${dmin.toFixed(1)} | ${(dmin / qw.ms).toFixed(2)} | ${qsum === dsum ? 'agree' : 'DIFFER'} |`,
  ].join('\n');
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('asof-latest.md', dir), md + '\n');
  writeFileSync(new URL('asof-latest.json', dir), JSON.stringify({ trades: NT, quotes: NQ, syms: S, reps: REPS, clock: CLOCK, load: [load0, loadavg()[0]], date: new Date().toISOString(), qwasm: qw.ms, duckdb: dmin, checksum: { qwasm: qsum, duckdb: dsum } }, null, 1) + '\n');
}
