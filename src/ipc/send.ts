// Writing messages to a socket. A message under STREAM_MIN bytes is encoded
// whole (one engine block, compressed when asked) and written at once, as
// before. A larger one is never gathered: its body is produced in chunks
// straight from the value's blocks (a vector's items are sliced out of engine
// memory), pulled one at a time as the socket drains. That is how a message
// over 2 GB (capability 5 and up: a 40-bit length, header.ts) leaves a process
// whose largest block is 2 GiB.
//
// Ownership: `value` borrows x (a streamed message keeps its own reference until
// its last chunk is written).

import { E, mem, alloc, hdrType, hdrAttr, hdrCount, child, codecHooks } from '../runtime.js';
import { K } from '../k.js';
import { QError } from '../errors.js';
import { serializeUpTo, serializedLength, type MsgType } from './codec.js';
import { fnCodec } from './functions.js';
import { messageLimit, setMessageLength } from './header.js';

/** Messages at least this long are streamed (written and read in chunks). */
export const STREAM_MIN = 1 << 26;
/** Bytes per chunk taken out of engine memory. */
const CHUNK = 1 << 24;
/** Symbols encoded per slice of a long symbol vector. */
const SYM_SLICE = 1 << 20;

interface BodyExports { ipcBodySize(p: number): number; ipcWriteBody(p: number, dst: number): number }
const C = (): BodyExports => E as unknown as BodyExports;

/** Bytes of the body of block p (throws the codec's error). */
function bodySize(p: number): number {
  const n = fnCodec.run(() => C().ipcBodySize(p));
  if (n < 0) throw fnCodec.takeError() ?? errorOf();
  return n;
}
function errorOf(): QError {
  const code = E.err();
  E.clearErr();
  return new QError(code === 102 ? 'stack' : 'type');
}

/** The whole body of block p, through one scratch block. */
function wholeBody(p: number): Uint8Array {
  return fnCodec.run(() => {
    const n = C().ipcBodySize(p);
    if (n < 0) throw fnCodec.takeError() ?? errorOf();
    const b = alloc(4, n);
    try {
      C().ipcWriteBody(p, b + 16);
      return mem().u8.slice(b + 16, b + 16 + n);
    } finally { E.r0(b); }
  });
}

function vectorHead(t: number, attr: number, n: number): Uint8Array {
  const h = new Uint8Array(6);
  h[0] = t; h[1] = attr;
  new DataView(h.buffer).setUint32(2, n, true);
  return h;
}

const WIDTH = [0, 1, 16, 0, 1, 2, 4, 8, 4, 8, 1, 4, 8, 4, 4, 8, 8, 4, 4, 4];

/** The body of block p in chunks, in kdb+'s format (what ipcWriteBody writes). */
function* bodyChunks(p: number, chunk: number): Generator<Uint8Array> {
  const size = bodySize(p);
  if (size <= chunk) { yield wholeBody(p); return; }
  const t = hdrType(p);
  if (t >= 20 && t <= 76) {
    // an enumeration travels as its symbols
    const s = fnCodec.run(() => { const s = codecHooks.enumsym(p); return s ? E.r1(s) : 0; });
    if (!s) throw fnCodec.takeError() ?? new QError('type');
    try { yield* bodyChunks(s, chunk); } finally { E.r0(s); }
    return;
  }
  const n = t >= 0 && t < 20 ? hdrCount(p) : 0;
  if (t > 0 && t < 20 && t !== 11) {
    yield vectorHead(t, hdrAttr(p), n);
    const bytes = n * WIDTH[t]!;
    for (let o = 0; o < bytes; o += chunk) yield mem().u8.slice(p + 16 + o, p + 16 + Math.min(bytes, o + chunk));
    return;
  }
  if (t === 11) {
    yield vectorHead(t, hdrAttr(p), n);
    const slice = Math.max(1, Math.min(SYM_SLICE, chunk >>> 4));
    for (let i = 0; i < n; i += slice) {
      const k = Math.min(slice, n - i);
      const s = alloc(11, k);
      try {
        mem().u32.copyWithin((s + 16) >>> 2, ((p + 16) >>> 2) + i, ((p + 16) >>> 2) + i + k);
        yield wholeBody(s).subarray(6);
      } finally { E.r0(s); }
    }
    return;
  }
  if (t === 0) {
    yield vectorHead(0, hdrAttr(p), n);
    for (let i = 0; i < n; i++) yield* bodyChunks(child(p, i), chunk);
    return;
  }
  if (t === 98) {
    yield Uint8Array.of(98, hdrAttr(p));
    yield* bodyChunks(child(p, 0), chunk);
    return;
  }
  if (t === 99) {
    const k = child(p, 0);
    yield Uint8Array.of(hdrAttr(k) === 1 ? 127 : 99);
    yield* bodyChunks(k, chunk);
    yield* bodyChunks(child(p, 1), chunk);
    return;
  }
  yield wholeBody(p); // a function value with large arguments: one block
}

