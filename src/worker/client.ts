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
// Interrupting (`interrupt()`, or aborting a query's signal) on a cross-origin
// isolated page first asks the worker to stop (a flag in shared memory, polled
// by the interpreter at every lambda call and loop iteration and by long
// kernels every 64K items, assembly/poll.ts): the call fails with 'stop and
// nothing else changes. Otherwise, or when that does not stop it soon, it
// terminates the worker, fails every call still pending with 'stop, and
// starts a fresh worker whose workspace is restored: the global variables of the last
// checkpoint() (all of them, functions as their q text), then every call that
// succeeded since it — set() and q()/console() text — replayed in order. A
// replayed expression runs again (its cost too); q's random generator starts
// from the same seed in a fresh engine, so replays draw the same numbers. The
// interrupted call itself is not replayed: its effects are gone.

import { init, wasmModule, K, QError, QTYPES, type WasmSource, type ToJSOptions } from '../index.js';
import { encode, decode, type Wire } from './wire.js';
import type { Request, Reply, SharedResult } from './protocol.js';

export interface WorkerOptions {
  /** The worker script (default: qwasm-worker.js beside this module). */
  script?: URL | string;
  /** Where the engine's wasm comes from (see init). */
  wasm?: WasmSource;
  /** Restore the workspace after an interrupt (default true). */
  restore?: boolean;
  /** Run the shared-memory build so view() reads results without a copy
   *  (default: when the page is cross-origin isolated). */
  shared?: boolean;
  /** Where the shared-memory build is (default: qwasm-shared.wasm beside this module). */
  sharedWasm?: WasmSource;
}

/** One column of a view: typed items in q's units (symbols as strings). */
export interface ViewColumn {
  name: string;
  type: number;
  data: Uint8Array | Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array | string[];
}

/**
 * A result read where it lies. With shared memory (a cross-origin isolated
 * page), each column's data is a typed array over the worker's memory: no
 * copy, valid until release() (the worker keeps the value alive until then).
 * Otherwise the columns were transferred and release() has nothing to free.
 */
export interface QView {
  type: number;
  shared: boolean;
  columns: ViewColumn[];
  column(name: string): ViewColumn['data'];
  release(): Promise<void>;
}

export interface QueryOptions {
  /** Arguments the text's function is applied to, as q(text, ...args). */
  args?: unknown[];
  /** Aborting interrupts the query (the call fails with 'stop). */
  signal?: AbortSignal;
  /** false: not replayed after an interrupt (a feed tick, a read-only poll). */
  replay?: boolean;
}

