// Loads the WebAssembly engine (Node or browser), keeps typed views of its
// memory current across memory.grow, and owns the JS side of value lifetime.
//
// memory.grow detaches every ArrayBuffer view of the old memory. `mem()` checks
// the buffer identity on each call and rebuilds its views when it changed, so a
// view taken from here is valid until the next engine allocation.

import { QError, engineError } from './errors.js';
import { kernelPoll } from './interrupt.js';

export interface Engine {
  memory: WebAssembly.Memory;
  ga(t: number, n: number): number;
  atom(t: number): number;
  r1(p: number): number;
  r0(p: number): void;
  err(): number;
  clearErr(): void;
  capacity(p: number): number;
  memUsed(): number; memPeak(): number; memHeap(): number; memBlocks(): number; memTop(): number; memSys(): number;
  freeCount(m: number): number;
  intern(p: number, n: number): number;
  symCount(): number; symText(id: number): number; symBytes(id: number): number;
  scratchBuf(n: number): number;
  symCmp(a: number, b: number): number;
  til(n: number): number;
  [kernel: string]: unknown;
}

/** JS-side payloads of function values (q types 100..112), by block payload id. */
const fnTable: (object | undefined)[] = [undefined];
const fnFreeIds: number[] = [];

export function fnAlloc(payload: object): number {
  const id = fnFreeIds.pop() ?? fnTable.length;
  fnTable[id] = payload;
  return id;
}
export function fnGet(id: number): object | undefined { return fnTable[id]; }

/** Engine callbacks the IPC codec needs for function values (src/ipc/functions.ts
 *  installs them): encode a function block's body; build a function from its parts. */
export const codecHooks = {
  fnenc: (_p: number, _dst: number): number => -1,
  fndec: (_t: number, _x: number): number => 0,
  /** an enumeration's symbols, kept alive by the hook until the codec call ends */
  enumsym: (_p: number): number => 0,
};

const imports = {
  env: {
    // addresses arrive as signed i32: made unsigned (blocks live up to 4 GiB)
    fnenc: (p: number, dst: number) => codecHooks.fnenc(p >>> 0, dst >>> 0),
    fndec: (t: number, x: number) => codecHooks.fndec(t, x >>> 0),
    enumsym: (p: number) => codecHooks.enumsym(p >>> 0),
    // a long kernel asks whether to stop (assembly/poll.ts)
    poll: kernelPoll,
    // A function block was freed: drop its payload, and release the values the
    // payload holds (projections, compositions) now rather than at the next GC.
    // Re-entering the engine here is safe: r0 keeps no allocator state across this call.
    fnfree(id: number) {
      const pl = fnTable[id];
      if (id <= 0 || pl === undefined) return;
      fnTable[id] = undefined;
      fnFreeIds.push(id);
      (pl as { [Symbol.dispose]?: () => void })[Symbol.dispose]?.();
    },
    abort(_msg: number, _file: number, line: number, col: number) {
      throw new QError(`assert ${line}:${col}`);
    },
  },
};

declare global { interface ImportMeta { QWASM_BROWSER?: boolean } }

/** Where the engine's wasm comes from: a URL (or URL string), a fetch Response
 *  (or a promise of one), the bytes, or an already compiled module. */
export type WasmSource =
  | URL | string | Response | PromiseLike<Response> | ArrayBuffer | ArrayBufferView | WebAssembly.Module;
export interface InitOptions { wasm?: WasmSource }

// Until init() has run, every engine call lands here and says what to do (as
// a QError, so the q layer passes the text through rather than 'error).
const notLoaded = new Proxy({}, {
  get(_t, name) {
    if (name === 'then') return undefined; // not a thenable
    throw new QError('qwasm: the engine is not loaded yet: await init() first');
  },
}) as Engine;

/** The engine's exports (a live binding: set once by init()). */
export let E: Engine = notLoaded;
/** The compiled module, once loaded (a worker can instantiate it without fetching again). */
export let engineModule: WebAssembly.Module | undefined;
let loading: Promise<void> | undefined;

function defaultWasm(): URL {
  // The browser bundle sits beside its own copy of the wasm (scripts/build.mjs).
  return import.meta.QWASM_BROWSER
    ? new URL('./qwasm.wasm', import.meta.url)
    : new URL('../build/release.wasm', import.meta.url);
}

const isNode = (): boolean =>
  !import.meta.QWASM_BROWSER && typeof process !== 'undefined' && !!process.versions?.node;

async function compileResponse(res: Response): Promise<WebAssembly.Module> {
  if (!res.ok) throw new Error(`qwasm: cannot load ${res.url || 'the wasm'}: ${res.status}`);
  // compileStreaming needs the application/wasm type; a host that serves another
  // type still works, through the bytes.
  const type = res.headers.get('content-type') ?? '';
  if (typeof WebAssembly.compileStreaming === 'function' && type.split(';')[0].trim() === 'application/wasm') {
    return WebAssembly.compileStreaming(res);
  }
  return WebAssembly.compile(await res.arrayBuffer());
}

