#!/usr/bin/env node
// q-sql side by side: the db-benchmark groupby questions q1–q10
// (h2oai/db-benchmark, N rows, K groups) in qwasm, DuckDB (@duckdb/node-api,
// one thread) and Arquero, on the same generated data, in one run.
//
//   node bench/qsql/groupby.mjs [--n 10000000] [--k 100] [--reps 3] [--only q1,q3] [--no-arquero] [--no-duckdb] [--no-write] [--clock cpu]
//
// --clock cpu times each run by the process's CPU time (user + system, all threads)
// instead of the wall clock: on a machine shared with other work the wall clock
// counts the time the run waited for a core, the CPU time does not. Every engine
// here runs on one thread, so the two agree on an idle machine.
//
// For a profile of qwasm alone: node --cpu-prof bench/qsql/groupby.mjs --n 1000000 --only q2,q10 --no-duckdb --no-arquero --no-write
//
// Data are generated deterministically from the row number by one integer hash
// that JS and DuckDB's SQL compute identically (products stay below 2^53), so
// every engine groups the same values; each question's answer size is checked
// across engines. Columns as db-benchmark's: id1 id2 id3 strings ('id001',
// K, K and N/K levels; symbols in q), id4 id5 id6 integers (K, K, N/K levels),
// v1 v2 integers 1..5 and 1..15 (longs in q), v3 a float in [0,100) with 6
// decimals. Only the query is timed (median of --reps after a warm-up; one run
// when a run exceeds 2 s); results go to bench/results/qsql-latest.{json,md}.

import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = { n: 10_000_000, k: 100, reps: 3, only: [], arquero: true, duckdb: true, write: true, clock: 'wall' };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--n') opt.n = Number(args[++i]);
  else if (a === '--k') opt.k = Number(args[++i]);
  else if (a === '--reps') opt.reps = Number(args[++i]);
  else if (a === '--only') opt.only = args[++i].split(',');
  else if (a === '--no-arquero') opt.arquero = false;
  else if (a === '--no-duckdb') opt.duckdb = false;
  else if (a === '--no-write') opt.write = false;
  else if (a === '--clock') opt.clock = args[++i];
  else { console.error(`groupby: unknown argument ${a}`); process.exit(2); }
}
const { n: N, k: K } = opt;
const NK = Math.max(1, Math.floor(N / K));

// ---------------------------------------------------------------- data

// h(i, s): ((i*374761393 + s) mod 2^31) xor itself >> 15 — exact in doubles and in DuckDB BIGINT
const SEEDS = { id1: 11, id2: 23, id3: 37, id4: 41, id5: 53, id6: 67, v1: 71, v2: 83, v3: 97 };
const h = (i, s) => { const a = (i * 374761393 + s * 1000003) % 2147483648; return a ^ Math.floor(a / 32768); };
const sqlH = (s) => `xor((i*374761393 + ${s * 1000003}) % 2147483648, ((i*374761393 + ${s * 1000003}) % 2147483648) >> 15)`;
const pad = (x, w) => String(x).padStart(w, '0');

function generate() {
  const codes = (s, m) => { const c = new Int32Array(N); for (let i = 0; i < N; i++) c[i] = h(i, s) % m; return c; };
  const d = {
    id1: codes(SEEDS.id1, K), id2: codes(SEEDS.id2, K), id3: codes(SEEDS.id3, NK),
    id4: codes(SEEDS.id4, K), id5: codes(SEEDS.id5, K), id6: codes(SEEDS.id6, NK),
    v1: codes(SEEDS.v1, 5), v2: codes(SEEDS.v2, 15), v3: new Float64Array(N),
  };
  for (const c of ['id4', 'id5', 'id6']) for (let i = 0; i < N; i++) d[c][i] += 1;
  for (const c of ['v1', 'v2']) for (let i = 0; i < N; i++) d[c][i] += 1;
  for (let i = 0; i < N; i++) d.v3[i] = (h(i, SEEDS.v3) % 100000000) / 1000000;
  return d;
}
const name3 = (x) => 'id' + pad(x + 1, 3);
const name10 = (x) => 'id' + pad(x + 1, 10);

