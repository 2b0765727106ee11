// IPC in the q language: hopen, hclose, `h x` (sync), `neg[h] x` (async), \p.
//
// Outgoing connections are synchronous for q (see syncbridge.ts); incoming
// ones (this process serving) are registered by server.ts in the same table.

import { K } from '../k.js';
import { QError } from '../errors.js';
import { prim } from '../ops/registry.js';
import { handleHooks, systemHooks, dotzHooks } from '../lang/internals.js';
import * as V from '../lang/values.js';
import { callPrim, globals } from '../lang/eval.js';
import { alloc, mem } from '../runtime.js';
import { serialize, deserialize } from './codec.js';
import { register, unregister, get, find, openHandles, type QHandle } from './handles.js';
import { bridgeOpen, bridgeSync, bridgeRespond, bridgeAsync, bridgeClose, setBridgeListeners } from './syncbridge.js';
import { listen, listening, type Server } from './server.js';
import { evalPushed, answerRequest } from './answer.js';
import { isLoopback } from './node.js';
import { refuseToClients } from './sandbox.js';
import { clientTls } from './sslenv.js';
import { tlsDict } from './tlsstate.js';

interface Target { host: string; port: number; user: string; password: string; timeout: number; tls: boolean }

/** hopen's argument: port, `:host:port[:user:password], the same as a string, or (that;timeout). */
function targetOf(x: K): Target {
  if (x.type === 0) {
    const items = V.itemsOf(x);
    try {
      if (items.length !== 2) throw new QError('type');
      const t = targetOf(items[0]);
      const ms = V.intValue(items[1]);
      if (ms === null) throw new QError('type');
      return { ...t, timeout: ms };
    } finally { items.forEach((k) => k.dispose()); }
  }
  if (x.type === -7 || x.type === -6 || x.type === -5) {
    const p = V.intValue(x);
    if (p === null || p <= 0) throw new QError('domain');
    return { host: '127.0.0.1', port: p, user: '', password: '', timeout: 0, tls: false };
  }
  const text = x.type === -11 ? V.symsOf(x)[0] : x.type === 10 ? V.textOf(x) : undefined;
  if (text === undefined) throw new QError('type');
  // `:host:port[:user:pass], `:tcps://host:port[…] (TLS), `:tcp://host:port[…]
  const m = /^:(tcps?:\/\/)?([^:]*):(\d+)(?::([^:]*)(?::(.*))?)?$/.exec(text);
  if (!m) throw new QError('nyi'); // file and other handles are not this layer's
  return { host: m[2] || '127.0.0.1', port: Number(m[3]), user: m[4] ?? '', password: m[5] ?? '', timeout: 0, tls: m[1] === 'tcps://' };
}

/** Whether each outgoing connection compresses (not on loopback, as kdb+). */
const compressFor = new Map<number, boolean>();

/** The handle object of one outgoing q-level connection. */
function outgoing(t: Target, slot: { id: number }): QHandle {
  const compress = !isLoopback(t.host);
  return {
    sync(x: K): K {
      let r = bridgeSync(slot.id, serialize(x, { msgType: 1, compress }), t.timeout);
      for (;;) {
        for (const p of r.pushed) pushed(slot.id, p);
        if (!r.request) return deserialize(r.bytes);
        // the server called back with a sync request while we waited: answer it here
        r = bridgeRespond(slot.id, answerRequest(r.bytes, slot.id, compress), t.timeout);
      }
    },
    async(x: K): void { bridgeAsync(slot.id, serialize(x, { msgType: 0, compress })); },
    close(): void { compressFor.delete(slot.id); bridgeClose(slot.id); },
  };
}

function pushed(h: number, bytes: Uint8Array): void {
  // a sync request while idle: evaluated, and the response goes back on its own
  if (bytes[1] === 1) { bridgeAsync(h, answerRequest(bytes, h, compressFor.get(h) ?? false)); return; }
  let x: K;
  try { x = deserialize(bytes); } catch { return; }
  try { evalPushed(x, h); } finally { x.dispose(); }
}
setBridgeListeners(pushed, (h) => { compressFor.delete(h); unregister(h); });

export function hopen(x: K): K {
  const t = targetOf(x);
  const slot = { id: 0 };
  const conn = outgoing(t, slot);
  const h = register(conn);
  slot.id = h;
  compressFor.set(h, !isLoopback(t.host));
  try {
    conn.tls = bridgeOpen(h, t.host, t.port, `${t.user}:${t.password}`, t.timeout, t.tls ? clientTls() : undefined).tls ?? null;
  } catch (e) { unregister(h); compressFor.delete(h); throw e; }
  return V.intAtom(h);
}

