// qwasm/worker: the engine in a Web Worker, with the in-process API made async.
//
//   const db = await worker();
//   const k = await db.q('sum til 10');   // a K on this thread
//   await db.set('t', k); const t = await db.get('t');
//
// Results cross as wire messages (src/worker/wire.ts): one transferred buffer
// per column, rebuilt as a K in this thread's engine (which init() loads; the
// worker instantiates the same compiled module, so the wasm is fetched once).
//
// Interrupting (`interrupt()`, or aborting a query's signal) terminates the
// worker, fails every call still pending with q's error 'stop, and starts a
// fresh worker whose workspace is restored: the global variables of the last
// checkpoint() (all of them, functions as their q text), then every call that
// succeeded since it — set() and q()/console() text — replayed in order. A
// replayed expression runs again (its cost too); q's random generator starts
// from the same seed in a fresh engine, so replays draw the same numbers. The
// interrupted call itself is not replayed: its effects are gone.

import { init, wasmModule, K, QError, type WasmSource, type ToJSOptions } from '../index.js';
import { encode, decode, type Wire } from './wire.js';
import type { Request, Reply } from './protocol.js';

export interface WorkerOptions {
  /** The worker script (default: qwasm-worker.js beside this module). */
  script?: URL | string;
  /** Where the engine's wasm comes from (see init). */
  wasm?: WasmSource;
  /** Restore the workspace after an interrupt (default true). */
  restore?: boolean;
}

export interface QueryOptions {
  /** Arguments the text's function is applied to, as q(text, ...args). */
  args?: unknown[];
  /** Aborting interrupts the query (the call fails with 'stop). */
  signal?: AbortSignal;
}

type Pending = { resolve(v: unknown): void; reject(e: unknown): void; replay?: Entry };
type Entry =
  | { op: 'q'; text: string; args: K[] }
  | { op: 'console'; text: string }
  | { op: 'set'; name: string; value: K };

