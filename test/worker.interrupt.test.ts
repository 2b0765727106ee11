// The worker client (src/worker/client.ts) and the script it runs
// (src/worker/host.ts, as bundled in dist/browser/) in Node: worker_threads
// stand in for Web Workers. A query that is one long kernel call stops on
// interrupt(): through the shared flag (polled by the kernel) when the page
// would be cross-origin isolated, else by a restart that restores the
// workspace. Needs `npm run build` (dist/browser/, build/shared.wasm).
import { describe, it, expect, afterEach } from 'vitest';
import { Worker as NodeWorker } from 'node:worker_threads';
import { existsSync, readFileSync } from 'node:fs';
import { worker, type QWorker } from '../src/worker/client.js';

const SCRIPT = new URL('../dist/browser/qwasm-worker.js', import.meta.url);
const SHARED = new URL('../build/shared.wasm', import.meta.url);
const built = existsSync(SCRIPT) && existsSync(SHARED);

// A Web Worker on worker_threads: the script sees postMessage/onmessage on its global.
const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
let handler = null; const queue = [];
Object.defineProperty(globalThis, 'onmessage', { configurable: true, get: () => handler,
  set(f) { handler = f; for (const d of queue.splice(0)) f({ data: d }); } });
globalThis.postMessage = (m, t) => parentPort.postMessage(m, t);
parentPort.on('message', (d) => (handler ? handler({ data: d }) : queue.push(d)));
import(workerData.url);
`;
class WebWorker {
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
  readonly #w: NodeWorker;
  constructor(url: URL | string) {
    this.#w = new NodeWorker(BOOT, { eval: true, workerData: { url: String(url) } });
    this.#w.on('message', (d) => this.onmessage?.({ data: d }));
    this.#w.on('error', (e) => this.onerror?.({ message: e.message, preventDefault() {} }));
  }
  postMessage(m: unknown, transfer: ArrayBuffer[] = []): void { this.#w.postMessage(m, transfer); }
  terminate(): void { void this.#w.terminate(); }
}

const g = globalThis as { Worker?: unknown; crossOriginIsolated?: boolean };
let db: QWorker | undefined;
afterEach(() => { db?.terminate(); db = undefined; delete g.Worker; delete g.crossOriginIsolated; });

async function start(isolated: boolean): Promise<QWorker> {
  g.Worker = WebWorker;
  g.crossOriginIsolated = isolated;
  return worker({ script: SCRIPT, sharedWasm: readFileSync(SHARED), restore: true });
}
const value = async (d: QWorker, text: string): Promise<unknown> => { const k = await d.q(text); try { return k.toJS(); } finally { k.dispose(); } };
const outcome = (p: Promise<{ dispose(): void }>): Promise<string> => p.then((k) => { k.dispose(); return 'finished'; }, (e: Error) => e.message);

// Guids grade by a comparison merge sort (assembly/kernels/sort.ts): seconds for
// a million on a loaded machine, one kernel call, and a query with no lambda
// and no loop, so the kernel's polls are the only place it can stop.
const LONG = 'a:iasc g';

describe.skipIf(!built)('interrupting one long kernel in a worker (Node worker_threads)', () => {
  it('isolated: the kernel sees the shared flag and stops; the worker and its workspace stay', async () => {
    db = await start(true);
    expect(db.shared).toBe(true);
    await value(db, 'a:42; g:1000000?0Ng; 1b');
    for (let round = 0; round < 2; round++) {
      const long = outcome(db.q(LONG));
      const after = value(db, 'a+1'); // queued behind the long call
      if (round === 1) await new Promise((ok) => setTimeout(ok, 200)); // the kernel is (most likely) under way; no assertion depends on it
      // a grace of ten minutes: only the kernel's poll can stop it before it finishes
      expect(await db.interrupt(600_000)).toBe('stopped');
      expect(await long).toBe('stop');
      expect(await after).toBe(43); // a kept its value: the assignment never happened
    }
    expect(await value(db, '1+1')).toBe(2);
    expect(await value(db, 'count g')).toBe(1000000);
  }, 120_000);

  it('not isolated: the worker restarts and the workspace is restored', async () => {
    db = await start(false);
    expect(db.shared).toBe(false);
    await value(db, 'a:42; g:1000000?0Ng; 1b');
    const long = outcome(db.q(LONG));
    expect(await db.interrupt()).toBe('restarted');
    expect(await long).toBe('stop');
    expect(await value(db, 'a')).toBe(42);
    expect(await value(db, '(count g; 1+1)')).toEqual([1000000, 2]);
  }, 120_000);
});
