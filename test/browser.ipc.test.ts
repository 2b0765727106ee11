// The playground connected to a kdb+ server over WebSocket, in Debian's
// Chromium: a qwasm server (`listen`, WebSocket on the same port, as kdb+)
// stands in for kdb+. The page sends each input as a kdb+ message in a binary
// frame and shows the decoded answer as it shows its worker's results.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { serve, type StaticServer } from './browser/server.js';
import { chromiumPath, launch } from './browser/chromium.js';
import { q } from '../src/index.js';
import { listen, type Server } from '../src/ipc/index.js';
import { globals } from '../src/lang/eval.js';

const SHOTS = fileURLToPath(new URL('./browser/screenshots/', import.meta.url));
const hasChromium = chromiumPath !== undefined;

describe.skipIf(!hasChromium)('the playground against a server over WebSocket', () => {
  let browser: Browser;
  let web: StaticServer;
  let kdb: Server;
  beforeAll(async () => { [browser, web, kdb] = await Promise.all([launch(), serve(), listen({ port: 0 })]); }, 60000);
  afterAll(async () => { await browser?.close(); await web?.close(); await kdb?.close(); });

  it('connects, queries the server (text, grid, errors), and disconnects back to the worker', async () => {
    q('remoteOnly:42; remoteT:([] sym:`a`b`c; px:1.5 2 2.5)').dispose();
    try {
      const p = await browser.newPage({ viewport: { width: 1100, height: 800 } });
      const errors: Error[] = [];
      p.on('pageerror', (e) => errors.push(e));
      await p.goto(web.origin + '/dist/demo/index.html');
      await p.waitForSelector('body[data-ready="true"]');
      const url = `ws://127.0.0.1:${kdb.port}`;
      const idle = (s: string) => p.waitForFunction((s) => document.querySelector('#status')!.textContent === s, s);
      const type = async (text: string, settled: string) => {
        const before = await p.locator('.entry').count();
        await p.fill('#editor', text);
        await p.press('#editor', 'Enter');
        await p.waitForFunction((n) => document.querySelectorAll('.entry').length > n, before);
        await idle(settled);
        return p.locator('.entry').nth(before);
      };
      await p.fill('#remote', url);
      await p.click('#connect');
      await p.waitForSelector(`body[data-remote="${url}"]`);
      const remote = 'remote ' + url;
      expect(await p.textContent('#status')).toBe(remote);
      // a name only the server has
      const e1 = await type('remoteOnly', remote);
      expect(await e1.getAttribute('class')).toContain('remote');
      expect(await e1.locator('pre.out').textContent()).toBe('42');
      // a table from the server: its grid, and its console text exactly as q shows it
      const e2 = await type('remoteT', remote);
      expect(await e2.locator('table.grid th').allTextContents()).toEqual(['sym', 'px']);
      await e2.locator('.views button[data-view="text"]').click();
      expect(await e2.locator('pre.out').textContent()).toBe(q('remoteT').show());
      // the server evaluates (an assignment answers its value, as value "x:…" does): its state changes
      const e3 = await type('remoteSet:til 3', remote);
      expect(await e3.locator('pre.out').textContent()).toBe('0 1 2');
      expect(String(q('remoteSet'))).toBe('0 1 2');
      const e4 = await type('1+`a', remote);
      expect(await e4.locator('pre.err').textContent()).toBe("'type");
      await p.screenshot({ path: SHOTS + 'playground-remote.png' });
      // back to the page's own worker: the server's names are unknown there
      await p.click('#connect');
      await idle('ready');
      const e5 = await type('remoteOnly', 'ready');
      expect(await e5.locator('pre.err').textContent()).toBe("'remoteOnly");
      // a refused address is a message, not a failure
      await p.fill('#remote', 'ws://127.0.0.1:1');
      await p.click('#connect');
      await p.waitForFunction(() => document.querySelector('#status')!.textContent!.startsWith("'"));
      expect(errors).toEqual([]);
      await p.close();
    } finally { for (const n of ['remoteOnly', 'remoteT', 'remoteSet']) { globals.get(n)?.dispose(); globals.delete(n); } }
  }, 60000);
});