// ---------------------------------------------------------------- questions

const QUESTIONS = [
  { id: 'q1', what: 'sum v1 by id1',
    q: 'select v1:sum v1 by id1 from x',
    sql: 'select id1, sum(v1) as v1 from x group by id1',
    aq: (t, op) => t.groupby('id1').rollup({ v1: op.sum('v1') }) },
  { id: 'q2', what: 'sum v1 by id1:id2',
    q: 'select v1:sum v1 by id1,id2 from x',
    sql: 'select id1, id2, sum(v1) as v1 from x group by id1, id2',
    aq: (t, op) => t.groupby('id1', 'id2').rollup({ v1: op.sum('v1') }) },
  { id: 'q3', what: 'sum v1 mean v3 by id3',
    q: 'select v1:sum v1, v3:avg v3 by id3 from x',
    sql: 'select id3, sum(v1) as v1, avg(v3) as v3 from x group by id3',
    aq: (t, op) => t.groupby('id3').rollup({ v1: op.sum('v1'), v3: op.mean('v3') }) },
  { id: 'q4', what: 'mean v1:v3 by id4',
    q: 'select v1:avg v1, v2:avg v2, v3:avg v3 by id4 from x',
    sql: 'select id4, avg(v1) as v1, avg(v2) as v2, avg(v3) as v3 from x group by id4',
    aq: (t, op) => t.groupby('id4').rollup({ v1: op.mean('v1'), v2: op.mean('v2'), v3: op.mean('v3') }) },
  { id: 'q5', what: 'sum v1:v3 by id6',
    q: 'select v1:sum v1, v2:sum v2, v3:sum v3 by id6 from x',
    sql: 'select id6, sum(v1) as v1, sum(v2) as v2, sum(v3) as v3 from x group by id6',
    aq: (t, op) => t.groupby('id6').rollup({ v1: op.sum('v1'), v2: op.sum('v2'), v3: op.sum('v3') }) },
  { id: 'q6', what: 'median v3 sd v3 by id4 id5',
    q: 'select m:med v3, s:sdev v3 by id4,id5 from x',
    sql: 'select id4, id5, median(v3) as m, stddev(v3) as s from x group by id4, id5',
    aq: (t, op) => t.groupby('id4', 'id5').rollup({ m: op.median('v3'), s: op.stdev('v3') }) },
  { id: 'q7', what: 'max v1 - min v2 by id3',
    q: 'select r:(max v1)-min v2 by id3 from x',
    sql: 'select id3, max(v1)-min(v2) as r from x group by id3',
    aq: (t, op) => t.groupby('id3').rollup({ r: (d) => op.max(d.v1) - op.min(d.v2) }) },
  { id: 'q8', what: 'largest two v3 by id6',
    q: 'raze value exec 2#desc v3 by id6 from x',
    sql: 'select id6, v3 from (select id6, v3, row_number() over (partition by id6 order by v3 desc) as r from x) where r <= 2',
    aq: (t, op) => t.groupby('id6').orderby((d) => -d.v3).filter(() => op.row_number() <= 2).select('id6', 'v3') },
  { id: 'q9', what: 'regression v1 v2 by id2 id4',
    q: 'select r2:(v1 cor v2) xexp 2 by id2,id4 from x',
    sql: 'select id2, id4, pow(corr(v1, v2), 2) as r2 from x group by id2, id4',
    aq: (t, op) => t.groupby('id2', 'id4').rollup({ r2: (d) => op.corr(d.v1, d.v2) ** 2 }) },
  { id: 'q10', what: 'sum v3 count by id1:id6',
    q: 'select v3:sum v3, n:count i by id1,id2,id3,id4,id5,id6 from x',
    sql: 'select id1, id2, id3, id4, id5, id6, sum(v3) as v3, count(*) as n from x group by id1, id2, id3, id4, id5, id6',
    aq: (t, op) => t.groupby('id1', 'id2', 'id3', 'id4', 'id5', 'id6').rollup({ v3: op.sum('v3'), n: op.count() }) },
].filter((x) => !opt.only.length || opt.only.includes(x.id));

