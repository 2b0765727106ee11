#!/usr/bin/env node
// npm run bench:browser: qwasm in Chromium and the Arrow bridge.
//   - time to first result in a page: import the bundle, init(), q('1+1')
//     (in the page, and through a worker), wasm fetched from a loopback server
//   - worker round trip for a small query (median of 300 sequential calls)
//   - a 1e6-row table to apache-arrow: toArrow (sharing columns), toArrowIPC +
//     tableFromIPC, against building the same Arrow table from JS arrays
// Needs `npm run build` and Debian's chromium; prints a markdown table.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const rows = [];
const row = (what, ms, note = '') => { rows.push([what, ms, note]); };

async function inChromium() {
  const exe = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find(existsSync);
  if (!exe) { console.error('no chromium: browser rows skipped'); return; }
  const { chromium } = await import('playwright-core');
  const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/') { res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>'); return; }
    let body;
    try { body = await readFile(root + 'dist/browser' + path); } catch { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const first = []; // one fresh page per sample
    for (let i = 0; i < 7; i++) {
      const page = await browser.newPage();
      await page.goto(origin + '/');
      const t = await page.evaluate(`(async () => {
        const t0 = performance.now();
        const m = await import('/qwasm.js');
        await m.init();
        const v = m.q('1+1').toJS();
        const t1 = performance.now();
        const w = await import('/worker.js');
        const db = await w.worker();
        const r = (await db.q('1+1')).toJS();
        const t2 = performance.now();
        const lat = [];
        for (let i = 0; i < 300; i++) { const a = performance.now(); (await db.q('1+1')).dispose(); lat.push(performance.now() - a); }
        lat.sort((a, b) => a - b);
        // the page's own event loop while the worker runs a query of ~2 s: the longest gap between timer ticks
        let last = performance.now(), gap = 0;
        const timer = setInterval(() => { const now = performance.now(); gap = Math.max(gap, now - last); last = now; }, 10);
        const q0 = performance.now();
        (await db.q('{x+1}/[1000000;0]')).dispose();
        const busy = performance.now() - q0;
        clearInterval(timer);
        db.terminate();
        return [t1 - t0, t2 - t1, lat[150], v + r, gap, busy];
      })()`);
      first.push(t);
      await page.close();
    }
    row('first result in a page (import + init + q)', median(first.map((x) => x[0])), 'ms, median of 7 fresh pages');
    row('then a worker\'s first result (worker() + db.q)', median(first.map((x) => x[1])), 'ms; the compiled module is reused');
    row('worker round trip, `db.q("1+1")`', median(first.map((x) => x[2])), 'ms, median of 300 sequential calls');
    row('page event loop while the worker computes: longest gap between 10 ms timer ticks', median(first.map((x) => x[4])),
      `ms, during a ${median(first.map((x) => x[5])).toFixed(0)} ms worker query`);
    await overWebSocket(browser, origin);
  } finally {
    await browser.close();
    server.close();
  }
}

/** The page as a kdb+ client: a qwasm server on loopback (WebSocket on its port, as kdb+). */
async function overWebSocket(browser, origin) {
  const { listen } = await import(root + 'dist/index.js');
  const srv = await listen({ port: 0 });
  try {
    const page = await browser.newPage();
    await page.goto(origin + '/');
    const [lat, vec] = await page.evaluate(`(async () => {
      const m = await import('/qwasm.js');
      await m.init();
      const h = await m.connectWebSocket('ws://127.0.0.1:${srv.port}');
      const lat = [];
      for (let i = 0; i < 300; i++) { const a = performance.now(); (await h.sync('1+1')).dispose(); lat.push(performance.now() - a); }
      lat.sort((a, b) => a - b);
      const vec = [];
      for (let i = 0; i < 5; i++) { const a = performance.now(); (await h.sync('1000000#1.5')).dispose(); vec.push(performance.now() - a); }
      vec.sort((a, b) => a - b);
      await h.close();
      return [lat[150], vec[2]];
    })()`);
    await page.close();
    row('page -> qwasm server over WebSocket, `h.sync("1+1")`', lat, 'ms, median of 300 sequential calls (server in this process)');
    row('  a 1e6-float vector back over WebSocket (8 MB message)', vec, 'ms, median of 5, decoded into the page\'s engine');
  } finally { await srv.close(); }
}

async function arrow() {
  const A = await import('apache-arrow');
  const { q, K } = await import(root + 'dist/index.js');
  const { toArrow, toArrowIPC } = await import(root + 'dist/arrow.js');
  const n = 1000000;
  const t = q('{([] time:2024.01.02D09:30+1000000*til x; sym:x?`IBM`MSFT`AAPL`GOOG; px:100+x?1.0; size:100*1+x?10)}', n);
  const js = { time: t.col('time').toJS(), sym: t.col('sym').toJS(), px: Array.from(t.col('px').data), size: Array.from(t.col('size').data, Number) };
  const time = (f, reps = 5) => { const xs = []; for (let i = 0; i < reps; i++) { const a = performance.now(); f(); xs.push(performance.now() - a); } return median(xs); };
  const share = time(() => toArrow(t, A));
  const copy = time(() => toArrow(t, A, { copy: true }));
  const ipc = time(() => A.tableFromIPC(toArrowIPC(t)));
  const fromJs = time(() => A.tableFromArrays({
    time: A.vectorFromArray(js.time, new A.TimestampNanosecond()), sym: A.vectorFromArray(js.sym, new A.Dictionary(new A.Utf8(), new A.Int32())),
    px: Float64Array.from(js.px), size: BigInt64Array.from(js.size, BigInt),
  }), 3);
  row('1e6-row table (p s f j) -> apache-arrow: toArrow', share, 'ms (float and long columns shared, not copied)');
  row('  toArrow { copy: true }', copy, 'ms');
  row('  toArrowIPC + tableFromIPC', ipc, 'ms');
  row('  the same Arrow table built from JS arrays', fromJs, 'ms (vectorFromArray / typed arrays)');
  t.dispose();
}

await inChromium();
await arrow();
console.log('| measure | value | note |\n|---|---:|---|');
for (const [w, ms, note] of rows) console.log(`| ${w} | ${ms.toFixed(ms < 1 ? 3 : 1)} | ${note} |`);
