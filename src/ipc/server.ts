// A qwasm process as a kdb+ server: `listen({port, host})` from JS, `\p port` in q.
//
// kdb+'s handshake ("user:password" + capability byte + NUL; the answer is one
// byte, the common capability, or the socket closes for 'access), then
// messages: sync (1) evaluated through .z.pg and answered with a response (2),
// async (0) through .z.ps. A string is evaluated as q text, a list (f;args…)
// as a parse tree, as kdb+'s `value` does. .z.pw checks credentials, .z.po and
// .z.pc see connections open and close, .z.w .z.u .z.a describe the caller.
//
// Binds 127.0.0.1 unless told otherwise. Evaluation runs on this thread, one
// message at a time, as in kdb+.

import type * as Net from 'node:net';
import { K } from '../k.js';
import { QError } from '../errors.js';
import { globals, callPrim, apply, guarded, errName } from '../lang/eval.js';
import * as V from '../lang/values.js';
import { serialize, serializeError, type MsgType } from './codec.js';
import { MessageReader, type Incoming } from './frame.js';
import { net, isLoopback } from './node.js';
import { register, unregister } from './handles.js';

export interface ListenOptions {
  port: number;
  /** address to bind; 127.0.0.1 unless told otherwise */
  host?: string;
  /** largest message accepted, in bytes (default 1 GiB) */
  maxMessage?: number;
  /** credentials check besides .z.pw (e.g. from a -u file) */
  authenticate?: (user: string, password: string) => boolean;
}

export interface Server {
  readonly port: number;
  readonly host: string;
  /** stops listening and closes every client */
  close(): Promise<void>;
}

/** A global function hook such as .z.pg, if the q program set one. */
function hook(name: string): K | undefined {
  const f = globals.get(name);
  return f && f.type >= 100 ? f : undefined;
}

/** Runs f with .z.w .z.u .z.a set to the caller, restoring them after. */
function asCaller<T>(who: Caller, f: () => T): T {
  const saved = ['.z.w', '.z.u', '.z.a'].map((n) => [n, globals.get(n)] as const);
  globals.set('.z.w', V.intAtom(who.handle));
  globals.set('.z.u', V.symAtom(who.user));
  globals.set('.z.a', V.intAtom(who.addr));
  try { return f(); } finally {
    for (const [n, old] of saved) {
      globals.get(n)?.dispose();
      if (old) globals.set(n, old); else globals.delete(n);
    }
  }
}

interface Caller { handle: number; user: string; addr: number }

function ipv4(addr: string | undefined): number {
  const m = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(addr ?? '');
  if (!m) return 0;
  return ((+m[1] << 24) | (+m[2] << 16) | (+m[3] << 8) | +m[4]) | 0;
}

/** kdb+'s default evaluation of a message: text as q, anything else by `value`. */
export function evalMessage(x: K): K {
  return guarded(() => {
    if (x.type === 10 || x.type === -10) {
      const t = x.type === -10 ? V.charVec(V.textOf(x)) : x.ref();
      try { return callPrim('value', [t]); } finally { t.dispose(); }
    }
    return callPrim('value', [x]);
  });
}

/** Evaluates an async message pushed on handle h (as a client), through .z.ps. */
export function evalPushed(x: K, h: number): void {
  try { asCaller({ handle: h, user: '', addr: 0 }, () => handle(x, false)).dispose(); } catch { /* async: nobody to answer */ }
}

/** Evaluates one incoming message through the .z hook for its type. */
function handle(x: K, sync: boolean): K {
  const h = hook(sync ? '.z.pg' : '.z.ps');
  return h ? guarded(() => apply(h, [x])) : evalMessage(x);
}

const servers = new Set<Server>();