async function compileSource(src: WasmSource): Promise<WebAssembly.Module> {
  if (src instanceof WebAssembly.Module) return src;
  if (src instanceof ArrayBuffer) return WebAssembly.compile(src);
  if (ArrayBuffer.isView(src)) {
    return WebAssembly.compile(new Uint8Array(src.buffer, src.byteOffset, src.byteLength) as Uint8Array<ArrayBuffer>);
  }
  if (typeof Response !== 'undefined' && src instanceof Response) return compileResponse(src);
  if (typeof src === 'string' || src instanceof URL) {
    const url = new URL(String(src), typeof location !== 'undefined' ? location.href : import.meta.url);
    if (url.protocol === 'file:' && isNode()) {
      const fs = await import('node:fs/promises');
      return WebAssembly.compile(await fs.readFile(url));
    }
    return compileResponse(await fetch(url));
  }
  if (src && typeof (src as PromiseLike<Response>).then === 'function') return compileResponse(await src);
  throw new TypeError('qwasm: init({ wasm }) takes a URL, a Response, bytes or a WebAssembly.Module');
}

// Set-up that needs the engine, registered at module load (see onLoad).
const onLoadQueue: (() => void)[] = [];

/**
 * Runs f once the engine is loaded (at once when it is). Module-level set-up
 * that needs the engine (interning symbols, evaluating q definitions, building
 * constant values) must register here: the browser bundle loads nothing until
 * init(), so engine calls made while its modules load would fail. (In Node the
 * engine is loaded before any module that imports the runtime runs, so f runs
 * at once there.)
 */
export function onLoad(f: () => void): void {
  if (E !== notLoaded) f(); else onLoadQueue.push(f);
}

/**
 * Loads the engine. Node loads it on import (from build/release.wasm, or the
 * file named by QWASM_WASM), so there init() only confirms it; the browser
 * bundle loads nothing until init() (the wasm beside the bundle by default).
 * Calling init() again resolves at once; asking for another wasm once one is
 * loaded is an error, since every live value sits in the loaded engine's memory.
 */
export function init(opts: InitOptions = {}): Promise<void> {
  if (loading) {
    if (opts.wasm !== undefined && engineModule !== undefined && opts.wasm !== engineModule) {
      return Promise.reject(new Error('qwasm: the engine is already loaded'));
    }
    return loading;
  }
  loading = (async () => {
    let src: WasmSource = opts.wasm ?? defaultWasm();
    if (opts.wasm === undefined && isNode() && process.env.QWASM_WASM) src = new URL(process.env.QWASM_WASM, 'file://' + process.cwd() + '/');
    const module = await compileSource(src);
    const instance = await WebAssembly.instantiate(module, imports);
    engineModule = module;
    E = unsignedResults(instance.exports);
    for (const f of onLoadQueue.splice(0)) f();
  })();
  loading.catch(() => { loading = undefined; });
  return loading;
}

/**
 * The exports whose AssemblyScript result is `usize` or `u32`: addresses and
 * counts. wasm returns every i32 signed, so a block at or above 2 GiB would
 * reach JS as a negative number; these exports are wrapped to give it back
 * unsigned (`>>> 0`), and every address in JS is an unsigned number below 2^32
 * (index typed arrays with `p >>> 2`, never `p >> 2`). test/mem.high.test.ts
 * checks this list against the sources.
 */