if (opt.clock !== 'wall' && opt.clock !== 'cpu') { console.error('groupby: --clock wall or cpu'); process.exit(2); }
/** Milliseconds now, on the clock chosen. */
const now = opt.clock === 'cpu' ? () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; } : () => performance.now();

function time(f, cleanup) {
  const one = () => { const t0 = now(); const r = f(); const dt = now() - t0; return [dt, r]; };
  const [w, r0] = one();
  const rows = cleanup(r0);
  if (w > 2000) return { ms: w, rows };
  const ts = [];
  for (let k = 0; k < opt.reps; k++) { const [dt, r] = one(); cleanup(r); ts.push(dt); }
  ts.sort((a, b) => a - b);
  return { ms: ts[ts.length >> 1], rows };
}
async function timeAsync(f) {
  const one = async () => { const t0 = now(); const r = await f(); return [now() - t0, r]; };
  const [w] = await one();
  if (w > 2000) return { ms: w };
  const ts = [];
  for (let k = 0; k < opt.reps; k++) ts.push((await one())[0]);
  ts.sort((a, b) => a - b);
  return { ms: ts[ts.length >> 1] };
}

// ---------------------------------------------------------------- engines

const t0 = performance.now();
const data = generate();
console.log(`groupby: ${N.toLocaleString()} rows, ${K} groups (id3/id6: ${NK} levels); data in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const results = Object.fromEntries(QUESTIONS.map((x) => [x.id, {}]));

// qwasm
{
  const { q, K: QK } = await import(join(ROOT, 'dist', 'index.js'));
  const syms = (codesArr, m, name) => {
    const names = QK.from(Array.from({ length: m }, (_, j) => name(j)));
    if (names.type !== 11) throw new Error('groupby: names are not symbols');
    const c = QK.from(codesArr);
    try { return q('{x y}', names, c); } finally { names.dispose(); c.dispose(); }
  };
  const longs = (a) => { const b = new BigInt64Array(a.length); for (let i = 0; i < a.length; i++) b[i] = BigInt(a[i]); return QK.from(b); };
  const cols = {
    id1: syms(data.id1, K, name3), id2: syms(data.id2, K, name3), id3: syms(data.id3, NK, name10),
    id4: QK.from(data.id4), id5: QK.from(data.id5), id6: QK.from(data.id6),
    v1: longs(data.v1), v2: longs(data.v2), v3: QK.from(data.v3),
  };
  const x = q.table(cols);
  Object.values(cols).forEach((c) => c.dispose());
  q.set('x', x);
  for (const qq of QUESTIONS) {
    try {
      const r = time(() => q(qq.q), (k) => { const c = k.count; k.dispose(); return c; });
      results[qq.id].qwasm = r;
      console.log(`  qwasm   ${qq.id.padEnd(4)} ${r.ms.toFixed(0).padStart(7)} ms  ${r.rows} rows`);
    } catch (e) { results[qq.id].qwasm = { error: e.message }; console.log(`  qwasm   ${qq.id.padEnd(4)} '${e.message}`); }
  }
  x.dispose();
  q('delete x from `.').dispose();
}

