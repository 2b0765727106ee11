#!/usr/bin/env node
// npm run bench: qwasm side by side with a plain JS loop, numpy and C, in one run.
//
//   node scripts/bench.mjs [--quick] [--filter sum,iasc] [--n 10000000] [--target-ms 150]
//                          [--min-reps 5] [--full-js] [--stat median|min] [--no-c] [--no-numpy] [--no-write]
//                          [--no-q] [--q-only]
//
// After the kernels, the q-level suite (bench/q/: lambdas, iterators, loops,
// formatting, parsing, each beside a plain JS floor) runs unless --no-q;
// --q-only runs just that suite.
//
// Inputs are built once per data set (bench/lib/data.mjs; the same splitmix64
// stream in bench/c/prng.h and bench/numpy_bench.py, checked by fingerprints),
// only the operation is timed (its output allocation included), outputs are
// disposed between repetitions. Per cell: a warm-up, then adaptive repetitions
// (~target-ms of work, at least min-reps; a cell whose single run exceeds 0.5 s
// gets as many runs as fit in ~1.5 s, at least one); median and min reported.
// C and numpy run as worker processes measuring each kernel right after qwasm
// and the JS loop, so the cells of one kernel share the machine's load. Ratios
// are taken within this run only. See bench/README.md.

import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = join(ROOT, 'bench');

// ---------------------------------------------------------------------------
// arguments

function parseArgs(argv) {
  const o = { quick: false, filter: [], n: 0, targetMs: 0, minReps: 0, c: true, numpy: true, write: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], next = () => argv[++i];
    if (a === '--quick') o.quick = true;
    else if (a === '--filter') o.filter.push(...next().split(',').filter(Boolean));
    else if (a.startsWith('--filter=')) o.filter.push(...a.slice(9).split(',').filter(Boolean));
    else if (a === '--n') o.n = Number(next());
    else if (a === '--target-ms') o.targetMs = Number(next());
    else if (a === '--min-reps') o.minReps = Number(next());
    else if (a === '--no-c') o.c = false;
    else if (a === '--no-numpy') o.numpy = false;
    else if (a === '--no-write') o.write = false;
    else if (a === '--full-js') o.fullJs = true;
    else if (a === '--stat') o.stat = next();
    else if (a === '--no-q') o.q = false;
    else if (a === '--q-only') o.qOnly = true;
    else if (a === '-h' || a === '--help') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 15).join('\n'));
      process.exit(0);
    } else { console.error(`bench: unknown argument ${a}`); process.exit(2); }
  }
  o.n ||= o.quick ? 1_000_000 : 10_000_000;
  o.targetMs ||= o.quick ? 50 : 150;
  o.minReps ||= o.quick ? 3 : 5;
  o.stat ??= 'median';
  if (o.stat !== 'median' && o.stat !== 'min') { console.error('bench: --stat is median or min'); process.exit(2); }
  return o;
}
const opt = parseArgs(process.argv.slice(2));

/** The q-level suite (bench/q/run.mjs), with the options it shares. */
async function qSuite() {
  const { runQBench } = await import('../bench/q/run.mjs');
  await runQBench(opt.write ? [] : ['--no-write']);
}
if (opt.qOnly) { await qSuite(); process.exit(0); }

const { KERNELS } = await import('../bench/kernels.mjs');
const { datasets, fingerprint, symName, NPOOL } = await import('../bench/lib/data.mjs');
const { q, K } = await import('../dist/index.js');

const selected = KERNELS.filter((k) => !opt.filter.length
  || opt.filter.some((f) => k.id === f || k.id.startsWith(`${f}.`) || k.id.includes(f) || k.label.includes(f)));
if (!selected.length) { console.error('bench: no kernel matches the filter'); process.exit(2); }
const ids = selected.map((k) => k.id);
const log = (s) => process.stderr.write(s);

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

// ---------------------------------------------------------------------------
// baselines in other processes: C (two builds) and numpy

const FP_SETS = ['J', 'JN', 'J2', 'F', 'FN', 'F2', 'FP', 'R', 'D', 'P', 'S', 'SORTED', 'KEYS', 'G'];
const env = { node: process.version, cpu: os.cpus()[0]?.model ?? '?', cores: os.cpus().length, platform: `${os.platform()} ${os.arch()}` };

function which(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout || r.stderr).trim() : undefined;
}