export function hclose(x: K): K {
  const n = V.intValue(x);
  if (n === null) throw new QError('type');
  get(n).close();
  unregister(Math.abs(n));
  return V.nil();
}

prim('hopen', { monad: hopen });
prim('hclose', { monad: hclose });

handleHooks.apply = (n: number, x: K): K => {
  // the evaluator asks isOpen first (a closed handle is kdb+'s failed write,
  // basics/ipc.md); a handle closed in between fails the same way here
  const h = find(n);
  if (!h) throw new QError(`Cannot write to handle ${Math.abs(n)}. OS reports: Bad file descriptor`);
  if (n > 0) return h.sync(x);
  // neg[h][] flushes: writes already leave in order, so there is nothing to wait for
  if (V.isNil(x)) return V.nil();
  h.async(x);
  return V.nil();
};

handleHooks.isOpen = (n: number): boolean => openHandles().includes(Math.abs(n));

// `:host:port x — a one-shot sync query: open, ask, close (basics/ipc.md)
handleHooks.oneShot = (address: K, x: K): K | undefined => {
  if (!/^:(tcps?:\/\/)?[^:]*:\d+(:|$)/.test(V.symsOf(address)[0])) return undefined;
  const h = hopen(address);
  try {
    const n = V.intValue(h)!;
    try { return get(n).sync(x); } finally { get(n).close(); unregister(n); }
  } finally { h.dispose(); }
};

// .z.H: the open handles; .z.W: each with the bytes waiting to be sent (none wait
// here: writes go to the socket at once, the OS buffers them)
function intVec(xs: number[]): K {
  const p = alloc(6, xs.length);
  mem().i32.set(xs, (p + 16) >>> 2);
  return new K(p);
}
dotzHooks.H = () => intVec(openHandles().sort((a, b) => a - b));
// outside a client's message (which sets them, server.ts): .z.w is the console's
// handle 0, .z.u the process's user, .z.a this host's address (ref/dotz.md)
dotzHooks.w = () => V.intAtom(0);
// .z.e: the TLS state of the connection whose message runs (.z.w), empty at the console
dotzHooks.e = () => {
  const w = globals.get('.z.w');
  const h = w ? V.intValue(w) : 0;
  return tlsDict(h ? find(h)?.tls : null);
};
dotzHooks.u = () => V.symAtom(osInfo().user);
dotzHooks.a = () => V.intAtom(osInfo().addr);
function osInfo(): { user: string; addr: number } {
  const g = globalThis as { process?: { getBuiltinModule?: (m: string) => unknown } };
  const os = g.process?.getBuiltinModule?.('node:os') as typeof import('node:os') | undefined;
  if (!os) return { user: '', addr: 0 };
  let user = '';
  try { user = os.userInfo().username; } catch { /* no such user entry */ }
  const v4 = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address ?? '127.0.0.1';
  const [a, b, c, d] = v4.split('.').map(Number);
  return { user, addr: ((a << 24) | (b << 16) | (c << 8) | d) | 0 };
}
dotzHooks.W = () => {
  const hs = openHandles().sort((a, b) => a - b);
  const k = intVec(hs), v = V.longVec(hs.map(() => 0));
  try { return callPrim('!', [k, v]); } finally { k.dispose(); v.dispose(); }
};

// \p [port]: the listening port (0: none); \p N starts listening, \p 0 stops.
let current: Server | undefined;
let starting: Promise<Server> | undefined;
systemHooks.p = (arg: string): K | null => {
  if (!arg) return V.intAtom(current?.port ?? listening()[0]?.port ?? 0);
  refuseToClients();
  const m = /^(?:([^:]*):)?(-?\d+)$/.exec(arg);
  if (!m) throw new QError('type');
  const port = Number(m[2]);
  const old = current;
  current = undefined;
  void old?.close();
  if (port === 0) return null;
  starting = listen({ port: Math.abs(port), host: m[1] || undefined });
  starting.then((s) => { current = s; }, (e: Error) => {
    const g = globalThis as { process?: { stderr?: { write(s: string): void } } };
    g.process?.stderr?.write(`'${e.message}\n`);
  });
  return null;
};

/** Resolves once a `\p` listener is up (tests and scripts that need the port bound). */
export function whenListening(): Promise<Server | undefined> { return starting ?? Promise.resolve(undefined); }