type RequestBody = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class QWorker {
  #w!: Worker;
  #next = 1;
  #pending = new Map<number, Pending>();
  #journal: Entry[] = [];
  #checkpoint: [string, K][] = [];
  #closed = false;
  #restarting: Promise<void> | undefined;
  /** Settles when the current worker has loaded the engine. */
  loaded!: Promise<unknown>;

  constructor(private readonly script: URL | string, private readonly module: WebAssembly.Module,
    private readonly restore: boolean) {
    this.#start();
  }

  #start(): void {
    const w = new Worker(this.script, { type: 'module' });
    w.onmessage = (e: MessageEvent) => this.#reply(e.data as Reply);
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault?.();
      this.#failAll(new Error('qwasm worker: ' + (e.message || 'failed to start')));
    };
    this.#w = w;
    this.loaded = this.#post({ op: 'init', wasm: this.module });
    this.loaded.catch(() => {});
  }

  #post(body: RequestBody, transfer: ArrayBuffer[] = [], replay?: Entry): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error('qwasm worker: terminated'));
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, replay });
      this.#w.postMessage({ id, ...body }, transfer);
    });
  }

  #reply(r: Reply): void {
    const p = this.#pending.get(r.id);
    if (!p) return;
    this.#pending.delete(r.id);
    if (r.err !== undefined) {
      if (p.replay) dropEntry(p.replay);
      p.reject(r.q ? new QError(r.err) : new Error(r.err));
      return;
    }
    if (p.replay) {
      if (this.restore) this.#journal.push(p.replay); else dropEntry(p.replay);
    }
    p.resolve(r.ok);
  }

  #failAll(e: unknown): void {
    const all = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of all) {
      if (p.replay) dropEntry(p.replay);
      p.reject(e);
    }
  }

  /** The value of q text (or of applying it to args), as a K on this thread. */
  async q(text: string, ...args: unknown[]): Promise<K> {
    return this.query(text, { args });
  }

  /** q(text) with options: arguments, an AbortSignal that interrupts it. */
  async query(text: string, opts: QueryOptions = {}): Promise<K> {
    const args = (opts.args ?? []).map((a) => K.from(a));
    const transfer: ArrayBuffer[] = [];
    let wires: Wire[];
    try { wires = args.map((a) => encode(a, transfer)); } catch (e) { args.forEach((a) => a.dispose()); throw e; }
    const entry: Entry = { op: 'q', text, args };
    const call = this.#post({ op: 'q', text, args: wires }, transfer, entry);
    return decode(await this.#abortable(call, opts.signal) as Wire);
  }

  /** q(text) as plain JS (k.toJS(opts)) */
  async js(text: string, opts: ToJSOptions & QueryOptions = {}): Promise<unknown> {
    const k = await this.query(text, opts);
    try { return k.toJS(opts); } finally { k.dispose(); }
  }

  /** What the q console prints for one input (null for nothing): the playground's REPL. */
  async console(text: string, opts: QueryOptions = {}): Promise<string | null> {
    const entry: Entry = { op: 'console', text };
    return await this.#abortable(this.#post({ op: 'console', text }, [], entry), opts.signal) as string | null;
  }

  /** console() and the value it printed, as a K here (null when nothing printed). */
  async evaluate(text: string, opts: QueryOptions = {}): Promise<{ text: string | null; value: K | null }> {
    const entry: Entry = { op: 'console', text };
    const r = await this.#abortable(this.#post({ op: 'eval', text }, [], entry), opts.signal) as { text: string | null; value: Wire | null };
    return { text: r.text, value: r.value ? decode(r.value) : null };
  }

  /** A global variable in the worker takes the value (a K, or K.from of JS). */
  async set(name: string, value: unknown): Promise<void> {
    const k = K.from(value);
    const transfer: ArrayBuffer[] = [];
    let w: Wire;
    try { w = encode(k, transfer); } catch (e) { k.dispose(); throw e; }
    await this.#post({ op: 'set', name, value: w }, transfer, { op: 'set', name, value: k });
  }

  /** A global variable of the worker, as a K on this thread. */
  async get(name: string): Promise<K> {
    return decode(await this.#post({ op: 'get', name }) as Wire);
  }

  /** Drop every global variable in the worker (lang.reset); forgets the
   *  checkpoint and the calls since, so a restore starts from empty. */
  async reset(): Promise<void> {
    await this.#post({ op: 'reset' });
    this.#checkpoint.forEach(([, k]) => k.dispose());
    this.#checkpoint = [];
    this.#journal.forEach(dropEntry);
    this.#journal = [];
  }

  /** Keep the worker's global variables here, so an interrupt restores them
   *  without replaying what came before. */
  async checkpoint(): Promise<void> {
    const snap = await this.#post({ op: 'snapshot' }) as [string, Wire][];
    const next: [string, K][] = [];
    try {
      for (const [name, w] of snap) next.push([name, decode(w)]);
    } catch (e) { next.forEach(([, k]) => k.dispose()); throw e; }
    this.#checkpoint.forEach(([, k]) => k.dispose());
    this.#checkpoint = next;
    this.#journal.forEach(dropEntry);
    this.#journal = [];
  }

  /** Stop whatever the worker is running: pending calls fail with 'stop; the
   *  workspace is restored (see the module comment) before this resolves. */
  interrupt(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#w.terminate();
    this.#failAll(new QError('stop'));
    this.#start();
    const done = this.restore ? this.#replay() : Promise.resolve();
    this.#restarting = done.finally(() => { this.#restarting = undefined; });
    return this.#restarting;
  }

  /** Resolves once a restore after an interrupt has finished. */
  get restored(): Promise<void> { return this.#restarting ?? Promise.resolve(); }

  async #replay(): Promise<void> {
    // posted now, before any later call, so they run first in the new worker
    const steps: Promise<unknown>[] = [this.loaded];
    for (const [name, k] of this.#checkpoint) {
      const transfer: ArrayBuffer[] = [];
      steps.push(this.#post({ op: 'set', name, value: encode(k, transfer) }, transfer));
    }
    const journal = this.#journal;
    this.#journal = [];
    for (const e of journal) {
      const transfer: ArrayBuffer[] = [];
      const body: RequestBody = e.op === 'q' ? { op: 'q', text: e.text, args: e.args.map((a) => encode(a, transfer)) }
        : e.op === 'console' ? { op: 'console', text: e.text }
        : { op: 'set', name: e.name, value: encode(e.value, transfer) };
      steps.push(this.#post(body, transfer, e).then((ok) => {
        if (e.op === 'q') decode(ok as Wire).dispose();
      }));
    }
    const results = await Promise.allSettled(steps);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
    if (failed) throw failed.reason;
  }

  #abortable(call: Promise<unknown>, signal: AbortSignal | undefined): Promise<unknown> {
    if (!signal) return call;
    if (signal.aborted) { void this.interrupt(); return call; }
    const onAbort = () => { void this.interrupt(); };
    signal.addEventListener('abort', onAbort, { once: true });
    return call.finally(() => signal.removeEventListener('abort', onAbort));
  }

  /** Stop the worker for good and release what the client holds. */
  terminate(): void {
    if (this.#closed) return;
    this.#w.terminate();
    this.#failAll(new QError('stop'));
    this.#closed = true;
    this.#journal.forEach(dropEntry);
    this.#journal = [];
    this.#checkpoint.forEach(([, k]) => k.dispose());
    this.#checkpoint = [];
  }
  [Symbol.dispose](): void { this.terminate(); }
}

function dropEntry(e: Entry): void {
  if (e.op === 'q') e.args.forEach((a) => a.dispose());
  else if (e.op === 'set') e.value.dispose();
}

/** Starts a worker running the engine; resolves once it is loaded. */
export async function worker(opts: WorkerOptions = {}): Promise<QWorker> {
  if (typeof Worker === 'undefined') throw new Error('qwasm/worker needs Web Workers (a browser)');
  await init(opts.wasm !== undefined ? { wasm: opts.wasm } : {});
  const module = wasmModule()!;
  const script = opts.script ?? new URL('./qwasm-worker.js', import.meta.url);
  const db = new QWorker(script, module, opts.restore ?? true);
  try { await db.loaded; } catch (e) { db.terminate(); throw e; }
  return db;
}