/** A baseline process driven through its stdin: one command a line, one JSON line back. */
class Worker {
  constructor(key, label, cmd, args) {
    Object.assign(this, { key, label, lines: [], waiters: [], stderr: '', dead: false });
    this.p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    createInterface({ input: this.p.stdout }).on('line', (l) => {
      const w = this.waiters.shift();
      if (w) w(l); else this.lines.push(l);
    });
    this.p.stderr.on('data', (d) => { this.stderr += d; });
    this.p.on('error', (e) => { this.stderr += e.message; });
    this.p.on('close', () => { this.dead = true; for (const w of this.waiters.splice(0)) w(null); });
  }
  next() {
    if (this.lines.length) return Promise.resolve(this.lines.shift());
    if (this.dead) return Promise.resolve(null);
    return new Promise((r) => this.waiters.push(r));
  }
  async ready() {
    const l = await this.next();
    try { this.info = l && JSON.parse(l); } catch { this.info = undefined; }
    if (!this.info) { this.error = `failed to start: ${this.stderr.trim().split('\n').pop() ?? ''}`; log(`${this.label}: ${this.error}\n`); }
    return this.info;
  }
  /** one command ("warm <id>", "run <id> <k>"), one JSON line back; null once the process failed */
  async request(cmd) {
    if (this.error || this.dead) return null;
    this.p.stdin.write(`${cmd}\n`);
    const l = await this.next();
    if (l === null) { this.error = `exited: ${this.stderr.trim().split('\n').pop() ?? ''}`; log(`${this.label}: ${this.error}\n`); return null; }
    return JSON.parse(l);
  }
  close() { if (!this.dead) this.p.stdin.end(); }
}

const baselines = {}; // cnat, csse, numpy -> { skipped } | { flags, fingerprints, results, error }
const workers = [];
const wargs = [String(opt.n), String(opt.targetMs), String(opt.minReps)];
const cc = opt.c ? which('cc', ['--version']) : undefined;
if (!opt.c) { baselines.cnat = { skipped: '--no-c' }; baselines.csse = { skipped: '--no-c' }; }
else if (!cc) { baselines.cnat = { skipped: 'no cc' }; baselines.csse = { skipped: 'no cc' }; log('C: no cc on PATH, skipped\n'); }
else {
  env.cc = cc.split('\n')[0];
  const bin = join(BENCH, 'c', 'bin');
  mkdirSync(bin, { recursive: true });
  for (const [key, flags, exe] of [['cnat', ['-O3', '-march=native'], 'bench-native'], ['csse', ['-O3', '-msse4.2'], 'bench-sse42']]) {
    const out = join(bin, exe);
    const b = spawnSync('cc', [...flags, '-o', out, join(BENCH, 'c', 'bench.c'), '-lm'], { encoding: 'utf8' });
    if (b.status !== 0) { baselines[key] = { skipped: `cc ${flags.join(' ')} failed` }; log(`C ${flags.join(' ')}: build failed\n${b.stderr}`); continue; }
    baselines[key] = { flags: flags.join(' '), results: {} };
    workers.push(new Worker(key, `C ${flags.join(' ')}`, out, wargs));
  }
}
if (!opt.numpy) baselines.numpy = { skipped: '--no-numpy' };
else {
  const np = which('python3', ['-c', 'import numpy, sys; print(numpy.__version__, sys.version.split()[0])']);
  if (!np) { baselines.numpy = { skipped: 'no python3 with numpy' }; log('numpy: not available, skipped\n'); }
  else {
    [env.numpy, env.python] = np.split(' ');
    baselines.numpy = { results: {} };
    workers.push(new Worker('numpy', `numpy ${env.numpy}`, 'python3', [join(BENCH, 'numpy_bench.py'), ...wargs]));
  }
}

// ---------------------------------------------------------------------------
// qwasm and the JS loops, in this process

const D = datasets(opt.n);
const now = () => performance.now();
// The measuring rule, the same in bench/c/bench.c and bench/numpy_bench.py: a
// warm-up run, the one sample if it took over BIG_MS; else more warm-up up to
// 30 ms, and the fastest warm-up run (a preempted one must not decide) sets the
// repetitions: ~target-ms of work, at least min-reps, at most 400; cells over
// SLOW_MS get ~1.5 s of runs, at least 2. The repetitions of all implementations
// of a kernel are then run in ROUNDS interleaved batches, so that a burst of
// load on the machine hits them all alike.
const BIG_MS = 1500, SLOW_MS = 250, ROUNDS = 5;
const plan = (est) => (est > SLOW_MS ? Math.max(2, Math.floor(1500 / est))
  : Math.min(400, Math.max(opt.minReps, Math.floor(opt.targetMs / Math.max(est, 0.001)))));

