// The client API over WebSocket, for browsers (and Node with a WebSocket
// implementation): binary frames carry kdb+ messages.
//
//   const h = await connectWebSocket('ws://127.0.0.1:5000', { timeout });
//   await h.sync('sum 1 2 3');  h.async('upd', …);  h.on('message', f);  await h.close();
//   for await (const x of h) …;  await h.reconnect();   (as the Node client, client.ts)
//
// A sync request is a message of type 1 and resolves with the next response
// message (type 2) — what a qwasm server sends without .z.ws. A kdb+ server
// answers WebSocket traffic only through its .z.ws, and every WebSocket message
// is async there: with `.z.ws:{neg[.z.w] -8!value -9!x}` responses arrive as
// type 0 messages, so pass { responses: 'any' } to take the next message of any
// type as the answer.

import { K } from '../k.js';
import { QError } from '../errors.js';
import { serialize, deserialize } from './codec.js';
import { requestOf } from './request.js';
import { pushedMessages } from './pushed.js';

interface WebSocketLike {
  binaryType: string;
  readyState: number;
  send(data: ArrayBufferView | ArrayBuffer): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}
type WebSocketCtor = new (url: string) => WebSocketLike;

export interface WebSocketOptions {
  /** a WebSocket constructor (default: globalThis.WebSocket) */
  WebSocket?: WebSocketCtor;
  /** 'response' (default): type-2 messages answer sync requests; 'any': the next message does */
  responses?: 'response' | 'any';
  /** milliseconds to open the connection and for each sync request (0: none) */
  timeout?: number;
}

type Listener = (x: K, msgType: number) => void;

interface Pending { resolve: (k: K) => void; reject: (e: Error) => void; timer?: ReturnType<typeof setTimeout> }

export class WebSocketConnection {
  #ws!: WebSocketLike;
  #pending: Pending[] = [];
  #listeners = new Set<Listener>();
  #onClose = new Set<() => void>();
  #any: boolean;
  #closed = false;

  constructor(ws: WebSocketLike, private opts: WebSocketOptions, private url = '') {
    this.#any = opts.responses === 'any';
    this.#attach(ws);
  }

  #attach(ws: WebSocketLike): void {
    this.#ws = ws;
    this.#closed = false;
    ws.onmessage = (ev) => { if (this.#ws === ws) this.#onData(ev.data); };
    ws.onclose = () => { if (this.#ws === ws) this.#fail(new QError('closed')); };
    ws.onerror = () => { if (this.#ws === ws) this.#fail(new QError('closed')); };
  }

  get closed(): boolean { return this.#closed; }

  /** Opens the connection again with the same URL and options (after a close or a
   *  failure); requests still pending on the old socket reject with 'closed. */
  async reconnect(): Promise<this> {
    const old = this.#ws;
    this.#fail(new QError('closed'));
    old.close();
    this.#attach(await open(this.url, this.opts));
    return this;
  }

  /** Pushed messages as an async iterator (ends when the connection closes). */
  [Symbol.asyncIterator](): AsyncIterator<K> { return pushedMessages(this, this.#onClose); }

  #onData(data: unknown): void {
    if (!(data instanceof ArrayBuffer)) return; // text frames are not kdb+ messages
    const b = new Uint8Array(data);
    const msgType = b[1];
    let x: K | undefined, err: QError | undefined;
    try { x = deserialize(b); } catch (e) { err = e instanceof QError ? e : new QError('badmsg'); }
    if ((msgType === 2 || this.#any) && this.#pending.length) {
      const p = this.#pending.shift()!;
      if (p.timer) clearTimeout(p.timer);
      if (err) p.reject(err); else p.resolve(x!);
      return;
    }
    if (!x) return;
    if (this.#listeners.size === 0) { x.dispose(); return; }
    for (const l of this.#listeners) l(x, msgType);
  }

  #fail(e: Error): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const f of this.#onClose) f();
    this.#onClose.clear();
    for (const p of this.#pending.splice(0)) { if (p.timer) clearTimeout(p.timer); p.reject(e); }
  }

  sync(expr: string | K, ...args: unknown[]): Promise<K> {
    return new Promise<K>((resolve, reject) => {
      if (this.#closed) { reject(new QError('closed')); return; }
      const x = requestOf(expr, args);
      try { this.#ws.send(serialize(x, { msgType: 1 })); } catch (e) { reject(e); return; } finally { x.dispose(); }
      const p: Pending = { resolve, reject };
      // past the timeout the connection is given up, as the Node client does: later
      // responses could no longer be matched to their requests
      const ws = this.#ws;
      if (this.opts.timeout) p.timer = setTimeout(() => { if (this.#ws === ws) { this.#fail(new QError('timeout')); ws.close(); } }, this.opts.timeout);
      this.#pending.push(p);
    });
  }
  query(expr: string | K, ...args: unknown[]): Promise<K> { return this.sync(expr, ...args); }
  async(expr: string | K, ...args: unknown[]): void {
    if (this.#closed) throw new QError('closed');
    const x = requestOf(expr, args);
    try { this.#ws.send(serialize(x, { msgType: 0 })); } finally { x.dispose(); }
  }
  send(expr: string | K, ...args: unknown[]): void { this.async(expr, ...args); }
  on(event: 'message', f: Listener): this { if (event !== 'message') throw new QError('domain'); this.#listeners.add(f); return this; }
  off(event: 'message', f: Listener): this { this.#listeners.delete(f); return this; }
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#closed) { resolve(); return; }
      const prev = this.#ws.onclose;
      this.#ws.onclose = (ev) => { prev?.(ev); resolve(); };
      this.#ws.close();
    });
  }
}

export async function connectWebSocket(url: string, opts: WebSocketOptions = {}): Promise<WebSocketConnection> {
  return new WebSocketConnection(await open(url, opts), opts, url);
}

function open(url: string, opts: WebSocketOptions): Promise<WebSocketLike> {
  const Ctor = opts.WebSocket ?? (globalThis as { WebSocket?: WebSocketCtor }).WebSocket;
  if (!Ctor) return Promise.reject(new QError('nyi'));
  return new Promise((resolve, reject) => {
    const ws = new Ctor(url);
    ws.binaryType = 'arraybuffer';
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (opts.timeout) timer = setTimeout(() => { ws.close(); reject(new QError('timeout')); }, opts.timeout);
    ws.onopen = () => { if (timer) clearTimeout(timer); resolve(ws); };
    ws.onerror = () => { if (timer) clearTimeout(timer); reject(new QError('hop')); };
  });
}