type Pending = { resolve(v: unknown): void; reject(e: unknown): void; replay?: Entry; settled: Promise<unknown> };
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
  #memory: WebAssembly.Memory | null = null;
  /** flag[0] = a request's id asks the worker to stop that request (shared memory: isolated pages only) */
  #flag: Int32Array | undefined = canShare() ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  #generation = 0;
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
    this.#generation++;
    this.#memory = null;
    if (this.#flag) Atomics.store(this.#flag, 0, 0);
    this.loaded = this.#post({ op: 'init', wasm: this.module, flag: this.#flag?.buffer as SharedArrayBuffer | undefined })
      .then((r) => { this.#memory = (r as { memory: WebAssembly.Memory | null }).memory; });
    this.loaded.catch(() => {});
  }

  #post(body: RequestBody, transfer: ArrayBuffer[] = [], replay?: Entry): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error('qwasm worker: terminated'));
    const id = this.#next++;
    let settle!: () => void;
    const settled = new Promise<unknown>((ok) => { settle = () => ok(undefined); });
    return new Promise((resolve, reject) => {
      this.#pending.set(id, {
        resolve: (v) => { settle(); resolve(v); }, reject: (e) => { settle(); reject(e); }, replay, settled,
      });
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
    const entry: Entry | undefined = opts.replay === false ? undefined : { op: 'q', text, args };
    const call = this.#post({ op: 'q', text, args: wires }, transfer, entry);
    if (!entry) call.finally(() => args.forEach((a) => a.dispose())).catch(() => {});
    return decode(await this.#abortable(call, opts.signal) as Wire);
  }

  /** q(text) as plain JS (k.toJS(opts)) */
  async js(text: string, opts: ToJSOptions & QueryOptions = {}): Promise<unknown> {
    const k = await this.query(text, opts);
    try { return k.toJS(opts); } finally { k.dispose(); }
  }

  /** What the q console prints for one input (null for nothing): the playground's REPL. */
  async console(text: string, opts: QueryOptions = {}): Promise<string | null> {
    const entry: Entry | undefined = opts.replay === false ? undefined : { op: 'console', text };
    return await this.#abortable(this.#post({ op: 'console', text }, [], entry), opts.signal) as string | null;
  }

  /** console() and the value it printed, as a K here (null when nothing printed). */
  async evaluate(text: string, opts: QueryOptions = {}): Promise<{ text: string | null; value: K | null }> {
    const entry: Entry | undefined = opts.replay === false ? undefined : { op: 'console', text };
    const r = await this.#abortable(this.#post({ op: 'eval', text }, [], entry), opts.signal) as { text: string | null; value: Wire | null };
    return { text: r.text, value: r.value ? decode(r.value) : null };
  }

  /** Whether the worker's engine memory is shared with this thread (view() copies nothing). */
  get shared(): boolean { return this.#memory !== null; }

  /** The result of q text (a simple vector or a table of simple columns) as
   *  typed arrays: views of the worker's memory when it is shared, else the
   *  transferred buffers. 'type for other results. */
  async view(text: string, opts: QueryOptions = {}): Promise<QView> {
    const generation = this.#generation;
    const r = await this.#abortable(this.#post({ op: 'view', text }), opts.signal) as { shared?: SharedResult; wire?: Wire };
    const make = (type: number, shared: boolean, columns: ViewColumn[], release: () => Promise<void>): QView => ({
      type, shared, columns, release,
      column(name: string) {
        const c = columns.find((x) => x.name === name);
        if (!c) throw new QError(name);
        return c.data;
      },
    });
    if (r.shared) {
      const buf = this.#memory!.buffer;
      const cols = r.shared.cols.map((c) => {
        const qt = QTYPES[c.t]!;
        const data = c.syms ?? (c.t === 2 ? new Uint8Array(buf, c.at, 16 * c.n) : new qt.array(buf, c.at, c.n));
        return { name: c.name, type: c.t, data } as ViewColumn;
      });
      const handle = r.shared.handle;
      let released = false;
      return make(r.shared.t, true, cols, async () => {
        if (released || generation !== this.#generation || this.#closed) return;
        released = true;
        await this.#post({ op: 'release', handle });
      });
    }
    const w = r.wire!;
    const cols = w.t === 98 ? tableColumns(w) : [{ name: '', type: w.t, data: vectorData(w) }];
    return make(w.t, false, cols, async () => {});
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

  /** Puts q's files in the origin's private file system (OPFS): from now on
   *  set, get, \\l and the rest of the worker's file operations read and write
   *  there. Files q creates reach OPFS at flushOpfs(). */
  async mountOpfs(): Promise<void> { await this.#post({ op: 'opfs', action: 'mount' }); }
  /** Writes the files q created since the last flush to OPFS. */
  async flushOpfs(): Promise<void> { await this.#post({ op: 'opfs', action: 'flush' }); }
  /** Saves every global variable to OPFS (one file each in dir, written as
   *  set writes it), replacing what dir held; returns their names. It
   *  persists across page loads: restoreWorkspace() reads it back. */
  async saveWorkspace(dir = 'workspace'): Promise<string[]> {
    return await this.#post({ op: 'opfs', action: 'save', dir }) as string[];
  }
  /** Defines the global variables saved in dir (see saveWorkspace); returns their names. */
  async restoreWorkspace(dir = 'workspace'): Promise<string[]> {
    return await this.#post({ op: 'opfs', action: 'restore', dir }) as string[];
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

  /**
   * Stop the call the worker is running; it fails with 'stop. On a cross-origin
   * isolated page the worker is asked first, through a flag in shared memory
   * that the interpreter polls at every lambda call and loop iteration and long
   * kernels every 64K items: the worker and its workspace stay as they are,
   * later calls run. Otherwise (or when the call does not stop within `grace`
   * ms: JS-side work such as a roll does not poll) the
   * worker is terminated, every pending call fails with 'stop, and a fresh
   * worker gets the workspace restored (see the module comment) before this
   * resolves. Resolves to what happened.
   */
  async interrupt(grace = 250): Promise<'stopped' | 'restarted' | 'idle'> {
    if (this.#closed) return 'idle';
    const first = this.#pending.entries().next().value as [number, Pending] | undefined;
    if (this.#flag && first) {
      // the oldest call pending is the one the worker runs (or will run next)
      const [id, running] = first;
      Atomics.store(this.#flag, 0, id);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<'late'>((ok) => { timer = setTimeout(() => ok('late'), grace); });
      const r = await Promise.race([running.settled.then(() => 'settled' as const), late]);
      clearTimeout(timer);
      if (r === 'settled') return 'stopped';
    }
    this.#w.terminate();
    this.#failAll(new QError('stop'));
    this.#start();
    const done = this.restore ? this.#replay() : Promise.resolve();
    this.#restarting = done.finally(() => { this.#restarting = undefined; });
    await this.#restarting;
    return 'restarted';
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

function canShare(): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

/** The items of a simple vector's wire message (symbols as their texts). */
function vectorData(w: Wire): ViewColumn['data'] {
  const qt = QTYPES[w.t];
  if (!qt || !w.buf) throw new QError('type');
  if (w.t === 11) { const syms = w.syms ?? []; return Array.from(new Int32Array(w.buf), (i) => syms[i]); }
  if (w.t === 2) return new Uint8Array(w.buf);
  return new qt.array(w.buf, 0, w.buf.byteLength / qt.width) as ViewColumn['data'];
}

function tableColumns(w: Wire): ViewColumn[] {
  const [keys, vals] = w.items![0].items!;
  const names = vectorData(keys) as string[];
  return names.map((name, i) => ({ name, type: vals.items![i].t, data: vectorData(vals.items![i]) }));
}

function dropEntry(e: Entry): void {
  if (e.op === 'q') e.args.forEach((a) => a.dispose());
  else if (e.op === 'set') e.value.dispose();
}

async function compileShared(src: WasmSource): Promise<WebAssembly.Module> {
  if (src instanceof WebAssembly.Module) return src;
  if (src instanceof ArrayBuffer || ArrayBuffer.isView(src)) return WebAssembly.compile(src as BufferSource);
  const res = src instanceof Response ? src : await fetch(src as URL | string);
  if (!res.ok) throw new Error(`qwasm: cannot load ${res.url}: ${res.status}`);
  return WebAssembly.compile(await res.arrayBuffer());
}

/** Starts a worker running the engine; resolves once it is loaded. */
export async function worker(opts: WorkerOptions = {}): Promise<QWorker> {
  if (typeof Worker === 'undefined') throw new Error('qwasm/worker needs Web Workers (a browser)');
  await init(opts.wasm !== undefined ? { wasm: opts.wasm } : {});
  let module = wasmModule()!;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  if ((opts.shared ?? isolated) && typeof SharedArrayBuffer !== 'undefined') {
    // the worker runs the shared-memory build; this thread keeps its own engine
    try { module = await compileShared(opts.sharedWasm ?? new URL('./qwasm-shared.wasm', import.meta.url)); } catch { /* not available: transfer instead */ }
  }
  const script = opts.script ?? new URL('./qwasm-worker.js', import.meta.url);
  const db = new QWorker(script, module, opts.restore ?? true);
  try { await db.loaded; } catch (e) { db.terminate(); throw e; }
  return db;
}