export const UNSIGNED_RESULTS = [
  'ga', 'atom', 'r1', 'capacity', 'symText', 'symBytes', 'scratchBuf', 'til',
  'fmt_join', 'fmt_list', 'fmt_cells', 'fmt_pow10_layout',
  'cnt_G', 'cnt_H', 'cnt_I', 'cnt_J', 'cnt_E', 'cnt_F', 'count_B',
  'groupLists', 'cut', 'gpair', 'ggroup_4', 'ggroup_8', 'ggroup_E', 'ggroup_F',
  'ipcErrPtr', 'ipcErrLen', 'ipcWriteBody', 'ipcMsg', 'ipcReadBody', 'ipcReadEnd', 'ipcCompress', 'ipcUncompress',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fn = (...a: any[]) => number;
function unsignedWrap(f: Fn): Fn {
  // fixed arities: a rest-parameter wrapper costs more per call than the call itself
  switch (f.length) {
    case 0: return () => f() >>> 0;
    case 1: return (a) => f(a) >>> 0;
    case 2: return (a, b) => f(a, b) >>> 0;
    case 3: return (a, b, c) => f(a, b, c) >>> 0;
    case 4: return (a, b, c, d) => f(a, b, c, d) >>> 0;
    default: return (...a) => f(...a) >>> 0;
  }
}
function unsignedResults(exports: WebAssembly.Exports): Engine {
  const e: Record<string, unknown> = { ...exports };
  for (const name of UNSIGNED_RESULTS) {
    const f = exports[name];
    if (typeof f === 'function') e[name] = unsignedWrap(f as Fn);
  }
  return e as unknown as Engine;
}

/** The compiled engine module once init() has run (a worker instantiates it without fetching). */
export const wasmModule = (): WebAssembly.Module | undefined => engineModule;

/** The engine's linear memory (a shared WebAssembly.Memory in the shared build). */
export const engineMemory = (): WebAssembly.Memory => E.memory;

/** Whether init() has finished. */
export const ready = (): boolean => E !== notLoaded;

if (!import.meta.QWASM_BROWSER) await init();

/** A kernel export by name (assembly/kernels/*): 'nyi when this build lacks it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function kernel(name: string): (...args: any[]) => any {
  const f = (E as Record<string, unknown>)[name];
  if (typeof f !== 'function') throw new QError('nyi');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return f as (...args: any[]) => any;
}

// Views of linear memory, rebuilt after growth ---------------------------------
export interface Views {
  buffer: ArrayBuffer;
  u8: Uint8Array; i8: Int8Array; i16: Int16Array; i32: Int32Array; u32: Uint32Array;
  i64: BigInt64Array; f32: Float32Array; f64: Float64Array; dv: DataView;
}
let views: Views | undefined;
/** The engine's memory is a SharedArrayBuffer (the shared build): growing it
 *  never detaches old views, it leaves them short. */
let sharedViews = false;
export function mem(): Views {
  // growing a (non-shared) memory detaches its old buffer, so views that still
  // have a length are current: no memory.buffer getter (~100 ns) on the hot path
  if (views && !sharedViews && views.u8.length !== 0) return views;
  const b = E.memory.buffer;
  if (views && (views.buffer === b || (sharedViews && views.buffer.byteLength === b.byteLength))) return views;
  sharedViews = typeof SharedArrayBuffer !== 'undefined' && (b as unknown) instanceof SharedArrayBuffer;
  views = {
    buffer: b,
    u8: new Uint8Array(b), i8: new Int8Array(b), i16: new Int16Array(b), i32: new Int32Array(b),
    u32: new Uint32Array(b), i64: new BigInt64Array(b), f32: new Float32Array(b), f64: new Float64Array(b),
    dv: new DataView(b),
  };
  return views;
}

/** Throws the engine's pending error when a kernel returned 0. */
export function check(p: number): number {
  if (p === 0) {
    const code = E.err();
    E.clearErr();
    throw engineError(code || 1);
  }
  return p;
}

/** Allocates a block of type t with n items (r=1), or throws 'wsfull/'limit. */
export function alloc(t: number, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new QError('domain');
  if (n > 0xffffffff) throw new QError('limit');
  return check(E.ga(t, n));
}

// Header access (layout in assembly/mem.ts) ------------------------------------
export const hdrType = (p: number): number => mem().i8[p + 2];
export const hdrAttr = (p: number): number => mem().u8[p + 1];
export const hdrRef = (p: number): number => mem().i32[(p + 4) >>> 2];
export const hdrCount = (p: number): number => mem().u32[(p + 8) >>> 2];
export function setAttr(p: number, a: number): void { mem().u8[p + 1] = a; }
/** Child pointer i of a general list / dictionary / table block. */
export const child = (p: number, i: number): number => mem().u32[((p + 16) >>> 2) + i];

// Symbols -----------------------------------------------------------------------
const enc = new TextEncoder();
const dec = new TextDecoder();
const symIds = new Map<string, number>([['', 0]]);
const symStrs: string[] = [''];

export function intern(s: string): number {
  let id = symIds.get(s);
  if (id !== undefined) return id;
  const bytes = enc.encode(s);
  const p = check(E.scratchBuf(bytes.length || 1));
  mem().u8.set(bytes, p);
  id = E.intern(p, bytes.length);
  if (id < 0) check(0);
  symIds.set(s, id);
  symStrs[id] = s;
  return id;
}

/** UTF-8 text of n bytes of engine memory at p. (TextDecoder refuses views of
 *  a SharedArrayBuffer, the memory of the shared build: those are copied first.) */
export function textAt(p: number, n: number): string {
  const u8 = mem().u8;
  return dec.decode(u8.buffer instanceof ArrayBuffer ? u8.subarray(p, p + n) : u8.slice(p, p + n));
}

export function symbol(id: number): string {
  const s = symStrs[id];
  if (s !== undefined) return s;
  if (id < 0 || id >= E.symCount()) throw new QError('index');
  const p = E.symText(id), n = E.symBytes(id);
  const t = textAt(p, n);
  symStrs[id] = t;
  symIds.set(t, id);
  return t;
}

// Memory statistics --------------------------------------------------------------
export interface MemoryStats {
  used: number;   // bytes in live value blocks
  heap: number;   // bytes of linear memory
  peak: number;   // high-water mark of used
  blocks: number; // live value blocks
  symbols: number;// interned symbols
  syms: number;   // bytes held by the engine itself (symbol text, tables, scratch)
}
export function memoryStats(): MemoryStats {
  return { used: E.memUsed(), heap: E.memHeap(), peak: E.memPeak(), blocks: E.memBlocks(), symbols: E.symCount(), syms: E.memSys() };
}