/** An implementation measured in this process: warm() once, then run(k) batches. */
function local(run, release, onFirst, scale = 1) {
  const once = () => { const t = now(); const r = run(); const dt = now() - t; release(r); return dt * scale; };
  return {
    warm() {
      const t = now(); const r = run(); const t0 = (now() - t) * scale;
      onFirst?.(r); release(r);
      if (t0 > BIG_MS) return { t0, est: t0, counted: true };
      let w = t0, est = t0, ti = t0;
      while (w < 30 && ti < 30) { ti = once(); w += ti; est = Math.min(est, ti); }
      return { t0, est, counted: false };
    },
    run(k) { const times = []; for (let i = 0; i < k; i++) times.push(once()); return times; },
  };
}
/** Warms every implementation up, then runs their repetitions in interleaved rounds. */
async function measureAll(impls) {
  const st = [];
  for (const im of impls) {
    gc();
    const w = await im.warm();
    if (!w) { st.push(null); continue; }
    st.push({ im, samples: w.counted ? [w.t0] : [], left: w.counted ? 0 : plan(w.est) });
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const s of st) {
      if (!s || !s.left) continue;
      const k = Math.ceil(s.left / (ROUNDS - r));
      gc();
      const times = await s.im.run(k);
      if (!times) { s.failed = true; s.left = 0; continue; }
      s.samples.push(...times); s.left -= k;
    }
  }
  return st.map((s) => {
    if (!s || s.failed || !s.samples.length) return null;
    const x = s.samples.sort((a, b) => a - b), k = x.length;
    return { median: k % 2 ? x[k >> 1] : (x[k / 2 - 1] + x[k / 2]) / 2, min: x[0], reps: k };
  });
}

