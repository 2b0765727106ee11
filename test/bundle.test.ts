// The distributable: the browser bundle loads the wasm beside itself with
// fetch and needs nothing from Node; the Node entry works from dist/.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);

describe('bundles (npm test builds them first)', () => {
  it('the browser bundle has no static Node imports', () => {
    const src = readFileSync(new URL('dist/browser/qwasm.js', root), 'utf8');
    expect(src).not.toMatch(/^import .* from ["']node:/m);
    expect(src).not.toMatch(/require\(["'`]node:/); // oxc writes strings with backquotes
  });
  it('the browser bundle fetches ./qwasm.wasm on init() and works', async () => {
    const requested: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (input: URL | string) => {
      const url = new URL(String(input));
      requested.push(url.pathname);
      return new Response(readFileSync(fileURLToPath(url)), { headers: { 'content-type': 'application/wasm' } });
    }) as typeof fetch;
    try {
      // importing must not touch the engine: module-level set-up that needs it goes through onLoad()
      let mod;
      try {
        mod = await import(/* @vite-ignore */ new URL('dist/browser/qwasm.js', root).href);
      } catch (e) {
        throw new Error('the browser bundle used the engine while loading (use onLoad for module-level set-up): ' + (e as Error).message);
      }
      expect(requested).toEqual([]); // nothing loads before init()
      await mod.init();
      const x = mod.q.til(4);
      expect(x.toJS()).toEqual([0, 1, 2, 3]);
      x.dispose();
      expect(requested).toEqual([fileURLToPath(new URL('dist/browser/qwasm.wasm', root))]);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
  it('the Node entry works from dist/', async () => {
    const mod = await import(/* @vite-ignore */ new URL('dist/index.js', root).href);
    const x = mod.K.long([1, 2, 3]);
    expect(x.toJS()).toEqual([1, 2, 3]);
    x.dispose();
  });
});