// DuckDB, one thread
if (opt.duckdb) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await inst.connect();
  const ts = performance.now();
  await con.run(`create table x as select
      'id' || lpad(cast(${sqlH(SEEDS.id1)} % ${K} + 1 as varchar), 3, '0') as id1,
      'id' || lpad(cast(${sqlH(SEEDS.id2)} % ${K} + 1 as varchar), 3, '0') as id2,
      'id' || lpad(cast(${sqlH(SEEDS.id3)} % ${NK} + 1 as varchar), 10, '0') as id3,
      cast(${sqlH(SEEDS.id4)} % ${K} + 1 as integer) as id4,
      cast(${sqlH(SEEDS.id5)} % ${K} + 1 as integer) as id5,
      cast(${sqlH(SEEDS.id6)} % ${NK} + 1 as integer) as id6,
      cast(${sqlH(SEEDS.v1)} % 5 + 1 as integer) as v1,
      cast(${sqlH(SEEDS.v2)} % 15 + 1 as integer) as v2,
      (${sqlH(SEEDS.v3)} % 100000000) / 1000000.0 as v3
    from (select range as i from range(${N}))`);
  console.log(`  duckdb: table in ${((performance.now() - ts) / 1000).toFixed(1)} s`);
  const check = await con.runAndReadAll(`select sum(v1), sum(v2), sum(id6), count(distinct id3) from x`);
  const js = [data.v1, data.v2, data.id6].map((a) => { let s = 0; for (let i = 0; i < N; i++) s += a[i]; return s; });
  const got = check.getRows()[0].map(Number);
  if (got[0] !== js[0] || got[1] !== js[1] || got[2] !== js[2]) console.warn('groupby: WARNING DuckDB data differ from the JS data', got, js);
  for (const qq of QUESTIONS) {
    // materialised as db-benchmark does (a count over the query would let the optimiser drop the aggregates)
    const r = await timeAsync(async () => { await con.run(`create or replace temp table ans as ${qq.sql}`); });
    r.rows = Number((await con.runAndReadAll('select count(*) from ans')).getRows()[0][0]);
    results[qq.id].duckdb = r;
    console.log(`  duckdb  ${qq.id.padEnd(4)} ${r.ms.toFixed(0).padStart(7)} ms  ${r.rows} rows`);
  }
  con.closeSync?.();
}

// Arquero
if (opt.arquero) {
  const aq = await import('arquero');
  const { op } = aq;
  const strs = (codesArr, m, name) => { const ns = Array.from({ length: m }, (_, j) => name(j)); const out = new Array(N); for (let i = 0; i < N; i++) out[i] = ns[codesArr[i]]; return out; };
  const t = aq.table({
    id1: strs(data.id1, K, name3), id2: strs(data.id2, K, name3), id3: strs(data.id3, NK, name10),
    id4: data.id4, id5: data.id5, id6: data.id6, v1: data.v1, v2: data.v2, v3: data.v3,
  });
  for (const qq of QUESTIONS) {
    const r = time(() => qq.aq(t, op), (res) => res.numRows());
    results[qq.id].arquero = r;
    console.log(`  arquero ${qq.id.padEnd(4)} ${r.ms.toFixed(0).padStart(7)} ms  ${r.rows} rows`);
  }
}

// ---------------------------------------------------------------- report

const f = (x) => (x === undefined ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const lines = [
  `db-benchmark groupby, ${N.toLocaleString()} rows, ${K} groups; milliseconds of ${opt.clock === 'cpu' ? 'CPU time (user + system)' : 'wall clock'} (median of ${opt.reps} after a warm-up); ratio = other engine's time / qwasm's (above 1: qwasm faster)`,
  '',
  '| question | qwasm ms | DuckDB 1 thread ms | Arquero ms | DuckDB ÷ qwasm | Arquero ÷ qwasm | rows |',
  '|---|---:|---:|---:|---:|---:|---:|',
];
for (const qq of QUESTIONS) {
  const r = results[qq.id];
  const rows = [r.qwasm?.rows, r.duckdb?.rows, r.arquero?.rows].filter((v) => v !== undefined);
  const agree = rows.every((v) => v === rows[0]);
  if (r.qwasm?.error) { lines.push(`| ${qq.id} ${qq.what} | '${r.qwasm.error} | ${f(r.duckdb?.ms)} | ${f(r.arquero?.ms)} | — | — | ${r.duckdb?.rows} |`); continue; }
  lines.push(`| ${qq.id} ${qq.what} | ${f(r.qwasm?.ms)} | ${f(r.duckdb?.ms)} | ${f(r.arquero?.ms)} | ${r.duckdb ? (r.duckdb.ms / r.qwasm.ms).toFixed(2) : '—'} | ${r.arquero ? (r.arquero.ms / r.qwasm.ms).toFixed(2) : '—'} | ${rows[0]}${agree ? '' : ' (engines disagree: ' + rows.join('/') + ')'} |`);
}
const md = lines.join('\n');
console.log('\n' + md);
if (opt.write) {
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'qsql-latest.md'), md + '\n');
  writeFileSync(join(dir, 'qsql-latest.json'), JSON.stringify({ n: N, k: K, reps: opt.reps, clock: opt.clock, date: new Date().toISOString(), results }, null, 1));
}
