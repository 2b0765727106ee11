// qwasm in a real browser: Debian's Chromium driven by playwright-core, pages
// served from dist/ by a loopback server (test/browser/server.ts). Runs when
// Chromium is installed (.ci/run installs it); `npm test` builds dist/ first.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { serve, type StaticServer } from './browser/server.js';
import { chromiumPath, launch } from './browser/chromium.js';
import * as A from 'apache-arrow';
import { lang, q } from '../src/index.js';
import { toArrowIPC } from '../src/arrow/index.js';

/** Screenshots for a person to look at (not compared): test/browser/screenshots/, git-ignored. */
const SHOTS = fileURLToPath(new URL('./browser/screenshots/', import.meta.url));
const hasChromium = chromiumPath !== undefined;
if (!hasChromium) console.warn('browser tests skipped: no chromium (apt-get install -y chromium)');

let browser: Browser;
let server: StaticServer;

/** A fresh page on the test server (one engine per page), with modules of
 *  dist/browser/ imported as window globals: page({ m: 'qwasm.js' }) sets
 *  window.m. (Code passed to page.evaluate cannot import(): vitest rewrites it.) */
async function page(mods: Record<string, string> = { m: 'qwasm.js' }): Promise<Page> {
  const p = await browser.newPage();
  const errors: Error[] = [];
  p.on('pageerror', (e) => errors.push(e));
  await p.goto(server.origin + '/test/browser/blank.html');
  const names = Object.keys(mods);
  await p.addScriptTag({ type: 'module', content: names.map((n, i) =>
    `import * as m${i} from '/dist/browser/${mods[n]}'; window.${n} = m${i};`).join('\n') });
  await p.waitForFunction((names) => names.every((n) => n in window), names);
  expect(errors).toEqual([]);
  return p;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const m: any, w: any, arrow: any;

/** The inputs of every test/q transcript, by file, and what Node's console prints for them. */
let replayed: { sessions: string[][]; node: (string | null)[][] } | undefined;
function transcripts(): { sessions: string[][]; node: (string | null)[][] } {
  if (replayed) return replayed;
  const files = readdirSync(new URL('./q/', import.meta.url)).filter((f) => f.endsWith('.q.txt')).sort();
  const sessions = files.map((f) => readFileSync(new URL('./q/' + f, import.meta.url), 'utf8')
    .split('\n').filter((l) => l.startsWith('q)')).map((l) => l.slice(2)));
  lang.setOutput(() => {}); // 0N! and show print; only the console text is compared
  const node = sessions.map((inputs) => {
    const outs = inputs.map((s) => {
      try { return lang.consoleEval(s); } catch (e) { return "'" + (e as Error).message; }
    });
    lang.reset();
    return outs;
  });
  return (replayed = { sessions, node });
}

/** Runs every session through a worker client in the page (window.w), reset() between files. */
async function replayInWorker(p: Page, sessions: string[][], opts: object = {}): Promise<unknown> {
  return p.evaluate(async ([sessions, opts]) => {
    const db = await w.worker({ restore: false, ...(opts as object) });
    const all: (string | null)[][] = [];
    for (const inputs of sessions as string[][]) {
      const outs: (string | null)[] = [];
      for (const s of inputs) {
        try { outs.push(await db.console(s)); } catch (e) { outs.push("'" + (e as Error).message); }
      }
      await db.reset();
      all.push(outs);
    }
    const shared = db.shared;
    db.terminate();
    return { shared, all };
  }, [sessions, opts] as const);
}

describe.skipIf(!hasChromium)('in Chromium', () => {
  beforeAll(async () => {
    [browser, server] = await Promise.all([launch(), serve()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('the core bundle', () => {
    it('init() compiles the wasm beside the bundle, then q runs', async () => {
      const p = await page();
      const out = await p.evaluate(async () => {
        let before = '';
        try { m.q('1+1'); } catch (e) { before = (e as Error).message; }
        // set-up registered before init runs once the engine is there
        let deferred: unknown;
        m.onLoad(() => { deferred = m.q('`deferred').toJS(); });
        const early = deferred;
        await m.init();
        await m.init(); // idempotent
        const r = (s: string) => { const k = m.q(s); try { return k.show(); } finally { k.dispose(); } };
        let now: unknown;
        m.onLoad(() => { now = 'at once'; });
        return {
          before, early: early ?? 'not yet', deferred, now,
          sum: m.q('sum til 10').toJS(),
          table: r('([] a:1 2 3; b:`x`y`z; c:2000.01.01+til 3)'),
          lambda: r('{x*y}[3] 1 2 0N'),
          nulls: r('0N 0w -0w 1.5'),
          str: m.q('til 3').toString(),
        };
      });
      expect(out.before).toMatch(/await init\(\) first/);
      expect([out.early, out.deferred, out.now]).toEqual(['not yet', 'deferred', 'at once']);
      expect(out.sum).toBe(45);
      expect(out.table).toBe('a b c         \n--------------\n1 x 2000.01.01\n2 y 2000.01.02\n3 z 2000.01.03');
      expect(out.lambda).toBe('3 6 0N');
      expect(out.nulls).toBe('0n 0w -0w 1.5');
      expect(out.str).toBe('0 1 2');
      await p.close();
    });

    it('init({ wasm }) takes a URL, a Response, bytes or a compiled module', async () => {
      const kinds = ['url', 'string', 'response', 'promise', 'bytes', 'view', 'module'];
      for (const kind of kinds) {
        const p = await page();
        const r = await p.evaluate(async (kind) => {
            const url = new URL('/dist/browser/qwasm.wasm', location.href);
          const bytes = () => fetch(url).then((r) => r.arrayBuffer());
          const wasm = kind === 'url' ? url : kind === 'string' ? url.pathname
            : kind === 'response' ? await fetch(url) : kind === 'promise' ? fetch(url)
            : kind === 'bytes' ? await bytes() : kind === 'view' ? new Uint8Array(await bytes())
            : await WebAssembly.compile(await bytes());
          await m.init({ wasm });
          let again = '';
          try { await m.init({ wasm: new Uint8Array(8) }); } catch (e) { again = (e as Error).message; }
          return { v: m.q('3#"abc"').toJS(), module: m.wasmModule() instanceof WebAssembly.Module, again };
        }, kind);
        expect(r, kind).toEqual({ v: 'abc', module: true, again: 'qwasm: the engine is already loaded' });
        await p.close();
      }
    });

    it('a host that serves the wasm with another content type still works', async () => {
      const p = await page();
      const v = await p.evaluate(async () => {
        const bytes = await (await fetch('/dist/browser/qwasm.wasm')).arrayBuffer();
        await m.init({ wasm: new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } }) });
        return m.q('"j"$2+2').toJS();
      });
      expect(v).toBe(4);
      await p.close();
    });

    it('a failed load rejects, and a later init can still succeed', async () => {
      const p = await page();
      const r = await p.evaluate(async () => {
        let err = '';
        try { await m.init({ wasm: '/dist/browser/missing.wasm' }); } catch (e) { err = (e as Error).message; }
        await m.init();
        return { err, v: m.q('count til 7').toJS() };
      });
      expect(r.err).toMatch(/cannot load .*missing\.wasm: 404/);
      expect(r.v).toBe(7);
      await p.close();
    });

    it('q transcripts from test/q print byte-identical text in the page, in its worker and in Node', async () => {
      const { sessions, node } = transcripts();
      const p = await page();
      const web = await p.evaluate(async (sessions) => {
        await m.init();
        return sessions.map((inputs: string[]) => {
          const outs = inputs.map((s) => {
            try { return m.lang.consoleEval(s); } catch (e) { return "'" + (e as Error).message; }
          });
          m.lang.reset();
          return outs;
        });
      }, sessions);
      expect(sessions.flat().length).toBeGreaterThan(500);
      expect(web).toEqual(node);
      await p.close();
      // and through the worker client, session by session (reset() between files)
      const pw = await page({ m: 'qwasm.js', w: 'worker.js' });
      const viaWorker = await replayInWorker(pw, sessions);
      expect(viaWorker).toEqual({ shared: false, all: node });
      await pw.close();
    });
  });

  describe('the worker client (qwasm/worker)', () => {
    it('q, set and get with the in-process semantics; results rebuilt as K here', async () => {
      const p = await page({ m: 'qwasm.js', w: 'worker.js' });
      const r = await p.evaluate(async () => {
        const db = await w.worker();
        const show = async (x: Promise<{ show(): string; dispose(): void }>) => { const k = await x; try { return k.show(); } finally { k.dispose(); } };
        const out: Record<string, unknown> = {};
        out.sum = (await db.q('sum 1 2 0N 4')).toJS();
        out.apply = (await db.q('{x+y}', 10, [1, 2, 3])).toJS();
        await db.set('t', m.q('([] s:`a`b`a`c; p:1.5 0n 0w -2.; n:1 0N 3 4; d:2024.01.01 0N 2024.03.01 2024.12.31)'));
        out.t = await show(db.get('t'));
        out.local = await show(Promise.resolve(m.q('([] s:`a`b`a`c; p:1.5 0n 0w -2.; n:1 0N 3 4; d:2024.01.01 0N 2024.03.01 2024.12.31)')));
        out.sel = await show(db.q('(t`p) where 1<t`n'));
        out.keyed = await show(db.q('([k:`x`y] v:(1 2;"ab"))'));
        out.attr = (await db.q('`s#1 2 3')).attr;
        out.types = await show(db.q('{type each x}(1b;0x01;1h;1i;1j;1e;1f;"c";`s;2000.01.01D01;2000.01m;2000.01.01;2000.01.01T01:00;0D01;01:00;01:00:00;01:00:00.000;"G"$"00000000-0000-0000-0000-000000000001")'));
        out.guid = await show(db.q('"G"$"0123456789abcdef0123456789abcdef"'));
        out.fn = await show(db.q('{x*y}[2]'));
        out.js = await db.js('`a`b!(1 2;3.5)');
        out.console = await db.console('([] a:til 3)');
        out.quiet = await db.console('a:1');
        try { await db.q('1+`a'); } catch (e) { out.err = [(e as Error).name, (e as Error).message]; }
        try { await db.get('nope'); } catch (e) { out.undef = (e as Error).message; }
        out.afterErr = (await db.q('1+1')).toJS();
        db.terminate();
        return out;
      });
      expect(r.sum).toBe(7);
      expect(r.apply).toEqual([11, 12, 13]);
      expect(r.t).toBe(r.local);
      expect(r.sel).toBe('0w -2');
      expect(r.keyed).toBe('k| v   \n-| ----\nx| 1 2 \ny| "ab"');
      expect(r.attr).toBe('s');
      expect(r.types).toBe('-1 -4 -5 -6 -7 -8 -9 -10 -11 -12 -13 -14 -15 -16 -17 -18 -19 -2h');
      expect(r.guid).toBe('01234567-89ab-cdef-0123-456789abcdef');
      expect(r.fn).toBe('{x*y}[2]');
      expect(r.js).toEqual({ a: [1, 2], b: 3.5 });
      expect(r.console).toBe('a\n-\n0\n1\n2');
      expect(r.quiet).toBe(null);
      expect(r.err).toEqual(['QError', 'type']);
      expect(r.undef).toBe('nope');
      expect(r.afterErr).toBe(2);
      await p.close();
    });

    it('columns cross as transferred buffers: a 1e6-float column arrives whole', async () => {
      const p = await page({ m: 'qwasm.js', w: 'worker.js' });
      const r = await p.evaluate(async () => {
        const db = await w.worker();
        const k = await db.q('0.5*til 1000000');
        const d = k.data as Float64Array;
        const out = { n: d.length, last: d[999999], type: k.type, sum: (await db.q('sum 0.5*til 1000000')).toJS() };
        let s = 0; for (let i = 0; i < d.length; i++) s += d[i];
        db.terminate();
        return { ...out, local: s };
      });
      expect(r).toEqual({ n: 1000000, last: 499999.5, type: 9, sum: 249999750000, local: 249999750000 });
      await p.close();
    });

    it('view() without shared memory: the columns are transferred buffers', async () => {
      const p = await page({ m: 'qwasm.js', w: 'worker.js' });
      const r = await p.evaluate(async () => {
        const db = await w.worker();
        const v = await db.view('([] s:`x``z; n:0D00:00:01 0N 0D00:00:00.000000001; b:101b)');
        const out = { isolated: crossOriginIsolated, shared: db.shared, viewShared: v.shared, ab: (v.column('n') as BigInt64Array).buffer instanceof ArrayBuffer,
          s: v.column('s'), n: Array.from(v.column('n') as BigInt64Array, String), b: Array.from(v.column('b') as Uint8Array) };
        await v.release();
        const vec = await db.view('1.5 2.5');
        db.terminate();
        return { ...out, vec: Array.from(vec.column('') as Float64Array), type: vec.type };
      });
      expect(r).toEqual({ isolated: false, shared: false, viewShared: false, ab: true, s: ['x', '', 'z'],
        n: ['1000000000', '-9223372036854775808', '1'], b: [1, 0, 1], vec: [1.5, 2.5], type: 9 });
      await p.close();
    });

    it("interrupt: a long query stops with 'stop, the page stays live, the workspace is restored", async () => {
      const p = await page({ m: 'qwasm.js', w: 'worker.js' });
      const r = await p.evaluate(async () => {
        const db = await w.worker();
        await db.set('a', [1, 2, 3]);
        await db.q('f:{x+1}');
        await db.checkpoint();
        await db.console('b:a*10');
        await db.q('a,:4');
        let ticks = 0;
        const timer = setInterval(() => { ticks++; }, 1);
        const long = db.q('{x+1}/[100000000;0]'); // runs for minutes
        let err: unknown;
        const stopped = long.catch((e: Error) => { err = [e.name, e.message]; });
        // the page's own event loop keeps turning while the worker computes
        while (ticks < 5) await new Promise((res) => setTimeout(res, 5));
        await db.interrupt();
        await stopped;
        clearInterval(timer);
        const after = {
          a: (await db.q('a')).toJS(), b: (await db.q('b')).toJS(), f: (await db.q('f 41')).toJS(),
        };
        // an AbortSignal interrupts too
        const ac = new AbortController();
        const q2 = db.query('{x+1}/[100000000;0]', { signal: ac.signal });
        let err2: unknown;
        const s2 = q2.catch((e: Error) => { err2 = e.message; });
        setTimeout(() => ac.abort(), 20);
        await s2;
        await db.restored;
        const again = (await db.q('a,b')).toJS();
        db.terminate();
        return { err, ticks: ticks >= 5, after, err2, again };
      });
      expect(r.err).toEqual(['QError', 'stop']);
      expect(r.ticks).toBe(true);
      expect(r.after).toEqual({ a: [1, 2, 3, 4], b: [10, 20, 30], f: 42 });
      expect(r.err2).toBe('stop');
      expect(r.again).toEqual([1, 2, 3, 4, 10, 20, 30]);
      await p.close();
    });
  });

  describe('the Arrow bridge (qwasm/arrow) in the page', () => {
    it('IPC bytes made in the page are read by apache-arrow; bytes from apache-arrow load in the page', async () => {
      const p = await page({ m: 'qwasm.js', arrow: 'arrow.js' });
      const src = '([] s:`a`b``c; p:2024.01.01D12:00:00.000000001 0N 0Wp 2000.01.01D00:00:00; f:1.5 0n 0w -0w; d:2024.02.29 2000.01.01 0N 1970.01.01; l:(1 2;0#0;3 4 5;enlist 0N))';
      const bytes = await p.evaluate(async (src) => {
        await m.init();
        return Array.from(arrow.toArrowIPC(m.q(src)) as Uint8Array);
      }, src);
      const at = A.tableFromIPC(Uint8Array.from(bytes));
      expect(at.getChild('s')!.toArray()).toEqual(['a', 'b', null, 'c']);
      expect(at.getChild('p')!.data[0].values[0]).toBe(1704110400000000001n);
      // and the page rebuilds exactly the q table apache-arrow re-encodes
      const back = A.tableToIPC(at, 'stream');
      const r = await p.evaluate(async ([src, bytes]) => {
        const k = arrow.fromArrowIPC(Uint8Array.from(bytes as number[]));
        return { show: k.show(), same: m.q('~', k, m.q(src as string)).toJS() };
      }, [src, Array.from(back)] as const);
      const local = q(src);
      expect(r).toEqual({ show: local.show(), same: true });
      // the Node build writes the same bytes as the browser build
      expect(Array.from(toArrowIPC(local))).toEqual(bytes);
      await p.close();
    });
  });

  describe('the playground (dist/demo)', () => {
    it('runs typed expressions in its worker: console text, a grid, a chart, errors, history', async () => {
      const p = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const errors: Error[] = [];
      p.on('pageerror', (e) => errors.push(e));
      const origins = new Set<string>();
      p.on('request', (r) => origins.add(new URL(r.url()).origin));
      await p.goto(server.origin + '/dist/demo/index.html');
      await p.waitForSelector('body[data-ready="true"]');
      const type = async (text: string) => {
        const before = await p.locator('.entry').count();
        await p.fill('#editor', text);
        await p.press('#editor', 'Enter');
        await p.waitForFunction((n) => document.querySelectorAll('.entry').length > n && document.querySelector('#status')!.textContent === 'ready', before);
        return p.locator('.entry').nth(before);
      };
      const e1 = await type('t:([] time:09:30:00+60*til 6; sym:6#`IBM`MSFT; px:100.5 101 99.25 0n 102 103.5)');
      expect(await e1.locator('.result').count()).toBe(0); // an assignment prints nothing
      const e2 = await type('t');
      expect(await e2.locator('table.grid th').allTextContents()).toEqual(['time', 'sym', 'px']);
      expect(await e2.locator('table.grid tbody tr').count()).toBe(6);
      expect(await e2.locator('table.grid tbody tr').nth(1).locator('td').allTextContents()).toEqual(['09:31:00', 'MSFT', '101']);
      expect(await e2.locator('table.grid tbody tr').nth(3).locator('td').last().textContent()).toBe('');
      // the exact console text is one click away
      await e2.locator('.views button[data-view="text"]').click();
      const local = q('([] time:09:30:00+60*til 6; sym:6#`IBM`MSFT; px:100.5 101 99.25 0n 102 103.5)');
      expect(await e2.locator('pre.out').textContent()).toBe(local.show());
      await e2.locator('.views button[data-view="chart"]').click();
      expect(await e2.locator('canvas.chart').isVisible()).toBe(true);
      const e3 = await type('sums 1 2 3 4 5');
      // a short vector shows its text first, its chart one click away
      expect(await e3.locator('pre.out').textContent()).toBe('1 3 6 10 15');
      expect(await e3.locator('pre.out').isVisible()).toBe(true);
      await e3.locator('.views button[data-view="chart"]').click();
      expect(await e3.locator('canvas.chart').isVisible()).toBe(true);
      const long = await type('100 mavg sums 1000?-1 1f');
      expect(await long.locator('canvas.chart').isVisible()).toBe(true);
      const bars = await type('count each group "mississippi"');
      await bars.locator('.views button[data-view="chart"]').click();
      expect(await bars.locator('canvas.chart.bars').isVisible()).toBe(true);
      await bars.screenshot({ path: SHOTS + 'bars.png' });
      const e4 = await type('1+`a');
      expect(await e4.locator('pre.err').textContent()).toBe("'type");
      const e5 = await type('{x*y}[3] each til 4');
      expect(await e5.locator('pre.out').textContent()).toBe('0 3 6 9');
      // multi-line input with Shift+Enter, and history with the up arrow
      await p.fill('#editor', 'f:{[a;b]');
      await p.press('#editor', 'End');
      await p.keyboard.press('Shift+Enter');
      await p.keyboard.type(' a+b}');
      const n = await p.locator('.entry').count();
      await p.press('#editor', 'Enter');
      await p.waitForFunction((n) => document.querySelectorAll('.entry').length > n, n);
      const e6 = await type('f[2;3]');
      expect(await e6.locator('pre.out').textContent()).toBe('5');
      await p.press('#editor', 'ArrowUp');
      expect(await p.inputValue('#editor')).toBe('f[2;3]');
      await p.fill('#editor', '');
      await e2.locator('.views button[data-view="grid"]').click();
      await e3.locator('.views button[data-view="chart"]').click();
      await p.screenshot({ path: SHOTS + 'playground.png' });
      expect(errors).toEqual([]);
      expect([...origins]).toEqual([server.origin]);
      await p.close();
    });

    it('the live demo: a feed appends trades in the worker; the panel re-queries stats and prices', async () => {
      const p = await browser.newPage({ viewport: { width: 1100, height: 700 } });
      const errors: Error[] = [];
      p.on('pageerror', (e) => errors.push(e));
      await p.goto(server.origin + '/dist/demo/index.html');
      await p.waitForSelector('body[data-ready="true"]');
      await p.click('#live-toggle');
      await p.waitForFunction(() => Number((document.querySelector('#live') as HTMLElement).dataset.ticks ?? 0) >= 3);
      await p.click('#live-toggle'); // stop the feed
      const stats = p.locator('#live .livebody').first(); // the per-symbol grid and the chart
      const syms = await stats.locator('table.grid tbody tr td:first-child').allTextContents();
      expect(syms.sort()).toEqual(['AAPL', 'GOOG', 'IBM', 'MSFT']);
      expect(await p.locator('#live canvas.chart').count()).toBe(1);
      const ibm = await stats.locator('table.grid tbody tr', { hasText: 'IBM' }).locator('td').nth(1).textContent();
      expect(await p.locator('#live .livehead').first().textContent()).toContain(`IBM, last ${ibm} prices`);
      // aj of the trades on the quotes: each trade with the quote of its time (quoted around the trade's price step)
      expect(await p.locator('#live-aj table.grid th').allTextContents()).toEqual(['time', 'sym', 'px', 'size', 'bid', 'ask']);
      const joined = await p.locator('#live-aj table.grid tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (c) => c.textContent)));
      expect(joined.length).toBe(6);
      for (const row of joined) expect(Number(row[4])).toBeLessThan(Number(row[5])); // bid < ask, both filled
      // one-second bars by xbar, keyed on time and sym
      expect(await p.locator('#live-bars table.grid th').allTextContents()).toEqual(['time', 'sym', 'open', 'high', 'low', 'close', 'volume']);
      expect(await p.locator('#live-bars table.grid tbody tr').count()).toBeGreaterThan(0);
      // the feed's table is an ordinary q table in the worker: the console sees it
      await p.fill('#editor', '(count trades) within 75 1000');
      await p.press('#editor', 'Enter');
      await p.waitForFunction(() => document.querySelector('.entry:last-child pre.out')?.textContent === '1b');
      await p.screenshot({ path: SHOTS + 'live.png' });
      expect(errors).toEqual([]);
      await p.close();
    });

    it('a dropped CSV or Arrow file becomes a table in the worker', async () => {
      const p = await browser.newPage();
      await p.goto(server.origin + '/dist/demo/index.html');
      await p.waitForSelector('body[data-ready="true"]');
      const arrowBytes = Array.from(A.tableToIPC(A.tableFromArrays({ x: Float64Array.from([1.5, 2.5]), s: ['a', 'b'] }), 'file'));
      const drop = (name: string, body: string | number[]) => p.evaluate(([name, body]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([typeof body === 'string' ? body : Uint8Array.from(body as number[])], name as string));
        document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, [name, body] as const);
      await drop('prices.csv', 'date,sym,px,n,note\n2024-01-02,IBM,101.5,3,"a, b"\n2024-01-03,MSFT,,4,c\n');
      await p.waitForFunction(() => document.querySelector('.entry:last-child .in')?.textContent === 'q)prices' && document.querySelector('#status')!.textContent === 'ready');
      expect(await p.locator('.entry').last().locator('pre.out').textContent())
        .toBe(q('([] date:2024.01.02 2024.01.03; sym:`IBM`MSFT; px:101.5 0n; n:3 4; note:`$("a, b";"c"))').show());
      await drop('2 ticks.arrow', arrowBytes);
      await p.waitForFunction(() => document.querySelector('.entry:last-child .in')?.textContent === 'q)t2_ticks' && document.querySelector('#status')!.textContent === 'ready');
      expect(await p.locator('.entry').last().locator('pre.out').textContent()).toBe(q('([] x:1.5 2.5; s:("a";"b"))').show());
      await p.close();
    });

    it('a shared link replays its code; stop interrupts a long query', async () => {
      const p = await browser.newPage();
      const code = encodeURIComponent('a:til 3\n\na*2');
      await p.goto(server.origin + '/dist/demo/index.html#code=' + code);
      await p.waitForSelector('body[data-ready="true"]');
      expect(await p.locator('.entry').last().locator('pre.out').textContent()).toBe('0 2 4');
      await p.fill('#editor', '{x+1}/[100000000;0]');
      await p.press('#editor', 'Enter');
      await p.waitForFunction(() => !(document.querySelector('#stop') as HTMLButtonElement).disabled);
      await p.click('#stop');
      await p.waitForSelector('.entry:last-child pre.err');
      expect(await p.locator('.entry').last().locator('pre.err').textContent()).toBe("'stop");
      // the workspace survived the restart
      await p.fill('#editor', 'a');
      await p.press('#editor', 'Enter');
      await p.waitForFunction(() => document.querySelector('.entry:last-child pre.out')?.textContent === '0 1 2');
      await p.close();
    });
  });

  describe('served cross-origin isolated (COOP/COEP)', () => {
    it('the page is isolated and the engine, the worker and the playground work there too', async () => {
      const iso = await serve({ isolated: true });
      try {
        const p = await browser.newPage();
        await p.goto(iso.origin + '/test/browser/blank.html');
        await p.addScriptTag({ type: 'module', content: "import * as a from '/dist/browser/qwasm.js'; import * as b from '/dist/browser/worker.js'; window.m = a; window.w = b;" });
        await p.waitForFunction(() => 'm' in window && 'w' in window);
        const r = await p.evaluate(async () => {
          const db = await w.worker();
          const k = await db.q('reverse til 5');
          const out = { isolated: crossOriginIsolated, sab: typeof SharedArrayBuffer, v: k.toJS(), local: m.q('1+2').toJS() };
          db.terminate();
          return out;
        });
        expect(r).toEqual({ isolated: true, sab: 'function', v: [4, 3, 2, 1, 0], local: 3 });
        // the worker runs the shared-memory build: view() reads columns where they lie
        const v = await p.evaluate(async () => {
          const db = await w.worker();
          await db.q('t:([] s:`a`b`c; f:1.5 0n 3; j:1 2 0N; d:2024.01.01 2024.01.02 0Nd)');
          const view = await db.view('t');
          const f = view.column('f') as Float64Array;
          const out = {
            shared: db.shared, viewShared: view.shared, sab: f.buffer instanceof SharedArrayBuffer,
            f: Array.from(f), j: Array.from(view.column('j') as BigInt64Array, String), s: view.column('s'),
            d: Array.from(view.column('d') as Int32Array), names: view.columns.map((c: { name: string }) => c.name),
          };
          // the worker drops t and allocates more: the view's value stays alive until release()
          await db.q('t:42; x:til 100000');
          const vec = await db.view('til 5');
          const again = Array.from(vec.column('') as BigInt64Array, String);
          await view.release(); await vec.release();
          let err = '';
          try { await db.view('(1;`a)'); } catch (e) { err = (e as Error).message; }
          db.terminate();
          return { ...out, again, err, f0: f[0] };
        });
        expect(v).toEqual({
          shared: true, viewShared: true, sab: true, f: [1.5, NaN, 3], j: ['1', '2', '-9223372036854775808'], s: ['a', 'b', 'c'],
          d: [8766, 8767, -2147483648], names: ['s', 'f', 'j', 'd'], again: ['0', '1', '2', '3', '4'], err: 'type', f0: 1.5,
        });
        // interrupting asks the interpreter through a shared flag: no restart, nothing lost. The flag
        // names the call to stop, so a stop that reaches the worker before the call starts still
        // stops it (at its first check): b:1 runs before any check, the loop's increments may not
        const stop = await p.evaluate(async () => {
          const db = await w.worker({ restore: false });
          await db.q('a:42; b:0');
          const results: unknown[] = [];
          for (const text of ['{x+1}/[100000000;0]', 'b:1; while[1b; b+:1]', '{[n] r:0; do[n; r+:1]; r}[1000000000]']) {
            const long = db.q(text).then(() => 'finished', (e: Error) => e.message);
            const after = db.q('a+1'); // queued behind the long call
            await new Promise((ok) => setTimeout(ok, 30));
            // a long grace: only the flag can stop these in time (the fallback would restart, and say so)
            results.push(await db.interrupt(60000));
            results.push(await long, (await after).toJS());
          }
          const b = (await db.q('b')).toJS();
          db.terminate();
          return { results, b: (b as number) > 0 };
        });
        expect(stop).toEqual({ results: ['stopped', 'stop', 43, 'stopped', 'stop', 43, 'stopped', 'stop', 43], b: true });
        // a query that is one long kernel call (guids grade by a comparison merge
        // sort): the kernel polls the flag every 64K items and stops mid-sort
        const kernelStop = await p.evaluate(async () => {
          const db = await w.worker({ restore: false });
          await db.q('a:42; g:2000000?0Ng; 1b');
          const t0 = performance.now();
          (await db.q('count iasc g')).dispose();
          const fullMs = performance.now() - t0;
          const long = db.q('a:iasc g').then(() => 'finished', (e: Error) => e.message);
          const after = db.q('a+1'); // queued behind it
          await new Promise((ok) => setTimeout(ok, 300));
          const t1 = performance.now();
          // a grace of ten minutes: without the kernel's polls the sort would finish first
          const how = await db.interrupt(600000);
          const stopMs = performance.now() - t1;
          const out = { how, long: await long, after: (await after).toJS(), a: (await db.q('a')).toJS(), n: (await db.q('count g')).toJS() };
          db.terminate();
          return { ...out, fullMs, stopMs };
        });
        console.log(`one long kernel in the isolated page: iasc of 2e6 guids ${kernelStop.fullMs.toFixed(0)} ms; stopped ${kernelStop.stopMs.toFixed(1)} ms after interrupt()`);
        expect({ ...kernelStop, fullMs: 0, stopMs: 0 }).toEqual({ how: 'stopped', long: 'stop', after: 43, a: 42, n: 2000000, fullMs: 0, stopMs: 0 });
        // q transcripts through the shared-memory worker print what Node prints
        const { sessions, node } = transcripts();
        expect(await replayInWorker(p, sessions)).toEqual({ shared: true, all: node });
        await p.goto(iso.origin + '/dist/demo/index.html');
        await p.waitForSelector('body[data-ready="true"]');
        await p.fill('#editor', 'til 3');
        await p.press('#editor', 'Enter');
        await p.waitForFunction(() => document.querySelector('.entry:last-child pre.out')?.textContent === '0 1 2');
        // the stop button stops one long kernel call; the workspace is as it was
        await p.fill('#editor', 'k:42; g:2000000?0Ng; 1b');
        await p.press('#editor', 'Enter');
        await p.waitForFunction(() => document.querySelector('.entry:last-child pre.out')?.textContent === '1b');
        await p.fill('#editor', 'k:iasc g');
        await p.press('#editor', 'Enter');
        await p.waitForFunction(() => !(document.querySelector('#stop') as HTMLButtonElement).disabled);
        await p.click('#stop');
        await p.waitForSelector('.entry:last-child pre.err');
        expect(await p.locator('.entry').last().locator('pre.err').textContent()).toBe("'stop");
        await p.fill('#editor', '(k; count g)');
        await p.press('#editor', 'Enter');
        await p.waitForFunction(() => document.querySelector('.entry:last-child .in')?.textContent === 'q)(k; count g)' && document.querySelector('#status')!.textContent === 'ready');
        expect(await p.locator('.entry').last().locator('pre').last().textContent()).toBe('42 2000000');
        await p.close();
      } finally { await iso.close(); }
    });
  });
});