export function listen(opts: ListenOptions | number): Promise<Server> {
  const o: ListenOptions = typeof opts === 'number' ? { port: opts } : opts;
  const host = o.host ?? '127.0.0.1';
  const maxMessage = o.maxMessage ?? 1 << 30;
  const sockets = new Set<Net.Socket>();
  const srv = net().createServer((socket) => serve(socket));
  srv.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });

  function serve(socket: Net.Socket): void {
    socket.setNoDelay(true);
    const compress = !isLoopback(socket.remoteAddress);
    let hello: number[] = [];
    let who: Caller | undefined;
    let reader: MessageReader | undefined;
    const send = (b: Uint8Array) => { if (!socket.destroyed) socket.write(b); };

    const onMessage = (m: Incoming) => {
      if (!who) return;
      const sync = m.msgType === 1;
      if (m.error) { if (sync) send(serializeError(m.error.message)); return; }
      const x = m.value!;
      try {
        const r = asCaller(who, () => handle(x, sync));
        try { if (sync) send(serialize(r, { msgType: 2 as MsgType, compress })); } finally { r.dispose(); }
      } catch (e) {
        if (sync) send(serializeError(e instanceof QError ? e.message : errName(e)));
      } finally { x.dispose(); }
    };

    const accept = (user: string, password: string, cap: number): boolean => {
      const pw = hook('.z.pw');
      if (o.authenticate && !o.authenticate(user, password)) return false;
      if (pw) {
        const u = V.symAtom(user), p = V.charVec(password);
        try {
          const r = guarded(() => apply(pw, [u, p]));
          try { if (r.type !== -1 || V.intValue(r) !== 1) return false; } finally { r.dispose(); }
        } catch { return false; } finally { u.dispose(); p.dispose(); }
      }
      const conn = {
        sync: () => { throw new QError('nyi'); }, // a sync request to a client would block this thread
        async: (x: K) => send(serialize(x, { msgType: 0, compress })),
        close: () => socket.end(),
      };
      who = { handle: register(conn), user, addr: ipv4(socket.remoteAddress) };
      reader = new MessageReader(onMessage, maxMessage);
      send(Uint8Array.of(Math.min(cap, 3)));
      const po = hook('.z.po');
      if (po) runHook(po, who);
      return true;
    };

    socket.on('data', (chunk: Uint8Array) => {
      try {
        if (reader) { reader.push(chunk); return; }
        // handshake: bytes up to the NUL
        const z = chunk.indexOf(0);
        hello.push(...chunk.subarray(0, z < 0 ? chunk.length : z));
        if (hello.length > 1024) { socket.destroy(); return; }
        if (z < 0) return;
        const last = hello.length ? hello[hello.length - 1] : 0;
        const cap = last < 32 ? last : 0;
        const text = new TextDecoder().decode(Uint8Array.from(last < 32 ? hello.slice(0, -1) : hello));
        hello = [];
        const colon = text.indexOf(':');
        const user = colon < 0 ? text : text.slice(0, colon), password = colon < 0 ? '' : text.slice(colon + 1);
        if (!accept(user, password, cap)) { socket.destroy(); return; }
        const rest = chunk.subarray(z + 1);
        if (rest.length) reader!.push(rest);
      } catch {
        socket.destroy(); // a malformed stream ends its connection only
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      reader?.dispose();
      if (!who) return;
      const pc = hook('.z.pc');
      if (pc) runHook(pc, who);
      unregister(who.handle);
    });
  }

  return new Promise<Server>((resolve, reject) => {
    srv.once('error', (e: Error) => reject(new QError(e.message)));
    srv.listen(o.port, host, () => {
      const addr = srv.address() as Net.AddressInfo;
      const server: Server = {
        port: addr.port,
        host,
        close: () => new Promise<void>((res) => {
          servers.delete(server);
          for (const s of sockets) s.destroy();
          srv.close(() => res());
        }),
      };
      servers.add(server);
      resolve(server);
    });
  });
}

/** .z.po / .z.pc with the handle; their errors are the program's, not the client's. */
function runHook(f: K, who: Caller): void {
  const h = V.intAtom(who.handle);
  try { asCaller(who, () => guarded(() => apply(f, [h]))).dispose(); } catch { /* as kdb+: ignored */ } finally { h.dispose(); }
}

/** The servers this process runs (\p reports the first one's port). */
export function listening(): Server[] { return [...servers]; }
