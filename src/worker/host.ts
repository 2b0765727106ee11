// The script a qwasm worker runs: one engine, driven by messages from the
// client (src/worker/client.ts). Each request is { id, op, ... }; each reply is
// { id, ok } or { id, err } with the q error name, results as wire messages
// (src/worker/wire.ts) whose buffers are transferred.

import { init, q, lang, K, QError, engineMemory, useStorage, OpfsSyncStorage, type SyncDirectory } from '../index.js';
import { encode, decode, type Wire } from './wire.js';
import type { Request, SharedColumn } from './protocol.js';

interface Port {
  postMessage(msg: unknown, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
}
const port = globalThis as unknown as Port;

function result(k: K, transfer: ArrayBuffer[]): Wire {
  try { return encode(k, transfer); } finally { k.dispose(); }
}

function withArgs<T>(args: Wire[] | undefined, f: (ks: K[]) => T): T {
  const ks: K[] = [];
  try {
    for (const w of args ?? []) ks.push(decode(w));
    return f(ks);
  } finally { ks.forEach((k) => k.dispose()); }
}

// flag[0]: the id of the request the client asks to stop (0: none). An id
// rather than a bit, so a stop meant for a request still queued here stops it
// when it starts, and one meant for a request already done stops nothing.
let flag: Int32Array | undefined;
/** The id of the request running now. */
let running = 0;

// Results handed out as views of shared memory stay alive here until released.
let shared = false;
const views = new Map<number, K>();
let nextView = 1;

/** A simple vector or a table of simple columns: where its items are (shared
 *  memory), or their bytes (transferred) when memory is not shared. */
function view(k: K, transfer: ArrayBuffer[]): unknown {
  const t = k.type;
  const simple = (c: K) => c.type > 0 && c.type < 20;
  if (!(simple(k) || (t === 98 && k.columns.every((_, i) => { const c = colAt(k, i); try { return simple(c); } finally { c.dispose(); } })))) {
    k.dispose();
    throw new QError('type');
  }
  if (!shared) return { wire: result(k, transfer) };
  const describe = (name: string, c: K): SharedColumn => {
    const col: SharedColumn = { name, t: c.type, at: c.ptr + 16, n: c.count };
    if (c.type === 11) col.syms = Array.from(c.data as Int32Array, (id) => c.symbol(id));
    return col;
  };
  const cols = t === 98 ? k.columns.map((name, i) => { const c = colAt(k, i); try { return describe(name, c); } finally { c.dispose(); } })
    : [describe('', k)];
  const handle = nextView++;
  views.set(handle, k); // the table's block holds its columns' blocks alive
  return { shared: { handle, t, cols } };
}

function colAt(t: K, i: number): K {
  const vals = t.values;
  try { return vals.item(i); } finally { vals.dispose(); }
}

async function handle(m: Request, transfer: ArrayBuffer[]): Promise<unknown> {
  switch (m.op) {
    case 'init': {
      await init(m.wasm ? { wasm: m.wasm } : {});
      if (m.flag) {
        // the client sets flag[0] to interrupt: the interpreter and long kernels poll it (src/interrupt.ts)
        const f = new Int32Array(m.flag);
        flag = f;
        lang.setInterruptCheck(() => {
          if (Atomics.load(f, 0) === running) { Atomics.store(f, 0, 0); throw new QError('stop'); }
        });
      }
      const memory = engineMemory();
      shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
      return { memory: shared ? memory : null };
    }
    case 'view':
      return view(q(m.text), transfer);
    case 'release':
      views.get(m.handle)?.dispose();
      views.delete(m.handle);
      return true;
    case 'q':
      return withArgs(m.args, (ks) => result(q(m.text, ...ks), transfer));
    case 'console':
      return lang.consoleEval(m.text);
    case 'eval': {
      const r = lang.consoleValue(m.text);
      return { text: r.text, value: r.value ? result(r.value, transfer) : null };
    }
    case 'set':
      return withArgs([m.value], ([k]) => { q.set(m.name, k); return true; });
    case 'get':
      return result(q.get(m.name), transfer);
    case 'reset':
      lang.reset();
      return true;
    case 'opfs': return opfs(m.action, m.dir ?? 'workspace');
    case 'snapshot': {
      const out: [string, Wire][] = [];
      for (const name of lang.globalNames()) out.push([name, result(q.get(name), transfer)]);
      return out;
    }
  }
}

// OPFS: q's files in the origin's private file system (synchronous access
// handles, src/files/opfs-sync.ts), and the workspace saved there: one file
// per global variable in dir, written with set and read back with get (dir is
// under the root whatever directory `\cd` or `\l` moved q into).
let opfsStorage: OpfsSyncStorage | undefined;
async function mounted(): Promise<OpfsSyncStorage> {
  if (!opfsStorage) {
    const nav = globalThis.navigator as unknown as { storage: { getDirectory(): Promise<SyncDirectory> } };
    opfsStorage = await OpfsSyncStorage.open(await nav.storage.getDirectory());
    useStorage(opfsStorage);
  }
  return opfsStorage;
}
async function opfs(action: 'mount' | 'flush' | 'save' | 'restore', dir: string): Promise<unknown> {
  const st = await mounted();
  switch (action) {
    case 'mount': return true;
    case 'flush': await st.flush(); return true;
    case 'save': {
      if (st.exists(dir)) for (const f of st.list(dir)) st.remove(dir + '/' + f);
      else st.mkdirp(dir);
      const names = lang.globalNames();
      for (const name of names) {
        const v = q.get(name);
        try { q.set(':/' + dir + '/' + name, v); } finally { v.dispose(); }
      }
      await st.flush();
      return names;
    }
    case 'restore': {
      if (!st.isDir(dir)) return [];
      const names = st.list(dir).sort();
      for (const name of names) {
        const v = q.get(':/' + dir + '/' + name);
        try { q.set(name, v); } finally { v.dispose(); }
      }
      return names;
    }
  }
}

// One request at a time, in order: a request that awaits (init, OPFS) holds
// back the ones after it, which would otherwise run before the engine loaded.
let queue: Promise<void> = Promise.resolve();
port.onmessage = (e: MessageEvent) => {
  const m = e.data as Request;
  queue = queue.then(() => serve(m));
};
async function serve(m: Request): Promise<void> {
  const transfer: ArrayBuffer[] = [];
  running = m.id;
  try {
    const ok = await handle(m, transfer);
    port.postMessage({ id: m.id, ok }, transfer);
  } catch (err) {
    const name = err instanceof QError ? err.message : err instanceof Error ? err.message : String(err);
    port.postMessage({ id: m.id, err: name || 'error', q: err instanceof QError });
  }
}
