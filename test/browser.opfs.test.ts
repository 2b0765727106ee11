// OPFS in a real browser: the worker's q files on synchronous access handles
// (src/files/opfs-sync.ts), and a workspace saved there surviving a page
// reload. Debian's Chromium through playwright-core, as test/browser.test.ts.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { serve, type StaticServer } from './browser/server.js';
import { chromiumPath, launch } from './browser/chromium.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const w: any;

describe.skipIf(chromiumPath === undefined)('OPFS in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => { [browser, server] = await Promise.all([launch(), serve()]); });
  afterAll(async () => { await browser?.close(); await server?.close(); });

  /** Loads the worker client module into the page as window.w. */
  async function load(p: Page): Promise<void> {
    await p.goto(server.origin + '/test/browser/blank.html');
    await p.addScriptTag({ type: 'module', content: "import * as b from '/dist/browser/worker.js'; window.w = b;" });
    await p.waitForFunction(() => 'w' in window);
  }

  it('set, get, splayed and partitioned tables on sync access handles; a saved workspace survives a reload', async () => {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    const errors: Error[] = [];
    p.on('pageerror', (e) => errors.push(e));
    await load(p);
    const first = await p.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      for await (const [name] of (root as unknown as { entries(): AsyncIterable<[string]> }).entries()) await root.removeEntry(name, { recursive: true });
      const db = await w.worker();
      const c = (t: string) => db.console(t);
      await db.mountOpfs();
      const out: Record<string, unknown> = {};
      out.set = await c('`:data/v set 1 2 3 0N');
      out.get = await c('get`:data/v');
      await c('t:([]sym:`a`b`a;px:1.5 2.5 3.5)');
      await c('.Q.dpft[`:hdb;2024.01.01;`sym;`t]');
      await c('.Q.dpft[`:hdb;2024.01.02;`sym;`t]');
      await db.flushOpfs();
      // the files are in OPFS now (the browser's own API sees them)
      const hdb = await root.getDirectoryHandle('hdb');
      const part = await (await hdb.getDirectoryHandle('2024.01.02')).getDirectoryHandle('t');
      out.pxBytes = (await (await part.getFileHandle('px')).getFile()).size;
      out.load = await c('\\l hdb');
      out.query = await c('select from t where date=2024.01.02, sym=`a');
      out.meta = await c('meta t');
      // a file with a handle is rewritten in place
      out.rewrite = await c('`:data/v set 10 20; get`:data/v');
      await c('f:{x*y}; s:`p`q; d:`a`b!(1;"xy"); delete t from `.');
      out.saved = await db.saveWorkspace();
      return out;
    });
    expect(errors).toEqual([]);
    expect(first.set).toBe('`:data/v');
    expect(first.get).toBe('1 2 3 0N');
    expect(first.pxBytes).toBe(16 + 3 * 8);
    expect(first.query).toBe(['date       sym px ', '------------------', '2024.01.02 a   1.5', '2024.01.02 a   3.5'].join('\n'));
    expect(first.meta).toBe(['c   | t f a', '----| -----', 'date| d    ', 'sym | s    ', 'px  | f    '].join('\n'));
    expect(first.rewrite).toBe('10 20');
    expect(first.saved).toEqual(expect.arrayContaining(['f', 's', 'd', 'sym']));

    // a new page load: a new worker, an empty workspace, restored from OPFS
    await p.reload();
    await p.addScriptTag({ type: 'module', content: "import * as b from '/dist/browser/worker.js'; window.w = b;" });
    await p.waitForFunction(() => 'w' in window);
    const second = await p.evaluate(async () => {
      const db = await w.worker();
      const out: Record<string, unknown> = {};
      out.before = await db.console('@[value;`s;{`$x}]');
      out.restored = await db.restoreWorkspace();
      out.s = await db.console('s');
      out.f = await db.console('f[6;7]');
      out.d = await db.console('d');
      out.db = await db.console('\\l hdb');
      out.count = await db.console('count select from t where date=2024.01.01');
      return out;
    });
    expect(errors).toEqual([]);
    expect(second.before).toBe('`s');
    expect(second.restored).toEqual(expect.arrayContaining(['d', 'f', 's', 'sym']));
    expect(second.s).toBe('`p`q');
    expect(second.f).toBe('42');
    expect(second.d).toBe('a| 1\nb| "xy"');
    expect(second.count).toBe('3');
    await ctx.close();
  }, 60000);

  it("the playground's save and restore buttons keep the workspace across a reload", async () => {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    const errors: Error[] = [];
    p.on('pageerror', (e) => errors.push(e));
    const open = async () => {
      await p.goto(server.origin + '/dist/demo/index.html');
      await p.waitForSelector('body[data-ready="true"]');
    };
    const statusIs = (re: RegExp) => p.waitForFunction((src) => new RegExp(src).test(document.querySelector('#status')!.textContent!), re.source);
    const type = async (text: string) => {
      const before = await p.locator('.entry').count();
      await p.fill('#editor', text);
      await p.press('#editor', 'Enter');
      await p.waitForFunction((n) => document.querySelectorAll('.entry').length > n, before);
      await statusIs(/^ready$/);
      return p.locator('.entry').nth(before);
    };
    await open();
    await p.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      for await (const [name] of (root as unknown as { entries(): AsyncIterable<[string]> }).entries()) await root.removeEntry(name, { recursive: true });
    });
    await type('pw:til 3; pf:{x*2}; pt:([] a:1 2; b:`x`y)');
    await p.click('#save-ws');
    await statusIs(/^saved \d+ names$/);
    await p.reload();
    await p.waitForSelector('body[data-ready="true"]');
    expect(await (await type('pw')).locator('pre.err').textContent()).toBe("'pw");
    await p.click('#restore-ws');
    await statusIs(/^restored \d+ names$/);
    expect(await (await type('pw')).locator('pre.out').textContent()).toBe('0 1 2');
    expect(await (await type('pf 21')).locator('pre.out').textContent()).toBe('42');
    const t = await type('pt');
    expect(await t.locator('table.grid th').allTextContents()).toEqual(['a', 'b']);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 60000);
});