/** A whole message for x in chunks: the 8-byte header (40-bit length past 2 GB),
 *  then the body (parts of at most `chunk` bytes are encoded whole). Holds a
 *  reference to x from the call until the last chunk is taken or it is
 *  abandoned (return()), started or not. */
export function messageChunks(x: K, msgType: MsgType, total = serializedLength(x), chunk = CHUNK): IterableIterator<Uint8Array> {
  const head = new Uint8Array(8);
  head[0] = 1; head[1] = msgType;
  setMessageLength(head, total);
  return new OwnedChunks(x.ref(), head, chunk);
}

class OwnedChunks implements IterableIterator<Uint8Array> {
  #own: K | undefined;
  #g: Generator<Uint8Array>;
  constructor(own: K, head: Uint8Array, chunk: number) {
    this.#own = own;
    this.#g = (function* () { yield head; yield* bodyChunks(own.ptr, chunk); })();
  }
  next(): IteratorResult<Uint8Array> {
    let r: IteratorResult<Uint8Array>;
    try { r = this.#g.next(); } catch (e) { this.#release(); throw e; }
    if (r.done) this.#release();
    return r;
  }
  return(value?: unknown): IteratorResult<Uint8Array> {
    this.#g.return(undefined);
    this.#release();
    return { done: true, value: value as undefined };
  }
  [Symbol.iterator](): this { return this; }
  #release(): void { this.#own?.dispose(); this.#own = undefined; }
}

/** What a writer needs of a socket. */
export interface Sink {
  write(b: Uint8Array): boolean;
  once(event: 'drain', f: () => void): unknown;
  destroy(): unknown;
  readonly destroyed: boolean;
}

/** Writes one connection's messages in order: small ones at once, large ones
 *  chunk by chunk as the socket drains (later messages wait behind them). */
export class MessageWriter {
  #queue: (Uint8Array | Iterator<Uint8Array>)[] = [];
  #blocked = false;
  #ahead?: Uint8Array; // the head message's next chunk, made before its turn
  constructor(private sink: Sink) {}

  /** Bytes of a whole message. */
  bytes(b: Uint8Array): void {
    if (this.sink.destroyed) return;
    if (this.#queue.length === 0) { this.sink.write(b); return; }
    this.#queue.push(b);
  }

  /** x as a message; `capability` (the handshake's) decides whether a message
   *  past 2 GB may go ('limit otherwise, before anything is written). */
  value(x: K, msgType: MsgType, opts: { compress?: boolean; capability?: number } = {}): void {
    const m = serializeUpTo(x, { msgType, compress: opts.compress }, STREAM_MIN - 1);
    if (m) {
      try { this.bytes(m.data.slice() as Uint8Array); } finally { m.dispose(); }
      return;
    }
    const total = serializedLength(x);
    if (total > messageLimit(opts.capability ?? 6)) throw new QError('limit');
    if (this.sink.destroyed) return;
    this.#queue.push(messageChunks(x, msgType, total));
    this.#pump();
  }

  /** Whether a streamed message is still being written. */
  get busy(): boolean { return this.#queue.length > 0; }

  #pump(): void {
    while (this.#queue.length && !this.#blocked) {
      if (this.sink.destroyed) { this.dispose(); return; }
      const h = this.#queue[0]!;
      if (h instanceof Uint8Array) { this.#queue.shift(); this.sink.write(h); continue; }
      let chunk = this.#ahead;
      this.#ahead = undefined;
      if (!chunk) {
        const r = this.#next(h);
        if (!r) return;
        if (r.done) { this.#queue.shift(); continue; }
        chunk = r.value;
      }
      if (!this.sink.write(chunk)) {
        // the next chunk is made now: past the last one the message drops its value
        // at once (its blocks may be needed for what arrives before 'drain')
        const r = this.#next(h);
        if (!r) return;
        if (r.done) this.#queue.shift(); else this.#ahead = r.value;
        this.#blocked = true;
        this.sink.once('drain', () => { this.#blocked = false; this.#pump(); });
      }
    }
  }

  #next(h: Iterator<Uint8Array>): IteratorResult<Uint8Array> | undefined {
    try { return h.next(); } catch {
      // half a message is on the wire: the connection cannot go on
      this.dispose(); this.sink.destroy(); return undefined;
    }
  }

  /** Drops what is not yet written (the connection closed). */
  dispose(): void {
    this.#ahead = undefined;
    for (const h of this.#queue.splice(0)) if (!(h instanceof Uint8Array)) h.return?.(undefined);
  }
}
