#!/usr/bin/env node
// The q-level benchmarks (bench/q/cases.mjs): each case timed through q(text)
// and as the plain JS loop over the same data, in this one process.
//
//   node bench/q/run.mjs [--filter id,…] [--target-ms 300] [--dist path/to/dist] [--json out.json] [--no-write] [--once]
//                        [--clock cpu|wall]
//
// Per cell: one warm-up run, then repetitions until ~target-ms of work (at least
// 3, at most 50); the minimum is reported (the machine is shared, the minimum is
// the least disturbed run). Results go to stdout as a markdown table and, unless
// --no-write, to bench/results/q-latest.md and bench/results/q-latest.json.
// --once: a single cold run per cell (for builds too slow to repeat).
// --clock: cpu (default) times by the process's CPU time, which a loaded shared
// machine disturbs far less than elapsed time (it includes GC helper threads).

import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function runQBench(argv = process.argv.slice(2)) {
  const opt = { filter: [], targetMs: 300, dist: join(ROOT, 'dist'), json: '', write: true, clock: 'cpu' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--filter') opt.filter.push(...argv[++i].split(','));
    else if (a === '--target-ms') opt.targetMs = Number(argv[++i]);
    else if (a === '--dist') opt.dist = resolve(argv[++i]);
    else if (a === '--json') opt.json = argv[++i];
    else if (a === '--no-write') opt.write = false;
    else if (a === '--once') opt.once = true;
    else if (a === '--clock') opt.clock = argv[++i];
  }
  const { q, lang } = await import(pathToFileURL(join(opt.dist, 'index.js')).href);
  const { cases } = await import('./cases.mjs');
  const all = cases(lang).filter((c) => !opt.filter.length || opt.filter.some((f) => c.id.startsWith(f)));

  // cpu: this process's CPU time (user+system), steady on a shared, loaded machine; wall: elapsed time
  const now = opt.clock === 'wall' ? () => performance.now() : () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const time = (fn) => {
    if (opt.once) { const t0 = now(); fn(); return now() - t0; }
    fn(); // warm-up
    let best = Infinity, spent = 0, reps = 0;
    while (reps < 3 || (spent < opt.targetMs && reps < 50)) {
      const t0 = now();
      fn();
      const dt = now() - t0;
      best = Math.min(best, dt); spent += dt; reps++;
    }
    return best;
  };

  const rows = [];
  for (const c of all) {
    let qms = NaN, err = '';
    try {
      if (c.setup) q(c.setup).dispose?.();
      const run = c.run ?? (() => { const r = q(c.q); r.dispose?.(); });
      qms = time(run);
    } catch (e) { err = e.message; }
    let jsms = NaN;
    try {
      const data = c.data ? c.data(q) : undefined;
      jsms = time(c.js(data));
    } catch (e) { err ||= `js: ${e.message}`; }
    const row = { id: c.id, label: c.label, n: c.n, qms, nsPer: (qms * 1e6) / c.n, jsms, ratio: qms / jsms, err };
    rows.push(row);
    process.stderr.write(`${c.id.padEnd(14)} ${fmt(qms)} ms  ${fmt(row.nsPer)} ns/item  js ${fmt(jsms)} ms  ×${fmt(row.ratio)}${err ? '  ' + err : ''}\n`);
  }

  const md = [
    `| case | n | qwasm ms | ns per item | JS floor ms | qwasm ÷ JS |`,
    `|---|---:|---:|---:|---:|---:|`,
    ...rows.map((r) => `| \`${r.label}\` | ${r.n.toLocaleString('en')} | ${fmt(r.qms)} | ${fmt(r.nsPer)} | ${fmt(r.jsms)} | ${fmt(r.ratio)}${r.err ? ` (${r.err})` : ''} |`),
  ].join('\n');
  console.log(md);
  const env = { clock: opt.clock, node: process.version, cpu: os.cpus()[0]?.model ?? '?', cores: os.cpus().length, date: new Date().toISOString(), load: os.loadavg()[0] };
  if (opt.json) writeFileSync(opt.json, JSON.stringify({ env, rows }, null, 1));
  if (opt.write) {
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'q-latest.json'), JSON.stringify({ env, rows }, null, 1));
    writeFileSync(join(dir, 'q-latest.md'), `q-level benchmarks (\`npm run bench -- --q-only\`), ${env.date}, node ${env.node}, ${env.cpu}, ${env.cores} cores, load average ${env.load.toFixed(1)}; ${opt.clock === 'wall' ? 'elapsed' : 'CPU'} time, minimum of the repetitions.\n\n${md}\n`);
  }
  return rows;
}

function fmt(v) {
  if (!Number.isFinite(v)) return '—';
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await runQBench();
