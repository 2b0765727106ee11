// A kdb+ client for Node over TCP (or TLS): the JS API.
//
//   const h = await connect({ host, port, user, password, tls, timeout });
//   const r = await h.sync('sum 1 2 3');      // also h.query; h.sync('f', x, y) sends (f;x;y)
//   h.async('upd', `t, rows);                  // also h.send: no response
//   h.on('message', (x, msgType) => …);        // messages the server pushes
//   await h.close();
//
// Requests go out in order and responses come back in order (kdb+ answers one
// connection's sync messages one by one), so pending requests are a queue.
// Server errors reject with a QError carrying q's message.

import type * as Net from 'node:net';
import { K } from '../k.js';
import { QError } from '../errors.js';
import { requestOf } from './request.js';
import { pushedMessages } from './pushed.js';
import { type MsgType } from './codec.js';
import { MessageReader, type Incoming } from './frame.js';
import { MessageWriter } from './send.js';
import { messageLimit } from './header.js';
import { net, tls, isLoopback } from './node.js';
import { answerRequestK as answer } from './answer.js';
import { register, unregister } from './handles.js';

export interface ConnectOptions {
  host?: string;
  port: number;
  user?: string;
  password?: string;
  /** TLS (true, or options for tls.connect) */
  tls?: boolean | Record<string, unknown>;
  /** milliseconds for connecting and for each sync request (0: none) */
  timeout?: number;
  /** compress large messages as kdb+ does (never on loopback); default true */
  compress?: boolean;
  /** evaluate sync requests the server sends back on this connection, as a kdb+
   *  client does (default true); false answers them with 'access */
  evaluate?: boolean;
  /** the capability byte of the handshake (default 3); 5 or 6 allow messages over
   *  2 GB both ways when the server answers 5 or more (basics/ipc.md) */
  capability?: number;
}

type Listener = (x: K, msgType: number) => void;
interface Pending { resolve: (k: K) => void; reject: (e: Error) => void; timer?: ReturnType<typeof setTimeout> }

export class Connection {
  #capability = 0;
  #socket!: Net.Socket;
  #reader!: MessageReader;
  #writer!: MessageWriter;
  #opts: ConnectOptions;
  #pending: Pending[] = [];
  #listeners = new Set<Listener>();
  #closed = false;
  #compress: boolean;
  #timeout: number;

  constructor(socket: Net.Socket, capability: number, opts: ConnectOptions, leftover: Uint8Array) {
    this.#opts = opts;
    this.#timeout = opts.timeout ?? 0;
    this.#compress = false;
    this.#attach(socket, capability, leftover);
  }