// K inputs: built on first use, disposed after the last kernel that needs them
const kin = new Map();
const lastUse = new Map();
selected.forEach((k, i) => { for (const d of k.ins) lastUse.set(d.replace(/^#/, ''), i); });
const CTOR = { J: 'long', JN: 'long', J2: 'long', Z: 'long', R: 'long', SORTED: 'long', KEYS: 'long', POOL: 'long', G: 'long',
  F: 'float', FN: 'float', F2: 'float', FP: 'float', ZF: 'float', D: 'date', P: 'timestamp', S: 'symbol' };
let symNames; // symbol id -> text, for the JS symbol sort

function kInput(name) {
  if (name.startsWith('@')) { // an atom: @long:1
    const [ty, v] = name.slice(1).split(':');
    if (!kin.has(name)) kin.set(name, K[ty](Number(v)));
    return kin.get(name);
  }
  if (!kin.has(name)) {
    const a = D.get(name);
    let k;
    if (name === 'S') {
      const pool = Array.from({ length: NPOOL }, (_, i) => symName(i));
      const items = new Array(a.length);
      for (let i = 0; i < a.length; i++) items[i] = pool[a[i]];
      k = K.symbol(items);
      const ids = k.data;
      symNames = [];
      for (let i = 0; i < ids.length; i++) if (symNames[ids[i]] === undefined) symNames[ids[i]] = k.symbol(ids[i]);
    } else k = K[CTOR[name]](a);
    kin.set(name, k);
  }
  return kin.get(name);
}
function jsInput(name, own) {
  if (name.startsWith('@')) return undefined;
  if (name.startsWith('#') || own) return D.get(name.replace(/^#/, ''));
  return kInput(name).data; // a fresh view: memory may have grown since
}
function retire(i) {
  for (const [name, last] of lastUse) {
    if (last !== i) continue;
    kin.get(name)?.dispose(); kin.delete(name);
    if (name !== 'POOL' && name !== 'SORTED') D.drop(name);
  }
}

function resolveCall(k, args) {
  const tried = [];
  for (const c of k.q) {
    const f = c.get(q, K);
    if (!f) continue;
    try {
      const r = f(...args);
      const ok = !k.expectType || (r instanceof K && r.type === k.expectType);
      const type = r instanceof K ? r.type : typeof r;
      if (r instanceof K) r.dispose();
      if (ok) return { f, how: c.how };
      tried.push(`${c.how}: type ${type}`);
    } catch (e) { tried.push(`${c.how}: ${e?.message ?? e}`); }
  }
  return { f: undefined, why: tried.length ? tried.join('; ') : 'not in q' };
}

const rows = [];
const jsFps = {};
log(`n=${opt.n.toLocaleString('en-US')}, ${selected.length} kernels; baselines building their inputs...\n`);
for (const w of workers) {
  const info = await w.ready();
  if (info) baselines[w.key].fingerprints = info.fingerprints; else baselines[w.key].error = w.error;
}
const tStart = now();
env.loadBefore = os.loadavg()[0];
for (const [i, k] of selected.entries()) {
  const row = { id: k.id, label: k.label, target: k.target, qwasm: null, js: null };
  try {
    const qargs = k.ins.map((d) => (d.startsWith('#') ? D.get(d.slice(1)) : kInput(d)));
    for (const d of k.ins) { const nm = d.replace(/^[#@]/, ''); if (FP_SETS.includes(nm) && !jsFps[nm]) jsFps[nm] = fingerprint(D.get(nm)); }
    const blocks0 = q.memory().blocks;
    const { f, how, why } = resolveCall(k, qargs);
    if (f) row.how = how; else row.why = why;
    // qwasm's first result is kept (in engine memory) to check against the JS loop's
    let qFirst, jsFirst, jargs;
    const qImpl = f && local(() => f(...qargs), (r) => { if (r !== qFirst && r instanceof K) r.dispose(); }, (r) => { qFirst = r; });
    // the JS loop over the same typed arrays: views re-read once qwasm has allocated
    const views = () => {
      jargs = k.ins.map((d) => jsInput(d, k.ownArray));
      if (k.ins[0] === 'S') jargs.push(symNames);
      return jargs;
    };
    const m = k.jsPrefix && !opt.fullJs && opt.n > k.jsPrefix ? k.jsPrefix : 0;
    const scale = m ? (opt.n / m) * (Math.log(opt.n) / Math.log(m)) : 1; // a prefix, scaled by n log n
    // views are re-read before every batch: qwasm's runs in between may grow memory, detaching them
    let pre;
    const refresh = () => { const a = views(); pre = m ? a.map((x, j) => (j < k.ins.length ? x.subarray(0, m) : x)) : a; };
    const jsImpl = local(() => k.js(...pre), () => {}, m ? undefined : (r) => { jsFirst = r; }, scale);
    const jsLazy = { warm() { refresh(); return jsImpl.warm(); }, run(n) { refresh(); return jsImpl.run(n); } };
    const impls = [qImpl ? { warm: () => qImpl.warm(), run: (n) => qImpl.run(n) } : { warm: () => null }, jsLazy];
    for (const w of workers) {
      impls.push({
        warm: async () => { const r = await w.request(`warm ${k.id}`); return r && !r.missing ? r : null; },
        run: async (n) => (await w.request(`run ${k.id} ${n}`))?.times ?? null,
      });
    }
    const res = await measureAll(impls);
    [row.qwasm, row.js] = res;
    if (row.js && m) row.js.estimatedFrom = m;
    workers.forEach((w, j) => { if (res[j + 2]) baselines[w.key].results[k.id] = res[j + 2]; else if (w.error) baselines[w.key].error = w.error; });
    if (qFirst !== undefined) {
      try { row.check = k.check(qFirst, jsFirst, views()) || 'ok'; } catch (e) { row.check = `check failed: ${e.message}`; }
      if (qFirst instanceof K) qFirst.dispose();
    }
    jsFirst = undefined; jargs = undefined;
    const leaked = q.memory().blocks - blocks0;
    if (f && leaked > 0) row.leak = leaked;
  } catch (e) {
    row.error = String(e?.stack ?? e);
  }
  retire(i);
  rows.push(row);
  log(`  ${k.id.padEnd(11)} qwasm ${fmtMs(row.qwasm?.median).padStart(8)}  js ${fmtMs(row.js?.median).padStart(8)}${workers.map((w) => `  ${w.key} ${fmtMs(baselines[w.key].results[k.id]?.median).padStart(8)}`).join('')}${row.check && row.check !== 'ok' ? `   CHECK: ${row.check}` : ''}${row.why ? `   n/a (${row.why.slice(0, 80)})` : ''}${row.error ? `   ERROR ${row.error}` : ''}\n`);
}
for (const k of kin.values()) k.dispose();
for (const w of workers) w.close();
env.loadAfter = os.loadavg()[0];
env.seconds = Math.round((now() - tStart) / 1000);
log(`measured in ${env.seconds} s\n`);

// ---------------------------------------------------------------------------
// table

function fmtMs(v) {
  if (v === undefined || v === null) return 'n/a';
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3);
}
const COLS = [['js', 'JS loop'], ['numpy', 'numpy'], ['cnat', 'C native'], ['csse', 'C sse4.2']];
const NAMES = { js: 'JS', numpy: 'np', cnat: 'C-nat', csse: 'C-sse' };

// input fingerprints must agree, else that baseline measured other data
for (const b of ['cnat', 'csse', 'numpy']) {
  const fps = baselines[b]?.fingerprints;
  if (!fps) continue;
  const bad = Object.keys(jsFps).filter((s) => fps[s] !== jsFps[s]);
  if (bad.length) { baselines[b].inputsDiffer = bad; log(`WARNING: ${b} inputs differ from JS on ${bad.join(' ')}\n`); }
}

function baseMs(row, b) {
  if (b === 'js') return row.js?.[opt.stat];
  return baselines[b]?.results?.[row.id]?.[opt.stat];
}
function evaluate(row) {
  const q = row.qwasm?.[opt.stat];
  row.ratios = {};
  for (const [b] of COLS) { const m = baseMs(row, b); if (q !== undefined && m) row.ratios[b] = q / m; }
  if (q === undefined) { row.status = 'n/a'; return; }
  if (!row.target.length) { row.status = 'info'; return; }
  let miss = false, unknown = false;
  row.targetResults = row.target.map((t) => {
    const r = row.ratios[t.vs];
    if (r === undefined) { unknown = true; return { ...t, met: null }; }
    const met = r <= t.le;
    if (!met) miss = true;
    return { ...t, ratio: r, met };
  });
  row.status = miss ? 'MISS' : unknown ? 'PASS?' : 'PASS';
  if (row.check && row.check !== 'ok') row.status = 'WRONG';
}
rows.forEach(evaluate);

const targetText = (t) => t.map((x) => (x.le < 1 && x.vs !== 'js' ? `${(1 / x.le).toFixed(1).replace(/\.0$/, '')}x faster than ${NAMES[x.vs]}`
  : x.le === 1 ? `< ${NAMES[x.vs]}` : `<= ${x.le}x ${NAMES[x.vs]}`)).join(', ') || '-';
const ratioText = (r) => (r === undefined ? '-' : r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(2) : r.toFixed(3));

const header = ['kernel', 'qwasm ms', ...COLS.map(([, n]) => `${n} ms`), ...COLS.map(([b]) => `q/${NAMES[b]}`), 'target', 'status'];
const table = rows.map((r) => [
  r.id + (r.label ? ` (${r.label})` : ''),
  r.qwasm ? fmtMs(r.qwasm[opt.stat]) : 'n/a',
  ...COLS.map(([b]) => (b === 'js' && r.js?.estimatedFrom ? '~' : '') + fmtMs(baseMs(r, b))),
  ...COLS.map(([b]) => ratioText(r.ratios[b])),
  targetText(r.target),
  r.status + (r.leak ? ` LEAK ${r.leak}` : '') + (r.error ? ' ERROR' : ''),
]);

function textTable(h, body) {
  const w = h.map((c, i) => Math.max(c.length, ...body.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 || i >= r.length - 2 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return [line(h), w.map((x) => '-'.repeat(x)).join('  '), ...body.map(line)].join('\n');
}
const mdTable = (h, body) => [`| ${h.join(' | ')} |`, `|${h.map((_, i) => (i === 0 || i >= h.length - 2 ? '---' : '---:')).join('|')}|`,
  ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const counts = rows.reduce((a, r) => { const s = r.status.split(' ')[0]; a[s] = (a[s] ?? 0) + 1; return a; }, {});
const summary = Object.entries(counts).map(([s, c]) => `${c} ${s}`).join(', ');
const skipped = ['cnat', 'csse', 'numpy'].filter((b) => baselines[b]?.skipped || baselines[b]?.error)
  .map((b) => `${NAMES[b]}: ${baselines[b].skipped ?? baselines[b].error}`);

console.log(`\nqwasm bench: n=${opt.n.toLocaleString('en-US')} items, ${env.cpu} (${env.cores} cores), node ${env.node}`
  + `${env.numpy ? `, numpy ${env.numpy}` : ''}${env.cc ? `, ${env.cc}` : ''}`);
console.log(`times: ${opt.stat} ms; q/X = qwasm time / X time (below 1: qwasm faster)\n`);
console.log(textTable(header, table));
console.log(`\n${summary}${skipped.length ? `; skipped ${skipped.join('; ')}` : ''}`);
const wrong = rows.filter((r) => r.check && r.check !== 'ok');
if (wrong.length) console.log(`results differing from the JS loop: ${wrong.map((r) => `${r.id} (${r.check})`).join('; ')}`);
const na = rows.filter((r) => r.status === 'n/a');
if (na.length) console.log(`n/a (not in the q namespace yet or failed): ${na.map((r) => r.id).join(' ')}`);

// ---------------------------------------------------------------------------
// results files

if (opt.write) {
  const stamp = new Date().toISOString();
  const result = {
    date: stamp, n: opt.n, stat: opt.stat, quick: opt.quick, filter: opt.filter, targetMs: opt.targetMs, minReps: opt.minReps, env,
    baselines: Object.fromEntries(Object.entries(baselines).map(([b, v]) => [b, {
      skipped: v.skipped, error: v.error, flags: v.flags, inputsDiffer: v.inputsDiffer, fingerprints: v.fingerprints,
    }])),
    fingerprints: jsFps,
    rows: rows.map((r) => ({
      id: r.id, label: r.label, how: r.how, why: r.why, error: r.error, check: r.check, leak: r.leak,
      qwasm: r.qwasm, js: r.js,
      numpy: baselines.numpy?.results?.[r.id] ?? null, cnat: baselines.cnat?.results?.[r.id] ?? null, csse: baselines.csse?.results?.[r.id] ?? null,
      ratios: r.ratios, target: r.targetResults ?? r.target, status: r.status,
    })),
    summary: counts,
  };
  const dir = join(BENCH, 'results');
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(result, null, 1)}\n`;
  writeFileSync(join(dir, `${stamp.replace(/:/g, '-')}.json`), json);
  writeFileSync(join(dir, 'latest.json'), json);
  const md = [
    `# qwasm benchmark — ${stamp.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `\`npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\`: ${opt.n.toLocaleString('en-US')} items, `
      + `${env.cpu} (${env.cores} cores, ${env.platform}), Node ${env.node}`
      + `${env.numpy ? `, numpy ${env.numpy} (Python ${env.python})` : ''}${env.cc ? `, ${env.cc}` : ''}; `
      + `measured in ${env.seconds} s with a load average of ${env.loadBefore.toFixed(1)} → ${env.loadAfter.toFixed(1)} on ${env.cores} cores.`,
    '',
    `${opt.stat === 'min' ? 'Minimum' : 'Median'} milliseconds per call (inputs already in memory; the output's allocation included). `
      + 'q/X = qwasm time ÷ X time, so below 1 means qwasm is faster. "C native" is `cc -O3 -march=native`, '
      + '"C sse4.2" is `cc -O3 -msse4.2`. Targets are the issue\'s; PASS? means a baseline was missing. '
      + 'How each cell is computed: [bench/README.md](../README.md).',
    '',
    mdTable(header, table),
    '',
    `${summary}.${skipped.length ? ` Skipped: ${skipped.join('; ')}.` : ''}`,
    ...(wrong.length ? ['', `Results differing from the JS loop: ${wrong.map((r) => `${r.id} (${r.check})`).join('; ')}.`] : []),
    ...(na.length ? ['', 'n/a (no working call in the `q` namespace at run time):', '',
      ...na.map((r) => `- \`${r.id}\`: ${(r.why ?? r.error ?? '').slice(0, 200)}`)] : []),
    '',
  ].join('\n');
  writeFileSync(join(dir, 'latest.md'), md);
  log(`\nwrote bench/results/${stamp.replace(/:/g, '-')}.json, latest.json, latest.md\n`);
}

if (opt.q !== false) { log('\nq-level suite (bench/q)\n'); await qSuite(); }
