// The published shape: size budgets (README's table, checked here against the
// built files, raw and gzipped) and the exports map as Node resolves it.
import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

/** README rows `| dist/… | 256 KB | 64 KB |` under "### Size budgets". */
function budgets(): { file: string; raw: number; gz: number }[] {
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  const section = readme.split('### Size budgets')[1]?.split(/\n#/)[0] ?? '';
  return [...section.matchAll(/^\| `(dist\/[^`]+)` \| ([\d.]+) KB \| ([\d.]+) KB \|/gm)]
    .map((m) => ({ file: m[1], raw: Number(m[2]) * 1024, gz: Number(m[3]) * 1024 }));
}

describe('size budgets (README "Size budgets"; npm test builds dist/ first)', () => {
  it('lists the wasm and every browser bundle', () => {
    expect(budgets().map((b) => b.file).sort()).toEqual([
      'dist/browser/arrow.js', 'dist/browser/qwasm-shared.wasm', 'dist/browser/qwasm-worker.js', 'dist/browser/qwasm.js', 'dist/browser/qwasm.wasm',
      'dist/browser/worker.js',
    ]);
  });
  for (const b of budgets()) {
    it(`${b.file} fits ${b.raw / 1024} KB raw, ${b.gz / 1024} KB gzipped`, () => {
      const bytes = readFileSync(new URL(b.file, root));
      expect(bytes.length).toBeLessThanOrEqual(b.raw);
      expect(gzipSync(bytes, { level: 9 }).length).toBeLessThanOrEqual(b.gz);
    });
  }
});

describe('exports map', () => {
  it('has node, browser and types conditions, the subpaths, and no side effects', () => {
    expect(pkg.sideEffects).toBe(false);
    const dot = pkg.exports['.'];
    expect(Object.keys(dot)[0]).toBe('types');
    expect(dot).toMatchObject({ node: './dist/index.js', browser: './dist/browser/qwasm.js' });
    expect(pkg.exports['./worker']).toMatchObject({ default: './dist/browser/worker.js' });
    expect(pkg.exports['./arrow']).toMatchObject({ node: './dist/arrow.js', browser: './dist/browser/arrow.js' });
    const targets = JSON.stringify(pkg.exports).match(/\.\/(dist|build)\/[^"]+/g)!;
    for (const t of targets) expect(existsSync(new URL(t, root)), t).toBe(true);
  });
  it('Node resolves qwasm and qwasm/arrow to the Node builds, which share one engine', () => {
    const script = `
      const { q, K, init } = await import('qwasm');
      const { toArrowIPC, fromArrowIPC } = await import('qwasm/arrow');
      await init();
      const t = q('([] a:1 2 3; s:\`x\`y\`z)');
      const back = fromArrowIPC(toArrowIPC(t));
      console.log(JSON.stringify([back.show(), q('~', t, back).toJS()]));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(root), encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['a s\n---\n1 x\n2 y\n3 z', true]);
  });
});

describe('browser bundles leave out what a page cannot run', () => {
  // scripts/build.mjs swaps x.ts for x.browser.ts: the IPC server (sockets,
  // HTTP, blocking reads) and the worker_threads sync bridge stay Node-only
  it('qwasm.js has no socket server or sync bridge; the Node build has both', () => {
    const page = readFileSync(new URL('dist/browser/qwasm.js', root), 'utf8');
    const node = readFileSync(new URL('dist/index.js', root), 'utf8');
    for (const marker of ['createServer', 'receiveMessageOnPort']) {
      expect(page.includes(marker), marker).toBe(false);
      expect(node.includes(marker), marker).toBe(true);
    }
  });
  it('the page still answers listen and q-level hopen with nyi, not a crash', async () => {
    const server = await import('../src/ipc/server.browser.js');
    const bridge = await import('../src/ipc/syncbridge.browser.js');
    expect(() => server.listen(5001)).toThrow('nyi');
    expect(server.listening()).toEqual([]);
    expect(() => bridge.bridgeOpen(1, 'localhost', 5001, '', 0)).toThrow('nyi');
  });
});