  #attach(socket: Net.Socket, capability: number, leftover: Uint8Array): void {
    this.#socket = socket;
    this.#capability = capability;
    this.#closed = false;
    this.#compress = (this.#opts.compress ?? true) && !isLoopback(socket.remoteAddress);
    this.#reader = new MessageReader((m) => this.#onMessage(m), messageLimit(capability));
    this.#writer = new MessageWriter(socket);
    socket.on('data', (c: Uint8Array) => { if (this.#socket === socket) this.#push(c); });
    socket.on('close', () => { if (this.#socket === socket) this.#fail(new QError('closed')); });
    socket.on('error', (e: Error) => { if (this.#socket === socket) this.#fail(new QError(e.message)); });
    if (leftover.length) this.#push(leftover);
  }

  /** The capability byte the server answered the handshake with. */
  get capability(): number { return this.#capability; }
  get closed(): boolean { return this.#closed; }

  /** Opens the connection again with the same options (after a close or a failure);
   *  requests still pending on the old socket reject with 'closed. */
  async reconnect(): Promise<this> {
    const old = this.#socket;
    this.#fail(new QError('closed'));
    old.destroy();
    const { socket, capability, leftover } = await open(this.#opts);
    this.#attach(socket, capability, leftover);
    return this;
  }

  /** Pushed messages as an async iterator (ends when the connection closes). */
  [Symbol.asyncIterator](): AsyncIterator<K> { return pushedMessages(this, this.#onClose); }
  #onClose = new Set<() => void>();

  #push(c: Uint8Array): void {
    try { this.#reader.push(c); } catch (e) { this.#fail(e as Error); this.#socket.destroy(); }
  }

  #onMessage(m: Incoming): void {
    if (m.msgType === 2) {
      const p = this.#pending.shift();
      if (p?.timer) clearTimeout(p.timer);
      if (!p) { m.value?.dispose(); return; }
      if (m.error) p.reject(m.error); else p.resolve(m.value!);
      return;
    }
    if (m.msgType === 1) {
      // a sync request from the server (a callback on .z.w, as kdb+ allows): evaluated
      // here through .z.pg with .z.w this connection's handle, and answered
      if (this.#opts.evaluate === false || !m.value) {
        this.#writer.bytes(serializeErr(m.error?.message ?? 'access'));
        m.value?.dispose();
        return;
      }
      try { this.#writer.bytes(answer(m.value, this.#qHandle(), this.#compress)); } finally { m.value.dispose(); }
      return;
    }
    if (!m.value) return;
    if (this.#listeners.size === 0) { m.value.dispose(); return; }
    for (const l of this.#listeners) l(m.value, m.msgType);
  }

  #handle = 0;
  /** This connection's number in q's handle table (.z.w while a request from the server runs). */
  #qHandle(): number {
    if (!this.#handle) {
      this.#handle = register({
        sync: () => { throw new QError('nyi'); }, // would block the thread that must read the answer
        async: (x: K) => this.#write(x, 0),
        close: () => { void this.close(); },
      });
    }
    return this.#handle;
  }

  #fail(e: Error): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#handle) { unregister(this.#handle); this.#handle = 0; }
    this.#reader.dispose();
    this.#writer.dispose();
    for (const f of this.#onClose) f();
    this.#onClose.clear();
    for (const p of this.#pending.splice(0)) { if (p.timer) clearTimeout(p.timer); p.reject(e); }
  }

  #write(x: K, msgType: MsgType): void {
    if (this.#closed) throw new QError('closed');
    this.#writer.value(x, msgType, { compress: this.#compress, capability: this.#capability });
  }

  /** Sends a sync request and resolves with the response (a new K). */
  sync(expr: string | K, ...args: unknown[]): Promise<K> {
    return new Promise<K>((resolve, reject) => {
      const x = requestOf(expr, args);
      try { this.#write(x, 1); } catch (e) { reject(e); return; } finally { x.dispose(); }
      const p: Pending = { resolve, reject };
      if (this.#timeout > 0) {
        p.timer = setTimeout(() => { this.#fail(new QError('timeout')); this.#socket.destroy(); }, this.#timeout);
      }
      this.#pending.push(p);
    });
  }
  query(expr: string | K, ...args: unknown[]): Promise<K> { return this.sync(expr, ...args); }

  /** Sends an async message (no response). */
  async(expr: string | K, ...args: unknown[]): void {
    const x = requestOf(expr, args);
    try { this.#write(x, 0); } finally { x.dispose(); }
  }
  send(expr: string | K, ...args: unknown[]): void { this.async(expr, ...args); }

  /** Listens for messages the server pushes (async): the value is the listener's to dispose. */
  on(event: 'message', f: Listener): this {
    if (event !== 'message') throw new QError('domain');
    this.#listeners.add(f);
    return this;
  }
  off(event: 'message', f: Listener): this { this.#listeners.delete(f); return this; }

  /** Closes the connection; pending requests reject with 'closed'. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#socket.destroyed) { this.#fail(new QError('closed')); resolve(); return; }
      this.#socket.once('close', () => resolve());
      this.#socket.end();
      this.#fail(new QError('closed'));
    });
  }
}

function serializeErr(text: string): Uint8Array {
  const t = new TextEncoder().encode(text);
  const out = new Uint8Array(10 + t.length);
  out[0] = 1; out[1] = 2;
  new DataView(out.buffer).setInt32(4, out.length, true);
  out[8] = 0x80; out.set(t, 9);
  return out;
}

/** Opens a connection: TCP (or TLS), then kdb+'s handshake ("user:password", capability 3). */
export async function connect(opts: ConnectOptions): Promise<Connection> {
  const { socket, capability, leftover } = await open(opts);
  return new Connection(socket, capability, opts, leftover);
}

function open(opts: ConnectOptions): Promise<{ socket: Net.Socket; capability: number; leftover: Uint8Array }> {
  const host = opts.host ?? '127.0.0.1';
  const auth = new TextEncoder().encode(`${opts.user ?? ''}:${opts.password ?? ''}`);
  return new Promise((resolve, reject) => {
    let socket: Net.Socket;
    const onConnect = () => {
      const hello = new Uint8Array(auth.length + 2);
      hello.set(auth); hello[auth.length] = opts.capability ?? 3; hello[auth.length + 1] = 0;
      socket.write(hello);
    };
    socket = opts.tls
      ? tls().connect({ host, port: opts.port, ...(typeof opts.tls === 'object' ? opts.tls : {}) }, onConnect)
      : net().connect({ host, port: opts.port }, onConnect);
    socket.setNoDelay(true);
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (opts.timeout) timer = setTimeout(() => { socket.destroy(); reject(new QError('timeout')); }, opts.timeout);
    const done = () => { if (timer) clearTimeout(timer); socket.off('data', onData); socket.off('error', onError); socket.off('close', onClose); };
    const onData = (c: Uint8Array) => {
      done();
      resolve({ socket, capability: c[0], leftover: c.subarray(1) });
    };
    const onError = (e: Error) => { done(); reject(new QError(e.message)); };
    const onClose = () => { done(); reject(new QError('access')); };
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
  });
}
